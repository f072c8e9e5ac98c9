// PostDesk (政邮合作, docs/post.md): shipments of a case and what their carrier events do to it.
//
//   - open(): staff register a shipment with a carrier — materials (a clerk or agent at the case's intake point sends
//   the
//     originals to the owning authority, once the case is submitted) or a result (a reviewer of the case's authority
//     posts the issued result to the applicant's delivery address or to the intake window). The item id is the
//     carrier's S10 id, or one the node makes (service indicator "RR", the node's country).
//   - record_reports(): what a carrier reported, already authenticated by the caller (api/carriers.cc checks the
//     signed webhook). Every report is validated first; one bad report refuses the whole call and nothing changes.
//     Events are idempotent (a known event id changes nothing; the same id with other content is a conflict).
//   - apply_shipment_events(): the effects, shared with events a peer node reports (crossborder/shipment_sync.h), in
//     the caller's store job: the shipment's status is the fold of all its events (domain/shipment.h), and the case
//       * on proof of delivery of a result: event shipment_delivered, result_issued -> delivered, and the legal
//         "served" date (the delivery's date in the case's jurisdiction) stored on the shipment and in the note;
//         proof of delivery of materials: event shipment_delivered, state kept;
//       * on a failed attempt or a customs hold: event shipment_failed_attempt / shipment_held_by_customs (state
//         kept) and, while the shipment is not delivered or returned, a task in the queue of the case's intake
//         point when that point is this node's (else in the admins' queue, service point "").
//     Event notes are "post:<event> item=<id> …" (key=value words; web/shipment_view.h renders them).
// Visibility follows the case: whoever may see the case (CaseDesk::may_see) sees its shipments.
// Borrows the Node; stateless otherwise, so any number may exist.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "domain/case.h"
#include "domain/shipment.h"
#include "node/node.h"
#include "store/store.h"

namespace tongban::node {

struct NewShipment {
  domain::ShipmentKind kind = domain::ShipmentKind::result;
  std::string carrier;    // [a-z0-9-]{1,32}; the caller checks the node knows it
  std::string item_id;    // "" = the node assigns one
  std::string recipient;  // result: "applicant" (the case's delivery address) or "intake_point"; materials: ignored
};

struct ShipmentView {
  store::ShipmentRecord shipment;
  domain::ShipmentTracking tracking;
};

struct ReportOutcome {
  int added = 0;
  int duplicates = 0;
};

// Applies `events` to `shipment` (stored) in tx, with the case effects above; returns the events that were new (in
// time order). actor_id names who reported ("carrier:<name>", or "<peer>:carrier:<name>"). Throws ProblemError
// conflict when an event id is known with other content. Calls the case listener's shipment_changed unless
// from_peer.
std::vector<domain::ShipmentEvent> apply_shipment_events(store::Transaction& tx, Node& node,
                                                         store::ShipmentRecord shipment,
                                                         std::vector<domain::ShipmentEvent> events,
                                                         const std::string& actor_id, bool from_peer);

class PostDesk {
 public:
  explicit PostDesk(Node& node) : node_(node) {}

  store::ShipmentRecord open(const domain::Actor& actor, const std::string& case_id, const NewShipment& request);
  ReportOutcome record_reports(const std::string& carrier, const std::vector<domain::ShipmentReport>& reports);
  // The shipments of a case the actor may see (not-found otherwise), oldest first, with their tracking.
  std::vector<ShipmentView> shipments(const domain::Actor& actor, const std::string& case_id) const;
  // The open tasks of the actor's queue: a clerk's service point; an admin's: every task.
  std::vector<store::ShipmentTaskRecord> tasks(const domain::Actor& actor) const;
  // Marks a task of the actor's queue done. not-found if it is not in that queue or already done.
  void close_task(const domain::Actor& actor, std::int64_t task_id);

 private:
  Node& node_;
};

}  // namespace tongban::node
