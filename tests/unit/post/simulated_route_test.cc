// The simulated carrier's routes: every event is one a carrier could send (the node's own check), the ids are fixed
// per item and step, times increase by the step, and the fold of an eventful route passes through a customs hold
// and a failed attempt before the delivery.
#include "post/simulated_route.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

namespace tongban::post {
namespace {

using domain::PostalEvent;

TEST(SimulatedRoute, EveryEventIsAcceptableAndIdsAreStablePerItemAndStep) {
  for (auto kind : {RouteKind::direct, RouteKind::eventful}) {
    auto route = simulated_route(kind, "RR000000015MO", 1'000, 60'000);
    ASSERT_FALSE(route.empty());
    std::set<std::string> ids;
    for (std::size_t i = 0; i < route.size(); ++i) {
      EXPECT_EQ(domain::shipment_event_problem(route[i]), "") << route[i].event_id;
      EXPECT_EQ(route[i].event_id, "RR000000015MO-" + std::to_string(i + 1));
      EXPECT_EQ(route[i].at_ms, 1'000 + static_cast<std::int64_t>(i + 1) * 60'000);
      ids.insert(route[i].event_id);
    }
    EXPECT_EQ(ids.size(), route.size());
    EXPECT_EQ(route.front().event, PostalEvent::accepted);
    EXPECT_EQ(route.back().event, PostalEvent::delivered);
    EXPECT_EQ(simulated_route(kind, "RR000000015MO", 1'000, 60'000).back().event_id, route.back().event_id);
  }
}

TEST(SimulatedRoute, TheEventfulRouteHoldsAtCustomsAndFailsOnceBeforeDelivery) {
  auto route = simulated_route(RouteKind::eventful, "RR000000015MO", 0, 1'000);
  std::vector<domain::ShipmentStatus> statuses;
  domain::ShipmentTracking tracking;
  for (const auto& event : route) {
    auto step = domain::add_shipment_event(tracking, event);
    ASSERT_EQ(step.outcome, domain::FoldStep::Outcome::added);
    tracking = step.after;
    statuses.push_back(tracking.status);
  }
  EXPECT_NE(std::find(statuses.begin(), statuses.end(), domain::ShipmentStatus::held_by_customs), statuses.end());
  EXPECT_NE(std::find(statuses.begin(), statuses.end(), domain::ShipmentStatus::attempt_failed), statuses.end());
  EXPECT_EQ(tracking.status, domain::ShipmentStatus::delivered);
  EXPECT_EQ(tracking.failed_attempts, 1);
}

TEST(SimulatedRoute, RouteNamesAreParsedStrictly) {
  EXPECT_EQ(parse_route_kind("direct"), RouteKind::direct);
  EXPECT_EQ(parse_route_kind("eventful"), RouteKind::eventful);
  EXPECT_FALSE(parse_route_kind("Eventful"));
  EXPECT_FALSE(parse_route_kind(""));
}

}  // namespace
}  // namespace tongban::post
