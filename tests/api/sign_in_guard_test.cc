// Sign-in under attack: failures are throttled per login and per address before any password is hashed (429 with
// Retry-After, for unknown logins exactly as for known ones), Argon2id runs on a small bounded pool whose overflow
// is answered 429 rather than queued on the handler threads, and the decoy hash for unknown logins has the same
// cost as a real one, so neither timing nor the answer tells which logins exist.
#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>
#include <future>
#include <latch>
#include <vector>

#include "accounts/password.h"
#include "node_under_test.h"

namespace tongban::api_test {
namespace {

std::string sign_in_body(const std::string& login, const std::string& password) {
  return boost::json::serialize(boost::json::object{{"login", login}, {"password", password}});
}

HttpAnswer try_sign_in(const HttpClient& http, const std::string& login, const std::string& password) {
  return http.post("/api/v1/sessions", sign_in_body(login, password));
}

TEST(SignInGuard, RepeatedWrongPasswordsLockTheLoginEvenForTheRightPassword) {
  NodeUnderTest node;
  auto http = node.client();
  auto applicant = node.register_applicant("guessed");
  int free = node.node().config().sign_in_throttle.free_login_failures;
  for (int i = 0; i <= free; ++i) EXPECT_EQ(try_sign_in(http, applicant.login, "Wrong-pass-0000").status, 401);

  auto locked = try_sign_in(http, applicant.login, applicant.password);
  EXPECT_EQ(locked.status, 429);
  EXPECT_EQ(locked.problem_type(), "/problems/rate-limited");
  EXPECT_GE(std::stoi(locked.header("Retry-After")), 1);
  EXPECT_TRUE(locked.body.find("token") == std::string::npos);
}

TEST(SignInGuard, AnUnknownLoginIsThrottledExactlyLikeAKnownOne) {
  NodeUnderTest node;
  auto http = node.client();
  auto applicant = node.register_applicant("known");
  int free = node.node().config().sign_in_throttle.free_login_failures;
  std::vector<int> known, unknown;
  for (int i = 0; i <= free + 1; ++i) {
    known.push_back(try_sign_in(http, applicant.login, "Wrong-pass-0000").status);
    unknown.push_back(try_sign_in(http, "nobody.here@applicants.test", "Wrong-pass-0000").status);
  }
  EXPECT_EQ(known, unknown);
  EXPECT_EQ(known.back(), 429);
}

TEST(SignInGuard, TheDecoyHashForUnknownLoginsHasTheCostOfARealOne) {
  NodeUnderTest node(test_server_options(), [](node::NodeConfig& config) { config.fast_password_hashing = false; });
  const std::string& decoy = node.accounts().decoy_hash();
  EXPECT_FALSE(accounts::password_needs_rehash(decoy, accounts::PasswordCost::interactive())) << decoy;
}

TEST(SignInGuard, AFloodBeyondTheHashingPoolIsAnswered429NotQueuedOnHandlerThreads) {
  // Real Argon2id cost (64 MiB each) on one hashing thread with one waiting place: of 12 sign-ins arriving at
  // once, the ones that find the queue full are refused before hashing.
  NodeUnderTest node(test_server_options(), [](node::NodeConfig& config) {
    config.fast_password_hashing = false;
    config.password_hashing_threads = 1;
    config.password_hashing_queue = 1;
  });
  node.accounts().decoy_hash();  // made once, outside the flood
  auto http = node.client();
  constexpr int kFlood = 12;
  std::latch start(kFlood);
  std::vector<std::future<HttpAnswer>> answers;
  for (int i = 0; i < kFlood; ++i) {
    answers.push_back(std::async(std::launch::async, [&, i] {
      start.arrive_and_wait();
      return try_sign_in(http, "flood" + std::to_string(i) + "@applicants.test", "Wrong-pass-0000");
    }));
  }
  int refused = 0, wrong = 0;
  for (auto& answer : answers) {
    HttpAnswer got = answer.get();
    if (got.status == 429) {
      ++refused;
      EXPECT_EQ(got.problem_type(), "/problems/rate-limited");
      EXPECT_FALSE(got.header("Retry-After").empty());
    } else {
      EXPECT_EQ(got.status, 401);
      ++wrong;
    }
  }
  EXPECT_GE(refused, 1);
  EXPECT_GE(wrong, 1);
  EXPECT_EQ(static_cast<int>(node.accounts().hashing_pool().refused()), refused);
}

}  // namespace
}  // namespace tongban::api_test
