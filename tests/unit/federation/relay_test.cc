// The outbox and the relay between two in-process nodes over real HTTP: messages written in the same transaction as
// the state change, sent in per-case order, marked delivered only on the right peer's signed receipt, retried with
// backoff while the peer is down and delivered when it is back; the status shows what waits and why.
#include "federation/relay.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "federation/blob_transfer.h"
#include "federation/federation_status.h"
#include "federation/message_log.h"
#include "federation_fixture.h"
#include "store/sqlite/sqlite_connection.h"

namespace tongban::federation {
namespace {

using testing::eventually;
using testing::FedNode;

class RelayTest : public ::testing::Test {
 protected:
  RelayTest() : jm("CN-GD-JM"), mo("MO") {
    jm.trust(mo);
    mo.trust(jm);
  }

  std::vector<QueuedMessage> enqueue(const std::string& case_ref, int count) {
    return jm.store().transact([&](store::Transaction& tx) {
      std::vector<QueuedMessage> queued;
      for (int i = 0; i < count; ++i)
        queued.push_back(jm.outbox().enqueue(
            tx, {"MO", "case.status", case_ref, {"case"}, R"({"step":)" + std::to_string(i + 1) + "}"}));
      return queued;
    });
  }

  std::vector<std::int64_t> applied_sequences(const std::string& case_ref) {
    std::vector<std::int64_t> sequences;
    for (const auto& m : mo.applied())
      if (m.case_ref == case_ref) sequences.push_back(m.sequence);
    return sequences;
  }

  FedNode jm;
  FedNode mo;
};

TEST_F(RelayTest, DeliversInCaseOrderAndKeepsTheReceipt) {
  auto queued = enqueue("JM-2026-000001", 3);
  EXPECT_EQ(queued[0].sequence, 1);
  EXPECT_EQ(queued[2].sequence, 3);
  EXPECT_EQ(jm.relay().run_once(), 3);
  EXPECT_EQ(applied_sequences("JM-2026-000001"), (std::vector<std::int64_t>{1, 2, 3}));
  for (const auto& q : queued) {
    auto record = jm.store().find_outbox_message(q.message_id);
    ASSERT_TRUE(record);
    EXPECT_EQ(record->state, store::OutboxState::delivered);
    Receipt receipt = receipt_from_json(record->receipt);
    EXPECT_EQ(receipt.outcome, ReceiptOutcome::applied);
    EXPECT_TRUE(signature_valid(receipt, PublicKey::from_base64(mo.public_key())));
  }
  EXPECT_EQ(jm.relay().run_once(), 0);  // nothing left
  EXPECT_EQ(mo.applied().size(), 3u);
  // Both logs hold the three envelopes and verify.
  EXPECT_EQ(jm.log_length(), 3);
  EXPECT_EQ(mo.log_length(), 3);
  EXPECT_TRUE(verify_message_log(jm.store()).ok());
  EXPECT_TRUE(verify_message_log(mo.store()).ok());
}

TEST_F(RelayTest, AnEditedMessageLogEntryIsFound) {
  enqueue("JM-2026-000009", 3);
  ASSERT_EQ(jm.relay().run_once(), 3);
  ASSERT_TRUE(verify_message_log(mo.store()).ok());
  {
    // Someone with access to the database file rewrites where the second envelope came from.
    store::sqlite::Connection db(mo.data_dir() / "tongban.db", store::sqlite::Connection::Mode::read_write_create,
                                 1000);
    db.execute("UPDATE federation_log SET peer = 'HK' WHERE sequence = 2");
  }
  auto verification = verify_message_log(mo.store());
  EXPECT_FALSE(verification.ok());
  EXPECT_EQ(verification.broken_at, 2);
  EXPECT_EQ(verification.reason, "altered");
  EXPECT_EQ(verification.entries, 1);
}

TEST_F(RelayTest, RetriesWhileThePeerIsDownAndDeliversWhenItIsBack) {
  mo.go_down();
  enqueue("JM-2026-000002", 3);
  enqueue("JM-2026-000003", 1);
  EXPECT_EQ(jm.relay().run_once(), 0);
  auto status = federation_status(jm.store(), system_clock()());
  ASSERT_EQ(status.peers.size(), 1u);
  EXPECT_EQ(status.peers[0].peer, "MO");
  EXPECT_EQ(status.peers[0].in_flight, 2);  // the first of each case was tried
  EXPECT_EQ(status.peers[0].queued, 2);     // the later ones of case 2 wait for their turn
  EXPECT_NE(status.peers[0].last_error.find("no answer"), std::string::npos);
  EXPECT_NE(format_status(status).find("MO"), std::string::npos);

  jm.relay().start();
  EXPECT_TRUE(eventually([&] { return jm.relay().stats().failures >= 4; }));  // it keeps trying, with backoff
  EXPECT_TRUE(mo.applied().empty());
  mo.come_up();
  EXPECT_TRUE(eventually([&] { return mo.applied().size() == 4; }));
  jm.relay().stop();
  EXPECT_EQ(applied_sequences("JM-2026-000002"), (std::vector<std::int64_t>{1, 2, 3}));
  EXPECT_EQ(applied_sequences("JM-2026-000003"), (std::vector<std::int64_t>{1}));
  status = federation_status(jm.store(), system_clock()());
  EXPECT_EQ(status.peers[0].delivered, 4);
  EXPECT_EQ(status.peers[0].queued + status.peers[0].in_flight, 0);
}

TEST_F(RelayTest, AReceiptThatDoesNotVerifyIsNotADelivery) {
  // JM believes MO has another key: MO's genuine receipts do not verify, so nothing counts as delivered.
  FedNode impostor("MO-IMPOSTOR");
  std::string config =
      "[node]\nid = \"CN-GD-JM\"\njurisdiction = \"CN-GD-JM\"\nkey_file = \"keys/node.key\"\ninsecure_loopback = true\n"
      "[[peers]]\nid = \"MO\"\nendpoint = \"" +
      mo.endpoint() + "\"\npublic_key = \"" + impostor.public_key() +
      "\"\nmay_send = [\"case.status\"]\nmay_receive = [\"case\"]\n";
  std::ofstream(jm.config_path()) << config;
  ASSERT_TRUE(jm.trust_list().reload_now());
  auto queued = enqueue("JM-2026-000004", 1);
  EXPECT_EQ(jm.relay().run_once(), 0);
  auto record = jm.store().find_outbox_message(queued[0].message_id);
  EXPECT_EQ(record->state, store::OutboxState::queued);
  EXPECT_NE(record->last_error.find("receipt does not verify"), std::string::npos);
}

TEST_F(RelayTest, EnqueueRefusesUnknownPeersAndCategoriesTheyMayNotReceiveAndWritesNothing) {
  EXPECT_THROW(jm.store().write([&](store::Transaction& tx) {
    jm.outbox().enqueue(tx, {"HK", "case.status", "JM-2026-000005", {}, "{}"});
  }),
               OutboxRefused);
  EXPECT_THROW(jm.store().write([&](store::Transaction& tx) {
    jm.outbox().enqueue(tx, {"MO", "case.forward", "JM-2026-000005", {"health"}, "{}"});
  }),
               OutboxRefused);
  EXPECT_THROW(jm.store().write([&](store::Transaction& tx) {
    jm.outbox().enqueue(tx, {"MO", "case.forward", "JM-2026-000005", {"case"}, "[1]"});
  }),
               OutboxRefused);
  EXPECT_TRUE(jm.store().outbox_queues().empty());
  EXPECT_EQ(jm.log_length(), 0);
}

}  // namespace
}  // namespace tongban::federation
