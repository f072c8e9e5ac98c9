// The channel figures' read of the store (issue 11, docs/channels.md): for every case past draft, its channel,
// intake point, competent jurisdiction, when it was taken in and when it was decided — read from the cases and
// events tables each time (no second copy of any count). A free function over a Connection, shared by SqlReads
// (both readers). Meanings: domain/channel_figures.h.
#pragma once

#include <vector>

#include "domain/channel_figures.h"
#include "store/sql/connection.h"

namespace tongban::store::sql {

std::vector<domain::ChannelCaseFacts> query_channel_case_facts(Connection& connection);

}  // namespace tongban::store::sql
