// The relay on a shared store (instances of one node on one PostgreSQL database): it leases what it sends, so each
// message goes out from one instance, and an idle pass — nothing due, what the relay does every 200 ms — writes
// nothing (a lease taken on every pass would be a commit per peer per pass per instance). Runs in the pg.* run only.
#include <gtest/gtest.h>

#include "federation_fixture.h"
#include "test_store.h"

namespace tongban::federation {
namespace {

using testing::FedNode;

TEST(RelayOnSharedStore, AnIdlePassCommitsNothingAndASentMessageWasLeased) {
  if (!tongban::testing::testing_on_postgres()) GTEST_SKIP() << "a shared store is a PostgreSQL store";
  FedNode jm("CN-GD-JM"), mo("MO");
  jm.trust(mo);
  mo.trust(jm);
  ASSERT_TRUE(jm.store().shared());

  const auto batches_before = jm.store().writer_stats().batches;
  EXPECT_EQ(jm.relay().run_once(), 0);
  EXPECT_EQ(jm.relay().run_once(), 0);
  EXPECT_EQ(jm.store().writer_stats().batches, batches_before) << "an idle pass must not write";

  auto queued = jm.store().transact([&](store::Transaction& tx) {
    return jm.outbox().enqueue(tx, {"MO", "case.status", "JM-2026-000001", {"case"}, R"({"step":1})"});
  });
  EXPECT_EQ(jm.relay().run_once(), 1);
  auto record = jm.store().find_outbox_message(queued.message_id);
  ASSERT_TRUE(record);
  EXPECT_EQ(record->state, store::OutboxState::delivered);
  EXPECT_EQ(mo.applied().size(), 1u);
}

}  // namespace
}  // namespace tongban::federation
