// Schema version 9: the notification outbox (one row per event, channel and recipient; leases; results; the in-app
// inbox read marks) and the applicants' notification preferences. Runs on SQLite and, as pg.*, on PostgreSQL.
#include <gtest/gtest.h>

#include "temp_store.h"

namespace tongban::store {
namespace {

using testing::open_store;
using testing::sample_account;
using testing::TempDir;

NotificationRecord sample(const std::string& id, const std::string& event_key, const std::string& channel) {
  NotificationRecord n;
  n.id = id;
  n.event_key = event_key;
  n.channel = channel;
  n.recipient = "ap_1";
  n.address = channel == "email" ? "a@example.org" : channel == "sms" ? "+85361234567" : "";
  n.case_id = "JM-2026-000001";
  n.kind = "received";
  n.language = "pt";
  n.subject = "Recebemos o seu pedido";
  n.body = "Texto";
  n.statutory = true;
  n.dedup_key = "received|JM-2026-000001|";
  n.created_at_ms = 1000;
  n.not_before_ms = 1000;
  n.next_attempt_at_ms = 1000;
  return n;
}

TEST(NotificationStore, OneRowPerEventChannelAndRecipient) {
  TempDir dir;
  auto store = open_store(dir.path());
  bool first = false, again = false, other_channel = false;
  store->write([&](Transaction& tx) {
    first = tx.insert_notification(sample("N-1", "event:1", "email"));
    again = tx.insert_notification(sample("N-2", "event:1", "email"));
    other_channel = tx.insert_notification(sample("N-3", "event:1", "sms"));
  });
  EXPECT_TRUE(first);
  EXPECT_FALSE(again);
  EXPECT_TRUE(other_channel);
  EXPECT_FALSE(store->find_notification("N-2"));
  auto stored = store->find_notification("N-1");
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->subject, "Recebemos o seu pedido");
  EXPECT_EQ(stored->status, NotificationStatus::created);
  EXPECT_TRUE(stored->statutory);
  EXPECT_EQ(store->list_case_notifications("JM-2026-000001").size(), 2u);
  try {
    store->write([&](Transaction& tx) { tx.insert_notification(sample("N-1", "event:2", "email")); });
    FAIL() << "a second row with the same id";
  } catch (const Conflict& conflict) {
    EXPECT_EQ(conflict.constraint(), "notification_id");
  }
}

TEST(NotificationStore, LeaseTakesDueRowsOnceAndResultsSettleThem) {
  TempDir dir;
  auto store = open_store(dir.path());
  store->write([&](Transaction& tx) {
    tx.insert_notification(sample("N-1", "event:1", "email"));
    auto later = sample("N-2", "event:2", "sms");
    later.next_attempt_at_ms = later.not_before_ms = 5000;  // held by quiet hours
    tx.insert_notification(later);
    tx.insert_notification(sample("N-3", "event:1", "in_app"));  // the inbox is never "sent"
  });
  EXPECT_EQ(store->due_notifications(2000, 10).size(), 1u);
  std::vector<NotificationRecord> leased;
  store->write([&](Transaction& tx) { leased = tx.lease_due_notifications(2000, 10, 62000); });
  ASSERT_EQ(leased.size(), 1u);
  EXPECT_EQ(leased[0].id, "N-1");
  EXPECT_EQ(leased[0].attempts, 1);
  EXPECT_EQ(store->find_notification("N-1")->status, NotificationStatus::sending);
  EXPECT_TRUE(store->due_notifications(3000, 10).empty());    // leased until 62000
  EXPECT_EQ(store->due_notifications(62000, 10).size(), 2u);  // a dead sender's lease ends; N-2 released

  store->write([&](Transaction& tx) {
    tx.record_notification_result("N-1", NotificationStatus::temporary_failure, false, 90000, "451 try later", "",
                                  3000);
  });
  auto failed = *store->find_notification("N-1");
  EXPECT_EQ(failed.status, NotificationStatus::temporary_failure);
  EXPECT_FALSE(failed.settled);
  EXPECT_EQ(failed.last_error, "451 try later");
  store->write([&](Transaction& tx) {
    tx.record_notification_result("N-1", NotificationStatus::delivered, false, 0, "", "250 queued as X", 91000);
    tx.record_notification_result("N-2", NotificationStatus::permanent_failure, true, 0, "400 bad number", "", 91000);
  });
  EXPECT_TRUE(store->find_notification("N-1")->settled);
  EXPECT_EQ(store->find_notification("N-1")->completed_at_ms, 91000);
  EXPECT_EQ(store->find_notification("N-1")->provider_reference, "250 queued as X");
  EXPECT_TRUE(store->due_notifications(1'000'000, 10).empty());
  EXPECT_THROW(store->write([&](Transaction& tx) {
    tx.record_notification_result("N-9", NotificationStatus::delivered, false, 0, "", "", 1);
  }),
               NotFound);
}

TEST(NotificationStore, InboxListsNewestFirstAndOnlyTheRecipientMarksRead) {
  TempDir dir;
  auto store = open_store(dir.path());
  store->write([&](Transaction& tx) {
    auto a = sample("N-1", "event:1", "in_app");
    auto b = sample("N-2", "event:2", "in_app");
    b.created_at_ms = b.not_before_ms = 2000;
    tx.insert_notification(a);
    tx.insert_notification(b);
  });
  auto inbox = store->list_notifications("ap_1", "in_app", 50);
  ASSERT_EQ(inbox.size(), 2u);
  EXPECT_EQ(inbox[0].id, "N-2");
  EXPECT_EQ(store->count_unread_notifications("ap_1"), 2);
  store->write([&](Transaction& tx) { tx.mark_notification_read("N-1", "ap_1", 5000); });
  store->write([&](Transaction& tx) { tx.mark_notification_read("N-1", "ap_1", 6000); });
  EXPECT_EQ(store->find_notification("N-1")->read_at_ms, 5000);
  EXPECT_EQ(store->count_unread_notifications("ap_1"), 1);
  EXPECT_THROW(store->write([&](Transaction& tx) { tx.mark_notification_read("N-2", "ap_other", 1); }), NotFound);
  EXPECT_EQ(store->recent_notifications("ap_1", "in_app", 1500).size(), 1u);
}

TEST(NotificationStore, PreferencesBelongToAnAccountAndAreReplaced) {
  TempDir dir;
  auto store = open_store(dir.path());
  store->write([](Transaction& tx) { tx.insert_account(sample_account("ap_1", "a@example.org")); });
  EXPECT_FALSE(store->find_notification_preferences("ap_1"));
  NotificationPreferencesRecord p{"ap_1", "zh-Hant", "MO", "a@example.org", "+85361234567", true, false, true, 1};
  store->write([&](Transaction& tx) { tx.put_notification_preferences(p); });
  p.sms_on = true;
  p.language = "pt";
  store->write([&](Transaction& tx) { tx.put_notification_preferences(p); });
  auto stored = store->find_notification_preferences("ap_1");
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->language, "pt");
  EXPECT_TRUE(stored->sms_on);
  EXPECT_EQ(stored->phone, "+85361234567");
  p.account_id = "ap_none";
  EXPECT_THROW(store->write([&](Transaction& tx) { tx.put_notification_preferences(p); }), NotFound);
}

TEST(NotificationStore, StatusWords) {
  for (auto status : {NotificationStatus::created, NotificationStatus::sending, NotificationStatus::delivered,
                      NotificationStatus::permanent_failure, NotificationStatus::temporary_failure,
                      NotificationStatus::technical_failure})
    EXPECT_EQ(notification_status_from(to_string(status)), status);
  EXPECT_EQ(to_string(NotificationStatus::permanent_failure), "permanent-failure");
  EXPECT_THROW(notification_status_from("lost"), std::invalid_argument);
}

}  // namespace
}  // namespace tongban::store
