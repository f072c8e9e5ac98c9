#include "node/case_statistics.h"

#include <string>

#include "node/held_calendars.h"

namespace tongban::node {
namespace {

// Completes the store's facts with what the catalog says: the competent jurisdiction's offset, the item's limits
// and visits, and where the person was served (the intake point's jurisdiction; the node's own for the web or a
// point the catalog no longer lists).
void complete(domain::CaseFacts& facts, const domain::Catalog* catalog, const std::string& here) {
  facts.utc_offset_minutes = 480;
  facts.intake_jurisdiction = here;
  if (!catalog) return;
  if (const auto* jurisdiction = catalog->find_jurisdiction(facts.jurisdiction))
    facts.utc_offset_minutes = jurisdiction->utc_offset_minutes;
  if (const auto* item = catalog->find_item(facts.item_code)) {
    facts.promised_days = item->promised_days;
    facts.legal_days = item->legal_days;
    facts.visits_needed = item->visits;
  }
  if (!facts.intake_point.empty())
    if (const auto* point = catalog->find_service_point(facts.intake_point))
      facts.intake_jurisdiction = point->jurisdiction;
}

// The facts of every case past draft, completed from the catalog.
std::vector<domain::CaseFacts> completed_facts(Node& node) {
  auto snapshot = node.catalog();
  std::vector<domain::CaseFacts> cases = node.store().case_facts();
  const domain::Catalog* catalog = snapshot ? &snapshot->catalog : nullptr;
  for (auto& facts : cases) complete(facts, catalog, node.config().jurisdiction);
  return cases;
}

}  // namespace

domain::CaseFigures case_statistics(Node& node, domain::Dimension dimension, const domain::FigureFilter& filter) {
  std::vector<domain::CaseFacts> cases = completed_facts(node);
  HeldCalendars held(node);
  for (const auto& facts : cases) held.hold(facts.jurisdiction);
  auto lookup = held.lookup();
  return domain::compute_case_figures(cases, dimension, filter, node.now_ms(), lookup);
}

std::vector<domain::DailyAggregate> daily_aggregates(Node& node, const std::vector<domain::CalendarDate>& days,
                                                     std::int64_t k, const std::string& node_id) {
  std::vector<domain::CaseFacts> cases = completed_facts(node);
  HeldCalendars held(node);
  for (const auto& facts : cases) held.hold(facts.jurisdiction);
  auto lookup = held.lookup();
  std::int64_t now = node.now_ms();
  std::vector<domain::DailyAggregate> aggregates;
  for (domain::CalendarDate day : days)
    aggregates.push_back(domain::make_daily_aggregate(cases, day, node_id, node.config().jurisdiction, k, now, lookup));
  return aggregates;
}

}  // namespace tongban::node
