// /api/v1/statistics/channels (staff: clerks, reviewers, admins; docs/channels.md) and the channel gauges of
// /metrics: the figures of node/channel_statistics.h as JSON and as Prometheus text.
#pragma once

#include <string>

#include "api/api.h"

namespace tongban::api {

void add_statistics_routes(http::Router& router, ApiContext& context);

// Prometheus text (format 0.0.4) of the channel figures: tongban_channel_* gauges labelled by channel, and
// tongban_point_kind_* gauges labelled by kind.
std::string channel_metrics(node::Node& node);

// Prometheus text of the case figures (node/case_statistics.h) by handling mode: tongban_cases_* and
// tongban_ratings_bad* gauges labelled by mode (docs/statistics.md lists them).
std::string case_metrics(node::Node& node);

}  // namespace tongban::api
