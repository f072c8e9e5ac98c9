// Envelope and Receipt: the two signed documents of the federation protocol (docs/federation.md is the normative
// description; this header and that page must agree).
//
// An Envelope carries one message from node `from` to node `to`. Its identity is the message id (a UUID v4 made by
// the sender); everything but `sent_at_ms` and `signature` is fixed when the message is queued, so every
// transmission attempt of one message carries the same id, payload and sequence, and a fresh `sent_at_ms` with a
// fresh signature. The signature is the sender's Ed25519 detached signature over canonical_envelope_bytes(), which
// covers every other field; the payload enters through its SHA-256, and the receiver checks
// sha256(payload) == payload_sha256 separately.
//
// A Receipt is the receiver's signed answer naming the message id, the payload hash it saw and the outcome. The
// sender treats a message as delivered only on a receipt that verifies with the receiver's key from its own trust
// list, names that message id and payload hash, and whose outcome is applied, held or duplicate.
//
// Canonical bytes (both documents): a format tag, then each field in the order listed below; every field is
// written as a 4-byte big-endian length followed by that many bytes; integers are 8-byte big-endian two's
// complement (so their length prefix is always 8); text is UTF-8 exactly as carried in the JSON.
//
//   envelope: "tongban.envelope.v1", message_id, from, to, type, case_ref, sequence (int), created_at_ms (int),
//             sent_at_ms (int), data_categories (joined with ","), payload_sha256
//   receipt:  "tongban.receipt.v1", message_id, from, to, payload_sha256, outcome, reason, issued_at_ms (int)
//
// JSON form (the HTTP body; member names as the struct fields, integers as JSON numbers, data_categories as an
// array of strings, payload as a JSON string holding the payload's JSON text, signature as base64).
// Pure computation: no I/O, no clock.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "federation/node_key.h"

namespace tongban::federation {

// Message types used by tongban nodes. A node accepts only the types its trust list allows for the sender, and
// only those it has a handler for; other strings of [a-z0-9._-] are valid on the wire.
namespace message_type {
inline constexpr std::string_view case_forward = "case.forward";
inline constexpr std::string_view case_status = "case.status";
inline constexpr std::string_view case_result = "case.result";
inline constexpr std::string_view case_supplement = "case.supplement";
inline constexpr std::string_view subcase_request = "subcase.request";
inline constexpr std::string_view subcase_status = "subcase.status";
inline constexpr std::string_view subcase_done = "subcase.done";
inline constexpr std::string_view delivery_update = "delivery.update";
inline constexpr std::string_view identity_assertion = "identity.assertion";
inline constexpr std::string_view certificate_revoked = "certificate.revoked";
inline constexpr std::string_view shipment_update = "shipment.update";
}  // namespace message_type

struct Envelope {
  std::string message_id;  // UUID v4, lowercase
  std::string from;        // sender node id
  std::string to;          // receiver node id
  std::string type;        // e.g. "case.forward"
  std::string case_ref;    // the case the message is about; "" for messages outside any case
  // Position of this message among the messages from `from` to `to` about case_ref: 1, 2, 3, … without gaps.
  // 0 exactly when case_ref is "" (such messages are not ordered).
  std::int64_t sequence = 0;
  std::int64_t created_at_ms = 0;            // when the sender queued it (Unix ms)
  std::int64_t sent_at_ms = 0;               // when this transmission attempt was signed (Unix ms)
  std::vector<std::string> data_categories;  // what kinds of personal data the payload carries ("identity", …)
  std::string payload;                       // JSON text (an object)
  std::string payload_sha256;                // lowercase hex SHA-256 of payload's bytes
  std::string signature;                     // base64 Ed25519 over canonical_envelope_bytes
};

std::string canonical_envelope_bytes(const Envelope& envelope);
// Fills payload_sha256 from payload, then signature with key.
void sign_envelope(Envelope& envelope, const NodeKey& key);
// True iff the signature verifies with `key` AND payload_sha256 is the SHA-256 of payload.
bool signature_valid(const Envelope& envelope, const PublicKey& key);

// Thrown by envelope_from_json/receipt_from_json: the text is not a well-formed document (not JSON, a member
// missing or of the wrong type, an unknown member, a bad id or hash format). what() says which.
class MalformedDocument : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

std::string envelope_to_json(const Envelope& envelope);
Envelope envelope_from_json(std::string_view json_text);

enum class ReceiptOutcome {
  applied,    // stored and applied now (the handler ran and committed)
  held,       // stored durably; will be applied when the earlier sequence numbers of its case arrive
  duplicate,  // the message id was received before; nothing new was done (the answer repeats its outcome)
  rejected,   // nothing stored, nothing applied; `reason` says why; the sender may retry later
};
std::string_view to_string(ReceiptOutcome outcome);
std::optional<ReceiptOutcome> receipt_outcome_from(std::string_view word);

struct Receipt {
  std::string message_id;
  std::string from;            // the receiver, who signs it
  std::string to;              // the sender of the message
  std::string payload_sha256;  // as received
  ReceiptOutcome outcome = ReceiptOutcome::rejected;
  std::string reason;  // rejected: a stable code (docs/federation.md lists them); otherwise ""
  std::int64_t issued_at_ms = 0;
  std::string signature;  // base64 Ed25519 over canonical_receipt_bytes
};

std::string canonical_receipt_bytes(const Receipt& receipt);
void sign_receipt(Receipt& receipt, const NodeKey& key);
bool signature_valid(const Receipt& receipt, const PublicKey& key);
std::string receipt_to_json(const Receipt& receipt);
Receipt receipt_from_json(std::string_view json_text);

}  // namespace tongban::federation
