#include "accounts/sign_in_throttle.h"

#include <gtest/gtest.h>

namespace tongban::accounts {
namespace {

using std::chrono::seconds;
using Clock = SignInThrottle::Clock;

SignInThrottlePolicy small_policy() {
  SignInThrottlePolicy policy;
  policy.free_login_failures = 3;
  policy.free_address_failures = 10;
  policy.base_delay = seconds(2);
  policy.max_delay = seconds(60);
  policy.forget_after = seconds(600);
  return policy;
}

TEST(SignInThrottle, ALoginIsLockedAfterItsFreeFailuresWithDoublingDelays) {
  SignInThrottle throttle(small_policy());
  Clock::time_point t{};
  for (int i = 0; i < 3; ++i) {
    EXPECT_TRUE(throttle.check("ana", "10.0.0.1", t).allowed());
    throttle.record_failure("ana", "10.0.0.1", t);
  }
  EXPECT_TRUE(throttle.check("ana", "10.0.0.1", t).allowed());  // three free failures used, not yet locked
  throttle.record_failure("ana", "10.0.0.1", t);                // fourth: locked 2 s
  EXPECT_EQ(throttle.check("ana", "10.0.0.9", t).retry_after, seconds(2));
  t += seconds(2);
  EXPECT_TRUE(throttle.check("ana", "10.0.0.1", t).allowed());
  throttle.record_failure("ana", "10.0.0.1", t);  // fifth: 4 s
  EXPECT_EQ(throttle.check("ANA", "10.0.0.2", t).retry_after, seconds(4));
  t += seconds(4);
  throttle.record_failure("ana", "10.0.0.1", t);  // sixth: 8 s
  EXPECT_EQ(throttle.check("ana", "10.0.0.3", t).retry_after, seconds(8));
}

TEST(SignInThrottle, TheDelayStopsAtItsMaximum) {
  SignInThrottle throttle(small_policy());
  Clock::time_point t{};
  for (int i = 0; i < 40; ++i) {
    throttle.record_failure("ana", "10.0.0." + std::to_string(i), t);
    t += seconds(61);
  }
  EXPECT_EQ(throttle.check("ana", "10.0.1.1", t - seconds(61)).retry_after, seconds(60));
}

TEST(SignInThrottle, AnAddressIsLockedAcrossLogins) {
  SignInThrottle throttle(small_policy());
  Clock::time_point t{};
  for (int i = 0; i < 11; ++i) throttle.record_failure("login" + std::to_string(i), "10.0.0.7", t);
  EXPECT_EQ(throttle.check("someone-new", "10.0.0.7", t).retry_after, seconds(2));
  EXPECT_TRUE(throttle.check("someone-new", "10.0.0.8", t).allowed());
}

TEST(SignInThrottle, SuccessClearsTheLoginButNotTheAddress) {
  SignInThrottle throttle(small_policy());
  Clock::time_point t{};
  for (int i = 0; i < 4; ++i) throttle.record_failure("ana", "10.0.0.1", t);
  for (int i = 0; i < 7; ++i) throttle.record_failure("x" + std::to_string(i), "10.0.0.1", t);
  throttle.record_success("Ana");
  EXPECT_TRUE(throttle.check("ana", "10.0.0.2", t).allowed());
  EXPECT_FALSE(throttle.check("ana", "10.0.0.1", t).allowed());  // the address has 11 failures
}

TEST(SignInThrottle, FailuresAreForgottenAfterAQuietPeriod) {
  SignInThrottle throttle(small_policy());
  Clock::time_point t{};
  for (int i = 0; i < 4; ++i) throttle.record_failure("ana", "10.0.0.1", t);
  t += seconds(600);
  throttle.record_failure("ana", "10.0.0.1", t);  // counts as the first of a new series
  EXPECT_TRUE(throttle.check("ana", "10.0.0.1", t).allowed());
}

TEST(SignInThrottle, MemoryIsBoundedAndLockedKeysAreKept) {
  SignInThrottlePolicy policy = small_policy();
  policy.max_keys = 50;
  SignInThrottle throttle(policy);
  Clock::time_point t{};
  for (int i = 0; i < 4; ++i) throttle.record_failure("victim", "10.0.0.1", t);  // locked
  for (int i = 0; i < 1000; ++i) throttle.record_failure("spray" + std::to_string(i), "10.0.1.1", t);
  EXPECT_LE(throttle.remembered_keys(), 2 * policy.max_keys);
  EXPECT_FALSE(throttle.check("victim", "10.9.9.9", t).allowed());
}

}  // namespace
}  // namespace tongban::accounts
