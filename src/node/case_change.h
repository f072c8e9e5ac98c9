// CaseChange and CaseChangeListener: how the node tells cross-border handling about a case change while the change
// is still inside its store job, so that a message caused by the change (an outbox entry) commits with it or not
// at all (the transactional outbox, DESIGN §4).
//
// The CaseDesk calls the node's listener (if one is attached) after it has written the case and sealed the event,
// inside the same Transaction. The listener may write through the Transaction; if it throws, the whole job rolls
// back and the caller sees the exception (an domain::ProblemError reaches the client as such). The listener must not
// keep the references beyond the call. Changes that arrive from a peer (applied by a federation handler) do not go
// through the CaseDesk and are not reported, so a mirrored change never echoes back.
#pragma once

#include <optional>
#include <string>

#include "domain/case.h"
#include "domain/shipment.h"
#include "store/store.h"

namespace tongban::node {

struct CaseChange {
  const domain::Actor& actor;
  const domain::Case& before;  // state before the change (for a new case: the case as opened, state draft)
  const domain::Case& after;   // as stored (version bumped)
  const domain::Event& event;  // the sealed event of the change
};

class CaseChangeListener {
 public:
  virtual ~CaseChangeListener() = default;
  virtual void case_changed(store::Transaction& tx, const CaseChange& change) = 0;
  // The authority of this node that decides a new case of another node's `item` under a delegation
  // (crossborder/delegated_handling.h); nullopt when there is none.
  virtual std::optional<std::string> delegate_authority(const domain::Item& item) const {
    (void)item;
    return std::nullopt;
  }
  // Why cross-border handling refuses `action` on `kase` now although the state machine allows it (e.g. the owner's
  // read-only record of a delegated case, a joint case whose sub-cases are not all approved); nullopt when it does
  // not. The CaseDesk refuses such an action (409) and never offers it in available_actions.
  virtual std::optional<std::string> refusal(const store::Reader& reader, const domain::Case& kase,
                                             domain::CaseAction action) const {
    (void)reader, (void)kase, (void)action;
    return std::nullopt;
  }
  // Post (node/post_desk.h): a shipment of `kase` was opened (`added` empty) or a carrier reported new events of it
  // on this node, inside the job that stored them; cross-border handling tells the other node of the case. Not
  // called for events a peer reported (no echo).
  virtual void shipment_changed(store::Transaction& tx, const domain::Case& kase, const store::ShipmentRecord& shipment,
                                const std::vector<domain::ShipmentEvent>& added) {
    (void)tx, (void)kase, (void)shipment, (void)added;
  }
};

}  // namespace tongban::node
