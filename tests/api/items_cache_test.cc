// Catalog reads are served from the snapshot's serialised documents with a strong ETag: the same bytes and tag
// every time, 304 Not Modified with no body on a matching If-None-Match (weak comparison, "*", lists), 200 on any
// other tag, a new tag once a catalog install changes the item, and the lists' bytes per language.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "case_scenario.h"
#include "catalog/item_json.h"
#include "node_under_test.h"
#include "shared_node.h"

namespace tongban::api_test {
namespace {

namespace fs = std::filesystem;

const std::string kItemPath = "/api/v1/items/" + std::string(kItemCode);

class ItemsCacheTest : public SharedNodeTest {};

HttpAnswer get_with(const HttpClient& client, const std::string& target, const std::string& if_none_match) {
  return client.request("GET", target, {{"If-None-Match", if_none_match}});
}

bool is_strong_tag(const std::string& tag) {
  return tag.size() == 34 && tag.front() == '"' && tag.back() == '"' &&
         tag.find_first_not_of("0123456789abcdef", 1) == 33;
}

TEST_F(ItemsCacheTest, AnItemHasTheSameStrongTagAndBytesEveryTime) {
  auto first = client().get(kItemPath);
  auto second = client().get(kItemPath);
  ASSERT_EQ(first.status, 200) << first.body;
  ASSERT_EQ(second.status, 200);
  EXPECT_TRUE(is_strong_tag(first.header("ETag"))) << first.header("ETag");
  EXPECT_EQ(first.header("ETag"), second.header("ETag"));
  EXPECT_EQ(first.body, second.body);
  EXPECT_EQ(first.header("Cache-Control"), "public, max-age=60");
  EXPECT_EQ(first.header("Content-Type"), "application/json");
  // The cached bytes are the item's JSON as before.
  const auto* item = node().node().catalog()->catalog.find_item(kItemCode);
  ASSERT_NE(item, nullptr);
  EXPECT_EQ(first.json(), boost::json::value(catalog::item_to_json(*item)));
}

TEST_F(ItemsCacheTest, AMatchingIfNoneMatchIsAnsweredNotModifiedWithoutABody) {
  std::string tag = client().get(kItemPath).header("ETag");
  ASSERT_FALSE(tag.empty());
  for (const std::string& field : {tag, "W/" + tag, "\"other\", " + tag, std::string("*")}) {
    auto answer = get_with(client(), kItemPath, field);
    EXPECT_EQ(answer.status, 304) << field;
    EXPECT_TRUE(answer.body.empty()) << field;
    EXPECT_EQ(answer.header("ETag"), tag) << field;
    EXPECT_EQ(answer.header("Cache-Control"), "public, max-age=60") << field;
  }
}

TEST_F(ItemsCacheTest, AnotherTagGetsTheWholeItem) {
  auto full = client().get(kItemPath);
  for (const std::string& field :
       {std::string("\"00000000000000000000000000000000\""), std::string("\"a\", \"b\""), std::string("not a tag")}) {
    auto answer = get_with(client(), kItemPath, field);
    EXPECT_EQ(answer.status, 200) << field;
    EXPECT_EQ(answer.body, full.body) << field;
  }
}

TEST_F(ItemsCacheTest, AnUnknownItemIsStillNotFound) {
  auto answer = get_with(client(), "/api/v1/items/JM-XX-999", "*");
  EXPECT_EQ(answer.status, 404);
  EXPECT_EQ(answer.problem_type(), "/problems/not-found");
}

std::string search_target(std::string_view lang) {
  return "/api/v1/items?q=%E5%A9%9A%E5%A7%BB&limit=5&lang=" + std::string(lang);  // q=婚姻
}

TEST_F(ItemsCacheTest, SearchBytesAndTagsArePerLanguage) {
  auto english = client().get(search_target("en"));
  auto portuguese = client().get(search_target("pt"));
  ASSERT_EQ(english.status, 200) << english.body;
  ASSERT_EQ(portuguese.status, 200) << portuguese.body;
  EXPECT_NE(english.body, portuguese.body);
  EXPECT_NE(english.header("ETag"), portuguese.header("ETag"));
  EXPECT_TRUE(is_strong_tag(english.header("ETag")));
  EXPECT_EQ(english.header("Vary"), "Accept-Language");
  EXPECT_EQ(client().get(search_target("en")).header("ETag"), english.header("ETag"));
  auto again = get_with(client(), search_target("en"), english.header("ETag"));
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());
  EXPECT_EQ(get_with(client(), search_target("pt"), english.header("ETag")).status, 200);
}

// The list is spliced from the cached summaries: it must be the very JSON the summaries and scores make.
TEST_F(ItemsCacheTest, SearchListsTheSummariesWithTheirScores) {
  auto answer = client().get(search_target("zh-Hant"));
  ASSERT_EQ(answer.status, 200) << answer.body;
  auto json = answer.json().as_object();
  const auto& items = json.at("items").as_array();
  ASSERT_FALSE(items.empty());
  auto snapshot = node().node().catalog();
  for (const auto& listed : items) {
    const auto* item = snapshot->catalog.find_item(listed.at("code").as_string());
    ASSERT_NE(item, nullptr);
    auto expected = catalog::item_summary_json(*item, domain::Language::zh_Hant);
    expected["score"] = listed.at("score");
    EXPECT_EQ(listed, boost::json::value(expected));
  }
  EXPECT_EQ(json.at("offset"), 0);
  EXPECT_EQ(json.at("limit"), 5);
  EXPECT_GE(json.at("total").to_number<std::int64_t>(), static_cast<std::int64_t>(items.size()));
}

void replace_in_file(const fs::path& file, std::string_view from, std::string_view to) {
  std::ifstream in(file);
  std::stringstream text;
  text << in.rdbuf();
  std::string content = text.str();
  auto at = content.find(from);
  ASSERT_NE(at, std::string::npos) << from;
  content.replace(at, from.size(), to);
  std::ofstream(file, std::ios::trunc) << content;
}

TEST(ItemsCacheInstall, AnInstalledCatalogThatChangesTheItemGivesANewTag) {
  NodeUnderTest node;
  auto before = node.client().get(kItemPath);
  ASSERT_EQ(before.status, 200);
  fs::path tree = fs::temp_directory_path() / ("tongban-items-cache-" + std::to_string(::getpid()));
  fs::remove_all(tree);
  fs::copy(TONGBAN_SOURCE_DIR "/data/catalog", tree, fs::copy_options::recursive);
  replace_in_file(tree / "CN-GD-JM/items/JM-CA.toml", "en = \"Certificate of marriage registration records\" }",
                  "en = \"Certificate of the marriage registration records\" }");
  node.node().install_catalog(tree);
  fs::remove_all(tree);

  auto after = node.client().get(kItemPath);
  ASSERT_EQ(after.status, 200);
  EXPECT_NE(after.header("ETag"), before.header("ETag"));
  EXPECT_NE(after.body.find("Certificate of the marriage registration records"), std::string::npos);
  EXPECT_EQ(get_with(node.client(), kItemPath, before.header("ETag")).status, 200);  // the old copy is stale
  EXPECT_EQ(get_with(node.client(), kItemPath, after.header("ETag")).status, 304);
}

}  // namespace
}  // namespace tongban::api_test
