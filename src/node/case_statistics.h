// Case statistics of one node (issue 12, docs/statistics.md): the figures of domain/case_figures.h, computed on
// demand from what the node holds now — the store's cases, events and ratings (Reader::case_facts), the served
// catalog (each item's limits and visits, each jurisdiction's UTC offset, each intake point's jurisdiction) and the
// imported calendars. Nothing is cached or counted on the side, so the figures never drift from the cases.
// Read-only; safe from any thread.
#pragma once

#include "domain/case_figures.h"
#include "node/node.h"

namespace tongban::node {

domain::CaseFigures case_statistics(Node& node, domain::Dimension dimension, const domain::FigureFilter& filter);

}  // namespace tongban::node
