#include "node/case_statistics.h"

#include <map>
#include <memory>
#include <string>

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

}  // namespace

domain::CaseFigures case_statistics(Node& node, domain::Dimension dimension, const domain::FigureFilter& filter) {
  auto snapshot = node.catalog();
  std::vector<domain::CaseFacts> cases = node.store().case_facts();
  const domain::Catalog* catalog = snapshot ? &snapshot->catalog : nullptr;
  for (auto& facts : cases) complete(facts, catalog, node.config().jurisdiction);
  // The calendars the cases need, held for the computation (the node may swap a calendar meanwhile).
  std::map<std::string, std::shared_ptr<const domain::WorkingCalendar>, std::less<>> held;
  for (const auto& facts : cases)
    if (!held.contains(facts.jurisdiction)) held[facts.jurisdiction] = node.calendar(facts.jurisdiction);
  auto lookup = [&held](std::string_view jurisdiction) -> const domain::WorkingCalendar* {
    auto found = held.find(jurisdiction);
    return found == held.end() ? nullptr : found->second.get();
  };
  return domain::compute_case_figures(cases, dimension, filter, node.now_ms(), lookup);
}

}  // namespace tongban::node
