#include "post/simulated_route.h"

namespace tongban::post {
namespace {

using domain::PostalEvent;

struct Step {
  PostalEvent event;
  const char* location;
  const char* reason;
  const char* proof;
};

constexpr Step kDirect[] = {
    {PostalEvent::accepted, "Sending office", "", ""},
    {PostalEvent::in_transit, "Sorting centre", "", ""},
    {PostalEvent::arrived, "Delivery office", "", ""},
    {PostalEvent::out_for_delivery, "Delivery office", "", ""},
    {PostalEvent::delivered, "Recipient", "", "signed by the recipient"},
};

constexpr Step kEventful[] = {
    {PostalEvent::accepted, "Sending office", "", ""},
    {PostalEvent::in_transit, "Sorting centre", "", ""},
    {PostalEvent::held_by_customs, "Border customs", "customs declaration under review", ""},
    {PostalEvent::in_transit, "Border customs", "", ""},
    {PostalEvent::arrived, "Delivery office", "", ""},
    {PostalEvent::out_for_delivery, "Delivery office", "", ""},
    {PostalEvent::failed_attempt, "Recipient", "nobody at the address; notice left", ""},
    {PostalEvent::out_for_delivery, "Delivery office", "", ""},
    {PostalEvent::delivered, "Recipient", "", "signed by the recipient"},
};

}  // namespace

std::optional<RouteKind> parse_route_kind(std::string_view text) {
  if (text == "direct") return RouteKind::direct;
  if (text == "eventful") return RouteKind::eventful;
  return std::nullopt;
}

std::vector<domain::ShipmentEvent> simulated_route(RouteKind kind, const std::string& item_id, std::int64_t start_ms,
                                                   std::int64_t step_ms) {
  std::vector<domain::ShipmentEvent> events;
  auto add = [&](const auto& steps) {
    std::int64_t number = 0;
    for (const Step& step : steps) {
      ++number;
      domain::ShipmentEvent event;
      event.event_id = item_id + "-" + std::to_string(number);
      event.event = step.event;
      event.at_ms = start_ms + number * step_ms;
      event.location = step.location;
      event.reason = step.reason;
      event.proof = step.proof;
      events.push_back(std::move(event));
    }
  };
  if (kind == RouteKind::direct)
    add(kDirect);
  else
    add(kEventful);
  return events;
}

}  // namespace tongban::post
