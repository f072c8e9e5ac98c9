#include "domain/notification_kind.h"

#include <array>

namespace tongban::domain {
namespace {

constexpr std::array kRules = {
    // Case events (the action of the sealed event).
    NotificationRule{"submit", "received", true},
    NotificationRule{"accept", "accepted", true},
    NotificationRule{"not_accept", "not_accepted", true},
    NotificationRule{"request_supplement", "supplement_requested", true},
    NotificationRule{"approve", "decided_approved", true},
    NotificationRule{"reject", "decided_rejected", true},
    NotificationRule{"issue_result", "result_issued", true},
    // Post and shipments (issue 11 §2): emitted by the shipment part with these names.
    NotificationRule{"shipment_failed_attempt", "shipment_failed_attempt", false},
    NotificationRule{"shipment_held_by_customs", "shipment_held_by_customs", false},
    NotificationRule{"shipment_delivered", "shipment_delivered", false},
    // E-certificates (issue 11 §1): the certificate is the result, so its issue is a statutory notice.
    NotificationRule{"certificate_issued", "certificate_issued", true},
    // Notices (issue 12 §3): told to the applicants subscribed to the notice's topic, an item or a zone it names;
    // about no case (case_id ""), note = the notice's title, reference = its id. Optional: it follows preferences.
    NotificationRule{"notice_published", "notice_published", false},
};

constexpr std::array<std::string_view, kRules.size()> kinds_of_rules() {
  std::array<std::string_view, kRules.size()> kinds{};
  for (std::size_t i = 0; i < kRules.size(); ++i) kinds[i] = kRules[i].kind;
  return kinds;
}

// Every kind appears once in the table above (one event per kind), so the kinds are the rows' kinds.
constexpr auto kKinds = kinds_of_rules();

}  // namespace

std::string_view to_string(NotificationChannel channel) {
  switch (channel) {
    case NotificationChannel::email: return "email";
    case NotificationChannel::sms: return "sms";
    case NotificationChannel::in_app: return "in_app";
  }
  return "in_app";
}

std::optional<NotificationChannel> parse_notification_channel(std::string_view word) {
  if (word == "email") return NotificationChannel::email;
  if (word == "sms") return NotificationChannel::sms;
  if (word == "in_app") return NotificationChannel::in_app;
  return std::nullopt;
}

std::span<const NotificationRule> notification_rules() {
  return kRules;
}

const NotificationRule* notification_rule(std::string_view event_kind) {
  for (const auto& rule : kRules)
    if (rule.event_kind == event_kind) return &rule;
  return nullptr;
}

std::span<const std::string_view> notification_kinds() {
  return kKinds;
}

std::string case_event_kind(const Event& event) {
  return std::string(to_string(event.action));
}

}  // namespace tongban::domain
