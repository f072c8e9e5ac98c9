// Inbox: the receiving side of the protocol, POST /federation/v1/messages.
//
// receive() takes the request body (an envelope in JSON) and decides, in this order, answering each rejection with
// a logged reason, a problem+json answer carrying a signed "rejected" receipt, and nothing stored or applied:
//   malformed (400), wrong_recipient (`to` is not us, 400), unknown_sender (403), payload_too_large (413),
//   bad_signature (403; also a payload whose SHA-256 is not payload_sha256), certificate_mismatch (403: the
//   sender's trust-list entry pins a TLS certificate fingerprint and the message did not arrive over a mutual-TLS
//   connection whose client certificate has it), type_not_allowed (403, not in the
//   peer's may_send), unsupported_type (403, no handler), stale / future (sent_at outside the window, 400),
//   replay (409: this exact transmission — same message id, sent_at not newer than one already accepted — was
//   seen before), id_reuse (409: the message id was used with a different payload/type/case/sequence),
//   handler:<code> (422: MessageRejected from the handler).
// Then:
//   - a message id already in the inbox, with the same content and a newer sent_at -> "duplicate": nothing is
//     applied again; the receipt names the stored state;
//   - a message outside any case, or the next sequence of its (sender, case) -> applied: in ONE store transaction
//     the message is stored, the handler runs, the case's applied sequence advances and the message log grows;
//     then any held successors are applied in order, each in its own transaction;
//   - a sequence beyond the next -> "held": stored (and logged), applied when the gap fills;
//   - a sequence already applied under another id -> id_reuse rejection.
// A transient failure (store unavailable, handler threw something else) answers 503 and stores nothing.
// A held message that the handler refuses when its turn comes becomes a dead letter (store::InboxState::dead, with
// the reason; logged); the later messages of its case stay held until an operator requeues or drops it
// (federation/dead_letters.h).
// Every answer that names a message id carries a receipt signed with the node key.
//
// Thread-safe: every check that depends on stored state (known id, applied sequence) and the resulting writes run
// inside one store job, and the store runs jobs one at a time on its writer thread, so two copies or two messages of
// one case can never both pass the check. The Inbox borrows the store, trust list, key and handler.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "federation/envelope.h"
#include "federation/message_handler.h"
#include "federation/outbox.h"
#include "federation/trust_list.h"
#include "http/message.h"
#include "http/router.h"
#include "store/store.h"

namespace tongban::federation {

inline constexpr std::string_view kMessagesPath = "/federation/v1/messages";

// The inbox's answer: the HTTP response to send and, when a message id could be read, the signed receipt.
struct InboxAnswer {
  int status = 200;
  std::optional<Receipt> receipt;
  std::string reason;  // "" when accepted; the rejection code otherwise
  std::string detail;  // human-readable, for the log and the problem detail
};

class Inbox {
 public:
  Inbox(store::Store& store, const TrustList& trust, const NodeKey& key, MessageHandler& handler,
        Clock clock = system_clock());

  // client_certificate_sha256: the fingerprint of the connection's client certificate ("sha256:<hex>", as
  // http::Request carries it; "" = the message came without one, e.g. plain HTTP under insecure_loopback).
  InboxAnswer receive(std::string_view body, std::string_view client_certificate_sha256 = {});
  // receive() as an HTTP response (JSON receipt or problem+json).
  http::Response respond(std::string_view body, std::string_view client_certificate_sha256 = {});

  // Applies held messages whose predecessors have been applied (normally done at once; this is the sweep after a
  // crash between the two steps, or after a transient handler failure). Returns how many were applied.
  int apply_ready_held_messages();
  // Held messages whose predecessor has not arrived within [limits] held_report_after_seconds of their arrival:
  // each is logged once (a warning naming the missing sequence) and counted. Returns how many are overdue now.
  int report_overdue_held();

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

// Adds POST /federation/v1/messages (Access::everyone(): the signature is the authentication, with the client
// certificate's fingerprint from the request checked against a pinned one) with a body limit
// derived from the trust list's max_payload_bytes. The router and the inbox must outlive each other's use.
void add_federation_routes(http::Router& router, Inbox& inbox, std::size_t max_payload_bytes);

}  // namespace tongban::federation
