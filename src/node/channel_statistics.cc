#include "node/channel_statistics.h"

#include <map>
#include <memory>
#include <string>

namespace tongban::node {

domain::ChannelFigures channel_statistics(Node& node) {
  auto snapshot = node.catalog();
  std::vector<domain::ChannelCaseFacts> cases = node.store().channel_case_facts();
  // The calendars the cases need, held for the computation (the node may swap a calendar meanwhile).
  std::map<std::string, std::shared_ptr<const domain::WorkingCalendar>, std::less<>> held;
  for (const auto& facts : cases)
    if (!held.contains(facts.jurisdiction)) held[facts.jurisdiction] = node.calendar(facts.jurisdiction);
  auto lookup = [&held](std::string_view jurisdiction) -> const domain::WorkingCalendar* {
    auto found = held.find(jurisdiction);
    return found == held.end() ? nullptr : found->second.get();
  };
  if (!snapshot) return domain::compute_channel_figures({}, node.config().jurisdiction, cases, lookup);
  return domain::compute_channel_figures(snapshot->catalog, node.config().jurisdiction, cases, lookup);
}

}  // namespace tongban::node
