#include "federation/inbox.h"

#include <spdlog/spdlog.h>

#include <boost/json.hpp>
#include <mutex>
#include <set>

#include "federation/message_log.h"

namespace tongban::federation {
namespace {

struct Rejection {
  int status;
  std::string reason;
  std::string detail;
};

// What the decision job did with a verified envelope.
enum class Decision { applied, held, duplicate };

bool same_content(const store::InboxRecord& stored, const Envelope& e) {
  return stored.peer == e.from && stored.type == e.type && stored.case_ref == e.case_ref &&
         stored.sequence == e.sequence && stored.payload_sha256 == e.payload_sha256;
}

// A peer that pins a certificate fingerprint is heard only over a connection whose client certificate has it.
std::optional<Rejection> certificate_check(const Peer& peer, std::string_view client_certificate_sha256) {
  if (peer.tls_fingerprint.empty() || peer.tls_fingerprint == client_certificate_sha256) return std::nullopt;
  return Rejection{403, "certificate_mismatch",
                   client_certificate_sha256.empty()
                       ? peer.node_id + " pins a TLS certificate and the message came without a client certificate"
                       : peer.node_id + " pins another TLS certificate than the connection's (" +
                             std::string(client_certificate_sha256) + ")"};
}

// The peer's keys valid when the envelope was signed (a directory peer during a key rotation has two); a peer of
// the local file has only public_key, valid always.
bool signed_by_peer(const Envelope& e, const Peer& peer) {
  for (const auto& key : peer.keys_valid_at(e.sent_at_ms))
    if (signature_valid(e, key)) return true;
  return false;
}

std::string problem_slug(const std::string& reason) {
  std::string slug = reason.rfind("handler:", 0) == 0 ? "handler-rejected" : reason;
  for (char& c : slug)
    if (c == '_') c = '-';
  return "federation-" + slug;
}

}  // namespace

struct Inbox::Impl {
  // A constructor rather than aggregate initialisation from make_shared's parentheses (C++20's P0960), which
  // clang 14 (the sanitize build's compiler) does not implement.
  Impl(store::Store& s, const TrustList& t, const NodeKey& k, MessageHandler& h, Clock c)
      : store(s), trust(t), key(k), handler(h), clock(std::move(c)) {}

  store::Store& store;
  const TrustList& trust;
  const NodeKey& key;
  MessageHandler& handler;
  Clock clock;
  std::mutex reported_mutex;
  std::set<std::string> reported;  // overdue held messages already logged

  Receipt receipt_for(const Envelope& e, const std::string& us, ReceiptOutcome outcome, std::string reason) const {
    Receipt r{e.message_id, us, e.from, e.payload_sha256, outcome, std::move(reason), clock(), ""};
    sign_receipt(r, key);
    return r;
  }

  std::optional<Rejection> check(const Envelope& e, const FederationConfig& config) const {
    if (e.to != config.node_id) return Rejection{400, "wrong_recipient", "the message is addressed to " + e.to};
    const Peer* peer = config.find_peer(e.from);
    if (!peer && config.directory_expired)
      return Rejection{
          403, "unknown_sender",
          "this node's federation directory has expired; '" + e.from + "' is not trusted until a valid one is fetched"};
    if (!peer) return Rejection{403, "unknown_sender", "'" + e.from + "' is not in this node's trust list"};
    if (e.payload.size() > config.limits.max_payload_bytes)
      return Rejection{413, "payload_too_large",
                       "payload of " + std::to_string(e.payload.size()) + " bytes; the limit is " +
                           std::to_string(config.limits.max_payload_bytes)};
    if (!signed_by_peer(e, *peer))
      return Rejection{403, "bad_signature",
                       "the signature or payload hash does not verify with a key of " + e.from + " valid at sent_at"};
    if (!peer->may_send.count(e.type))
      return Rejection{403, "type_not_allowed", e.from + " may not send " + e.type + " to this node"};
    if (!handler.handles(e.type)) return Rejection{403, "unsupported_type", "this node does not handle " + e.type};
    const std::int64_t now = clock();
    if (now - e.sent_at_ms > config.limits.max_message_age.count())
      return Rejection{400, "stale", "sent_at is " + std::to_string((now - e.sent_at_ms) / 1000) + " s in the past"};
    if (e.sent_at_ms - now > config.limits.max_clock_skew.count())
      return Rejection{400, "future", "sent_at is " + std::to_string((e.sent_at_ms - now) / 1000) + " s in the future"};
    return std::nullopt;
  }

  store::InboxRecord record_of(const Envelope& e, std::string_view body, store::InboxState state) const {
    store::InboxRecord r;
    r.message_id = e.message_id;
    r.peer = e.from;
    r.type = e.type;
    r.case_ref = e.case_ref;
    r.sequence = e.sequence;
    r.payload_sha256 = e.payload_sha256;
    r.envelope = std::string(body);
    r.last_sent_at_ms = e.sent_at_ms;
    r.state = state;
    r.received_at_ms = clock();
    return r;
  }

  void log_received(store::Transaction& tx, const Envelope& e, std::string_view body) const {
    store::MessageLogEntry entry;
    entry.direction = "in";
    entry.message_id = e.message_id;
    entry.peer = e.from;
    entry.type = e.type;
    entry.case_ref = e.case_ref;
    entry.case_sequence = e.sequence;
    for (const auto& c : e.data_categories) entry.data_categories += (entry.data_categories.empty() ? "" : ",") + c;
    entry.payload_sha256 = e.payload_sha256;
    entry.at_ms = clock();
    entry.envelope = std::string(body);
    append_to_log(tx, std::move(entry));
  }

  // Runs in the store writer: every check that depends on stored state, and the write, in one transaction.
  Decision decide(store::Transaction& tx, const Envelope& e, std::string_view body, const std::string& us,
                  std::optional<Rejection>& rejection) {
    if (auto stored = tx.find_inbox_message(e.message_id)) {
      if (!same_content(*stored, e)) {
        rejection = Rejection{409, "id_reuse", "message id " + e.message_id + " was used for a different message"};
        return Decision::duplicate;
      }
      if (e.sent_at_ms <= stored->last_sent_at_ms) {
        rejection = Rejection{409, "replay", "this transmission of " + e.message_id + " was received before"};
        return Decision::duplicate;
      }
      stored->last_sent_at_ms = e.sent_at_ms;
      stored->receipt = receipt_to_json(receipt_for(e, us, ReceiptOutcome::duplicate, ""));
      tx.update_inbox_message(*stored);
      return Decision::duplicate;
    }
    const std::int64_t last = e.case_ref.empty() ? 0 : tx.last_applied_sequence(e.from, e.case_ref);
    if (!e.case_ref.empty() && e.sequence <= last) {
      rejection = Rejection{409, "id_reuse",
                            "sequence " + std::to_string(e.sequence) + " of case " + e.case_ref +
                                " was already applied under another message id"};
      return Decision::duplicate;
    }
    const bool in_order = e.case_ref.empty() || e.sequence == last + 1;
    store::InboxRecord record = record_of(e, body, in_order ? store::InboxState::applied : store::InboxState::held);
    record.receipt = receipt_to_json(receipt_for(e, us, in_order ? ReceiptOutcome::applied : ReceiptOutcome::held, ""));
    if (in_order) record.applied_at_ms = record.received_at_ms;
    tx.insert_inbox_message(record);
    log_received(tx, e, body);
    if (!in_order) return Decision::held;
    handler.apply(e, tx);
    if (!e.case_ref.empty()) tx.set_last_applied_sequence(e.from, e.case_ref, e.sequence);
    return Decision::applied;
  }

  // Applies the held successor of (peer, case_ref), if it is next. True if one was applied. A successor the handler
  // refuses (MessageRejected) becomes a dead letter: marked dead with the reason in its own transaction, logged;
  // the case's later messages stay held behind it (an operator requeues or drops it, dead_letters.h).
  bool apply_next_held(const std::string& peer, const std::string& case_ref) {
    std::optional<store::InboxRecord> refused;
    try {
      return store.transact([&](store::Transaction& tx) {
        const std::int64_t last = tx.last_applied_sequence(peer, case_ref);
        auto held = tx.find_held_message(peer, case_ref, last + 1);
        if (!held) return false;
        refused = held;
        Envelope e = envelope_from_json(held->envelope);
        handler.apply(e, tx);
        refused.reset();
        held->state = store::InboxState::applied;
        held->applied_at_ms = clock();
        tx.update_inbox_message(*held);
        tx.set_last_applied_sequence(peer, case_ref, e.sequence);
        return true;
      });
    } catch (const MessageRejected& rejection) {
      if (!refused) throw;
      refused->state = store::InboxState::dead;
      refused->dead_reason = "handler:" + rejection.code() + ": " + rejection.what();
      refused->last_error = refused->dead_reason;
      store.write([&](store::Transaction& tx) { tx.update_inbox_message(*refused); });
      spdlog::error(
          "federation: held message {} from {} type {} case {} #{} is a DEAD LETTER: {}; the later "
          "messages of this case stay held",
          refused->message_id, peer, refused->type, case_ref, refused->sequence, refused->dead_reason);
      return false;
    }
  }

  int apply_held_successors(const std::string& peer, const std::string& case_ref) {
    int applied = 0;
    try {
      // A committed read first: most messages have no held successor, and then no write job is needed.
      while (store.find_held_message(peer, case_ref, store.last_applied_sequence(peer, case_ref) + 1) &&
             apply_next_held(peer, case_ref))
        ++applied;
    } catch (const std::exception& error) {
      spdlog::warn("federation: held message of {} case {} could not be applied yet: {}", peer, case_ref, error.what());
    }
    return applied;
  }

  InboxAnswer reject(const Envelope* e, const std::string& us, Rejection rejection) const {
    spdlog::warn("federation: REJECTED message {} from {} type {}: {} ({})", e ? e->message_id : "?", e ? e->from : "?",
                 e ? e->type : "?", rejection.reason, rejection.detail);
    InboxAnswer answer{rejection.status, std::nullopt, rejection.reason, rejection.detail};
    if (e) answer.receipt = receipt_for(*e, us, ReceiptOutcome::rejected, rejection.reason);
    return answer;
  }
};

Inbox::Inbox(store::Store& store, const TrustList& trust, const NodeKey& key, MessageHandler& handler, Clock clock)
    : impl_(std::make_shared<Impl>(store, trust, key, handler, std::move(clock))) {}

InboxAnswer Inbox::receive(std::string_view body, std::string_view client_certificate_sha256) {
  auto config = impl_->trust.current();
  const std::string& us = config->node_id;
  Envelope e;
  try {
    e = envelope_from_json(body);
  } catch (const MalformedDocument& error) {
    return impl_->reject(nullptr, us, Rejection{400, "malformed", error.what()});
  }
  if (auto rejection = impl_->check(e, *config)) return impl_->reject(&e, us, std::move(*rejection));
  if (auto rejection = certificate_check(*config->find_peer(e.from), client_certificate_sha256))
    return impl_->reject(&e, us, std::move(*rejection));

  std::optional<Rejection> rejection;
  Decision decision = Decision::duplicate;
  try {
    decision = impl_->store.transact([&](store::Transaction& tx) { return impl_->decide(tx, e, body, us, rejection); });
  } catch (const MessageRejected& refused) {
    return impl_->reject(&e, us, Rejection{422, "handler:" + refused.code(), refused.what()});
  } catch (const std::exception& error) {
    spdlog::error("federation: message {} from {} not applied (transient): {}", e.message_id, e.from, error.what());
    return InboxAnswer{503, std::nullopt, "unavailable", "the message could not be applied now; retry later"};
  }
  if (rejection) return impl_->reject(&e, us, std::move(*rejection));

  ReceiptOutcome outcome = decision == Decision::applied ? ReceiptOutcome::applied
                           : decision == Decision::held  ? ReceiptOutcome::held
                                                         : ReceiptOutcome::duplicate;
  spdlog::info("federation: message {} from {} type {} case {} #{}: {}", e.message_id, e.from, e.type, e.case_ref,
               e.sequence, to_string(outcome));
  if (decision == Decision::applied && !e.case_ref.empty()) impl_->apply_held_successors(e.from, e.case_ref);
  return InboxAnswer{200, impl_->receipt_for(e, us, outcome, ""), "", ""};
}

http::Response Inbox::respond(std::string_view body, std::string_view client_certificate_sha256) {
  InboxAnswer answer = receive(body, client_certificate_sha256);
  if (answer.status == 200 && answer.receipt) return http::Response::json_text(200, receipt_to_json(*answer.receipt));
  boost::json::object problem{{"type", "/problems/" + problem_slug(answer.reason)},
                              {"title", "The federation message was not accepted"},
                              {"status", answer.status},
                              {"detail", answer.detail},
                              {"reason", answer.reason}};
  if (answer.receipt) problem["receipt"] = boost::json::parse(receipt_to_json(*answer.receipt));
  auto response = http::Response::json_text(answer.status, boost::json::serialize(problem), "application/problem+json");
  if (answer.status == 503) response.set_header("Retry-After", "1");
  return response;
}

int Inbox::report_overdue_held() {
  const std::int64_t now = impl_->clock();
  const std::int64_t after = impl_->trust.current()->limits.held_report_after.count();
  int overdue = 0;
  for (const auto& held : impl_->store.list_held_messages(1'000'000)) {
    if (now - held.received_at_ms <= after) continue;
    ++overdue;
    std::lock_guard lock(impl_->reported_mutex);
    if (!impl_->reported.insert(held.message_id).second) continue;
    spdlog::warn("federation: message {} from {} case {} #{} has been HELD for {} s: sequence {} has not arrived",
                 held.message_id, held.peer, held.case_ref, held.sequence, (now - held.received_at_ms) / 1000,
                 impl_->store.last_applied_sequence(held.peer, held.case_ref) + 1);
  }
  return overdue;
}

int Inbox::apply_ready_held_messages() {
  int applied = 0;
  for (const auto& held : impl_->store.list_held_messages(500))
    applied += impl_->apply_held_successors(held.peer, held.case_ref);
  return applied;
}

void add_federation_routes(http::Router& router, Inbox& inbox, std::size_t max_payload_bytes) {
  http::Route route;
  route.method = "POST";
  route.pattern = std::string(kMessagesPath);
  route.access = http::Access::everyone();
  route.summary = "Receive a signed federation envelope from a trusted peer; answers a signed receipt";
  // The payload travels as a JSON string: escaping can at most double it (\" and \\), plus the other members.
  route.body_limit = max_payload_bytes * 2 + 64 * 1024;
  route.handler = [&inbox](const http::Request& request, const http::Caller&) {
    return inbox.respond(request.body, request.client_certificate_sha256);
  };
  router.add(std::move(route));
}

}  // namespace tongban::federation
