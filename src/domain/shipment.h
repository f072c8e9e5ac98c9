// Shipments (政邮合作): a postal item that carries originals of a case's materials from the intake window to the
// owning authority, or a case's result from the authority to the applicant's address (or back to the intake window),
// and the carrier's tracking events of it.
//
// Events follow UPU EMSEVT (v3): each carrier event is one of eight postal events, mapped from EMSEVT codes where
// one exists —
//   accepted          EMA  posting / collection
//   in_transit        EMB, EMC, EMD, EMF, EMJ, EMK  arrival at / departure from offices of exchange and transit
//   arrived           EMG  arrival at the delivery office
//   out_for_delivery  EDG  item out for delivery
//   failed_attempt    EMH  unsuccessful delivery attempt (with a reason)
//   held_by_customs   EME, EDB  held by / presented to import customs
//   delivered         EMI  final delivery (with proof: who signed, or the photo's reference)
//   returned          —    returned to sender (EMSEVT has no one code: carriers send EMH with a return action)
// — and folded into a small status set a person reads (ShipmentStatus).
//
// The fold (fold_shipment) is a pure function of the SET of events, so it is
// - idempotent: an event id seen before changes nothing (the same id with different content is a conflict);
// - tolerant of out-of-order arrival: the status is that of the latest event by event time (ties: the later postal
//   step, then the event id), except that a terminal event (delivered, returned) wins over every non-terminal one,
//   whatever the times, so a late 'in transit' never undoes 'delivered'. Between two terminal events, delivered
//   wins (an item returned and then handed over is delivered).
// Pure values and functions; no I/O.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tongban::domain {

enum class ShipmentKind {
  materials,  // intake window -> owning authority (originals that must travel)
  result,     // authority -> applicant's address or the intake window
};

enum class PostalEvent {
  accepted,
  in_transit,
  arrived,
  out_for_delivery,
  failed_attempt,
  held_by_customs,
  delivered,
  returned,
};

// What a person reads; every PostalEvent maps to one.
enum class ShipmentStatus {
  created,           // registered with the carrier, no event yet
  in_transit,        // accepted, in transit, arrived
  out_for_delivery,  //
  attempt_failed,    // the last attempt failed; the carrier will try again or hold it for pick-up
  held_by_customs,   //
  delivered,         // terminal
  returned,          // terminal
};

std::string_view to_string(ShipmentKind);
std::string_view to_string(PostalEvent);
std::string_view to_string(ShipmentStatus);
std::optional<ShipmentKind> parse_shipment_kind(std::string_view);
std::optional<PostalEvent> parse_postal_event(std::string_view);
std::optional<ShipmentStatus> parse_shipment_status(std::string_view);

// The postal event an EMSEVT event code stands for (table above); nullopt for a code not listed.
std::optional<PostalEvent> postal_event_of_upu_code(std::string_view code);
// The EMSEVT code written for an event (the first of the table's list); "" for returned.
std::string_view upu_code_of(PostalEvent event);

ShipmentStatus status_of(PostalEvent event);
bool terminal(PostalEvent event);
// The order of postal steps (accepted 1 … out_for_delivery 5, failed_attempt 6, delivered/returned 7): ties of time.
int step_rank(PostalEvent event);

// One tracking event as a carrier reports it.
struct ShipmentEvent {
  std::string event_id;  // the carrier's id of this event, unique per item: [A-Za-z0-9._:-]{1,64}
  PostalEvent event = PostalEvent::accepted;
  std::int64_t at_ms = 0;           // when it happened (carrier's clock)
  std::string location;             // office or place, free text (<= 120 characters)
  std::string reason;               // failed_attempt, held_by_customs, returned: why (<= 200 characters); else ""
  std::string proof;                // delivered: who signed or the proof's reference (<= 200 characters); else ""
  std::int64_t received_at_ms = 0;  // when this node learnt of it (not part of its identity)
};

// One event of one item, as a carrier (or a peer node) reports it.
struct ShipmentReport {
  std::string item_id;  // S10
  ShipmentEvent event;
};

// Same event id, same content (received_at_ms aside).
bool same_event(const ShipmentEvent& a, const ShipmentEvent& b);

// Why the event is not acceptable ("event_id", "at_ms", "location", "reason", "proof"), "" when it is. A failed
// attempt, a customs hold and a return need a reason; a delivery needs a proof.
std::string shipment_event_problem(const ShipmentEvent& event);

struct ShipmentTracking {
  ShipmentStatus status = ShipmentStatus::created;
  std::vector<ShipmentEvent> events;      // distinct ids, ordered by (at_ms, step_rank, event_id)
  std::optional<ShipmentEvent> decisive;  // the event the status comes from (none while created)
  std::optional<ShipmentEvent> delivery;  // the delivered event, if any (the earliest by time)
  int failed_attempts = 0;
};

// The tracking that `events` give (any order, duplicates by id allowed when identical). std::invalid_argument when
// two events share an id but differ.
ShipmentTracking fold_shipment(std::vector<ShipmentEvent> events);

// What adding one event does to a tracking.
struct FoldStep {
  enum class Outcome { added, duplicate, conflict } outcome = Outcome::added;
  ShipmentTracking after;  // == before unless added
  bool status_changed = false;
};
FoldStep add_shipment_event(const ShipmentTracking& before, const ShipmentEvent& event);

}  // namespace tongban::domain
