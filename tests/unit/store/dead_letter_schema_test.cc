// Schema version 3 (dead letters): a version-2 database keeps its federation rows through the migration, and the
// new states, reasons and the due-query rule (a dead message holds back its successors) work on the migrated file.
#include <gtest/gtest.h>

#include "store/sql/migrations.h"
#include "store/sqlite/sqlite_connection.h"
#include "temp_store.h"

namespace tongban::store::sqlite {
namespace {

using sql::latest_schema_version;
using sql::Migration;
using sql::migrations;
using store::testing::open_store;
using store::testing::TempDir;

void make_version_2(const std::filesystem::path& dir) {
  std::filesystem::create_directories(dir);
  Connection db(dir / "tongban.db", Connection::Mode::read_write_create, 1000);
  for (const Migration& migration : migrations())
    if (migration.version <= 2) db.execute(migration.sql);
  db.execute("PRAGMA user_version = 2");
  db.execute(
      "INSERT INTO federation_outbox (message_id, peer, type, case_ref, sequence, data_categories, payload, "
      "payload_sha256, created_at_ms, state, attempts, next_attempt_at_ms) VALUES "
      "('m1', 'MO', 'case.status', 'C1', 1, 'case', '{}', 'h1', 10, 'queued', 3, 0), "
      "('m2', 'MO', 'case.status', 'C1', 2, 'case', '{}', 'h2', 11, 'queued', 0, 0)");
  db.execute(
      "INSERT INTO federation_inbox (message_id, peer, type, case_ref, sequence, payload_sha256, envelope, "
      "last_sent_at_ms, state, received_at_ms) VALUES ('i1', 'MO', 'case.status', 'C9', 2, 'h3', '{}', 5, 'held', 5)");
}

TEST(DeadLetterSchema, AVersion2DatabaseKeepsItsRowsAndGainsTheDeadLetterStates) {
  TempDir dir;
  make_version_2(dir.path() / "data");
  auto store = open_store(dir.path() / "data");
  auto m1 = store->find_outbox_message("m1");
  ASSERT_TRUE(m1);
  EXPECT_EQ(m1->state, OutboxState::queued);
  EXPECT_EQ(m1->attempts, 3);
  EXPECT_EQ(m1->dead_reason, "");
  EXPECT_EQ(store->find_inbox_message("i1")->state, InboxState::held);
  ASSERT_EQ(store->due_outbox_messages(100, 10).size(), 1u);  // only m1: m2 waits behind it

  store->write([](Transaction& tx) { tx.settle_outbox_message("m1", OutboxState::dead, "refused for good: x", 50); });
  EXPECT_EQ(store->find_outbox_message("m1")->state, OutboxState::dead);
  EXPECT_EQ(store->find_outbox_message("m1")->dead_reason, "refused for good: x");
  EXPECT_TRUE(store->due_outbox_messages(100, 10).empty());  // dead still holds m2 back
  EXPECT_EQ(store->list_outbox_messages(OutboxState::dead, 10).size(), 1u);
  EXPECT_EQ(store->outbox_queues()[0].dead, 1);

  store->write([](Transaction& tx) { tx.settle_outbox_message("m1", OutboxState::dropped, "given up", 60); });
  auto due = store->due_outbox_messages_to("MO", 100, 10);
  ASSERT_EQ(due.size(), 1u);
  EXPECT_EQ(due[0].message_id, "m2");
  EXPECT_THROW(store->write([](Transaction& tx) { tx.settle_outbox_message("m2", OutboxState::delivered, "", 1); }),
               std::invalid_argument);
  EXPECT_THROW(store->write([](Transaction& tx) { tx.settle_outbox_message("nope", OutboxState::dead, "", 1); }),
               NotFound);
  store->close();
}

TEST(DeadLetterSchema, StatesHaveOneSpellingEach) {
  for (auto state : {OutboxState::queued, OutboxState::delivered, OutboxState::dead, OutboxState::dropped})
    EXPECT_EQ(outbox_state_from(to_string(state)), state);
  for (auto state : {InboxState::held, InboxState::applied, InboxState::dead, InboxState::dropped})
    EXPECT_EQ(inbox_state_from(to_string(state)), state);
  EXPECT_THROW(outbox_state_from("lost"), std::invalid_argument);
}

}  // namespace
}  // namespace tongban::store::sqlite
