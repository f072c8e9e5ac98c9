// Two instances of one node on one PostgreSQL database, as `tongban serve` runs behind a load balancer
// (docs/scaling.md): each instance is a whole node — its own store connections, writer thread, desks and HTTP server
// — opened on the same database and data directory. The client sends each request to the next instance in turn, as a
// balancer without sticky sessions does. Registered only in the PostgreSQL runs (pg.MultiInstance.*): one SQLite
// file belongs to one process.
//
// What must hold across instances: a session made on one works on the other; concurrent submissions get unique case
// numbers; one Idempotency-Key raced on both makes one case; two reviewers acting on one version of a case, one on
// each instance, give one success and one refusal (no lost update); the audit chain stays ONE valid chain; a
// deadline set by one instance is the other's.
#include <gtest/gtest.h>

#include <atomic>
#include <boost/json/serialize.hpp>
#include <set>
#include <thread>

#include "case_scenario.h"
#include "domain/audit_chain.h"
#include "node_under_test.h"
#include "test_store.h"

namespace tongban::api_test {
namespace {

class MultiInstance : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!testing::testing_on_postgres()) GTEST_SKIP() << "several instances share a PostgreSQL database only";
    first_ = std::make_unique<NodeUnderTest>();
    const std::string store = first_->store_location();
    const std::filesystem::path data = first_->data_dir();
    second_ = std::make_unique<NodeUnderTest>(test_server_options(), [&](node::NodeConfig& config) {
      config.store = store;
      config.data_dir = data;
    });
    // Both instances answer to the same clock.
    second_->set_today(kDefaultToday);
  }
  void TearDown() override {
    second_.reset();
    first_.reset();
  }

  // The instance the next request goes to (round robin).
  HttpClient next() { return (turn_++ % 2 == 0) ? first_->client() : second_->client(); }

  std::unique_ptr<NodeUnderTest> first_;
  std::unique_ptr<NodeUnderTest> second_;
  std::atomic<int> turn_{0};
};

TEST_F(MultiInstance, SessionsAndCasesMadeOnOneInstanceAreTheOthers) {
  auto applicant = first_->register_applicant("multi-session");
  auto on_second = second_->client().get("/api/v1/cases", applicant.token);
  EXPECT_EQ(on_second.status, 200) << on_second.body;

  auto kase = open_case_ok(first_->client(), applicant.token,
                           application(applicant, upload_required_materials(first_->client(), applicant.token, "m")));
  auto seen = read_case(second_->client(), applicant.token, text(kase, "id"));
  ASSERT_TRUE(seen);
  EXPECT_EQ(text(*seen, "state"), text(kase, "state"));
  // The deadline the first instance computed is what the second shows.
  ASSERT_TRUE(kase.contains("deadline"));
  EXPECT_EQ(boost::json::serialize(seen->at("deadline")), boost::json::serialize(kase.at("deadline")));
}

TEST_F(MultiInstance, ConcurrentSubmissionsOnBothGetUniqueCaseNumbersAndOneChain) {
  auto applicant = first_->register_applicant("multi-submit");
  auto materials = upload_required_materials(first_->client(), applicant.token, "multi");
  const auto body = boost::json::serialize(application(applicant, materials));
  const auto events_before = first_->counts().events;

  constexpr int kThreads = 8, kEach = 6;
  std::vector<std::string> ids(kThreads * kEach);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        auto answer = next().post("/api/v1/cases", body, applicant.token,
                                  {{"Idempotency-Key", "multi-" + std::to_string(t) + "-" + std::to_string(i)}});
        if (answer.status == 201) ids[static_cast<std::size_t>(t * kEach + i)] = text(answer.json(), "id");
      }
    });
  }
  for (auto& thread : threads) thread.join();

  std::set<std::string> unique(ids.begin(), ids.end());
  EXPECT_EQ(unique.count(""), 0u) << "every submission is acknowledged";
  EXPECT_EQ(unique.size(), ids.size()) << "case numbers are unique across instances";
  EXPECT_EQ(first_->counts().events, events_before + kThreads * kEach);

  // One chain, sequence 1, 2, 3, … with each event sealed onto the previous one, whichever instance wrote it.
  domain::ChainVerifier verifier;
  std::optional<domain::ChainBreak> broken;
  std::int64_t events = 0;
  second_->node().store().for_each_event([&](const domain::Event& event) {
    ++events;
    broken = verifier.feed(event);
    return !broken;
  });
  if (!broken) broken = verifier.finish();
  EXPECT_FALSE(broken) << "the chain breaks at " << broken->sequence;
  EXPECT_EQ(events, first_->counts().events);
}

TEST_F(MultiInstance, OneIdempotencyKeyRacedOnBothInstancesMakesOneCase) {
  auto applicant = first_->register_applicant("multi-retry");
  const auto body = boost::json::serialize(
      application(applicant, upload_required_materials(first_->client(), applicant.token, "multi retry")));
  constexpr int kThreads = 12;
  std::vector<HttpAnswer> answers(kThreads);
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    HttpClient http = next();
    threads.emplace_back([&answers, &applicant, &body, http, i] {
      answers[static_cast<std::size_t>(i)] =
          http.post("/api/v1/cases", body, applicant.token, {{"Idempotency-Key", "raced-on-both"}});
    });
  }
  for (auto& thread : threads) thread.join();
  std::set<std::string> ids;
  int created = 0;
  for (const auto& answer : answers) {
    ASSERT_TRUE(answer.status == 201 || answer.status == 200) << answer.status << " " << answer.body;
    created += answer.status == 201 ? 1 : 0;
    ids.insert(text(answer.json(), "id"));
  }
  EXPECT_EQ(created, 1);
  EXPECT_EQ(ids.size(), 1u);
}

TEST_F(MultiInstance, TwoReviewersOnOneVersionOneOnEachInstanceLoseNoUpdate) {
  auto applicant = first_->register_applicant("multi-review");
  auto reviewer = first_->add_reviewer("multi-reviewer", std::string(kItemAuthority));
  constexpr int kCases = 10;
  int accepted = 0, refused = 0;
  for (int c = 0; c < kCases; ++c) {
    auto kase = open_case_ok(
        first_->client(), applicant.token,
        application(applicant, upload_required_materials(first_->client(), applicant.token, "r" + std::to_string(c))));
    const std::string id = text(kase, "id");
    HttpAnswer on_first, on_second;
    std::thread a([&] { on_first = act(first_->client(), reviewer.token, id, 1, {{"action", "accept"}}); });
    std::thread b([&] { on_second = act(second_->client(), reviewer.token, id, 1, {{"action", "accept"}}); });
    a.join();
    b.join();
    for (const HttpAnswer* answer : {&on_first, &on_second}) {
      if (answer->status == 200) {
        ++accepted;
      } else {
        EXPECT_TRUE(answer->status == 409 || answer->status == 412) << answer->status << " " << answer->body;
        ++refused;
      }
    }
    auto after = read_case(second_->client(), reviewer.token, id);
    ASSERT_TRUE(after);
    EXPECT_EQ(after->at("version").as_int64(), 2) << "exactly one of the two accepts was applied";
  }
  EXPECT_EQ(accepted, kCases);
  EXPECT_EQ(refused, kCases);
}

}  // namespace
}  // namespace tongban::api_test
