// ShipmentSync: the shipments of a cross-border case shown on both of its nodes (issue 11 §2, docs/post.md).
//
// A shipment belongs to the node whose staff opened it (materials: the origin's intake clerk; a result: the owner's
// reviewer) and the carrier reports its events there. Whenever that node opens a shipment of a cross-border case or
// learns of new events, one "shipment.update" message tells the case's other node, inside the same store job
// (exactly once, in order, like every case message):
//   payload {"shipment": {"item_id","carrier","kind","sender","recipient","created_at_ms"},
//            "events": [{"event_id","event","at_ms","location","reason","proof"}, …]}   (data category "case")
// The postal address of a result sent to the applicant stays on the node that posts it: the other node needs the
// tracking, not the address (minimum data).
//
// Which node is "the other": for the owner's copy of a case (remote intake, online across borders) the origin it
// names; for a case taken in or applied for here whose item is another jurisdiction's, the item's node.
//
// Receiving: the message must be about a case that pairs with the sender in exactly that way
// (MessageRejected "not_case_owner" otherwise); an item id or event that a carrier could not send either is refused
// ("payload_malformed"), and so is a sender or recipient other than the case's own (materials: its intake point to
// its authority; a result: its authority to "applicant" or its intake point); a known item id must belong to the same case and come from the same node
// ("not_case_owner"). The copy is stored with origin_node = the sender and its events go through
// node::apply_shipment_events (from_peer): the same fold, the same case effects — a failed attempt puts a task in
// the queue of the intake point when it is ours; proof of delivery of a result moves our copy to delivered — and
// no echo back. Events are attributed "<sender>:carrier:<name>".
#pragma once

#include "crossborder/context.h"
#include "federation/message_handler.h"
#include "store/store.h"

namespace tongban::crossborder {

class ShipmentSync {
 public:
  explicit ShipmentSync(const CrossBorderContext& context) : context_(context) {}

  void register_handlers(federation::MessageDispatch& dispatch);
  // From node::CaseChangeListener::shipment_changed: tells the case's other node, if it has one.
  void shipment_changed(store::Transaction& tx, const domain::Case& kase, const store::ShipmentRecord& shipment,
                        const std::vector<domain::ShipmentEvent>& added) const;

 private:
  void apply_update(const federation::Envelope& envelope, store::Transaction& tx) const;

  const CrossBorderContext& context_;
};

}  // namespace tongban::crossborder
