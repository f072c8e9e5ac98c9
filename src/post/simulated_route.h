// SimulatedRoute: the tracking events a simulated carrier (`tongban carrier-simulator`, docs/post.md) reports for
// one item, in the order they happen. Two routes:
//   direct:   accepted → in transit → arrived → out for delivery → delivered (with proof);
//   eventful: accepted → in transit → held by customs (reason) → in transit → arrived → out for delivery →
//             failed attempt (reason) → out for delivery → delivered (with proof) — what the demo shows and what
//             exercises a node's tasks and notices.
// Event ids are "<item id>-<step>" (step from 1), so a simulator that is stopped and run again reports the same ids
// and the node counts each event once. Times are start_ms + step × step_ms. Pure; no I/O.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/shipment.h"

namespace tongban::post {

enum class RouteKind { direct, eventful };
std::optional<RouteKind> parse_route_kind(std::string_view text);

std::vector<domain::ShipmentEvent> simulated_route(RouteKind kind, const std::string& item_id, std::int64_t start_ms,
                                                   std::int64_t step_ms);

}  // namespace tongban::post
