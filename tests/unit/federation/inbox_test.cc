// The inbox over real HTTP on loopback between two in-process nodes with real SQLite stores: every kind of bad
// message is rejected, logged, answered with a signed rejection and leaves no trace; duplicates are acknowledged
// but applied once; out-of-order messages are held and applied in sequence order.
#include "federation/inbox.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "federation/message_log.h"
#include "federation_fixture.h"

namespace tongban::federation {
namespace {

using testing::FedNode;
using testing::LogCapture;

class InboxTest : public ::testing::Test {
 protected:
  InboxTest() : jm("CN-GD-JM"), mo("MO") {
    jm.trust(mo);
    mo.trust(jm, {"case.forward", "case.status"});  // JM may send these two types to MO, nothing else
  }

  // A rejection: the status, the reason in the problem, a receipt signed by MO saying rejected, the reason logged,
  // and nothing stored, applied or logged at MO.
  void expect_rejected(const TransportResult& answer, int status, const std::string& reason,
                       const std::string& message_id) {
    ASSERT_TRUE(answer.reached) << answer.error;
    EXPECT_EQ(answer.status, status) << answer.body;
    auto problem = boost::json::parse(answer.body).as_object();
    EXPECT_EQ(problem.at("reason").as_string(), reason);
    EXPECT_EQ(problem.at("type").as_string().subview().substr(0, 21), "/problems/federation-");
    if (!message_id.empty()) {
      Receipt receipt = receipt_from_json(boost::json::serialize(problem.at("receipt")));
      EXPECT_TRUE(signature_valid(receipt, PublicKey::from_base64(mo.public_key())));
      EXPECT_EQ(receipt.outcome, ReceiptOutcome::rejected);
      EXPECT_EQ(receipt.reason, reason);
      EXPECT_EQ(receipt.message_id, message_id);
      EXPECT_FALSE(mo.store().find_inbox_message(message_id).has_value());
    }
    EXPECT_TRUE(log.contains("REJECTED")) << reason;
    EXPECT_TRUE(log.contains(reason)) << reason;
    EXPECT_TRUE(mo.applied().empty());
    EXPECT_EQ(mo.log_length(), 0);
  }

  Receipt accepted(const TransportResult& answer, ReceiptOutcome outcome) {
    EXPECT_TRUE(answer.reached) << answer.error;
    EXPECT_EQ(answer.status, 200) << answer.body;
    Receipt receipt = receipt_from_json(answer.body);
    EXPECT_TRUE(signature_valid(receipt, PublicKey::from_base64(mo.public_key())));
    EXPECT_EQ(receipt.outcome, outcome);
    return receipt;
  }

  LogCapture log;
  FedNode jm;
  FedNode mo;
};

TEST_F(InboxTest, AValidMessageIsAppliedOnceWithASignedReceiptAndLogged) {
  Envelope e = jm.envelope_to(mo, "case.forward", "JM-2026-000001", 1);
  Receipt receipt = accepted(jm.post(mo, e), ReceiptOutcome::applied);
  EXPECT_EQ(receipt.message_id, e.message_id);
  EXPECT_EQ(receipt.payload_sha256, e.payload_sha256);
  ASSERT_EQ(mo.applied().size(), 1u);
  EXPECT_EQ(mo.applied()[0].message_id, e.message_id);
  EXPECT_EQ(mo.store().find_inbox_message(e.message_id)->state, store::InboxState::applied);
  EXPECT_EQ(mo.store().last_applied_sequence("CN-GD-JM", "JM-2026-000001"), 1);
  EXPECT_EQ(mo.log_length(), 1);
  EXPECT_TRUE(verify_message_log(mo.store()).ok());
}

TEST_F(InboxTest, TamperedPayloadIsRejected) {
  Envelope e = jm.envelope_to(mo, "case.forward", "JM-2026-000001", 1);
  e.payload = R"({"note":"hellO"})";
  expect_rejected(jm.post(mo, e), 403, "bad_signature", e.message_id);
}

TEST_F(InboxTest, WrongKeyIsRejected) {
  Envelope e = jm.envelope_to(mo, "case.forward", "JM-2026-000001", 1);
  sign_envelope(e, NodeKey::generate());
  expect_rejected(jm.post(mo, e), 403, "bad_signature", e.message_id);
}

TEST_F(InboxTest, UnknownNodeIsRejected) {
  FedNode hk("HK");
  hk.trust(mo);
  Envelope e = hk.envelope_to(mo, "case.forward", "HK-2026-000001", 1);
  expect_rejected(hk.post(mo, e), 403, "unknown_sender", e.message_id);
}

TEST_F(InboxTest, ATypeThePeerMayNotSendIsRejected) {
  Envelope e = jm.envelope_to(mo, "case.result", "JM-2026-000001", 1);
  expect_rejected(jm.post(mo, e), 403, "type_not_allowed", e.message_id);
}

TEST_F(InboxTest, OversizePayloadIsRejected) {
  mo.extra_config = "[limits]\nmax_payload_bytes = 2048\n";
  mo.trust(jm, {"case.forward"});
  Envelope e = jm.envelope_to(mo, "case.forward", "JM-2026-000001", 1, R"({"note":")" + std::string(3000, 'x') + "\"}");
  expect_rejected(jm.post(mo, e), 413, "payload_too_large", e.message_id);
}

TEST_F(InboxTest, StaleAndFutureTimestampsAreRejected) {
  Envelope stale = jm.envelope_to(mo, "case.forward", "JM-2026-000001", 1);
  stale.sent_at_ms -= 2 * 24 * 3600 * 1000LL;
  sign_envelope(stale, jm.key());
  expect_rejected(jm.post(mo, stale), 400, "stale", stale.message_id);
  Envelope future = jm.envelope_to(mo, "case.forward", "JM-2026-000001", 1);
  future.sent_at_ms += 3600 * 1000LL;
  sign_envelope(future, jm.key());
  expect_rejected(jm.post(mo, future), 400, "future", future.message_id);
}

TEST_F(InboxTest, MessageForAnotherNodeAndGarbageAreRejected) {
  Envelope e = jm.envelope_to(jm, "case.forward", "JM-2026-000001", 1);  // addressed to JM, posted to MO
  expect_rejected(jm.post(mo, e), 400, "wrong_recipient", e.message_id);
  auto garbage = post_json(mo.endpoint(), kMessagesPath, R"({"message_id":1})", std::nullopt, std::chrono::seconds(5));
  expect_rejected(garbage, 400, "malformed", "");
}

TEST_F(InboxTest, AHandlerRefusalIsRejectedAndNothingStays) {
  Envelope e = jm.envelope_to(mo, "case.forward", "MO-2026-000009", 1, R"({"owner":"someone-else"})");
  expect_rejected(jm.post(mo, e), 422, "handler:not_case_owner", e.message_id);
  EXPECT_EQ(mo.store().last_applied_sequence("CN-GD-JM", "MO-2026-000009"), 0);
}

TEST_F(InboxTest, AReplayedTransmissionIsRejectedAndNotAppliedAgain) {
  Envelope e = jm.envelope_to(mo, "case.forward", "JM-2026-000001", 1);
  accepted(jm.post(mo, e), ReceiptOutcome::applied);
  auto replay = jm.post(mo, e);  // byte for byte the same transmission
  ASSERT_EQ(replay.status, 409) << replay.body;
  EXPECT_EQ(boost::json::parse(replay.body).at("reason").as_string(), "replay");
  EXPECT_TRUE(log.contains("replay"));
  EXPECT_EQ(mo.applied().size(), 1u);
  EXPECT_EQ(mo.log_length(), 1);
}

TEST_F(InboxTest, ADuplicateIsAcknowledgedButAppliedOnce) {
  Envelope e = jm.envelope_to(mo, "case.forward", "JM-2026-000001", 1);
  accepted(jm.post(mo, e), ReceiptOutcome::applied);
  Envelope retry = e;  // the sender's retry after a lost receipt: same message, newer transmission
  retry.sent_at_ms += 5;
  sign_envelope(retry, jm.key());
  Receipt receipt = accepted(jm.post(mo, retry), ReceiptOutcome::duplicate);
  EXPECT_EQ(receipt.message_id, e.message_id);
  EXPECT_EQ(mo.applied().size(), 1u);
  EXPECT_EQ(mo.log_length(), 1);
  // The same id with another payload is not a duplicate: it is refused.
  Envelope reuse = e;
  reuse.payload = R"({"note":"other"})";
  reuse.sent_at_ms += 10;
  sign_envelope(reuse, jm.key());
  auto answer = jm.post(mo, reuse);
  EXPECT_EQ(answer.status, 409);
  EXPECT_EQ(boost::json::parse(answer.body).at("reason").as_string(), "id_reuse");
  EXPECT_EQ(mo.applied().size(), 1u);
}

TEST_F(InboxTest, OutOfOrderMessagesAreHeldThenAppliedInSequenceOrder) {
  Envelope one = jm.envelope_to(mo, "case.status", "JM-2026-000007", 1);
  Envelope two = jm.envelope_to(mo, "case.status", "JM-2026-000007", 2);
  Envelope three = jm.envelope_to(mo, "case.status", "JM-2026-000007", 3);
  accepted(jm.post(mo, three), ReceiptOutcome::held);
  accepted(jm.post(mo, two), ReceiptOutcome::held);
  EXPECT_TRUE(mo.applied().empty());
  EXPECT_EQ(mo.store().find_inbox_message(three.message_id)->state, store::InboxState::held);
  accepted(jm.post(mo, one), ReceiptOutcome::applied);
  auto applied = mo.applied();
  ASSERT_EQ(applied.size(), 3u);
  EXPECT_EQ(applied[0].sequence, 1);
  EXPECT_EQ(applied[1].sequence, 2);
  EXPECT_EQ(applied[2].sequence, 3);
  EXPECT_EQ(mo.store().find_inbox_message(three.message_id)->state, store::InboxState::applied);
  EXPECT_EQ(mo.store().last_applied_sequence("CN-GD-JM", "JM-2026-000007"), 3);
  // Another case is independent of this one.
  accepted(jm.post(mo, jm.envelope_to(mo, "case.status", "JM-2026-000008", 1)), ReceiptOutcome::applied);
  EXPECT_EQ(mo.log_length(), 4);
  EXPECT_TRUE(verify_message_log(mo.store()).ok());
}

}  // namespace
}  // namespace tongban::federation
