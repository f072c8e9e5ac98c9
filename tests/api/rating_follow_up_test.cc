// 好差评 over HTTP (node/rating_desk.h, docs/ratings.md): an applicant rates a finished case once per channel; a bad
// rating opens a follow-up for the authority due 15 working days later in Jiangmen's calendar; the reviewer answers
// (in time, or late and marked late), the applicant answers back; each step is an event of the case's hash chain.
// Refusals (unfinished case, bad level, a text too long, a second rating, the wrong reviewer, an answer before the
// response) change nothing. Ratings an older node kept in ratings.jsonl are taken into the store at start.
#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>
#include <fstream>

#include "case_scenario.h"
#include "node/rating_desk.h"
#include "node_under_test.h"

namespace tongban::api_test {
namespace {

class RatingFollowUp : public ::testing::Test {
 protected:
  void SetUp() override {
    node.set_today(*domain::parse_date("2026-12-01"));
    applicant = node.register_applicant("rating-applicant");
    reviewer = node.add_reviewer("rating-reviewer", std::string(kItemAuthority));
    other_reviewer = node.add_reviewer("rating-other-reviewer", std::string(kOtherAuthority));
    admin = node.add_admin("rating-admin");
  }

  // A case of the applicant taken to `last` (an action word) by the reviewer.
  std::string case_until(const std::vector<std::string>& actions) {
    auto materials = upload_required_materials(http, applicant.token, "rating");
    auto kase = open_case_ok(http, applicant.token, application(applicant, materials));
    std::string id = text(kase, "id");
    for (const auto& action : actions) {
      auto current = read_case(http, reviewer.token, id);
      boost::json::object body{{"action", action}};
      if (action == "deliver") body["delivery_method"] = "electronic";
      auto answer = act(http, reviewer.token, id, current->at("version").as_int64(), body);
      EXPECT_EQ(answer.status, 200) << action << ": " << answer.body;
    }
    return id;
  }
  std::string finished_case() { return case_until({"accept", "start_review", "approve", "issue_result", "deliver"}); }

  HttpAnswer rate(const std::string& id, const std::string& body, const std::string& token) {
    return http.post("/api/v1/cases/" + id + "/ratings", body, token);
  }
  boost::json::object ratings_of(const std::string& id, const std::string& token) {
    auto answer = http.get("/api/v1/cases/" + id + "/ratings", token);
    EXPECT_EQ(answer.status, 200) << answer.body;
    return answer.json().as_object();
  }
  std::vector<std::string> actions_of(const std::string& id) {
    auto answer = http.get("/api/v1/cases/" + id + "/events", admin.token);
    std::vector<std::string> actions;
    auto json = answer.json();
    for (const auto& event : json.at("events").as_array()) actions.push_back(text(event, "action"));
    return actions;
  }
  void next_day(const std::string& date) {
    node.set_today(*domain::parse_date(date));
    applicant.token = node.sign_in(applicant);
    reviewer.token = node.sign_in(reviewer);
    other_reviewer.token = node.sign_in(other_reviewer);
    admin.token = node.sign_in(admin);
  }

  NodeUnderTest node;
  HttpClient http = node.client();
  TestAccount applicant, reviewer, other_reviewer, admin;
};

TEST_F(RatingFollowUp, ABadRatingIsFollowedUpWithinItsDeadlineAndTheApplicantAnswers) {
  auto id = finished_case();
  auto rated = rate(id, R"({"level":2,"comment":"排队太久，窗口只开一个。"})", applicant.token);
  ASSERT_EQ(rated.status, 201) << rated.body;
  EXPECT_EQ(text(rated.json(), "channel"), "web");
  EXPECT_TRUE(rated.json().at("bad").as_bool());

  // The follow-up: the authority's, 15 working days after 2026-12-01 in Jiangmen's calendar (weekends skipped).
  auto queue = http.get("/api/v1/rating-follow-ups?open=true", reviewer.token);
  ASSERT_EQ(queue.status, 200) << queue.body;
  auto queue_json = queue.json();
  const auto& open = queue_json.at("follow_ups").as_array();
  ASSERT_EQ(open.size(), 1u);
  EXPECT_EQ(text(open[0], "case_id"), id);
  EXPECT_EQ(text(open[0], "authority"), kItemAuthority);
  EXPECT_EQ(text(open[0], "due_on"), "2026-12-22");
  EXPECT_FALSE(open[0].at("due_on_provisional").as_bool());
  EXPECT_TRUE(open[0].at("open").as_bool());
  // Another authority's reviewer has nothing to answer and cannot see the case.
  EXPECT_TRUE(http.get("/api/v1/rating-follow-ups", other_reviewer.token).json().at("follow_ups").as_array().empty());
  EXPECT_EQ(
      http.post("/api/v1/cases/" + id + "/ratings/web/follow-up", R"({"response":"x"})", other_reviewer.token).status,
      404);
  // The applicant cannot answer before the authority did.
  EXPECT_EQ(
      http.post("/api/v1/cases/" + id + "/ratings/web/answer", R"({"answer":"satisfied"})", applicant.token).status,
      409);

  next_day("2026-12-10");
  auto responded = http.post("/api/v1/cases/" + id + "/ratings/web/follow-up",
                             R"({"response":"周二起增开第二个窗口，并已向申请人致歉。"})", reviewer.token);
  ASSERT_EQ(responded.status, 200) << responded.body;
  EXPECT_FALSE(responded.json().at("open").as_bool());
  EXPECT_TRUE(responded.json().at("responded_in_time").as_bool());
  EXPECT_EQ(
      http.post("/api/v1/cases/" + id + "/ratings/web/follow-up", R"({"response":"again"})", reviewer.token).status,
      409);

  auto answered =
      http.post("/api/v1/cases/" + id + "/ratings/web/answer", R"({"answer":"satisfied"})", applicant.token);
  ASSERT_EQ(answered.status, 200) << answered.body;
  EXPECT_EQ(text(answered.json(), "answer"), "satisfied");
  EXPECT_EQ(
      http.post("/api/v1/cases/" + id + "/ratings/web/answer", R"({"answer":"unsatisfied"})", applicant.token).status,
      409);

  auto seen = ratings_of(id, reviewer.token);
  ASSERT_EQ(seen.at("ratings").as_array().size(), 1u);
  EXPECT_EQ(text(seen.at("ratings").as_array()[0], "comment"), "排队太久，窗口只开一个。");
  ASSERT_EQ(seen.at("follow_ups").as_array().size(), 1u);
  EXPECT_EQ(text(seen.at("follow_ups").as_array()[0], "answer"), "satisfied");
  auto actions = actions_of(id);
  ASSERT_GE(actions.size(), 3u);
  EXPECT_EQ(std::vector<std::string>(actions.end() - 3, actions.end()),
            (std::vector<std::string>{"rate", "rating_follow_up", "rating_answer"}));
  EXPECT_TRUE(
      http.get("/api/v1/rating-follow-ups?open=true", reviewer.token).json().at("follow_ups").as_array().empty());
}

TEST_F(RatingFollowUp, AFollowUpPastItsDueDayIsOverdueAndAnAnswerThenIsRecordedAsLate) {
  auto id = finished_case();
  ASSERT_EQ(rate(id, R"({"level":1})", applicant.token).status, 201);
  next_day("2026-12-23");
  auto queue = http.get("/api/v1/rating-follow-ups", admin.token).json().at("follow_ups").as_array();
  ASSERT_EQ(queue.size(), 1u);
  EXPECT_TRUE(queue[0].at("overdue").as_bool());
  auto responded =
      http.post("/api/v1/cases/" + id + "/ratings/web/follow-up", R"({"response":"已核实并整改。"})", reviewer.token);
  ASSERT_EQ(responded.status, 200) << responded.body;
  EXPECT_FALSE(responded.json().at("responded_in_time").as_bool());
  EXPECT_FALSE(responded.json().at("overdue").as_bool());
}

TEST_F(RatingFollowUp, AGoodRatingOpensNoFollowUpAndACaseIsRatedOncePerChannel) {
  auto id = finished_case();
  ASSERT_EQ(rate(id, R"({"level":5})", applicant.token).status, 201);
  auto again = rate(id, R"({"level":1})", applicant.token);
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(again.problem_type(), "/problems/conflict");
  auto seen = ratings_of(id, applicant.token);
  EXPECT_EQ(seen.at("ratings").as_array().size(), 1u);
  EXPECT_EQ(seen.at("ratings").as_array()[0].at("level").as_int64(), 5);
  EXPECT_TRUE(seen.at("follow_ups").as_array().empty());
  // The kiosk is another channel: one more rating of the same case.
  EXPECT_EQ(rate(id, R"({"level":4,"channel":"kiosk"})", applicant.token).status, 201);
  EXPECT_EQ(ratings_of(id, applicant.token).at("ratings").as_array().size(), 2u);
}

TEST_F(RatingFollowUp, RefusedRatingsChangeNothing) {
  auto unfinished = case_until({"accept"});
  auto finished = finished_case();
  auto events_before = node.counts().events;
  EXPECT_EQ(rate(unfinished, R"({"level":4})", applicant.token).status, 409);
  for (const char* body :
       {R"({"level":0})", R"({"level":6})", R"({"level":"5"})", R"({})", R"({"level":3,"channel":"window"})",
        R"({"level":3,"channel":"fax"})", R"({"level":3,"extra":true})"}) {
    auto answer = rate(finished, body, applicant.token);
    EXPECT_EQ(answer.status, 400) << body << ": " << answer.body;
    EXPECT_EQ(answer.problem_type(), "/problems/validation-failed") << body;
  }
  std::string long_comment;
  for (int i = 0; i < 501; ++i) long_comment += "慢";
  auto too_long = rate(finished, boost::json::serialize(boost::json::object{{"level", 2}, {"comment", long_comment}}),
                       applicant.token);
  EXPECT_EQ(too_long.problem_type(), "/problems/validation-failed") << too_long.body;
  // Someone else's case is not found; a reviewer never rates.
  auto stranger = node.register_applicant("rating-stranger");
  EXPECT_EQ(rate(finished, R"({"level":1})", stranger.token).status, 404);
  EXPECT_EQ(rate(finished, R"({"level":1})", reviewer.token).status, 403);
  EXPECT_EQ(node.counts().events, events_before);
  EXPECT_TRUE(ratings_of(finished, admin.token).at("ratings").as_array().empty());
}

TEST_F(RatingFollowUp, RatingsAnOlderNodeKeptInAFileAreTakenIntoTheStoreOnce) {
  auto id = finished_case();
  auto file = node.data_dir() / "ratings.jsonl";
  auto write = [&](const std::string& text) { std::ofstream(file, std::ios::trunc) << text; };
  // A line that does not parse: nothing is stored and the file stays for the operator to mend.
  write("{\"case\":\"" + id + "\",\"level\":2,\"at_ms\":1764550000000}\nnot json\n");
  node::RatingDesk desk(node.node());
  EXPECT_THROW(desk.import_legacy_file(file), std::runtime_error);
  EXPECT_TRUE(std::filesystem::exists(file));
  EXPECT_TRUE(ratings_of(id, admin.token).at("ratings").as_array().empty());

  write("{\"case\":\"" + id + "\",\"level\":2,\"at_ms\":1764550000000}\n" +
        "{\"case\":\"JM-2026-999999\",\"level\":5,\"at_ms\":1764550000000}\n");
  EXPECT_EQ(desk.import_legacy_file(file), 1);  // the case this node does not hold is skipped
  EXPECT_FALSE(std::filesystem::exists(file));
  EXPECT_TRUE(std::filesystem::exists(node.data_dir() / "ratings.jsonl.imported"));
  auto seen = ratings_of(id, applicant.token);
  ASSERT_EQ(seen.at("ratings").as_array().size(), 1u);
  EXPECT_EQ(seen.at("ratings").as_array()[0].at("level").as_int64(), 2);
  EXPECT_EQ(seen.at("follow_ups").as_array().size(), 1u);  // a bad rating gets its follow-up
  EXPECT_EQ(actions_of(id).back(), "rate");
  EXPECT_EQ(desk.import_legacy_file(file), 0);  // no file: nothing to do
}

}  // namespace
}  // namespace tongban::api_test
