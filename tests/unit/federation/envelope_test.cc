// Envelopes and receipts: signatures round-trip, and any change to a signed field, the payload or the key is caught.
#include "federation/envelope.h"

#include <gtest/gtest.h>

namespace tongban::federation {
namespace {

Envelope sample() {
  Envelope e;
  e.message_id = random_uuid_v4();
  e.from = "CN-GD-JM";
  e.to = "MO";
  e.type = "case.forward";
  e.case_ref = "JM-2026-000001";
  e.sequence = 1;
  e.created_at_ms = 1772000000000;
  e.sent_at_ms = 1772000000500;
  e.data_categories = {"identity", "materials"};
  e.payload = R"({"item_code":"MO-DSI-001","form":{"postal_address":"Rua 1"}})";
  return e;
}

TEST(Envelope, SignatureRoundTripsThroughJson) {
  NodeKey key = NodeKey::generate();
  Envelope e = sample();
  sign_envelope(e, key);
  EXPECT_EQ(e.payload_sha256, sha256_hex(e.payload));
  Envelope back = envelope_from_json(envelope_to_json(e));
  EXPECT_TRUE(signature_valid(back, key.public_key()));
  EXPECT_EQ(back.data_categories, e.data_categories);
  EXPECT_EQ(back.payload, e.payload);
}

TEST(Envelope, TamperedPayloadFieldsOrWrongKeyFail) {
  NodeKey key = NodeKey::generate();
  Envelope e = sample();
  sign_envelope(e, key);
  Envelope payload = e;
  payload.payload = R"({"item_code":"MO-DSI-002","form":{"postal_address":"Rua 1"}})";
  EXPECT_FALSE(signature_valid(payload, key.public_key()));
  payload.payload_sha256 = sha256_hex(payload.payload);  // even with a matching hash the signature no longer fits
  EXPECT_FALSE(signature_valid(payload, key.public_key()));
  Envelope sequence = e;
  sequence.sequence = 2;
  EXPECT_FALSE(signature_valid(sequence, key.public_key()));
  Envelope sent = e;
  sent.sent_at_ms += 1;
  EXPECT_FALSE(signature_valid(sent, key.public_key()));
  Envelope categories = e;
  categories.data_categories = {"identity"};
  EXPECT_FALSE(signature_valid(categories, key.public_key()));
  EXPECT_FALSE(signature_valid(e, NodeKey::generate().public_key()));
}

TEST(Envelope, CanonicalBytesAreLengthPrefixedInTheDocumentedOrder) {
  Envelope e = sample();
  e.payload_sha256 = sha256_hex(e.payload);
  std::string bytes = canonical_envelope_bytes(e);
  std::string tag = "tongban.envelope.v1";
  ASSERT_GE(bytes.size(), 4 + tag.size());
  EXPECT_EQ(bytes.substr(0, 4), std::string("\0\0\0\x13", 4));
  EXPECT_EQ(bytes.substr(4, tag.size()), tag);
  EXPECT_EQ(bytes.substr(4 + tag.size(), 4), std::string("\0\0\0\x24", 4));  // a 36-character UUID follows
  // Moving a character between adjacent fields changes the bytes (no ambiguity from concatenation).
  Envelope shifted = e;
  shifted.from = "CN-GD-J";
  shifted.to = "MMO";
  EXPECT_NE(canonical_envelope_bytes(shifted), bytes);
}

TEST(Envelope, MalformedDocumentsAreRefusedWithTheReason) {
  EXPECT_THROW(envelope_from_json("not json"), MalformedDocument);
  NodeKey key = NodeKey::generate();
  Envelope e = sample();
  sign_envelope(e, key);
  std::string json = envelope_to_json(e);
  std::string extra = json.substr(0, json.size() - 1) + R"(,"admin":true})";
  EXPECT_THROW(envelope_from_json(extra), MalformedDocument);
  Envelope no_case = e;
  no_case.case_ref = "";
  EXPECT_THROW(envelope_from_json(envelope_to_json(no_case)), MalformedDocument);  // sequence 1 without a case
  Envelope bad_id = e;
  bad_id.message_id = "1";
  EXPECT_THROW(envelope_from_json(envelope_to_json(bad_id)), MalformedDocument);
}

TEST(Receipt, SignedByTheReceiverAndBoundToTheMessage) {
  NodeKey receiver = NodeKey::generate();
  Receipt r{random_uuid_v4(), "MO", "CN-GD-JM", std::string(64, 'a'), ReceiptOutcome::applied, "", 1772000000000, ""};
  sign_receipt(r, receiver);
  Receipt back = receipt_from_json(receipt_to_json(r));
  EXPECT_TRUE(signature_valid(back, receiver.public_key()));
  back.outcome = ReceiptOutcome::duplicate;
  EXPECT_FALSE(signature_valid(back, receiver.public_key()));
  Receipt other = r;
  other.message_id = random_uuid_v4();
  EXPECT_FALSE(signature_valid(other, receiver.public_key()));
}

TEST(NodeKeyText, Base64AndUuidFormats) {
  EXPECT_EQ(to_base64("hello"), "aGVsbG8=");
  EXPECT_EQ(from_base64("aGVsbG8="), "hello");
  EXPECT_THROW(from_base64("aGVsbG8"), std::invalid_argument);
  EXPECT_THROW(from_base64("aGVs bG8="), std::invalid_argument);
  std::string id = random_uuid_v4();
  ASSERT_EQ(id.size(), 36u);
  EXPECT_EQ(id[14], '4');
  EXPECT_TRUE(id[19] == '8' || id[19] == '9' || id[19] == 'a' || id[19] == 'b');
  EXPECT_NE(random_uuid_v4(), id);
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

}  // namespace
}  // namespace tongban::federation
