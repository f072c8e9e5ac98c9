// Schema version 10 (post): shipments of a case by S10 item id, their carrier events (one row per event id: a
// repeated webhook inserts nothing), and the clerks' tasks they cause.
#include <gtest/gtest.h>

#include "temp_store.h"

namespace tongban::store {
namespace {

using testing::open_store;
using testing::sample_account;
using testing::sample_case;
using testing::TempDir;

ShipmentRecord sample_shipment(const std::string& item_id, const std::string& case_id) {
  ShipmentRecord s;
  s.item_id = item_id;
  s.carrier = "sim-post";
  s.case_id = case_id;
  s.kind = domain::ShipmentKind::result;
  s.sender = "MO-DSI";
  s.recipient = "applicant";
  s.address = "Rua 1, Macau";
  s.created_at_ms = s.updated_at_ms = 1772000000000;
  return s;
}

domain::ShipmentEvent event(std::string id, domain::PostalEvent kind, std::int64_t at) {
  domain::ShipmentEvent e;
  e.event_id = std::move(id);
  e.event = kind;
  e.at_ms = at;
  e.location = "Macau";
  e.received_at_ms = at + 5;
  return e;
}

class ShipmentStore : public ::testing::Test {
 protected:
  void SetUp() override {
    store = open_store(dir.path());
    case_id = store->transact([](Transaction& tx) {
      tx.insert_account(sample_account("ap_1", "a@example.org"));
      return tx.insert_case(sample_case("ap_1"), std::nullopt).kase.id;
    });
  }
  TempDir dir;
  std::unique_ptr<Store> store;
  std::string case_id;
};

TEST_F(ShipmentStore, AShipmentIsFoundByItemIdAndByCaseAndAnItemIdIsUnique) {
  store->write([&](Transaction& tx) { tx.insert_shipment(sample_shipment("RR000000015CN", case_id)); });
  auto found = store->find_shipment("RR000000015CN");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->case_id, case_id);
  EXPECT_EQ(found->kind, domain::ShipmentKind::result);
  EXPECT_EQ(found->status, domain::ShipmentStatus::created);
  EXPECT_EQ(found->address, "Rua 1, Macau");
  EXPECT_EQ(store->list_case_shipments(case_id).size(), 1u);
  EXPECT_TRUE(store->list_case_shipments("nope").empty());
  try {
    store->write([&](Transaction& tx) { tx.insert_shipment(sample_shipment("RR000000015CN", case_id)); });
    FAIL() << "a second shipment with the same item id";
  } catch (const Conflict& conflict) {
    EXPECT_EQ(conflict.constraint(), "shipment_item_id");
  }
  auto changed = *found;
  changed.status = domain::ShipmentStatus::delivered;
  changed.served_on = "2026-02-27";
  changed.updated_at_ms = 1772000009999;
  store->write([&](Transaction& tx) { tx.update_shipment(changed); });
  store.reset();
  auto reopened = open_store(dir.path());
  auto stored = reopened->find_shipment("RR000000015CN");
  EXPECT_EQ(stored->status, domain::ShipmentStatus::delivered);
  EXPECT_EQ(stored->served_on, "2026-02-27");
  EXPECT_EQ(stored->updated_at_ms, 1772000009999);
  EXPECT_THROW(reopened->write([&](Transaction& tx) { tx.update_shipment(sample_shipment("EE000000005CN", case_id)); }),
               NotFound);
}

TEST_F(ShipmentStore, AnEventIdIsStoredOnceAndEventsKeepTheirArrivalOrder) {
  store->write([&](Transaction& tx) { tx.insert_shipment(sample_shipment("RR000000015CN", case_id)); });
  bool first = false, again = false, later = false;
  store->write([&](Transaction& tx) {
    later = tx.insert_shipment_event("RR000000015CN", event("e2", domain::PostalEvent::in_transit, 2000));
    first = tx.insert_shipment_event("RR000000015CN", event("e1", domain::PostalEvent::accepted, 1000));
    again = tx.insert_shipment_event("RR000000015CN", event("e2", domain::PostalEvent::in_transit, 2000));
  });
  EXPECT_TRUE(first);
  EXPECT_TRUE(later);
  EXPECT_FALSE(again);
  auto events = store->list_shipment_events("RR000000015CN");
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].event_id, "e2");  // as they arrived; the fold orders them by time
  EXPECT_EQ(events[1].event, domain::PostalEvent::accepted);
  EXPECT_EQ(events[1].received_at_ms, 1005);
}

TEST_F(ShipmentStore, TasksAreListedPerServicePointUntilClosed) {
  store->write([&](Transaction& tx) { tx.insert_shipment(sample_shipment("RR000000015CN", case_id)); });
  ShipmentTaskRecord task;
  task.item_id = "RR000000015CN";
  task.event_id = "e7";
  task.case_id = case_id;
  task.service_point = "JM-WIN-PENGJIANG";
  task.reason = "nobody at home";
  task.created_at_ms = 7000;
  auto stored = store->transact([&](Transaction& tx) { return tx.insert_shipment_task(task); });
  EXPECT_GT(stored.id, 0);
  task.event_id = "e8";
  task.service_point = "MO-WIN-1";
  task.event = domain::PostalEvent::held_by_customs;
  store->write([&](Transaction& tx) { tx.insert_shipment_task(task); });
  ASSERT_EQ(store->list_open_shipment_tasks("JM-WIN-PENGJIANG").size(), 1u);
  EXPECT_EQ(store->list_open_shipment_tasks("JM-WIN-PENGJIANG")[0].reason, "nobody at home");
  EXPECT_EQ(store->list_open_shipment_tasks("*").size(), 2u);
  store->write([&](Transaction& tx) { tx.close_shipment_task(stored.id, "st_clerk", 8000); });
  EXPECT_TRUE(store->list_open_shipment_tasks("JM-WIN-PENGJIANG").empty());
  EXPECT_THROW(store->write([&](Transaction& tx) { tx.close_shipment_task(stored.id, "st_clerk", 9000); }), NotFound);
}

}  // namespace
}  // namespace tongban::store
