// A case's whole life over HTTP: register, sign in, upload, apply with an Idempotency-Key, accept, ask for a
// supplement, supplement, approve, issue, deliver, close — with the deadlines started at acceptance and moved by
// the supplement pause, the hash-chained events, and the lists each role sees.
#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>
#include <set>

#include "case_scenario.h"
#include "domain/audit_chain.h"
#include "shared_node.h"

namespace tongban::api_test {
namespace {

using std::chrono::day;
using std::chrono::March;
using std::chrono::year;

class CaseLifeTest : public SharedNodeTest {};

std::int64_t version_of(const boost::json::object& kase) {
  return kase.at("version").as_int64();
}

std::set<std::string> listed_ids(const HttpClient& client, const std::string& token, const std::string& query = "") {
  auto answer = client.get("/api/v1/cases" + query, token);
  EXPECT_EQ(answer.status, 200) << answer.body;
  std::set<std::string> ids;
  auto json = answer.json();
  if (!json.is_object()) return ids;
  for (const auto& kase : json.at("cases").as_array()) ids.insert(text(kase, "id"));
  return ids;
}

// Acts and checks the answer: 200, the new state, the version one up, the ETag the new version.
boost::json::object act_ok(const HttpClient& client, const std::string& token, const boost::json::object& kase,
                           const boost::json::object& body, std::string_view expected_state) {
  auto answer = act(client, token, text(kase, "id"), version_of(kase), body);
  EXPECT_EQ(answer.status, 200) << boost::json::serialize(body) << " -> " << answer.body;
  auto json = answer.json();
  if (!json.is_object()) return kase;
  const auto& next = json.as_object();
  EXPECT_EQ(text(next, "state"), expected_state);
  EXPECT_EQ(version_of(next), version_of(kase) + 1);
  EXPECT_EQ(answer.header("ETag"), "\"" + std::to_string(version_of(next)) + "\"");
  return next;
}

TEST_F(CaseLifeTest, FromRegistrationToClosedWithDeadlinesAndEvents) {
  auto http = client();
  // Register and sign in over HTTP.
  std::string number = valid_cn_ric(901);
  auto registered =
      http.post("/api/v1/accounts",
                boost::json::serialize(boost::json::object{{"kind", "natural_person"},
                                                           {"login", "life@example.mo"},
                                                           {"password", "Life-of-a-case-1"},
                                                           {"display_name", "陈大文"},
                                                           {"id_document", {{"type", "CN_RIC"}, {"number", number}}}}));
  ASSERT_EQ(registered.status, 201) << registered.body;
  TestAccount applicant{
      text(registered.json(), "id"), "life@example.mo", "Life-of-a-case-1", "", domain::Role::applicant, number};
  auto session = http.post("/api/v1/sessions", R"({"login":"life@example.mo","password":"Life-of-a-case-1"})");
  ASSERT_EQ(session.status, 201) << session.body;
  applicant.token = text(session.json(), "token");
  ASSERT_FALSE(applicant.token.empty());
  auto me = http.get("/api/v1/accounts/me", applicant.token);
  ASSERT_EQ(me.status, 200);
  EXPECT_EQ(text(me.json(), "id"), applicant.id);
  EXPECT_EQ(text(me.json(), "role"), "applicant");

  // Upload: the type comes from the bytes, the address from the content.
  auto bank_card_png = png_bytes("life bank card");
  auto uploaded = http.request("POST", "/api/v1/blobs", bearer(applicant.token, {{"Content-Type", "application/pdf"}}),
                               bank_card_png);
  ASSERT_EQ(uploaded.status, 201) << uploaded.body;
  EXPECT_EQ(text(uploaded.json(), "media_type"), "image/png");
  EXPECT_EQ(text(uploaded.json(), "size"), std::to_string(bank_card_png.size()));
  EXPECT_EQ(upload_blob(http, applicant.token, bank_card_png), text(uploaded.json(), "sha256"));
  auto materials = upload_required_materials(http, applicant.token, "life");

  // Apply with an Idempotency-Key.
  auto opened = open_case(http, applicant.token, application(applicant, materials), "life-first-application");
  ASSERT_EQ(opened.status, 201) << opened.body;
  auto kase = opened.json().as_object();
  const std::string id = text(kase, "id");
  EXPECT_TRUE(id.starts_with("JM-2026-")) << id;
  EXPECT_EQ(opened.header("Location"), "/api/v1/cases/" + id);
  EXPECT_EQ(opened.header("ETag"), "\"1\"");
  EXPECT_EQ(text(kase, "state"), "submitted");
  EXPECT_EQ(text(kase, "authority"), kItemAuthority);
  EXPECT_EQ(text(kase, "applicant_id"), applicant.id);
  EXPECT_EQ(text(kase.at("deadline"), "status"), "none");
  EXPECT_TRUE(kase.at("deadline").at("legal_due").is_null());

  // Lists per role: the applicant and the reviewer of the authority see it; others do not.
  auto reviewer = node().add_reviewer("life-reviewer", std::string(kItemAuthority));
  auto other_reviewer = node().add_reviewer("life-other-reviewer", std::string(kOtherAuthority));
  auto other_applicant = node().register_applicant("life-other");
  auto admin = node().add_admin("life-admin");
  EXPECT_TRUE(listed_ids(http, applicant.token).count(id));
  EXPECT_TRUE(listed_ids(http, reviewer.token, "?state=submitted").count(id));
  EXPECT_FALSE(listed_ids(http, reviewer.token, "?state=accepted").count(id));
  EXPECT_TRUE(listed_ids(http, admin.token).count(id));
  EXPECT_FALSE(listed_ids(http, other_reviewer.token).count(id));
  EXPECT_FALSE(listed_ids(http, other_applicant.token).count(id));

  // Accept on Monday 2026-03-02: counting starts Tuesday; 5 working days legal, 1 promised.
  kase = act_ok(http, reviewer.token, kase, {{"action", "accept"}}, "accepted");
  const auto& deadline = kase.at("deadline");
  EXPECT_EQ(text(deadline, "accepted_on"), "2026-03-02");
  EXPECT_EQ(text(deadline, "legal_due"), "2026-03-09");
  EXPECT_EQ(text(deadline, "promised_due"), "2026-03-03");
  EXPECT_EQ(text(deadline, "status"), "due_soon");

  // Tuesday: the reviewer asks for a supplement; the clock stops.
  // A day later yesterday's tokens have expired (12 h sessions): sign in again.
  node().set_today({year{2026}, March, day{3}});
  EXPECT_EQ(http.get("/api/v1/accounts/me", reviewer.token).status, 401);
  reviewer.token = node().sign_in(reviewer);
  kase = act_ok(http, reviewer.token, kase,
                {{"action", "request_supplement"}, {"note", "The bank card is unreadable."}}, "supplement_requested");
  EXPECT_EQ(text(kase.at("deadline"), "paused_since"), "2026-03-03");
  EXPECT_EQ(text(kase.at("deadline"), "status"), "paused");

  // Friday: the applicant supplies a new scan; Wednesday to Friday (3 working days) extend both due dates.
  node().set_today({year{2026}, March, day{6}});
  reviewer.token = node().sign_in(reviewer);
  applicant.token = node().sign_in(applicant);
  std::string new_scan = upload_blob(http, applicant.token, png_bytes("life bank card, second scan"));
  kase = act_ok(
      http, applicant.token, kase,
      {{"action", "supplement"}, {"materials", boost::json::array{{{"material_id", "bank_card"}, {"blob", new_scan}}}}},
      "in_review");
  EXPECT_EQ(text(kase.at("deadline"), "paused_working_days"), "3");
  EXPECT_EQ(text(kase.at("deadline"), "legal_due"), "2026-03-12");
  EXPECT_EQ(text(kase.at("deadline"), "promised_due"), "2026-03-06");
  EXPECT_TRUE(kase.at("deadline").at("paused_since").is_null());
  bool replaced = false;
  for (const auto& material : kase.at("materials").as_array())
    if (text(material, "material_id") == "bank_card") replaced = text(material, "blob") == new_scan;
  EXPECT_TRUE(replaced) << "the supplement replaces the bank card scan";
  EXPECT_EQ(kase.at("materials").as_array().size(), 3u);

  kase = act_ok(http, reviewer.token, kase, {{"action", "approve"}, {"note", "Records found."}}, "approved");
  kase = act_ok(http, reviewer.token, kase, {{"action", "issue_result"}, {"note", "Certificate JM-CA-2026-77"}},
                "result_issued");
  EXPECT_EQ(text(kase, "result_note"), "Certificate JM-CA-2026-77");
  kase = act_ok(http, reviewer.token, kase, {{"action", "deliver"}, {"delivery_method", "electronic"}}, "delivered");
  kase = act_ok(http, reviewer.token, kase, {{"action", "close"}}, "closed");
  EXPECT_TRUE(kase.at("available_actions").as_array().empty());

  // The applicant reads the final case; a conditional GET with the current ETag is 304.
  auto final_case = read_case(http, applicant.token, id);
  ASSERT_TRUE(final_case);
  EXPECT_EQ(text(*final_case, "state"), "closed");
  EXPECT_EQ(version_of(*final_case), 8);
  auto unchanged = http.request("GET", "/api/v1/cases/" + id, bearer(applicant.token, {{"If-None-Match", "\"8\""}}));
  EXPECT_EQ(unchanged.status, 304);
  // If-None-Match compares weakly and may be a list or "*" (RFC 9110 §13.1.2); an older version gets the case.
  for (std::string field : {"W/\"8\"", "\"7\", \"8\"", "*"}) {
    auto answer = http.request("GET", "/api/v1/cases/" + id, bearer(applicant.token, {{"If-None-Match", field}}));
    EXPECT_EQ(answer.status, 304) << field;
    EXPECT_TRUE(answer.body.empty()) << field;
  }
  EXPECT_EQ(http.request("GET", "/api/v1/cases/" + id, bearer(applicant.token, {{"If-None-Match", "\"7\""}})).status,
            200);

  // Events: one per transition, each starting where the previous ended, sealed into the node's hash chain.
  auto events = http.get("/api/v1/cases/" + id + "/events", applicant.token);
  ASSERT_EQ(events.status, 200);
  auto events_json = events.json();
  const auto& list = events_json.at("events").as_array();
  std::vector<std::string> actions;
  for (const auto& event : list) actions.push_back(text(event, "action"));
  EXPECT_EQ(actions, (std::vector<std::string>{"submit", "accept", "request_supplement", "supplement", "approve",
                                               "issue_result", "deliver", "close"}));
  std::string previous_to = "draft";
  std::int64_t previous_sequence = 0;
  for (const auto& event : list) {
    EXPECT_EQ(text(event, "from_state"), previous_to);
    previous_to = text(event, "to_state");
    EXPECT_GT(event.at("sequence").as_int64(), previous_sequence);
    previous_sequence = event.at("sequence").as_int64();
  }
  EXPECT_EQ(previous_to, "closed");
  auto stored = node().node().store().list_events(id);
  ASSERT_EQ(stored.size(), list.size());
  for (std::size_t i = 0; i < stored.size(); ++i) {
    EXPECT_EQ(stored[i].hash, text(list[i], "hash"));
    EXPECT_EQ(domain::event_hash(stored[i], stored[i].prev_hash), stored[i].hash) << "event " << i;
    if (i > 0 && stored[i].sequence == stored[i - 1].sequence + 1) {
      EXPECT_EQ(stored[i].prev_hash, stored[i - 1].hash);
    }
  }
}

TEST_F(CaseLifeTest, ListsArePerRoleAndPaginatedByCursor) {
  auto http = client();
  auto applicant = node().register_applicant("lists-applicant");
  auto clerk = node().add_clerk("lists-clerk", std::string(kIntakePoint));
  auto clerk_elsewhere = node().add_clerk("lists-clerk-elsewhere", std::string(kOtherPoint));
  auto materials = upload_required_materials(http, applicant.token, "lists");
  std::set<std::string> own, at_window;
  for (int i = 0; i < 3; ++i)
    own.insert(text(open_case_ok(http, applicant.token, application(applicant, materials)), "id"));
  auto scanned = upload_required_materials(http, clerk.token, "lists-window");
  for (int i = 0; i < 2; ++i)
    at_window.insert(text(open_case_ok(http, clerk.token, application(applicant, scanned, true)), "id"));

  // The clerk's queue is the cases taken in at their window; the applicant sees all five of theirs.
  EXPECT_EQ(listed_ids(http, clerk.token), at_window);
  EXPECT_TRUE(listed_ids(http, clerk_elsewhere.token).empty());
  std::set<std::string> all = own;
  all.insert(at_window.begin(), at_window.end());
  EXPECT_EQ(listed_ids(http, applicant.token), all);

  // Two at a time: three pages, no case twice, none missing, the last page without a cursor.
  std::set<std::string> paged;
  std::string cursor;
  int pages = 0;
  do {
    auto answer =
        http.get("/api/v1/cases?limit=2" + (cursor.empty() ? std::string() : "&cursor=" + cursor), applicant.token);
    ASSERT_EQ(answer.status, 200) << answer.body;
    auto json = answer.json();
    EXPECT_LE(json.at("cases").as_array().size(), 2u);
    for (const auto& kase : json.at("cases").as_array()) EXPECT_TRUE(paged.insert(text(kase, "id")).second);
    cursor = text(json, "next_cursor");
    ASSERT_LT(++pages, 10);
  } while (!cursor.empty());
  EXPECT_EQ(paged, all);
  EXPECT_EQ(pages, 3);

  auto bad_limit = http.get("/api/v1/cases?limit=0", applicant.token);
  EXPECT_EQ(bad_limit.status, 400);
  EXPECT_EQ(bad_limit.problem_type(), "/problems/validation-failed");
  auto bad_cursor = http.get("/api/v1/cases?cursor=not-a-cursor", applicant.token);
  EXPECT_EQ(bad_cursor.status, 400);
  EXPECT_EQ(bad_cursor.problem_type(), "/problems/validation-failed");
}

}  // namespace
}  // namespace tongban::api_test
