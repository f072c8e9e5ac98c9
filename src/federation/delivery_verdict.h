// DeliveryVerdict: what one answer from a peer means for an outbox message — delivered, try again later, or dead.
//
// Delivered: a receipt that verifies with the peer's public key from our trust list, whose `from` is that peer,
// `to` is us, `message_id` and `payload_sha256` match the message sent, and whose outcome is applied, held or
// duplicate. Everything else is a failure; a failure is permanent (the message becomes a dead letter at once) only
// when the peer said so in a receipt that verifies like the above with outcome `rejected` and a reason code that
// no later attempt of the same message can change:
//   permanent: malformed, wrong_recipient, payload_too_large, type_not_allowed, unsupported_type, id_reuse,
//              handler:<anything> (the receiving node's business rules refused it).
//   transient: everything else — unknown_sender (the peer's trust list or directory may not list us yet),
//              bad_signature (a key rotation may still be propagating), stale / future (clock trouble; the next
//              attempt is signed afresh), replay (the next attempt has a newer sent_at), an unknown code, any answer
//              without a valid receipt (5xx, proxies, timeouts, TLS failures), a receipt that does not verify.
// Transient failures are retried with backoff until the retry budget ([relay] max_attempts) is spent.
#pragma once

#include <string>
#include <string_view>

#include "federation/envelope.h"
#include "federation/peer_transport.h"
#include "federation/trust_list.h"

namespace tongban::federation {

enum class DeliveryOutcome { delivered, retry, dead };

struct DeliveryVerdict {
  DeliveryOutcome outcome = DeliveryOutcome::retry;
  std::string error;         // why not delivered ("" when delivered)
  std::string receipt_json;  // the receipt that settled it (delivered)
};

// True for the rejection reasons listed as permanent above.
bool permanent_rejection(std::string_view reason);

// Judges the answer to `sent` (as signed and posted) from `peer`; `us` is our node id.
DeliveryVerdict judge_answer(const TransportResult& answer, const Envelope& sent, const Peer& peer,
                             const std::string& us);

}  // namespace tongban::federation
