// JointHandling (多地联办): one application, linked sub-cases at the authorities of the other jurisdictions of a
// joint group (crossborder/agreements.h), e.g. a pension transfer between Jiangmen HRSS and Macao FSS.
// docs/cross-border.md shows the flow.
//
// Parent side (the node where the application is made; the parent's item is one of ours — CaseDesk refuses a joint
// case for another node's item): the parent is decided by our own authority with the ordinary state machine. When
// it is submitted, a subcase.request goes to the node of every other item of its group, carrying that item's own
// part of the application (node/application_form.h: its crosses_border answers and its materials, blobs by
// reference); a part missing or breaking its item's rules refuses the submission (422, field errors
// "form.<item>.<field>", "materials.<item>.<material>"). subcase.status (a step of a sub-case) is mirrored into the
// parent's history without a state change, except a request_supplement, which puts an accepted or in-review parent
// in supplement_requested (clock paused); the parent's supplement sends each item's new part materials to its
// sub-case (subcase.status with action supplement, materials, blobs); subcase.done with outcome "approved" is
// recorded likewise ("[subcase <node> <id>] done: approved"); with "rejected"/"not_accepted" the parent is rejected
// (unless it already reached an outcome) with the sub-case's reason as its result note. The parent completes
// (issue_result) only when every sub-case is done and approved: before that the action is refused (409). When the
// parent ends without a result (rejected, not_accepted, withdrawn) the sub-cases are told (subcase.status).
// Sub-case side: subcase.request is accepted only for our item offering "joint", grouped with the parent's item,
// from the parent item's node (else "not_our_item", "mode_not_offered", "not_joint"); it creates the sub-case in
// state submitted under our authority (applicant "xb:<parent node>:<parent id>", idempotency key
// "subcase.request") with the answers and materials checked against our item (receiving_checks.h). Every change our
// reviewers make is sent back: subcase.done at the decision (approved, rejected, not_accepted), subcase.status
// otherwise. A parent that ended withdraws a sub-case not yet decided; a parent's supplement adds its materials
// (checked against our item) and resumes a sub-case awaiting it. A subcase message about a parent that is not a joint
// case of ours with the sender in its group, or about a sub-case the sender did not request, is refused:
// MessageRejected("not_case_owner").
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "crossborder/agreements_in_force.h"
#include "crossborder/case_refs.h"
#include "crossborder/context.h"
#include "federation/message_handler.h"
#include "node/case_change.h"

namespace tongban::crossborder {

class JointHandling {
 public:
  JointHandling(const CrossBorderContext& context, const AgreementsInForce& agreements)
      : context_(context), agreements_(agreements) {}

  void register_handlers(federation::MessageDispatch& dispatch);
  // True if the change concerned a joint case (a parent or a sub-case) and was handled.
  bool case_changed(store::Transaction& tx, const node::CaseChange& change);
  // The items of other jurisdictions linked to `item` (empty when it is in no joint group).
  std::vector<const domain::Item*> partners(const domain::Catalog& catalog, const domain::Item& item) const;
  // Why a local action on a joint parent is refused now (issue_result before every sub-case is approved).
  std::optional<std::string> refusal(const store::Reader& reader, const domain::Case& kase,
                                     domain::CaseAction action) const;

 private:
  void parent_changed(store::Transaction& tx, const node::CaseChange& change, const domain::Item& item);
  void subcase_changed(store::Transaction& tx, const node::CaseChange& change, const OriginRef& parent);
  void send_requests(store::Transaction& tx, const domain::Case& parent, const domain::Item& item);
  void send_supplements(store::Transaction& tx, const node::CaseChange& change, const domain::Item& item);
  void require_subcases_done(const store::Reader& reader, const domain::Case& parent, const domain::Item& item);
  std::optional<std::string> pending_subcase(const store::Reader& reader, const domain::Case& parent,
                                             const domain::Item& item) const;

  void apply_request(const federation::Envelope& envelope, store::Transaction& tx);
  void apply_status(const federation::Envelope& envelope, store::Transaction& tx);
  void apply_done(const federation::Envelope& envelope, store::Transaction& tx);
  void end_subcase(const federation::Envelope& envelope, store::Transaction& tx);
  void apply_parent_supplement(const federation::Envelope& envelope, store::Transaction& tx, domain::Case sub);
  domain::Case parent_or_reject(const federation::Envelope& envelope, const store::Reader& reader,
                                const std::string& subcase_item) const;

  const CrossBorderContext& context_;
  const AgreementsInForce& agreements_;
};

}  // namespace tongban::crossborder
