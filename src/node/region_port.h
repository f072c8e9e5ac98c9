// RegionPort: what the node reaches of the region's network without linking the federation stack (issue 12) — the
// node's id on the network, and the hand-over of a notice this node published or withdrew to the peers that
// subscribe. The implementation is region::RegionExchange (src/region/), which attaches itself to the node when
// federation is on; with federation off the node has none: its notices are shown on its own pages only, and the id
// it signs them with is its jurisdiction.
#pragma once

#include <cstdint>
#include <string>

#include "domain/notice.h"
#include "store/store.h"

namespace tongban::node {

class RegionPort {
 public:
  virtual ~RegionPort() = default;
  // This node's id in the federation (the origin node of its notices and aggregates): "CN-GD-JM", "MO".
  virtual std::string network_node_id() const = 0;
  // Inside the job that approved (published) or withdrew one of this node's notices: queue it for every peer that
  // may receive notices, in the same transaction (sent exactly when the step commits).
  virtual void notice_changed(store::Transaction& tx, const domain::Notice& notice) = 0;
};

}  // namespace tongban::node
