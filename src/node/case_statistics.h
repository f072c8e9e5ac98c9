// Case statistics of one node (issue 12, docs/statistics.md): the figures of domain/case_figures.h, computed on
// demand from what the node holds now — the store's cases, events and ratings (Reader::case_facts), the served
// catalog (each item's limits and visits, each jurisdiction's UTC offset, each intake point's jurisdiction) and the
// imported calendars. Nothing is cached or counted on the side, so the figures never drift from the cases.
// Read-only; safe from any thread.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "domain/case_figures.h"
#include "domain/region_aggregate.h"
#include "node/node.h"

namespace tongban::node {

domain::CaseFigures case_statistics(Node& node, domain::Dimension dimension, const domain::FigureFilter& filter);

// The node's daily aggregates for the region (domain/region_aggregate.h), one per day in `days` (in that order), of
// the same facts read once, suppressed with k, published under `node_id`, generated now.
std::vector<domain::DailyAggregate> daily_aggregates(Node& node, const std::vector<domain::CalendarDate>& days,
                                                     std::int64_t k, const std::string& node_id);

}  // namespace tongban::node
