#include "domain/shipment.h"

#include <algorithm>
#include <map>
#include <stdexcept>
#include <tuple>

#include "domain/word_table.h"

namespace tongban::domain {
namespace {

constexpr WordTable<ShipmentKind, 2> kKinds = {{
    {ShipmentKind::materials, "materials"},
    {ShipmentKind::result, "result"},
}};

constexpr WordTable<PostalEvent, 8> kEvents = {{
    {PostalEvent::accepted, "accepted"},
    {PostalEvent::in_transit, "in_transit"},
    {PostalEvent::arrived, "arrived"},
    {PostalEvent::out_for_delivery, "out_for_delivery"},
    {PostalEvent::failed_attempt, "failed_attempt"},
    {PostalEvent::held_by_customs, "held_by_customs"},
    {PostalEvent::delivered, "delivered"},
    {PostalEvent::returned, "returned"},
}};

constexpr WordTable<ShipmentStatus, 7> kStatuses = {{
    {ShipmentStatus::created, "created"},
    {ShipmentStatus::in_transit, "in_transit"},
    {ShipmentStatus::out_for_delivery, "out_for_delivery"},
    {ShipmentStatus::attempt_failed, "attempt_failed"},
    {ShipmentStatus::held_by_customs, "held_by_customs"},
    {ShipmentStatus::delivered, "delivered"},
    {ShipmentStatus::returned, "returned"},
}};

// EMSEVT v3 codes; the first code of each event is the one upu_code_of writes.
constexpr std::pair<std::string_view, PostalEvent> kUpuCodes[] = {
    {"EMA", PostalEvent::accepted},       {"EMC", PostalEvent::in_transit},      {"EMB", PostalEvent::in_transit},
    {"EMD", PostalEvent::in_transit},     {"EMF", PostalEvent::in_transit},      {"EMJ", PostalEvent::in_transit},
    {"EMK", PostalEvent::in_transit},     {"EMG", PostalEvent::arrived},         {"EDG", PostalEvent::out_for_delivery},
    {"EMH", PostalEvent::failed_attempt}, {"EME", PostalEvent::held_by_customs}, {"EDB", PostalEvent::held_by_customs},
    {"EMI", PostalEvent::delivered},
};

bool id_character(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
         c == ':' || c == '-';
}

// Printable text without control characters, at most `limit` bytes (UTF-8 is kept as is).
bool plain_text(std::string_view text, std::size_t limit) {
  if (text.size() > limit) return false;
  for (unsigned char c : text)
    if (c < 0x20 || c == 0x7f) return false;
  return true;
}

bool needs_reason(PostalEvent event) {
  return event == PostalEvent::failed_attempt || event == PostalEvent::held_by_customs ||
         event == PostalEvent::returned;
}

// The order events are kept in and ties are broken by: time, then postal step, then id.
auto order_key(const ShipmentEvent& e) {
  return std::make_tuple(e.at_ms, step_rank(e.event), std::string_view(e.event_id));
}

}  // namespace

std::string_view to_string(ShipmentKind kind) {
  return word_of(kKinds, kind);
}
std::string_view to_string(PostalEvent event) {
  return word_of(kEvents, event);
}
std::string_view to_string(ShipmentStatus status) {
  return word_of(kStatuses, status);
}
std::optional<ShipmentKind> parse_shipment_kind(std::string_view text) {
  return value_of(kKinds, text);
}
std::optional<PostalEvent> parse_postal_event(std::string_view text) {
  return value_of(kEvents, text);
}
std::optional<ShipmentStatus> parse_shipment_status(std::string_view text) {
  return value_of(kStatuses, text);
}

std::optional<PostalEvent> postal_event_of_upu_code(std::string_view code) {
  for (const auto& [candidate, event] : kUpuCodes)
    if (candidate == code) return event;
  return std::nullopt;
}

std::string_view upu_code_of(PostalEvent event) {
  for (const auto& [code, candidate] : kUpuCodes)
    if (candidate == event) return code;
  return "";
}

ShipmentStatus status_of(PostalEvent event) {
  switch (event) {
    case PostalEvent::accepted:
    case PostalEvent::in_transit:
    case PostalEvent::arrived: return ShipmentStatus::in_transit;
    case PostalEvent::out_for_delivery: return ShipmentStatus::out_for_delivery;
    case PostalEvent::failed_attempt: return ShipmentStatus::attempt_failed;
    case PostalEvent::held_by_customs: return ShipmentStatus::held_by_customs;
    case PostalEvent::delivered: return ShipmentStatus::delivered;
    case PostalEvent::returned: return ShipmentStatus::returned;
  }
  return ShipmentStatus::created;
}

bool terminal(PostalEvent event) {
  return event == PostalEvent::delivered || event == PostalEvent::returned;
}

int step_rank(PostalEvent event) {
  switch (event) {
    case PostalEvent::accepted: return 1;
    case PostalEvent::in_transit: return 2;
    case PostalEvent::held_by_customs: return 3;
    case PostalEvent::arrived: return 4;
    case PostalEvent::out_for_delivery: return 5;
    case PostalEvent::failed_attempt: return 6;
    case PostalEvent::returned:
    case PostalEvent::delivered: return 7;
  }
  return 0;
}

bool same_event(const ShipmentEvent& a, const ShipmentEvent& b) {
  return a.event_id == b.event_id && a.event == b.event && a.at_ms == b.at_ms && a.location == b.location &&
         a.reason == b.reason && a.proof == b.proof;
}

std::string shipment_event_problem(const ShipmentEvent& event) {
  if (event.event_id.empty() || event.event_id.size() > 64 ||
      !std::all_of(event.event_id.begin(), event.event_id.end(), id_character))
    return "event_id";
  if (event.at_ms <= 0) return "at_ms";
  if (!plain_text(event.location, 120)) return "location";
  if (!plain_text(event.reason, 200) || needs_reason(event.event) != !event.reason.empty()) return "reason";
  if (!plain_text(event.proof, 200) || (event.event == PostalEvent::delivered) != !event.proof.empty()) return "proof";
  return "";
}

ShipmentTracking fold_shipment(std::vector<ShipmentEvent> events) {
  std::map<std::string, ShipmentEvent, std::less<>> by_id;
  for (auto& event : events) {
    auto [at, inserted] = by_id.try_emplace(event.event_id, event);
    if (!inserted && !same_event(at->second, event))
      throw std::invalid_argument("two different events share the id " + event.event_id);
  }
  ShipmentTracking tracking;
  for (auto& [id, event] : by_id) tracking.events.push_back(std::move(event));
  std::sort(tracking.events.begin(), tracking.events.end(),
            [](const auto& a, const auto& b) { return order_key(a) < order_key(b); });
  // The decisive event: the first delivery if there is one, else the first return, else the last event in order.
  const ShipmentEvent* decisive = nullptr;
  const ShipmentEvent* returned = nullptr;
  for (const auto& event : tracking.events) {
    if (event.event == PostalEvent::failed_attempt) ++tracking.failed_attempts;
    if (event.event == PostalEvent::delivered && !tracking.delivery) tracking.delivery = event;
    if (event.event == PostalEvent::returned && !returned) returned = &event;
    decisive = &event;
  }
  if (tracking.delivery) {
    tracking.decisive = *tracking.delivery;
  } else if (returned) {
    tracking.decisive = *returned;
  } else if (decisive) {
    tracking.decisive = *decisive;
  }
  if (tracking.decisive) tracking.status = status_of(tracking.decisive->event);
  return tracking;
}

FoldStep add_shipment_event(const ShipmentTracking& before, const ShipmentEvent& event) {
  FoldStep step;
  for (const auto& known : before.events) {
    if (known.event_id != event.event_id) continue;
    step.outcome = same_event(known, event) ? FoldStep::Outcome::duplicate : FoldStep::Outcome::conflict;
    step.after = before;
    return step;
  }
  std::vector<ShipmentEvent> events = before.events;
  events.push_back(event);
  step.after = fold_shipment(std::move(events));
  step.status_changed = step.after.status != before.status;
  return step;
}

}  // namespace tongban::domain
