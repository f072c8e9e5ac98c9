// The case figures over HTTP (GET /api/v1/statistics/cases, docs/statistics.md) checked against cases this test
// makes: by channel and by item, decided and open, on time against the promised and legal limits, supplements,
// trips saved and the follow-up of a bad rating; the period filter; the CSV download; bad queries refused.
#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>

#include "case_scenario.h"
#include "node_under_test.h"

namespace tongban::api_test {
namespace {

class CaseStatistics : public ::testing::Test {
 protected:
  void SetUp() override {
    node.set_today(*domain::parse_date("2026-12-01"));
    applicant = node.register_applicant("figures-applicant");
    clerk = node.add_clerk("figures-clerk", std::string(kIntakePoint));
    reviewer = node.add_reviewer("figures-reviewer", std::string(kItemAuthority));
  }

  // A case of the applicant, opened by `opener` (the applicant on the web, or the clerk at the window), taken
  // through `actions` by the reviewer.
  std::string make_case(const TestAccount& opener, const std::vector<boost::json::object>& actions) {
    auto materials = upload_required_materials(http, opener.token, "figures");
    auto kase = open_case_ok(http, opener.token, application(applicant, materials, opener.id != applicant.id));
    std::string id = text(kase, "id");
    for (const auto& action : actions) {
      auto current = read_case(http, reviewer.token, id);
      auto answer = act(http, reviewer.token, id, current->at("version").as_int64(), action);
      EXPECT_EQ(answer.status, 200) << boost::json::serialize(action) << ": " << answer.body;
    }
    return id;
  }
  boost::json::object figures(const std::string& query) {
    auto answer = http.get("/api/v1/statistics/cases" + query, reviewer.token);
    EXPECT_EQ(answer.status, 200) << answer.body;
    return answer.json().as_object();
  }
  static const boost::json::object& row(const boost::json::object& body, std::string_view key) {
    for (const auto& row : body.at("rows").as_array())
      if (text(row, "key") == key) return row.as_object();
    throw std::runtime_error("no row " + std::string(key));
  }
  static std::int64_t count(const boost::json::object& figure, std::string_view name) {
    return figure.at(name).as_int64();
  }

  NodeUnderTest node;
  HttpClient http = node.client();
  TestAccount applicant, clerk, reviewer;
};

TEST_F(CaseStatistics, TheFiguresAreThoseOfTheCasesMadeHere) {
  using O = boost::json::object;
  // On the web: one approved and delivered the same day, one rejected, one waiting for a supplement.
  auto approved = make_case(
      applicant, {O{{"action", "accept"}}, O{{"action", "start_review"}}, O{{"action", "approve"}},
                  O{{"action", "issue_result"}}, O{{"action", "deliver"}, {"delivery_method", "electronic"}}});
  make_case(applicant, {O{{"action", "accept"}}, O{{"action", "reject"}, {"note", "记录不符"}}});
  make_case(applicant, {O{{"action", "accept"}}, O{{"action", "request_supplement"}, {"note", "请补交户口簿"}}});
  // At the window: taken in by the clerk, still open.
  make_case(clerk, {});
  ASSERT_EQ(http.post("/api/v1/cases/" + approved + "/ratings", R"({"level":1})", applicant.token).status, 201);

  auto by_channel = figures("?by=channel");
  EXPECT_EQ(text(by_channel, "by"), "channel");
  const auto& web = row(by_channel, "web");
  EXPECT_EQ(count(web, "received"), 3);
  EXPECT_EQ(count(web, "decided"), 2);
  EXPECT_EQ(count(web, "approved"), 1);
  EXPECT_EQ(count(web, "rejected"), 1);
  EXPECT_EQ(count(web, "open"), 1);
  EXPECT_EQ(count(web, "decided_within_promised"), 2);  // decided the day they were accepted
  EXPECT_EQ(count(web, "decided_within_legal"), 2);
  EXPECT_EQ(count(web, "overdue"), 0);
  EXPECT_EQ(count(web, "supplements_requested"), 1);
  EXPECT_EQ(count(web, "cases_with_supplement"), 1);
  EXPECT_EQ(count(web, "visits_made"), 0);
  EXPECT_EQ(count(web, "bad_ratings"), 1);
  EXPECT_EQ(count(web, "bad_ratings_followed_up"), 0);
  EXPECT_EQ(web.at("follow_up_rate").to_number<double>(), 0.0);
  EXPECT_EQ(count(web, "timed_cases"), 2);
  EXPECT_EQ(web.at("median_working_days").to_number<double>(), 0.0);
  const auto& window = row(by_channel, "window");
  EXPECT_EQ(count(window, "received"), 1);
  EXPECT_EQ(count(window, "open"), 1);
  EXPECT_EQ(count(window, "visits_made"), 1);  // the visit to the window
  const auto& total = by_channel.at("total").as_object();
  EXPECT_EQ(count(total, "received"), 4);
  EXPECT_EQ(count(total, "decided") + count(total, "withdrawn") + count(total, "open"), 4);

  // By item: the item's limits beside the figures (JM-CA-006: 1 promised, 5 legal working days).
  auto by_item = figures("?by=item");
  const auto& item = row(by_item, kItemCode);
  EXPECT_EQ(count(item, "received"), 4);
  EXPECT_EQ(item.at("promised_days").as_int64(), 1);
  EXPECT_EQ(item.at("legal_days").as_int64(), 5);

  // The reviewer answers the bad rating in time: the follow-up rate is then 1.
  auto answered = http.post("/api/v1/cases/" + approved + "/ratings/web/follow-up", R"({"response":"已致电说明。"})",
                            reviewer.token);
  ASSERT_EQ(answered.status, 200) << answered.body;
  auto by_channel_after = figures("?by=channel");
  const auto& after = row(by_channel_after, "web");
  EXPECT_EQ(count(after, "bad_ratings_followed_up_in_time"), 1);
  EXPECT_EQ(after.at("follow_up_rate").to_number<double>(), 1.0);

  // A period with none of these cases, and one filter.
  EXPECT_EQ(count(figures("?from=2026-12-02").at("total").as_object(), "received"), 0);
  EXPECT_EQ(count(figures("?by=item&channel=window").at("total").as_object(), "received"), 1);
}

TEST_F(CaseStatistics, TheCsvHasAHeaderALinePerRowAndTheTotal) {
  make_case(applicant, {});
  auto answer = http.get("/api/v1/statistics/cases?by=channel&format=csv", reviewer.token);
  ASSERT_EQ(answer.status, 200) << answer.body;
  EXPECT_EQ(answer.header("Content-Type"), "text/csv; charset=utf-8");
  EXPECT_NE(answer.header("Content-Disposition").find("tongban-cases-by-channel.csv"), std::string::npos);
  const std::string& csv = answer.body;
  ASSERT_NE(csv.find("\r\n"), std::string::npos);
  EXPECT_EQ(csv.substr(0, csv.find(',')), "dimension");
  EXPECT_NE(csv.find("\r\nchannel,web,1,"), std::string::npos) << csv;
  EXPECT_NE(csv.find("\r\ntotal,,1,"), std::string::npos) << csv;
}

// /metrics carries the same figures by handling mode as gauges: what the cases made here say, nothing else.
TEST_F(CaseStatistics, TheCaseGaugesInMetricsAreTheFiguresByMode) {
  using O = boost::json::object;
  make_case(applicant, {O{{"action", "accept"}}, O{{"action", "reject"}, {"note", "记录不符"}}});
  make_case(applicant, {});
  auto metrics = http.get("/metrics", "");
  ASSERT_EQ(metrics.status, 200);
  const std::string& text = metrics.body;
  EXPECT_NE(text.find("# TYPE tongban_cases_received gauge\n"), std::string::npos);
  EXPECT_NE(text.find("\ntongban_cases_received{mode=\"online\"} 2\n"), std::string::npos) << text;
  EXPECT_NE(text.find("\ntongban_cases_decided{mode=\"online\"} 1\n"), std::string::npos) << text;
  EXPECT_NE(text.find("\ntongban_cases_open{mode=\"online\"} 1\n"), std::string::npos) << text;
  EXPECT_NE(text.find("\ntongban_cases_decided_within_legal_limit{mode=\"online\"} 1\n"), std::string::npos);
  EXPECT_EQ(text.find("tongban_cases_received{mode=\"remote_intake\"}"), std::string::npos);  // no such case
}

TEST_F(CaseStatistics, ABadQueryIsRefusedWithEveryProblemNamed) {
  for (const char* query : {"?by=person", "?from=2026-13-01", "?from=2026-12-02&to=2026-12-01", "?format=xlsx"}) {
    auto answer = http.get(std::string("/api/v1/statistics/cases") + query, reviewer.token);
    EXPECT_EQ(answer.status, 400) << query;
    EXPECT_EQ(answer.problem_type(), "/problems/validation-failed") << query;
  }
  EXPECT_EQ(http.get("/api/v1/statistics/cases", applicant.token).status, 403);
}

}  // namespace
}  // namespace tongban::api_test
