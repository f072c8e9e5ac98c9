// The case statistics' read of the store (issue 12, domain/case_figures.h, docs/statistics.md): for every case past
// draft, what the figures need — read from the cases, events, ratings and rating_follow_ups tables each time (no
// second copy of any count), no personal data (no applicant, form or material). A free function over a Connection,
// shared by SqlReads (both readers).
//
// The store fills what it holds: item, authority, mode, channel, intake point, competent jurisdiction, when it was
// taken in (the first submit event, else the creation), the first decision (approve, reject, not_accept) and a
// withdrawal, the clock as stored, supplements requested, visits made (taken in at a service point = 1, each
// supplement handed in by a clerk or agent = 1, a delivered window pick-up = 1) and the ratings with their
// follow-up. What comes from the catalog — the offset, the item's limits and visits, the intake point's
// jurisdiction — is left for the node (node/case_statistics.h).
#pragma once

#include <vector>

#include "domain/case_figures.h"
#include "store/sql/connection.h"

namespace tongban::store::sql {

std::vector<domain::CaseFacts> query_case_facts(Connection& connection);

}  // namespace tongban::store::sql
