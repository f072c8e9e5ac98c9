// AcknowledgedLedger: the crash test's check of one node's database against what its clients were told.
//
// ledger_check() reads, in ONE read transaction (a consistent snapshot beside the running node's writer), every
// case (id, state, version) and every event (case, action, from, to, in sequence order), then:
//   - acknowledged and found: for each acknowledged request (case_workload.h) the case exists with at least the
//     acknowledged version, and its event number `version` (the case's events in order; the creation is event 1)
//     is that action and leads to the acknowledged state — so the answer's effect is there, unchanged. Exact counts
//     for creations and for actions;
//   - every case, acknowledged or not, is complete and consistent: exactly `version` events, the first a submit
//     from draft, each from the previous one's state, the last one's state the case's state;
// and runs the database's own check (NodeDatabase::integrity(): "ok" or its first complaints).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "case_workload.h"
#include "node_database.h"

namespace tongban::fault_test {

struct LedgerCheck {
  std::int64_t cases_acknowledged = 0, cases_found = 0;
  std::int64_t actions_acknowledged = 0, actions_found = 0;
  std::int64_t cases_stored = 0, cases_inconsistent = 0;
  std::string integrity;              // "ok" when NodeDatabase::integrity() finds nothing
  std::vector<std::string> examples;  // the first few failures, for the test's messages
};

LedgerCheck ledger_check(const NodeDatabase& db, const std::vector<Acknowledged>& acknowledged);

}  // namespace tongban::fault_test
