// Fuzz target: the federation's document parsers and verifier (src/federation/envelope.h) on arbitrary HTTP bodies
// from a peer. Each input is read both as an envelope and as a receipt. A body is either parsed or refused with
// MalformedDocument; anything else escaping is a bug. Invariants:
// - a parsed document written back as JSON parses to the same document;
// - verifying never throws, and a document that does not carry our signature does not verify with our key;
// - the parsed document signed with our key, written as JSON and parsed again, verifies (and does not with another).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "federation/envelope.h"
#include "fuzz_check.h"

namespace {

using namespace tongban::federation;

const NodeKey& our_key() {
  static const NodeKey key = NodeKey::generate();
  return key;
}

const PublicKey& other_key() {
  static const PublicKey key = NodeKey::generate().public_key();
  return key;
}

bool same(const Envelope& a, const Envelope& b) {
  return a.message_id == b.message_id && a.from == b.from && a.to == b.to && a.type == b.type &&
         a.case_ref == b.case_ref && a.sequence == b.sequence && a.created_at_ms == b.created_at_ms &&
         a.sent_at_ms == b.sent_at_ms && a.data_categories == b.data_categories && a.payload == b.payload &&
         a.payload_sha256 == b.payload_sha256 && a.signature == b.signature;
}

bool same(const Receipt& a, const Receipt& b) {
  return a.message_id == b.message_id && a.from == b.from && a.to == b.to && a.payload_sha256 == b.payload_sha256 &&
         a.outcome == b.outcome && a.reason == b.reason && a.issued_at_ms == b.issued_at_ms &&
         a.signature == b.signature;
}

void envelope(std::string_view text) {
  Envelope parsed;
  try {
    parsed = envelope_from_json(text);
  } catch (const MalformedDocument&) {
    return;
  }
  FUZZ_CHECK(same(envelope_from_json(envelope_to_json(parsed)), parsed));
  FUZZ_CHECK(!signature_valid(parsed, our_key().public_key()));
  signature_valid(parsed, other_key());
  Envelope signed_copy = parsed;
  sign_envelope(signed_copy, our_key());
  Envelope received = envelope_from_json(envelope_to_json(signed_copy));
  FUZZ_CHECK(same(received, signed_copy));
  FUZZ_CHECK(signature_valid(received, our_key().public_key()));
  FUZZ_CHECK(!signature_valid(received, other_key()));
}

void receipt(std::string_view text) {
  Receipt parsed;
  try {
    parsed = receipt_from_json(text);
  } catch (const MalformedDocument&) {
    return;
  }
  FUZZ_CHECK(same(receipt_from_json(receipt_to_json(parsed)), parsed));
  FUZZ_CHECK(!signature_valid(parsed, our_key().public_key()));
  signature_valid(parsed, other_key());
  Receipt signed_copy = parsed;
  sign_receipt(signed_copy, our_key());
  Receipt received = receipt_from_json(receipt_to_json(signed_copy));
  FUZZ_CHECK(same(received, signed_copy));
  FUZZ_CHECK(signature_valid(received, our_key().public_key()));
  FUZZ_CHECK(!signature_valid(received, other_key()));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  envelope(text);
  receipt(text);
  return 0;
}
