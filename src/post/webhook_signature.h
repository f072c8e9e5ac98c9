// Signed carrier webhooks: how a carrier proves that a tracking call comes from it and is fresh.
//
// The carrier sends two headers with its POST:
//   X-Tongban-Timestamp: the Unix time in seconds when it signed (decimal digits);
//   X-Tongban-Signature: "v1=" + lowercase hex HMAC-SHA256(secret, timestamp + "." + body).
// The node recomputes the MAC with the carrier's own secret and compares in constant time (CRYPTO_memcmp); it
// refuses a call whose timestamp is more than the replay window (5 minutes) away from its clock, so a recorded call
// cannot be replayed later. Within the window a replay changes nothing either: events are idempotent by event id
// (domain/shipment.h). HMAC from OpenSSL (libcrypto), never hand-written.
// Pure computation over the given bytes and time; no I/O.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace tongban::post {

inline constexpr std::string_view kTimestampHeader = "X-Tongban-Timestamp";
inline constexpr std::string_view kSignatureHeader = "X-Tongban-Signature";
inline constexpr std::int64_t kReplayWindowSeconds = 300;

// "v1=<hex>" for this timestamp and body.
std::string webhook_signature(std::string_view secret, std::int64_t timestamp_s, std::string_view body);

enum class WebhookVerdict {
  valid,
  unsigned_call,  // a header is missing
  malformed,      // the timestamp is not decimal digits, or the signature is not "v1=" + 64 hex
  stale,          // the timestamp is outside the replay window
  bad_signature,  // the MAC does not match
};
std::string_view to_string(WebhookVerdict verdict);

WebhookVerdict verify_webhook(std::string_view secret, std::string_view timestamp_header,
                              std::string_view signature_header, std::string_view body, std::int64_t now_ms);

}  // namespace tongban::post
