// CrossBorderContext: what every cross-border handling mode needs from its node — the node (catalog, store,
// clock), our federation id and the outbox — plus the few decisions they share (who owns an item, what "today" is
// in a jurisdiction). Borrowed references; the CrossBorder runtime (crossborder/cross_border.h) owns the federation
// side and outlives every mode.
#pragma once

#include <boost/json/object.hpp>
#include <string>
#include <vector>

#include "domain/calendar_date.h"
#include "federation/directory_client.h"
#include "federation/outbox.h"
#include "node/node.h"

namespace tongban::crossborder {

struct CrossBorderContext {
  node::Node& node;
  const federation::Outbox& outbox;
  std::string self;  // our node id (== our jurisdiction code, docs/cross-border.md)
  // The signed directory when the node takes its peers from one (federation/directory_client.h), else nullptr.
  const federation::DirectoryClient* directory = nullptr;

  // The zones in force: the catalog's zones (they list the items), and — when the node runs from a directory —
  // only those the directory also agrees (same code, owner and host). A node configured for a directory that holds
  // none yet has no zones in force: nothing is accepted as hosted until a verified directory arrives.
  std::vector<domain::Zone> zones_in_force(const domain::Catalog& catalog) const;

  // The node that decides for the item: the peer whose id is the item's jurisdiction.
  static const std::string& owner_node(const domain::Item& item) { return item.jurisdiction; }
  bool is_ours(const domain::Item& item) const { return item.jurisdiction == node.config().jurisdiction; }

  // Enqueues one message in tx. OutboxRefused propagates (the caller's change rolls back with it).
  federation::QueuedMessage send(store::Transaction& tx, const std::string& to, std::string_view type,
                                 const std::string& case_ref, std::vector<std::string> data_categories,
                                 const boost::json::object& payload) const;

  domain::CalendarDate today_in(const std::string& jurisdiction) const;
};

}  // namespace tongban::crossborder
