#include "crossborder/context.h"

#include <boost/json/serialize.hpp>

namespace tongban::crossborder {

std::vector<domain::Zone> CrossBorderContext::zones_in_force(const domain::Catalog& catalog) const {
  if (!directory) return catalog.zones;
  std::vector<domain::Zone> agreed;
  auto held = directory->held();
  if (!held) return agreed;
  for (const auto& zone : catalog.zones)
    for (const auto& entry : held->agreements.zones)
      if (entry.code == zone.code && entry.owner == zone.owner_jurisdiction && entry.host == zone.host_jurisdiction)
        agreed.push_back(zone);
  return agreed;
}

federation::QueuedMessage CrossBorderContext::send(store::Transaction& tx, const std::string& to, std::string_view type,
                                                   const std::string& case_ref,
                                                   std::vector<std::string> data_categories,
                                                   const boost::json::object& payload) const {
  federation::OutgoingMessage message;
  message.to = to;
  message.type = std::string(type);
  message.case_ref = case_ref;
  message.data_categories = std::move(data_categories);
  message.payload = boost::json::serialize(payload);
  return outbox.enqueue(tx, message);
}

domain::CalendarDate CrossBorderContext::today_in(const std::string& jurisdiction) const {
  auto snapshot = node.catalog();
  const auto* found = snapshot->catalog.find_jurisdiction(jurisdiction);
  return domain::local_date(node.now_ms(), found ? found->utc_offset_minutes : 480);
}

}  // namespace tongban::crossborder
