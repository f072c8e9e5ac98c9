// RemoteIntake (异地代收代办): a case taken in at a service point of one jurisdiction (the origin) for an item another
// jurisdiction's node decides (the owner). Both halves live here; docs/cross-border.md shows the message flow.
//
// Origin side (our clerk took the case in; the item is another node's):
//   forward     -> case.forward   : the item's crosses_border form fields only, the materials with their blobs
//                                   (SHA-256 checked on arrival), the consent record, the history so far;
//   supplement  -> case.supplement: the new materials and their blobs;
//   deliver     -> delivery.update: the delivery step recorded at our window;
//   withdraw    -> case.status    : the applicant withdrew.
//   Incoming case.status from the owner moves our copy to the owner's state and mirrors the owner's event into our
//   history (actor "<owner node>:<account>", note "[remote <node> <owner case id>] …").
// Owner side (a peer forwarded the case; we decide):
//   case.forward creates our copy under the competent authority in state `forwarded` (applicant_id
//   "xb:<origin>:<origin case id>", see cross_border_case.h) and answers case.status "received"; every change our
//   reviewers make is sent back as case.status; case.supplement / delivery.update / withdraw are applied to our
//   copy with an event naming the remote actor.
// A message about a case the sender neither owns nor took in is refused: MessageRejected("not_case_owner").
// Everything a message causes happens in the inbox's transaction, every message a change causes is enqueued in the
// change's transaction (exactly once, in order, by construction of the federation layer).
#pragma once

#include "crossborder/case_refs.h"
#include "crossborder/context.h"
#include "federation/message_handler.h"
#include "node/case_change.h"

namespace tongban::crossborder {

class RemoteIntake {
 public:
  explicit RemoteIntake(const CrossBorderContext& context) : context_(context) {}

  void register_handlers(federation::MessageDispatch& dispatch);
  // True if the change concerned a remote-intake case (origin or owner copy) and was handled.
  bool case_changed(store::Transaction& tx, const node::CaseChange& change);

 private:
  void origin_changed(store::Transaction& tx, const node::CaseChange& change, const domain::Item& item);
  void owner_changed(store::Transaction& tx, const node::CaseChange& change, const OriginRef& origin);
  void send_forward(store::Transaction& tx, const domain::Case& kase, const domain::Item& item);

  void apply_forward(const federation::Envelope& envelope, store::Transaction& tx);
  void apply_status(const federation::Envelope& envelope, store::Transaction& tx);
  void apply_supplement(const federation::Envelope& envelope, store::Transaction& tx);
  void apply_delivery(const federation::Envelope& envelope, store::Transaction& tx);
  void mirror_owner_status(const federation::Envelope& envelope, store::Transaction& tx, domain::Case kase);

  const CrossBorderContext& context_;
};

}  // namespace tongban::crossborder
