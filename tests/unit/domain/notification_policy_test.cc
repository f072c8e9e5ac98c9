// Notification policy: channels and statutory notices, quiet hours in local time, rate limit, de-duplication,
// retry back-off.
#include "domain/notification_policy.h"

#include <gtest/gtest.h>

#include "domain/notification_kind.h"

namespace tongban::domain {
namespace {

constexpr std::int64_t kHour = 3'600'000;
constexpr std::int64_t kMinute = 60'000;
// 2026-12-02 00:00 UTC.
constexpr std::int64_t kDayStartUtc = 1'796'169'600'000;

Recipient someone(bool email_on, bool sms_on) {
  Recipient r;
  r.account_id = "A1";
  r.email = "a@example.org";
  r.phone = "+85361234567";
  r.preferences.email = email_on;
  r.preferences.sms = sms_on;
  return r;
}

TEST(NotificationPolicy, StatutoryNoticesIgnoreSwitchedOffChannels) {
  auto channels = channels_for(*notification_rule("approve"), someone(false, false));
  EXPECT_EQ(channels, (std::vector{NotificationChannel::in_app, NotificationChannel::email, NotificationChannel::sms}));
}

TEST(NotificationPolicy, OptionalNoticesFollowTheChoiceAndTheAddressesKnown) {
  const auto& rule = *notification_rule("shipment_delivered");
  EXPECT_EQ(channels_for(rule, someone(false, false)), std::vector{NotificationChannel::in_app});
  EXPECT_EQ(channels_for(rule, someone(false, true)),
            (std::vector{NotificationChannel::in_app, NotificationChannel::sms}));
  Recipient no_phone = someone(true, true);
  no_phone.phone.clear();
  EXPECT_EQ(channels_for(rule, no_phone), (std::vector{NotificationChannel::in_app, NotificationChannel::email}));
}

TEST(NotificationPolicy, QuietHoursAreLocalTimeAndWrapMidnight) {
  QuietHours quiet;  // 22:00–08:00
  // 13:00 UTC = 21:00 in Macao (UTC+8): not quiet; 14:30 UTC = 22:30: quiet until 08:00 local = 00:00 UTC next day.
  EXPECT_FALSE(in_quiet_hours(kDayStartUtc + 13 * kHour, 480, quiet));
  EXPECT_TRUE(in_quiet_hours(kDayStartUtc + 14 * kHour + 30 * kMinute, 480, quiet));
  EXPECT_EQ(after_quiet_hours(kDayStartUtc + 14 * kHour + 30 * kMinute, 480, quiet), kDayStartUtc + 24 * kHour);
  // 21:00 UTC = 05:00 local next day: quiet until 08:00 local = 00:00 UTC.
  EXPECT_EQ(after_quiet_hours(kDayStartUtc + 21 * kHour, 480, quiet), kDayStartUtc + 24 * kHour);
  // The same instant is not quiet for a recipient at UTC+0 (21:00 there) ...
  EXPECT_FALSE(in_quiet_hours(kDayStartUtc + 21 * kHour, 0, quiet));
  // ... and no quiet hours at all when start == end.
  EXPECT_FALSE(in_quiet_hours(kDayStartUtc + 14 * kHour + 30 * kMinute, 480, QuietHours{0, 0}));
  // A window that does not wrap: 12:00–14:00 local.
  EXPECT_TRUE(in_quiet_hours(kDayStartUtc + 5 * kHour, 480, QuietHours{12 * 60, 14 * 60}));
  EXPECT_FALSE(in_quiet_hours(kDayStartUtc + 6 * kHour, 480, QuietHours{12 * 60, 14 * 60}));
}

TEST(NotificationPolicy, RateLimitDelaysTheOneTooManyUntilTheWindowHasRoom) {
  RateLimit limit{3, kHour};
  std::int64_t now = kDayStartUtc + 2 * kHour;
  EXPECT_EQ(rate_limited_release(now, {now - 50 * kMinute, now - 10 * kMinute}, limit), now);
  EXPECT_EQ(rate_limited_release(now, {now - 50 * kMinute, now - 10 * kMinute, now - 5 * kMinute}, limit),
            now + 10 * kMinute);
  // Older than the window: not counted.
  EXPECT_EQ(rate_limited_release(now, {now - 2 * kHour, now - 90 * kMinute, now - 61 * kMinute}, limit), now);
  // Held ones in the future count too: the next goes an hour after the third-newest.
  EXPECT_EQ(rate_limited_release(now, {now, now + 10 * kMinute, now + 20 * kMinute}, limit), now + kHour);
}

TEST(NotificationPolicy, PlanHoldsOptionalMessagesAndNeverStatutoryOnes) {
  NotificationPolicy policy;
  policy.rate_limit = {2, kHour};
  Recipient r = someone(true, true);
  std::int64_t late = kDayStartUtc + 15 * kHour;  // 23:00 in Macao
  ChannelHistory empty;
  auto statutory = plan_delivery(*notification_rule("reject"), NotificationChannel::sms, r, late, empty, policy);
  EXPECT_TRUE(statutory.send);
  EXPECT_EQ(statutory.not_before_ms, late);
  const auto& optional = *notification_rule("shipment_failed_attempt");
  auto quiet = plan_delivery(optional, NotificationChannel::sms, r, late, empty, policy);
  EXPECT_EQ(quiet.not_before_ms, kDayStartUtc + 24 * kHour);
  EXPECT_EQ(quiet.held_because, "quiet_hours");
  auto inbox = plan_delivery(optional, NotificationChannel::in_app, r, late, empty, policy);
  EXPECT_EQ(inbox.not_before_ms, late);
  std::int64_t noon = kDayStartUtc + 4 * kHour;  // 12:00 in Macao
  ChannelHistory busy{{noon - 30 * kMinute, noon - 20 * kMinute}, false};
  auto limited = plan_delivery(optional, NotificationChannel::email, r, noon, busy, policy);
  EXPECT_EQ(limited.not_before_ms, noon + 30 * kMinute);
  EXPECT_EQ(limited.held_because, "rate_limit");
  ChannelHistory duplicate{{}, true};
  EXPECT_FALSE(plan_delivery(optional, NotificationChannel::email, r, noon, duplicate, policy).send);
  EXPECT_FALSE(plan_delivery(optional, NotificationChannel::in_app, r, noon, duplicate, policy).send);
  EXPECT_TRUE(plan_delivery(*notification_rule("accept"), NotificationChannel::email, r, noon, duplicate, policy).send);
}

TEST(NotificationPolicy, DedupKeyAndBackoff) {
  EXPECT_EQ(dedup_key("shipment_delivered", "MO-2026-000001", "RR1"), "shipment_delivered|MO-2026-000001|RR1");
  EXPECT_EQ(retry_backoff_ms(1), 30'000);
  EXPECT_EQ(retry_backoff_ms(2), 60'000);
  EXPECT_EQ(retry_backoff_ms(3), 120'000);
  EXPECT_EQ(retry_backoff_ms(30), kHour);
}

}  // namespace
}  // namespace tongban::domain
