// The shipment fold: statuses from EMSEVT-aligned events, idempotent by event id, the same whatever the arrival
// order, and a late 'in transit' never undoing 'delivered'.
#include "domain/shipment.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <stdexcept>

namespace tongban::domain {
namespace {

ShipmentEvent ev(std::string id, PostalEvent event, std::int64_t at, std::string reason = "", std::string proof = "") {
  ShipmentEvent e;
  e.event_id = std::move(id);
  e.event = event;
  e.at_ms = at;
  e.location = "Macao GPO";
  e.reason = std::move(reason);
  e.proof = std::move(proof);
  return e;
}

std::vector<ShipmentEvent> journey() {
  return {ev("e1", PostalEvent::accepted, 1000),
          ev("e2", PostalEvent::in_transit, 2000),
          ev("e3", PostalEvent::held_by_customs, 3000, "declaration checked"),
          ev("e4", PostalEvent::in_transit, 4000),
          ev("e5", PostalEvent::arrived, 5000),
          ev("e6", PostalEvent::out_for_delivery, 6000),
          ev("e7", PostalEvent::failed_attempt, 7000, "nobody at home"),
          ev("e8", PostalEvent::out_for_delivery, 8000),
          ev("e9", PostalEvent::delivered, 9000, "", "signed: CHAN Tai Man")};
}

TEST(ShipmentFold, StatusFollowsTheLatestEvent) {
  auto events = journey();
  std::vector<ShipmentEvent> so_far;
  const ShipmentStatus expected[] = {
      ShipmentStatus::in_transit,     ShipmentStatus::in_transit,       ShipmentStatus::held_by_customs,
      ShipmentStatus::in_transit,     ShipmentStatus::in_transit,       ShipmentStatus::out_for_delivery,
      ShipmentStatus::attempt_failed, ShipmentStatus::out_for_delivery, ShipmentStatus::delivered};
  for (std::size_t i = 0; i < events.size(); ++i) {
    so_far.push_back(events[i]);
    EXPECT_EQ(fold_shipment(so_far).status, expected[i]) << "after " << events[i].event_id;
  }
  auto done = fold_shipment(events);
  EXPECT_EQ(done.failed_attempts, 1);
  ASSERT_TRUE(done.delivery);
  EXPECT_EQ(done.delivery->proof, "signed: CHAN Tai Man");
  EXPECT_EQ(fold_shipment({}).status, ShipmentStatus::created);
}

TEST(ShipmentFold, AnyArrivalOrderGivesTheSameTracking) {
  auto events = journey();
  auto reference = fold_shipment(events);
  std::sort(events.begin(), events.end(), [](const auto& a, const auto& b) { return a.event_id > b.event_id; });
  int orders = 0;
  do {
    auto folded = fold_shipment(events);
    EXPECT_EQ(folded.status, reference.status);
    EXPECT_EQ(folded.decisive->event_id, reference.decisive->event_id);
    ASSERT_EQ(folded.events.size(), reference.events.size());
    for (std::size_t i = 0; i < folded.events.size(); ++i)
      EXPECT_EQ(folded.events[i].event_id, reference.events[i].event_id);
  } while (++orders < 2000 && std::prev_permutation(events.begin(), events.end(), [](const auto& a, const auto& b) {
    return a.event_id < b.event_id;
  }));
  EXPECT_EQ(orders, 2000);
}

TEST(ShipmentFold, ALateInTransitNeverUndoesDelivered) {
  ShipmentTracking tracking = fold_shipment({ev("a", PostalEvent::accepted, 1000)});
  auto delivered = add_shipment_event(tracking, ev("d", PostalEvent::delivered, 5000, "", "signed"));
  ASSERT_EQ(delivered.outcome, FoldStep::Outcome::added);
  EXPECT_TRUE(delivered.status_changed);
  // A scan the carrier sends late, even one stamped after the delivery (a clock off at a sorting office).
  auto late = add_shipment_event(delivered.after, ev("t", PostalEvent::in_transit, 6000));
  EXPECT_EQ(late.outcome, FoldStep::Outcome::added);
  EXPECT_EQ(late.after.status, ShipmentStatus::delivered);
  EXPECT_FALSE(late.status_changed);
  auto failed = add_shipment_event(late.after, ev("f", PostalEvent::failed_attempt, 7000, "no one"));
  EXPECT_EQ(failed.after.status, ShipmentStatus::delivered);
  // A return after a delivery does not displace it either; a delivery after a return does.
  auto returned = add_shipment_event(failed.after, ev("r", PostalEvent::returned, 8000, "refused"));
  EXPECT_EQ(returned.after.status, ShipmentStatus::delivered);
  auto back =
      fold_shipment({ev("r", PostalEvent::returned, 8000, "unclaimed"), ev("t", PostalEvent::in_transit, 9000)});
  EXPECT_EQ(back.status, ShipmentStatus::returned);
}

TEST(ShipmentFold, TheSameEventTwiceChangesNothing) {
  auto tracking = fold_shipment({ev("a", PostalEvent::accepted, 1000), ev("b", PostalEvent::in_transit, 2000)});
  auto again = add_shipment_event(tracking, ev("b", PostalEvent::in_transit, 2000));
  EXPECT_EQ(again.outcome, FoldStep::Outcome::duplicate);
  EXPECT_FALSE(again.status_changed);
  EXPECT_EQ(again.after.events.size(), 2u);
  // In a batch too.
  auto twice = fold_shipment({ev("a", PostalEvent::accepted, 1000), ev("a", PostalEvent::accepted, 1000)});
  EXPECT_EQ(twice.events.size(), 1u);
  // The same id with other content is a conflict, never a silent overwrite.
  auto other = add_shipment_event(tracking, ev("b", PostalEvent::delivered, 2000, "", "signed"));
  EXPECT_EQ(other.outcome, FoldStep::Outcome::conflict);
  EXPECT_EQ(other.after.status, tracking.status);
  EXPECT_THROW(fold_shipment({ev("a", PostalEvent::accepted, 1000), ev("a", PostalEvent::accepted, 1001)}),
               std::invalid_argument);
}

TEST(ShipmentFold, TiesOfTimeGoByPostalStep) {
  auto tracking = fold_shipment({ev("z", PostalEvent::out_for_delivery, 5000), ev("a", PostalEvent::arrived, 5000)});
  EXPECT_EQ(tracking.status, ShipmentStatus::out_for_delivery);
}

TEST(ShipmentEvents, UpuCodesMapToPostalEvents) {
  EXPECT_EQ(postal_event_of_upu_code("EMA"), PostalEvent::accepted);
  EXPECT_EQ(postal_event_of_upu_code("EMC"), PostalEvent::in_transit);
  EXPECT_EQ(postal_event_of_upu_code("EMD"), PostalEvent::in_transit);
  EXPECT_EQ(postal_event_of_upu_code("EMG"), PostalEvent::arrived);
  EXPECT_EQ(postal_event_of_upu_code("EDG"), PostalEvent::out_for_delivery);
  EXPECT_EQ(postal_event_of_upu_code("EMH"), PostalEvent::failed_attempt);
  EXPECT_EQ(postal_event_of_upu_code("EME"), PostalEvent::held_by_customs);
  EXPECT_EQ(postal_event_of_upu_code("EMI"), PostalEvent::delivered);
  EXPECT_FALSE(postal_event_of_upu_code("XYZ"));
  EXPECT_EQ(upu_code_of(PostalEvent::in_transit), "EMC");
  EXPECT_EQ(upu_code_of(PostalEvent::returned), "");
  for (auto event : {PostalEvent::accepted, PostalEvent::delivered, PostalEvent::returned})
    EXPECT_EQ(parse_postal_event(to_string(event)), event);
}

TEST(ShipmentEvents, EventsAreChecked) {
  EXPECT_EQ(shipment_event_problem(ev("ok-1", PostalEvent::accepted, 1)), "");
  EXPECT_EQ(shipment_event_problem(ev("", PostalEvent::accepted, 1)), "event_id");
  EXPECT_EQ(shipment_event_problem(ev("a b", PostalEvent::accepted, 1)), "event_id");
  EXPECT_EQ(shipment_event_problem(ev(std::string(65, 'a'), PostalEvent::accepted, 1)), "event_id");
  EXPECT_EQ(shipment_event_problem(ev("a", PostalEvent::accepted, 0)), "at_ms");
  EXPECT_EQ(shipment_event_problem(ev("a", PostalEvent::failed_attempt, 1)), "reason");  // a failed attempt says why
  EXPECT_EQ(shipment_event_problem(ev("a", PostalEvent::accepted, 1, "why?")), "reason");
  EXPECT_EQ(shipment_event_problem(ev("a", PostalEvent::delivered, 1)), "proof");  // a delivery has its proof
  EXPECT_EQ(shipment_event_problem(ev("a", PostalEvent::delivered, 1, "", "x\n")), "proof");
  auto control = ev("a", PostalEvent::accepted, 1);
  control.location = "office\x01";
  EXPECT_EQ(shipment_event_problem(control), "location");
}

}  // namespace
}  // namespace tongban::domain
