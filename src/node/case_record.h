// Recording on a case what is not a step of its state machine: a carrier's report (node/post_desk.h), a rating and
// its follow-up (node/rating_desk.h). The event goes into the node's audit chain (domain/audit_chain.h) like any
// other, and the case's version moves, so a concurrent change of the same case is a version conflict.
#pragma once

#include <cstdint>
#include <string>

#include "domain/case.h"
#include "store/store.h"

namespace tongban::node {

struct RecordedEvent {
  std::string actor_id;
  domain::Role actor_role = domain::Role::admin;
  domain::CaseAction action = domain::CaseAction::recompute_deadlines;
  domain::CaseState to_state = domain::CaseState::draft;  // the case's state after it (usually unchanged)
  std::string note;
  std::int64_t at_ms = 0;
  std::string actor_organisation = "";
};

// Appends the event in tx and stores the case with its new state and updated_at_ms = now_ms; returns the stored
// case. Throws what Transaction::update_case throws (VersionConflict when `kase` is not the stored version).
domain::Case record_case_event(store::Transaction& tx, domain::Case kase, const RecordedEvent& recorded,
                               std::int64_t now_ms);

}  // namespace tongban::node
