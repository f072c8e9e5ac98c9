// Channel statistics of one node (issue 11, docs/channels.md): the per-channel and per-service-point-kind figures of
// domain/channel_figures.h, computed on demand from what the node holds now — the served catalog, the store's cases
// and events (Reader::channel_case_facts), the imported calendars. Nothing is cached or counted on the side, so the
// figures can never drift from the cases. Read-only; safe from any thread (the store and node reads are).
#pragma once

#include "domain/channel_figures.h"
#include "node/node.h"

namespace tongban::node {

domain::ChannelFigures channel_statistics(Node& node);

}  // namespace tongban::node
