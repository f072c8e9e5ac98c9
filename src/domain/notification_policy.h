// Notification policy (issue 11 §4): on which channels a notification goes to a recipient, and when — channel
// preferences, statutory notices, quiet hours in the recipient's local time, a per-recipient rate limit and
// de-duplication. Pure functions over values; the node (node/notifier.h) reads the history from the store and
// passes it in. No I/O.
//
// Rules (docs/notifications.md):
//   - Channels. The in-app inbox always gets every notification. A statutory notice also goes by e-mail and SMS
//     whenever the recipient has that address, whatever the preferences (it cannot be switched off). An optional
//     notice goes by e-mail / SMS only when the recipient has the address AND chose that channel.
//   - Quiet hours apply to optional e-mail and SMS only: a notice due inside [start, end) local time (a window that
//     may wrap midnight, default 22:00–08:00) is held until `end`. Local time is the recipient's jurisdiction's
//     fixed UTC offset.
//   - Rate limit: at most `max_messages` optional e-mails (and as many SMS) per recipient and channel in any
//     `window_ms`; one beyond is held until the window has room — delayed, never dropped. Statutory notices are
//     neither limited nor counted against the limit.
//   - De-duplication: an optional notice with the same de-duplication key (kind, case, reference) as one the
//     recipient got on the same channel within `dedup_window_ms` is not made again on that channel, the in-app
//     inbox included (a carrier repeating an event). Statutory notices are never de-duplicated: each is a legal act.
//     The same event is never notified twice at all: the outbox row is unique per (event, channel, recipient).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/language.h"
#include "domain/notification_kind.h"

namespace tongban::domain {

struct ChannelPreferences {
  bool email = true;
  bool sms = false;
  bool in_app = true;  // kept for the API's symmetry; the inbox always receives (see above)
};

struct Recipient {
  std::string account_id;
  Language language = Language::zh_Hans;
  int utc_offset_minutes = 480;  // the recipient's jurisdiction
  std::string email;             // "" = none known
  std::string phone;             // E.164 ("+85361234567"); "" = none known
  ChannelPreferences preferences;
};

struct QuietHours {
  int start_minute = 22 * 60;  // local minutes after midnight
  int end_minute = 8 * 60;     // start == end: no quiet hours
};

struct RateLimit {
  int max_messages = 5;
  std::int64_t window_ms = 3'600'000;
};

struct NotificationPolicy {
  QuietHours quiet_hours;
  RateLimit rate_limit;
  std::int64_t dedup_window_ms = 24LL * 3'600'000;
};

// The channels a notification of `rule` goes on for `recipient`, in_app first.
std::vector<NotificationChannel> channels_for(const NotificationRule& rule, const Recipient& recipient);

// Whether the local time of `at_ms` lies inside the quiet hours.
bool in_quiet_hours(std::int64_t at_ms, int utc_offset_minutes, const QuietHours& quiet);
// `at_ms` itself when outside the quiet hours, else the instant they end.
std::int64_t after_quiet_hours(std::int64_t at_ms, int utc_offset_minutes, const QuietHours& quiet);

// The earliest instant >= at_ms at which one more message fits the rate limit, given the release instants of the
// recipient's earlier optional messages on that channel (any order; those older than at_ms - window do not count).
std::int64_t rate_limited_release(std::int64_t at_ms, std::vector<std::int64_t> earlier_releases,
                                  const RateLimit& limit);

// What the recipient's history on one channel looks like, as the node reads it from the outbox.
struct ChannelHistory {
  std::vector<std::int64_t> optional_releases;  // not_before of optional messages released in the last window
  bool duplicate = false;                       // a message with the same dedup key within the dedup window exists
};

struct DeliveryPlan {
  bool send = true;            // false: a duplicate, not made
  std::int64_t not_before_ms;  // when the sender may first try
  std::string held_because;    // "", "quiet_hours", "rate_limit" (both: "quiet_hours,rate_limit")
};

// When a notification of `rule` created at `now_ms` may go on `channel`.
DeliveryPlan plan_delivery(const NotificationRule& rule, NotificationChannel channel, const Recipient& recipient,
                           std::int64_t now_ms, const ChannelHistory& history, const NotificationPolicy& policy);

// The de-duplication key: kind, case id and reference, joined by '|'.
std::string dedup_key(std::string_view kind, std::string_view case_id, std::string_view reference);

// Whether an e-mail address is safe and plain enough for an SMTP envelope and a header: local@domain, at most 254
// bytes, no spaces, control characters, angle brackets, quotes, commas, semicolons, parentheses or brackets.
bool plain_email_address(std::string_view address);
// Whether a phone number is E.164: '+' and 8 to 15 digits.
bool e164_phone_number(std::string_view phone);

// The retry delay after `attempts` failed attempts (1, 2, …): 30 s, 1 min, 2 min, 4 min, … capped at 1 h.
std::int64_t retry_backoff_ms(int attempts);

}  // namespace tongban::domain
