// OnlineAcrossBorders (跨境网办): an applicant registered on one node (home) applies online for an item another node
// decides (owner); the home node vouches for the identity with a signed IdentityAssertion
// (crossborder/identity_assertion.h) so nobody registers twice, and the owner accepts the application under that
// identity. docs/cross-border.md.
//
// Home side (a case in mode "online" for another node's item, opened by our applicant with consent): on submit,
//   identity.assertion carries the assertion and the application (crosses_border form fields, materials and blobs,
//   consent, history); a supplement goes as case.supplement, a withdrawal as case.status — the same payloads as
//   remote intake, whose handlers the owner applies. The owner's case.status messages move our case (remote intake's
//   mirror, which serves online cases too).
// Owner side: identity.assertion is accepted for our item offering "online" when the assertion verifies with the
//   sender's key from our trust list, names the sender and the case_ref, and its identity document is one our
//   jurisdiction accepts (else "assertion_invalid", "not_our_item", "mode_not_offered", "identity_not_accepted",
//   "consent_missing"). The applicant is found by document among our accounts, or a shadow applicant record is made
//   once per person (id "xa:<home>:<home account>", disabled: it cannot sign in). Our copy of the case is made like a
//   forwarded one (applicant "xb:<home>:<home case id>", idempotency key "case.forward", state submitted, event
//   naming the vouched applicant record), so remote intake's owner handlers serve its supplements and withdrawal;
//   every change our reviewers make goes back as case.status.
#pragma once

#include "crossborder/case_refs.h"
#include "crossborder/context.h"
#include "crossborder/identity_assertion.h"
#include "federation/message_handler.h"
#include "federation/node_key.h"
#include "federation/trust_list.h"
#include "node/case_change.h"

namespace tongban::crossborder {

class OnlineAcrossBorders {
 public:
  OnlineAcrossBorders(const CrossBorderContext& context, const federation::NodeKey& key,
                      const federation::TrustList& trust)
      : context_(context), key_(key), trust_(trust) {}

  void register_handlers(federation::MessageDispatch& dispatch);
  // True if the change concerned an online cross-border case (home or owner copy) and was handled.
  bool case_changed(store::Transaction& tx, const node::CaseChange& change);

 private:
  void home_changed(store::Transaction& tx, const node::CaseChange& change, const domain::Item& item);
  void send_application(store::Transaction& tx, const domain::Case& kase, const domain::Item& item);
  void owner_changed(store::Transaction& tx, const node::CaseChange& change, const OriginRef& home);
  void apply_assertion(const federation::Envelope& envelope, store::Transaction& tx);
  std::string applicant_record(store::Transaction& tx, const IdentityAssertion& assertion);

  const CrossBorderContext& context_;
  const federation::NodeKey& key_;
  const federation::TrustList& trust_;
};

}  // namespace tongban::crossborder
