// Key rotation through the directory: Jiangmen announces a new key with an overlap while it keeps sending to
// Macao. Envelopes signed with the old key are accepted until its valid_until, those with the new key from its
// valid_from; once the old key's validity is over, an envelope signed with it is refused (bad_signature).
#include <gtest/gtest.h>

#include "directory_fixture.h"
#include "federation/delivery_verdict.h"

namespace tongban::federation {
namespace {

using testing::FedNode;
using testing::kHourMs;
using testing::TestOperator;

TEST(KeyRotation, OldKeyAcceptedUntilItsValidityEndsNewKeyFromItsStart) {
  testing::LogCapture log;
  TestOperator op;
  testing::TempDir files;
  FedNode jm("CN-GD-JM"), mo("MO");
  const std::int64_t t0 = system_clock()();
  DirectoryClient client(mo.id(), op.settings(files.path() / "directory.json"), mo.trust_list(), system_clock());
  const NodeKey old_key = jm.key();
  const NodeKey new_key = NodeKey::generate();
  auto issue = [&](std::int64_t version, std::vector<PeerKey> keys) {
    DirectoryMember m = TestOperator::member(jm, t0);
    m.keys = std::move(keys);
    client.offer(
        op.signed_text(op.directory(version, {m, TestOperator::member(mo, t0)}, t0 - kHourMs, t0 + 24 * kHourMs)));
  };
  int sequence = 0;
  // One message of case "C-1" signed with `key`; true iff Macao applied it.
  auto send = [&](const NodeKey& key) {
    Envelope e = jm.envelope_to(mo, "case.status", "C-1", ++sequence);
    sign_envelope(e, key);
    auto answer = jm.post(mo, e);
    if (answer.status != 200) --sequence;
    if (answer.status != 200) ADD_FAILURE() << answer.body;
    return answer.status == 200;
  };
  auto rejected_as_bad_signature = [&](const NodeKey& key) {
    Envelope e = jm.envelope_to(mo, "case.status", "C-1", sequence + 1);
    sign_envelope(e, key);
    auto answer = jm.post(mo, e);
    return answer.status == 403 && answer.body.find("bad_signature") != std::string::npos;
  };

  issue(1, {{old_key.public_key(), t0 - kHourMs, t0 + 24 * kHourMs}});
  EXPECT_TRUE(send(old_key));
  EXPECT_TRUE(rejected_as_bad_signature(new_key));  // not announced yet

  // Version 2 announces the new key; the old one stays valid for an overlap. Traffic with both is accepted.
  issue(2, {{old_key.public_key(), t0 - kHourMs, t0 + kHourMs}, {new_key.public_key(), t0 - 1000, t0 + 48 * kHourMs}});
  EXPECT_EQ(mo.trust_list().current()->find_peer("CN-GD-JM")->public_key, new_key.public_key());
  for (int i = 0; i < 5; ++i) {
    EXPECT_TRUE(send(old_key));
    EXPECT_TRUE(send(new_key));
  }

  // Version 3: the old key's validity ended a moment ago. An envelope signed with it now is refused.
  issue(3, {{old_key.public_key(), t0 - kHourMs, system_clock()() - 1},
            {new_key.public_key(), t0 - 1000, t0 + 48 * kHourMs}});
  EXPECT_TRUE(rejected_as_bad_signature(old_key));
  EXPECT_TRUE(send(new_key));
  EXPECT_EQ(mo.applied().size(), static_cast<std::size_t>(sequence));
  EXPECT_EQ(sequence, 12);  // 1 + 5 * 2 + 1
}

// Receipts follow the same rotation as envelopes: the sender accepts a receipt signed with any key of the peer valid
// when the receipt was issued. Before, the relay checked receipts against the current key only, so a peer that
// switched keys at the start of an overlap had its receipts refused by senders holding the new directory.
TEST(KeyRotation, ReceiptsAreCheckedAgainstTheKeysValidWhenTheyWereIssued) {
  const NodeKey old_key = NodeKey::generate();
  const NodeKey new_key = NodeKey::generate();
  const std::int64_t t0 = 1'800'000'000'000;
  Peer mo;
  mo.node_id = "MO";
  mo.public_key = new_key.public_key();
  mo.keys = {{old_key.public_key(), t0 - kHourMs, t0 + kHourMs}, {new_key.public_key(), t0, t0 + 48 * kHourMs}};

  Envelope sent;
  sent.message_id = "7d0b8f54-3c1e-4d61-9b8e-2f5a6c7d8e9f";
  sent.from = "CN-GD-JM";
  sent.to = "MO";
  sent.payload_sha256 = std::string(64, 'a');
  auto answer_signed_by = [&](const NodeKey& key, std::int64_t issued_at) {
    Receipt receipt{sent.message_id, "MO", "CN-GD-JM", sent.payload_sha256, ReceiptOutcome::applied, "", issued_at, ""};
    sign_receipt(receipt, key);
    TransportResult answer;
    answer.reached = true;
    answer.status = 200;
    answer.body = receipt_to_json(receipt);
    return judge_answer(answer, sent, mo, "CN-GD-JM").outcome;
  };
  EXPECT_EQ(answer_signed_by(old_key, t0 + 1000), DeliveryOutcome::delivered);  // the overlap: old key still valid
  EXPECT_EQ(answer_signed_by(new_key, t0 + 1000), DeliveryOutcome::delivered);
  EXPECT_EQ(answer_signed_by(old_key, t0 + 2 * kHourMs), DeliveryOutcome::retry);  // its validity has ended
  EXPECT_EQ(answer_signed_by(NodeKey::generate(), t0 + 1000), DeliveryOutcome::retry);
  EXPECT_EQ(mo.keys_valid_at(t0 - 2 * kHourMs).size(), 0u);
  EXPECT_EQ(mo.keys_valid_at(t0 + 1000).size(), 2u);
}

}  // namespace
}  // namespace tongban::federation
