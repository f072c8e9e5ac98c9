// DelegatedHandling (异地授权、本地办理): a node decides an item of another jurisdiction under a delegation from the
// owning authority (crossborder/agreements.h), and the owner receives every decision and records it as a
// case of its own, so the owner's statistics and audit trail see it. docs/cross-border.md shows the flow.
//
// Delegate side (the item is another node's, its authority delegated it to one of our authorities):
//   a case opened in mode "delegated" is put under our delegate authority (CaseDesk asks delegate_authority()), so
//   our reviewers of that authority accept and decide it with the ordinary state machine. From the decision on
//   (approved, rejected, not_accepted, and every later step) each change is sent to the owner as case.result: the
//   crosses_border form fields, the consent record, the decision and the history so far. Nothing crosses before the
//   decision (a withdrawal before it stays local).
// Owner side: case.result from a peer is accepted only for our item offering "delegated", from the delegate node of
//   a delegation of the item's authority naming the same delegate authority; else MessageRejected("not_our_item",
//   "mode_not_offered", "not_delegated"). The first creates our record of the case (applicant "xb:<delegate node>:
//   <case id>", idempotency key "case.result", under the owning authority, the history replayed), later ones move
//   it. The record is read-only here: a local action on it is refused (409), the decision is the delegate's.
#pragma once

#include <optional>
#include <string>

#include "catalog/field_patterns.h"
#include "crossborder/agreements_in_force.h"
#include "crossborder/case_refs.h"
#include "crossborder/context.h"
#include "crossborder/payload.h"
#include "federation/message_handler.h"
#include "node/case_change.h"

namespace tongban::crossborder {

class DelegatedHandling {
 public:
  DelegatedHandling(const CrossBorderContext& context, const AgreementsInForce& agreements)
      : context_(context), agreements_(agreements) {}

  void register_handlers(federation::MessageDispatch& dispatch);
  // True if the change concerned a delegated cross-border case (ours or a record of one) and was handled.
  bool case_changed(store::Transaction& tx, const node::CaseChange& change);
  // Our authority that decides `item` under delegation; nullopt if the item is ours, not delegated, or not to us.
  std::optional<std::string> delegate_authority(const domain::Item& item) const;

 private:
  void send_result(store::Transaction& tx, const node::CaseChange& change, const domain::Item& item);
  void apply_result(const federation::Envelope& envelope, store::Transaction& tx);
  void create_record(const federation::Envelope& envelope, store::Transaction& tx, const PayloadReader& payload,
                     const domain::Item& item, const catalog::FieldPatterns& patterns);

  const CrossBorderContext& context_;
  const AgreementsInForce& agreements_;
};

}  // namespace tongban::crossborder
