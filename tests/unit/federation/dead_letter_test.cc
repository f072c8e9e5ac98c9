// Dead letters on both sides, between two in-process nodes over real HTTP and real SQLite: a permanent refusal or a
// spent retry budget makes an outbox message dead and holds its successors; a held inbox message the handler
// refuses later is dead and holds its successors; requeue and drop on either side, refused when they make no sense,
// and written to the message log; held messages that wait too long are reported.
#include <gtest/gtest.h>

#include "federation/dead_letters.h"
#include "federation/delivery_verdict.h"
#include "federation/federation_status.h"
#include "federation/message_log.h"
#include "federation_fixture.h"

namespace tongban::federation {
namespace {

using store::InboxState;
using store::OutboxState;
using testing::eventually;
using testing::FedNode;

constexpr std::string_view kRefused = R"({"owner":"someone-else"})";  // the test handler refuses this payload

class DeadLetterTest : public ::testing::Test {
 protected:
  DeadLetterTest() : jm("CN-GD-JM"), mo("MO") {
    jm.trust(mo);
    mo.trust(jm);
  }

  std::vector<QueuedMessage> enqueue(const std::string& case_ref, const std::vector<std::string>& payloads) {
    return jm.store().transact([&](store::Transaction& tx) {
      std::vector<QueuedMessage> queued;
      for (const auto& payload : payloads)
        queued.push_back(jm.outbox().enqueue(tx, {"MO", "case.status", case_ref, {"case"}, payload}));
      return queued;
    });
  }

  store::OutboxRecord out(const QueuedMessage& q) { return *jm.store().find_outbox_message(q.message_id); }
  store::InboxRecord in(const Envelope& e) { return *mo.store().find_inbox_message(e.message_id); }
  std::int64_t now() { return system_clock()(); }

  std::vector<std::int64_t> applied_sequences(const std::string& case_ref) {
    std::vector<std::int64_t> sequences;
    for (const auto& m : mo.applied())
      if (m.case_ref == case_ref) sequences.push_back(m.sequence);
    return sequences;
  }

  std::int64_t operator_entries(FedNode& node, const std::string& type) {
    std::int64_t count = 0;
    node.store().for_each_message_log_entry([&](const store::MessageLogEntry& entry) {
      count += entry.type == type ? 1 : 0;
      return true;
    });
    return count;
  }

  testing::LogCapture log;
  FedNode jm;
  FedNode mo;
};

TEST_F(DeadLetterTest, APermanentRefusalIsADeadLetterThatHoldsItsSuccessorsUntilDropped) {
  auto queued = enqueue("JM-2026-000001", {std::string(kRefused), R"({"step":2})", R"({"step":3})"});
  EXPECT_EQ(jm.relay().run_once(), 0);
  EXPECT_EQ(out(queued[0]).state, OutboxState::dead);
  EXPECT_NE(out(queued[0]).dead_reason.find("handler:not_case_owner"), std::string::npos) << out(queued[0]).dead_reason;
  EXPECT_EQ(out(queued[0]).attempts, 1);  // not retried
  EXPECT_EQ(jm.relay().stats().dead_letters, 1u);
  EXPECT_TRUE(log.contains("DEAD LETTER"));
  // The successors wait behind it, untried, however often the relay looks.
  EXPECT_EQ(jm.relay().run_once(), 0);
  EXPECT_EQ(out(queued[1]).state, OutboxState::queued);
  EXPECT_EQ(out(queued[1]).attempts, 0);
  auto status = federation_status(jm.store(), now());
  ASSERT_EQ(status.peers.size(), 1u);
  EXPECT_EQ(status.peers[0].dead, 1);
  ASSERT_EQ(status.dead_letters.size(), 1u);
  EXPECT_EQ(status.dead_letters[0].message_id, queued[0].message_id);
  EXPECT_NE(format_status(status).find(queued[0].message_id), std::string::npos);

  // Dropping it lets the successors flow, renumbered so the peer does not wait for the dropped number.
  auto result = drop_message(jm.store(), queued[0].message_id, "the case moved to another owner", now());
  EXPECT_EQ(result.side, MessageSide::outbox);
  EXPECT_EQ(out(queued[0]).state, OutboxState::dropped);
  EXPECT_EQ(jm.relay().run_once(), 2);
  EXPECT_EQ(applied_sequences("JM-2026-000001"), (std::vector<std::int64_t>{1, 2}));
  EXPECT_EQ(out(queued[2]).state, OutboxState::delivered);
  EXPECT_EQ(operator_entries(jm, "operator.drop"), 1);
  EXPECT_TRUE(verify_message_log(jm.store()).ok());
  // A later message of the case continues the numbering without a gap.
  auto later = enqueue("JM-2026-000001", {R"({"step":4})"});
  EXPECT_EQ(later[0].sequence, 3);
  EXPECT_EQ(jm.relay().run_once(), 1);
  EXPECT_EQ(applied_sequences("JM-2026-000001"), (std::vector<std::int64_t>{1, 2, 3}));
}

TEST_F(DeadLetterTest, ASpentRetryBudgetIsADeadLetterAndRequeueDeliversIt) {
  jm.relay_extra = "max_attempts = 2\n";
  jm.trust(mo);  // rewrites the config with the budget
  mo.go_down();
  auto queued = enqueue("JM-2026-000002", {R"({"step":1})", R"({"step":2})"});
  ASSERT_TRUE(eventually([&] {
    jm.relay().run_once();
    return out(queued[0]).state == OutboxState::dead;
  }));
  EXPECT_EQ(out(queued[0]).attempts, 2);
  EXPECT_NE(out(queued[0]).dead_reason.find("retry budget of 2 attempts spent"), std::string::npos);
  EXPECT_EQ(out(queued[1]).attempts, 0);  // held behind it

  mo.come_up();
  EXPECT_EQ(jm.relay().run_once(), 0);  // a dead letter is not sent again on its own
  requeue_message(jm.store(), queued[0].message_id, now());
  EXPECT_EQ(out(queued[0]).state, OutboxState::queued);
  EXPECT_EQ(out(queued[0]).attempts, 0);
  EXPECT_EQ(jm.relay().run_once(), 2);
  EXPECT_EQ(applied_sequences("JM-2026-000002"), (std::vector<std::int64_t>{1, 2}));
  EXPECT_EQ(operator_entries(jm, "operator.requeue"), 1);
  EXPECT_TRUE(verify_message_log(jm.store()).ok());
}

TEST_F(DeadLetterTest, TransientRejectionsAreRetriedNotDead) {
  EXPECT_FALSE(permanent_rejection("stale"));
  EXPECT_FALSE(permanent_rejection("future"));
  EXPECT_FALSE(permanent_rejection("unknown_sender"));
  EXPECT_FALSE(permanent_rejection("bad_signature"));
  EXPECT_FALSE(permanent_rejection("replay"));
  EXPECT_TRUE(permanent_rejection("handler:not_case_owner"));
  EXPECT_TRUE(permanent_rejection("type_not_allowed"));
  EXPECT_TRUE(permanent_rejection("id_reuse"));
  // MO's clock is far ahead: "stale" is a clock problem, so the message stays queued and is tried again.
  mo.skew_ms = 2LL * 24 * 3600 * 1000;
  auto queued = enqueue("JM-2026-000003", {R"({"step":1})"});
  EXPECT_EQ(jm.relay().run_once(), 0);
  EXPECT_EQ(out(queued[0]).state, OutboxState::queued);
  EXPECT_NE(out(queued[0]).last_error.find("stale"), std::string::npos) << out(queued[0]).last_error;
  mo.skew_ms = 0;
  ASSERT_TRUE(eventually([&] { return jm.relay().run_once() == 1; }));
}

TEST_F(DeadLetterTest, OperatorActsAreRefusedWhenTheyMakeNoSense) {
  auto queued = enqueue("JM-2026-000004", {R"({"step":1})"});
  ASSERT_EQ(jm.relay().run_once(), 1);
  EXPECT_THROW(requeue_message(jm.store(), "00000000-0000-4000-8000-000000000000", now()), DeadLetterRefused);
  EXPECT_THROW(requeue_message(jm.store(), queued[0].message_id, now()), DeadLetterRefused);  // delivered
  EXPECT_THROW(drop_message(jm.store(), queued[0].message_id, "why not", now()), DeadLetterRefused);
  EXPECT_THROW(drop_message(jm.store(), queued[0].message_id, "", now()), DeadLetterRefused);
  EXPECT_EQ(out(queued[0]).state, OutboxState::delivered);
  EXPECT_EQ(operator_entries(jm, "operator.requeue") + operator_entries(jm, "operator.drop"), 0);
}

TEST_F(DeadLetterTest, AHeldMessageRefusedWhenItsTurnComesIsDeadAndHoldsItsSuccessors) {
  const std::string c = "JM-2026-000005";
  Envelope one = jm.envelope_to(mo, "case.status", c, 1);
  Envelope two = jm.envelope_to(mo, "case.status", c, 2, std::string(kRefused));
  Envelope three = jm.envelope_to(mo, "case.status", c, 3);
  ASSERT_EQ(jm.post(mo, two).status, 200);    // held (the handler has not seen it yet)
  ASSERT_EQ(jm.post(mo, three).status, 200);  // held
  ASSERT_EQ(jm.post(mo, one).status, 200);    // applied; then two is refused, three stays held
  EXPECT_EQ(in(one).state, InboxState::applied);
  EXPECT_EQ(in(two).state, InboxState::dead);
  EXPECT_NE(in(two).dead_reason.find("handler:not_case_owner"), std::string::npos) << in(two).dead_reason;
  EXPECT_EQ(in(three).state, InboxState::held);
  EXPECT_TRUE(log.contains("DEAD LETTER"));
  EXPECT_EQ(mo.inbox().apply_ready_held_messages(), 0);  // nothing moves behind a dead letter
  auto status = federation_status(mo.store(), now());
  EXPECT_EQ(status.inbox_dead["CN-GD-JM"], 1);

  // Dropping three is refused (its turn has not come); requeueing two runs the handler again (refused again).
  EXPECT_THROW(drop_message(mo.store(), three.message_id, "no", now()), DeadLetterRefused);
  EXPECT_EQ(requeue_message(mo.store(), two.message_id, now()).side, MessageSide::inbox);
  EXPECT_EQ(in(two).state, InboxState::held);
  EXPECT_EQ(mo.inbox().apply_ready_held_messages(), 0);
  EXPECT_EQ(in(two).state, InboxState::dead);

  // Dropping two moves the case past it: three applies.
  drop_message(mo.store(), two.message_id, "ownership settled with the sender by phone", now());
  EXPECT_EQ(in(two).state, InboxState::dropped);
  EXPECT_EQ(mo.inbox().apply_ready_held_messages(), 1);
  EXPECT_EQ(in(three).state, InboxState::applied);
  EXPECT_EQ(applied_sequences(c), (std::vector<std::int64_t>{1, 3}));
  EXPECT_EQ(operator_entries(mo, "operator.requeue"), 1);
  EXPECT_EQ(operator_entries(mo, "operator.drop"), 1);
  EXPECT_TRUE(verify_message_log(mo.store()).ok());
}

TEST_F(DeadLetterTest, AHeldMessageWaitingTooLongIsReported) {
  mo.extra_config = "[limits]\nheld_report_after_seconds = 60\n";
  mo.trust(jm);
  Envelope two = jm.envelope_to(mo, "case.status", "JM-2026-000006", 2);
  ASSERT_EQ(jm.post(mo, two).status, 200);
  EXPECT_EQ(mo.inbox().report_overdue_held(), 0);
  mo.skew_ms = 61'000;  // a minute later, sequence 1 still has not arrived
  EXPECT_EQ(mo.inbox().report_overdue_held(), 1);
  EXPECT_TRUE(log.contains("HELD for 61 s: sequence 1 has not arrived"));
  EXPECT_EQ(federation_status(mo.store(), now() + 61'000, std::chrono::seconds(60)).overdue_held_messages, 1);
  EXPECT_EQ(federation_status(mo.store(), now(), std::chrono::seconds(60)).overdue_held_messages, 0);
}

}  // namespace
}  // namespace tongban::federation
