#include "domain/notification_policy.h"

#include <algorithm>

namespace tongban::domain {
namespace {

constexpr std::int64_t kMinute = 60'000;
constexpr std::int64_t kDay = 24 * 60 * kMinute;

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  std::int64_t q = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

}  // namespace

std::vector<NotificationChannel> channels_for(const NotificationRule& rule, const Recipient& recipient) {
  std::vector<NotificationChannel> channels = {NotificationChannel::in_app};
  if (!recipient.email.empty() && (rule.statutory || recipient.preferences.email))
    channels.push_back(NotificationChannel::email);
  if (!recipient.phone.empty() && (rule.statutory || recipient.preferences.sms))
    channels.push_back(NotificationChannel::sms);
  return channels;
}

bool in_quiet_hours(std::int64_t at_ms, int utc_offset_minutes, const QuietHours& quiet) {
  if (quiet.start_minute == quiet.end_minute) return false;
  std::int64_t local = at_ms + utc_offset_minutes * kMinute;
  int minute = static_cast<int>((local - floor_div(local, kDay) * kDay) / kMinute);
  if (quiet.start_minute < quiet.end_minute) return minute >= quiet.start_minute && minute < quiet.end_minute;
  return minute >= quiet.start_minute || minute < quiet.end_minute;  // wraps midnight
}

std::int64_t after_quiet_hours(std::int64_t at_ms, int utc_offset_minutes, const QuietHours& quiet) {
  if (!in_quiet_hours(at_ms, utc_offset_minutes, quiet)) return at_ms;
  std::int64_t local = at_ms + utc_offset_minutes * kMinute;
  std::int64_t midnight = floor_div(local, kDay) * kDay;
  std::int64_t end = midnight + quiet.end_minute * kMinute;
  if (end <= local) end += kDay;  // the quiet hours end tomorrow morning
  return end - utc_offset_minutes * kMinute;
}

std::int64_t rate_limited_release(std::int64_t at_ms, std::vector<std::int64_t> earlier, const RateLimit& limit) {
  if (limit.max_messages <= 0) return at_ms;
  std::erase_if(earlier, [&](std::int64_t t) { return t <= at_ms - limit.window_ms; });
  std::sort(earlier.begin(), earlier.end());
  // Sliding window, messages released in order: one more fits when fewer than max_messages are in the window, else
  // once the one max_messages back from the newest has left it.
  if (earlier.size() < static_cast<std::size_t>(limit.max_messages)) return at_ms;
  return std::max(at_ms, earlier[earlier.size() - static_cast<std::size_t>(limit.max_messages)] + limit.window_ms);
}

DeliveryPlan plan_delivery(const NotificationRule& rule, NotificationChannel channel, const Recipient& recipient,
                           std::int64_t now_ms, const ChannelHistory& history, const NotificationPolicy& policy) {
  DeliveryPlan plan{true, now_ms, ""};
  if (rule.statutory) return plan;
  if (history.duplicate) return DeliveryPlan{false, now_ms, "duplicate"};
  if (channel == NotificationChannel::in_app) return plan;
  std::int64_t quiet_end = after_quiet_hours(now_ms, recipient.utc_offset_minutes, policy.quiet_hours);
  if (quiet_end != now_ms) plan.held_because = "quiet_hours";
  std::int64_t release = rate_limited_release(quiet_end, history.optional_releases, policy.rate_limit);
  if (release != quiet_end) {
    plan.held_because += plan.held_because.empty() ? "rate_limit" : ",rate_limit";
    release = after_quiet_hours(release, recipient.utc_offset_minutes, policy.quiet_hours);
  }
  plan.not_before_ms = release;
  return plan;
}

std::string dedup_key(std::string_view kind, std::string_view case_id, std::string_view reference) {
  std::string key(kind);
  key += '|';
  key += case_id;
  key += '|';
  key += reference;
  return key;
}

bool plain_email_address(std::string_view address) {
  if (address.empty() || address.size() > 254) return false;
  auto at = address.find('@');
  if (at == std::string_view::npos || at == 0 || at + 1 >= address.size() || address.find('@', at + 1) != address.npos)
    return false;
  return std::none_of(address.begin(), address.end(), [](unsigned char c) {
    return c <= ' ' || c == 0x7f || c == '<' || c == '>' || c == '"' || c == ',' || c == ';' || c == '(' || c == ')' ||
           c == '\\' || c == '[' || c == ']';
  });
}

bool e164_phone_number(std::string_view phone) {
  if (phone.size() < 9 || phone.size() > 16 || phone[0] != '+') return false;
  return std::all_of(phone.begin() + 1, phone.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::int64_t retry_backoff_ms(int attempts) {
  if (attempts < 1) attempts = 1;
  std::int64_t delay = 30'000;
  for (int i = 1; i < attempts && delay < 3'600'000; ++i) delay *= 2;
  return std::min<std::int64_t>(delay, 3'600'000);
}

}  // namespace tongban::domain
