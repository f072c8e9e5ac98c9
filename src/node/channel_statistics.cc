#include "node/channel_statistics.h"

#include <string>

#include "node/held_calendars.h"

namespace tongban::node {

domain::ChannelFigures channel_statistics(Node& node) {
  auto snapshot = node.catalog();
  std::vector<domain::ChannelCaseFacts> cases = node.store().channel_case_facts();
  HeldCalendars held(node);
  for (const auto& facts : cases) held.hold(facts.jurisdiction);
  auto lookup = held.lookup();
  if (!snapshot) return domain::compute_channel_figures({}, node.config().jurisdiction, cases, lookup);
  return domain::compute_channel_figures(snapshot->catalog, node.config().jurisdiction, cases, lookup);
}

}  // namespace tongban::node
