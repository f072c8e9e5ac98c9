// The kiosk PIN policy and the lockout rule with backoff (domain/kiosk_pin.h).
#include "domain/kiosk_pin.h"

#include <gtest/gtest.h>

namespace tongban::domain {
namespace {

TEST(KioskPin, PolicyNamesTheFirstRuleBroken) {
  EXPECT_EQ(check_kiosk_pin("48025"), "pin_length");
  EXPECT_EQ(check_kiosk_pin("4802594802594"), "pin_length");
  EXPECT_EQ(check_kiosk_pin("48a259"), "pin_digits");
  EXPECT_EQ(check_kiosk_pin("４８０２５９"), "pin_length");  // full-width digits: 18 bytes, not ASCII digits
  EXPECT_EQ(check_kiosk_pin("111111"), "pin_guessable");
  EXPECT_EQ(check_kiosk_pin("123456"), "pin_guessable");
  EXPECT_EQ(check_kiosk_pin("987654"), "pin_guessable");
  EXPECT_EQ(check_kiosk_pin("480259"), std::nullopt);
  EXPECT_EQ(check_kiosk_pin("112233445566"), std::nullopt);
}

TEST(KioskPin, FiveFailuresLockAndEachLockDoublesUpToADay) {
  PinAttempts attempts;
  std::int64_t now = 1'000'000;
  for (int i = 1; i < kKioskPinAttempts; ++i) {
    attempts = after_failure(attempts, now);
    EXPECT_FALSE(attempts.locked(now)) << i;
  }
  attempts = after_failure(attempts, now);
  EXPECT_TRUE(attempts.locked(now));
  EXPECT_EQ(attempts.locked_until_ms, now + kKioskFirstLockMs);
  EXPECT_EQ(after_failure(attempts, now + 1).locked_until_ms, attempts.locked_until_ms);  // not counted while locked
  EXPECT_FALSE(attempts.forgettable(now));

  std::int64_t lock = kKioskFirstLockMs;
  for (int round = 2; round <= 12; ++round) {
    now = attempts.locked_until_ms;
    EXPECT_FALSE(attempts.locked(now));
    for (int i = 0; i < kKioskPinAttempts; ++i) attempts = after_failure(attempts, now);
    lock = std::min(lock * 2, kKioskMaxLockMs);
    EXPECT_EQ(attempts.locked_until_ms - now, lock) << round;
  }
  EXPECT_EQ(lock, kKioskMaxLockMs);
  EXPECT_FALSE(attempts.forgettable(attempts.locked_until_ms + 1));
  EXPECT_TRUE(attempts.forgettable(attempts.locked_until_ms + kKioskMaxLockMs + 1));
  EXPECT_TRUE(PinAttempts{}.forgettable(now));
}

}  // namespace
}  // namespace tongban::domain
