// Safe retries and optimistic concurrency over HTTP: the same Idempotency-Key from 16 threads at once yields one
// case; a reused key with another body is refused; If-Match with an old version is 412, without one 428 — and a
// refused request changes nothing.
#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>
#include <set>
#include <thread>

#include "case_scenario.h"
#include "shared_node.h"

namespace tongban::api_test {
namespace {

class IdempotencyAndVersionsTest : public SharedNodeTest {};

std::size_t case_count(const HttpClient& http, const std::string& token) {
  auto answer = http.get("/api/v1/cases?limit=200", token);
  EXPECT_EQ(answer.status, 200);
  auto json = answer.json();
  return json.is_object() ? json.at("cases").as_array().size() : 0;
}

TEST_F(IdempotencyAndVersionsTest, SixteenConcurrentRetriesMakeOneCase) {
  auto http = client();
  auto applicant = node().register_applicant("retry-applicant");
  auto body = boost::json::serialize(application(applicant, upload_required_materials(http, applicant.token, "retry")));
  auto events_before = node().counts().events;

  constexpr int kThreads = 16;
  std::vector<HttpAnswer> answers(kThreads);
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i)
    threads.emplace_back([&, i] {
      answers[i] = http.post("/api/v1/cases", body, applicant.token, {{"Idempotency-Key", "retry-key-1"}});
    });
  for (auto& thread : threads) thread.join();

  std::set<std::string> ids;
  int created = 0;
  for (const auto& answer : answers) {
    ASSERT_TRUE(answer.status == 201 || answer.status == 200) << answer.status << " " << answer.body;
    if (answer.status == 201) ++created;
    if (answer.status == 200) {
      EXPECT_EQ(answer.header("Idempotent-Replayed"), "true");
    }
    ids.insert(text(answer.json(), "id"));
  }
  EXPECT_EQ(created, 1);
  ASSERT_EQ(ids.size(), 1u);
  EXPECT_FALSE(ids.begin()->empty());
  EXPECT_EQ(case_count(http, applicant.token), 1u);
  EXPECT_EQ(node().counts().events, events_before + 1);  // one submit event

  // A later retry still answers the same case.
  auto later = http.post("/api/v1/cases", body, applicant.token, {{"Idempotency-Key", "retry-key-1"}});
  EXPECT_EQ(later.status, 200);
  EXPECT_EQ(text(later.json(), "id"), *ids.begin());
}

TEST_F(IdempotencyAndVersionsTest, SameKeyWithAnotherBodyIsRefusedAndChangesNothing) {
  auto http = client();
  auto applicant = node().register_applicant("reuse-applicant");
  auto materials = upload_required_materials(http, applicant.token, "reuse");
  auto first = application(applicant, materials);
  ASSERT_EQ(open_case(http, applicant.token, first, "reuse-key").status, 201);
  auto before = node().counts();

  auto second = first;
  second["delivery_method"] = "window_pickup";
  auto reused = open_case(http, applicant.token, second, "reuse-key");
  EXPECT_EQ(reused.status, 422);
  EXPECT_EQ(reused.problem_type(), "/problems/idempotency-key-reused");
  EXPECT_EQ(reused.header("Content-Type"), "application/problem+json");
  EXPECT_EQ(node().counts().cases, before.cases);
  EXPECT_EQ(node().counts().events, before.events);
  EXPECT_EQ(case_count(http, applicant.token), 1u);

  // Keys are per applicant: another applicant may use the same key for their own case.
  auto other = node().register_applicant("reuse-other");
  auto theirs = application(other, upload_required_materials(http, other.token, "reuse other"));
  EXPECT_EQ(open_case(http, other.token, theirs, "reuse-key").status, 201);

  auto empty_key = open_case(http, applicant.token, second, "");
  EXPECT_EQ(empty_key.status, 201);  // no key: a new case each time
  auto too_long = open_case(http, applicant.token, second, std::string(201, 'k'));
  EXPECT_EQ(too_long.status, 400);
  EXPECT_EQ(too_long.problem_type(), "/problems/validation-failed");
}

TEST_F(IdempotencyAndVersionsTest, StaleOrMissingIfMatchChangesNothing) {
  auto http = client();
  auto applicant = node().register_applicant("versions-applicant");
  auto reviewer = node().add_reviewer("versions-reviewer", std::string(kItemAuthority));
  auto kase = open_case_ok(http, applicant.token,
                           application(applicant, upload_required_materials(http, applicant.token, "versions")));
  const std::string id = text(kase, "id");
  ASSERT_EQ(act(http, reviewer.token, id, 1, {{"action", "accept"}}).status, 200);
  auto events_before = node().counts().events;

  // The reviewer acts with the version read before the accept.
  auto stale = act(http, reviewer.token, id, 1, {{"action", "approve"}, {"note", "ok"}});
  EXPECT_EQ(stale.status, 412);
  EXPECT_EQ(stale.problem_type(), "/problems/version-mismatch");

  auto missing = act(http, reviewer.token, id, 0, {{"action", "approve"}, {"note", "ok"}});
  EXPECT_EQ(missing.status, 428);
  EXPECT_EQ(missing.problem_type(), "/problems/precondition-required");

  auto future = act(http, reviewer.token, id, 99, {{"action", "approve"}, {"note", "ok"}});
  EXPECT_EQ(future.status, 412);
  EXPECT_EQ(future.problem_type(), "/problems/version-mismatch");

  auto garbled = http.post("/api/v1/cases/" + id + "/actions", R"({"action":"approve","note":"ok"})", reviewer.token,
                           {{"If-Match", "\"two\""}});
  EXPECT_EQ(garbled.status, 400);
  EXPECT_EQ(garbled.problem_type(), "/problems/validation-failed");

  auto after = read_case(http, reviewer.token, id);
  ASSERT_TRUE(after);
  EXPECT_EQ(text(*after, "state"), "accepted");
  EXPECT_EQ(after->at("version").as_int64(), 2);
  EXPECT_EQ(node().counts().events, events_before);

  // With the current version the same action goes through.
  EXPECT_EQ(act(http, reviewer.token, id, 2, {{"action", "approve"}, {"note", "ok"}}).status, 200);
}

}  // namespace
}  // namespace tongban::api_test
