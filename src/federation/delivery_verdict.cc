#include "federation/delivery_verdict.h"

#include <boost/json.hpp>
#include <cctype>
#include <optional>

namespace tongban::federation {
namespace {

// A receipt signed by a key of the peer valid when it was issued (during a rotation, the old or the new one).
bool signed_by_peer(const Receipt& receipt, const Peer& peer) {
  for (const auto& key : peer.keys_valid_at(receipt.issued_at_ms))
    if (signature_valid(receipt, key)) return true;
  return false;
}

// The receipt in a 200 body, or in the "receipt" member of a problem body; nullopt if neither.
std::optional<Receipt> receipt_in(const TransportResult& answer, std::string& reason) {
  boost::json::error_code error;
  auto parsed = boost::json::parse(answer.body, error);
  if (error || !parsed.is_object()) return std::nullopt;
  const auto& object = parsed.as_object();
  if (const auto* r = object.if_contains("reason"); r && r->is_string()) reason = std::string(r->as_string());
  const boost::json::value* receipt = answer.status == 200 ? &parsed : object.if_contains("receipt");
  if (!receipt) return std::nullopt;
  try {
    return receipt_from_json(boost::json::serialize(*receipt));
  } catch (const MalformedDocument&) {
    return std::nullopt;
  }
}

// A peer's reason code as we log and store it: at most 100 characters of [A-Za-z0-9._:-], anything else as '?'
// (it is text from another node: no control characters into our logs).
std::string printable_code(const std::string& reason) {
  std::string out;
  for (char c : reason.substr(0, 100))
    out += (std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == ':' || c == '-') ? c : '?';
  return out;
}

}  // namespace

bool permanent_rejection(std::string_view reason) {
  static constexpr std::string_view kPermanent[] = {"malformed",        "wrong_recipient",  "payload_too_large",
                                                    "type_not_allowed", "unsupported_type", "id_reuse"};
  if (reason.rfind("handler:", 0) == 0) return true;
  for (auto code : kPermanent)
    if (reason == code) return true;
  return false;
}

DeliveryVerdict judge_answer(const TransportResult& answer, const Envelope& sent, const Peer& peer,
                             const std::string& us) {
  DeliveryVerdict verdict;
  std::string reason;
  if (!answer.reached) {
    verdict.error = "no answer: " + answer.error;
    return verdict;
  }
  auto receipt = receipt_in(answer, reason);
  if (!receipt) {
    verdict.error = "HTTP " + std::to_string(answer.status) + " without a receipt" +
                    (reason.empty() ? "" : ": " + printable_code(reason));
    return verdict;
  }
  if (receipt->from != peer.node_id || receipt->to != us || receipt->message_id != sent.message_id ||
      receipt->payload_sha256 != sent.payload_sha256 || !signed_by_peer(*receipt, peer)) {
    verdict.error = "receipt does not verify or does not match the message";
    return verdict;
  }
  if (receipt->outcome == ReceiptOutcome::rejected) {
    verdict.error = "rejected: " + printable_code(receipt->reason);
    if (permanent_rejection(receipt->reason)) verdict.outcome = DeliveryOutcome::dead;
    return verdict;
  }
  verdict.outcome = DeliveryOutcome::delivered;
  verdict.receipt_json = receipt_to_json(*receipt);
  return verdict;
}

}  // namespace tongban::federation
