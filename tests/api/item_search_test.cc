// GET /api/v1/items over HTTP: pages by offset or by page (not both), page and pages in the answer, the relevance
// rules (a query of only function words or single letters matches nothing; weak matches under the cut-off are not
// listed) and equal scores ordered for this node (Jiangmen: its items, then the zones it hosts, then the others).
#include <gtest/gtest.h>

#include "node_under_test.h"
#include "shared_node.h"

namespace tongban::api_test {
namespace {

class ItemSearchTest : public SharedNodeTest {};

std::vector<std::string> codes(const boost::json::value& page) {
  std::vector<std::string> out;
  for (const auto& item : page.at("items").as_array()) out.emplace_back(item.at("code").as_string());
  return out;
}

TEST_F(ItemSearchTest, PageIsOffsetByLimitAndTheAnswerSaysWhichPageOfHowMany) {
  auto by_page = client().get("/api/v1/items?zone=ZONE-MO-IN-JM&limit=20&page=3");
  ASSERT_EQ(by_page.status, 200) << by_page.body;
  const auto json = by_page.json();
  EXPECT_EQ(json.at("total"), 107);
  EXPECT_EQ(json.at("offset"), 40);
  EXPECT_EQ(json.at("limit"), 20);
  EXPECT_EQ(json.at("page"), 3);
  EXPECT_EQ(json.at("pages"), 6);
  EXPECT_EQ(codes(json).size(), 20u);
  auto by_offset = client().get("/api/v1/items?zone=ZONE-MO-IN-JM&limit=20&offset=40");
  EXPECT_EQ(codes(by_offset.json()), codes(json));
  EXPECT_EQ(by_offset.json().at("page"), 3);
  // Without either: the first page of 20, as before.
  const auto first = client().get("/api/v1/items?zone=ZONE-MO-IN-JM").json();
  EXPECT_EQ(first.at("offset"), 0);
  EXPECT_EQ(first.at("page"), 1);
  EXPECT_EQ(first.at("pages"), 6);
}

TEST_F(ItemSearchTest, PageWithOffsetOrOutOfRangeIsAValidationProblem) {
  for (const char* target :
       {"/api/v1/items?page=2&offset=20", "/api/v1/items?page=0", "/api/v1/items?page=x", "/api/v1/items?page=-1"}) {
    auto answer = client().get(target);
    EXPECT_EQ(answer.status, 400) << target;
    EXPECT_EQ(answer.problem_type(), "/problems/validation-failed") << target;
    EXPECT_NE(answer.body.find("\"page\""), std::string::npos) << answer.body;
  }
}

TEST_F(ItemSearchTest, GenericQueriesDoNotReturnTheWholeCatalog) {
  const auto identity = client().get("/api/v1/items?q=%E8%BA%AB%E4%BB%BD%E8%AD%89").json();  // 身份證
  EXPECT_GT(identity.at("total").as_int64(), 0);
  EXPECT_LT(identity.at("total").as_int64(), 50);
  for (const char* target : {"/api/v1/items?q=a", "/api/v1/items?q=the", "/api/v1/items?q=de+da"}) {
    const auto none = client().get(target).json();
    EXPECT_EQ(none.at("total"), 0) << target;
    EXPECT_TRUE(none.at("items").as_array().empty()) << target;
  }
  EXPECT_EQ(codes(client().get("/api/v1/items?q=MO-DSI-008").json()).front(), "MO-DSI-008");
}

TEST_F(ItemSearchTest, EqualScoresListTheZonesThisNodeHostsBeforeOtherItems) {
  // Macao's 133 items in Jiangmen: the 107 of the Macao zone Jiangmen hosts come first, MO-CRC-001 (not in it)
  // after them.
  const auto first = client().get("/api/v1/items?jurisdiction=MO&limit=100").json();
  EXPECT_EQ(first.at("total"), 133);
  const auto list = codes(first);
  EXPECT_EQ(std::count(list.begin(), list.end(), "MO-CRC-001"), 0);
  const auto rest = codes(client().get("/api/v1/items?jurisdiction=MO&limit=100&page=2").json());
  EXPECT_EQ(std::count(rest.begin(), rest.end(), "MO-CRC-001"), 1);
}

}  // namespace
}  // namespace tongban::api_test
