// Notification kinds (issue 11 §4): which events tell the applicant something, as ONE table from an event kind to
// the notification kind (= the template name) and whether it is a statutory notice.
//
// An event kind is a stable word. For a case event it is the action's text form (domain/case.h to_string of
// CaseAction: "submit", "accept", …, see case_event_kind). Other parts of the node that tell the applicant something
// (post and shipments, e-certificates) name their events with their own words — "shipment_failed_attempt",
// "certificate_issued" — and pass them to node::Notifier (node/notifier.h) inside their store transaction; adding a
// row here is all it takes to make such an event notify. An event kind with no row notifies nobody (e.g.
// "start_review": nothing the applicant must learn). Every kind in the table must have a template in every language
// (domain/notification_template.h); tests/unit/domain/notification_template_test.cc fails when one is missing.
//
// Statutory notices (the legal acts the applicant is entitled to be told of: receipt, acceptance or refusal, a
// supplement request, the decision, the result) cannot be switched off: they go on every channel the applicant has
// an address for, whatever the preferences, and are neither held by quiet hours nor rate limited. Optional notices
// follow the applicant's channel choice, quiet hours and the rate limit (domain/notification_policy.h).
//
// Pure data and lookups, no I/O. The table is static and immutable; invariant: one row per event kind.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "domain/case.h"

namespace tongban::domain {

enum class NotificationChannel { email, sms, in_app };

std::string_view to_string(NotificationChannel channel);
std::optional<NotificationChannel> parse_notification_channel(std::string_view word);

struct NotificationRule {
  std::string_view event_kind;  // "submit", "shipment_failed_attempt", …
  std::string_view kind;        // the notification kind and template name: "received", "shipment_failed_attempt", …
  bool statutory = false;
};

// The whole table, case events first in the order of a case's life, then the events of the other parts.
std::span<const NotificationRule> notification_rules();

// The row of an event kind, or nullptr when that event notifies nobody.
const NotificationRule* notification_rule(std::string_view event_kind);

// The distinct notification kinds of the table, in table order.
std::span<const std::string_view> notification_kinds();

// The event kind of a case event: the action's text form.
std::string case_event_kind(const Event& event);

}  // namespace tongban::domain
