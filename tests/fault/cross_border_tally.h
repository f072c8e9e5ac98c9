// CrossBorderTally: the fault test's accounting, read from the two nodes' databases once both are quiet — for
// every case the Jiangmen clerks had acknowledged: does it exist on both sides in the same state, was every message
// applied exactly once and in per-case order, and how long did the round trip take.
//
// Definitions (all exact counts, no sampling):
//   loss           an acknowledged case missing on Jiangmen, or whose case.forward is not delivered in Jiangmen's
//                  outbox, or not applied in Macao's inbox, or without Macao's copy (applicant "xb:CN-GD-JM:<id>");
//   state mismatch the Jiangmen case and Macao's copy in different states;
//   applied twice  a message id logged twice in a receiver's message log, or one event (action, from, to, note)
//                  twice in one case's history on either side;
//   order break    a case's inbox sequences on a receiver not exactly 1..n, not all applied, applied out of order
//                  (applied_at_ms decreasing), the receiver's per-case counter not n, or the two sides' lists of
//                  state transitions differing;
//   round trip     Jiangmen's forward queued (outbox created_at_ms) -> Macao's last status (the accept) applied on
//                  Jiangmen (inbox applied_at_ms); split into the JM->MO leg (forward applied on Macao), the
//                  reviewer's time on Macao, and the MO->JM leg (status queued -> applied).
// Pure computation over two NodeDatabase handles; no writes.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "node_database.h"

namespace tongban::fault_test {

struct Percentiles {
  std::int64_t median = 0, p95 = 0, max = 0;
};
Percentiles percentiles(std::vector<std::int64_t> values);

struct CrossBorderTally {
  int acknowledged = 0;
  int losses = 0;
  int state_mismatches = 0;
  int not_accepted = 0;  // cases not in `accepted` on both sides
  int applied_twice = 0;
  int order_breaks = 0;
  std::int64_t jm_inbox = 0, mo_inbox = 0;                            // messages each side accepted (rows in its inbox)
  std::map<std::size_t, int> jm_events_per_case, mo_events_per_case;  // history length -> number of cases
  std::vector<std::int64_t> round_trip_ms, out_leg_ms, back_leg_ms, reviewer_ms;
  std::vector<std::string> examples;  // the first few problems, described, for the failure message
};

CrossBorderTally tally(const NodeDatabase& jiangmen, const NodeDatabase& macao,
                       const std::vector<std::string>& acknowledged_case_ids);

}  // namespace tongban::fault_test
