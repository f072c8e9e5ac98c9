#include "federation/relay.h"

#include <sodium.h>
#include <spdlog/spdlog.h>

#include <boost/json.hpp>
#include <future>
#include <vector>

#include "federation/blob_transfer.h"
#include "federation/envelope.h"
#include "federation/inbox.h"
#include "federation/peer_transport.h"

namespace tongban::federation {
namespace {

constexpr int kBatch = 64;

std::vector<std::string> split(const std::string& text) {
  std::vector<std::string> words;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    words.push_back(text.substr(start, comma - start));
    start = comma + 1;
  }
  return words;
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

}  // namespace

Relay::Relay(store::Store& store, const TrustList& trust, const NodeKey& key, Clock clock)
    : store_(store), trust_(trust), key_(key), clock_(std::move(clock)) {}

Relay::~Relay() {
  stop();
}

void Relay::start() {
  std::lock_guard lock(mutex_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { loop(); });
}

void Relay::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_signal_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void Relay::wake() {
  {
    std::lock_guard lock(mutex_);
    woken_ = true;
  }
  wake_signal_.notify_all();
}

RelayStats Relay::stats() const {
  return RelayStats{attempts_.load(), delivered_.load(), failures_.load()};
}

std::int64_t Relay::backoff_ms(std::int64_t attempts) const {
  auto config = trust_.current();
  const std::int64_t cap = config->retry.max_backoff.count();
  std::int64_t ceiling = config->retry.initial_backoff.count();
  for (std::int64_t i = 1; i < attempts && ceiling < cap; ++i) ceiling *= 2;
  ceiling = std::min(ceiling, cap);
  // Full jitter: uniform in [0, ceiling].
  return static_cast<std::int64_t>(
      randombytes_uniform(static_cast<std::uint32_t>(std::min<std::int64_t>(ceiling, UINT32_MAX - 1)) + 1));
}

bool Relay::send_one(const store::OutboxRecord& message) {
  auto config = trust_.current();
  const std::int64_t attempts = message.attempts + 1;
  ++attempts_;
  std::string error;
  const Peer* peer = config->find_peer(message.peer);
  if (!peer) {
    error = "peer '" + message.peer + "' is not in the trust list";
  } else if (error = push_blobs(*peer, *config, message.payload); !error.empty()) {
    // a named blob did not arrive: the message is not sent; the next attempt pushes the blobs first again
  } else {
    Envelope e;
    e.message_id = message.message_id;
    e.from = config->node_id;
    e.to = message.peer;
    e.type = message.type;
    e.case_ref = message.case_ref;
    e.sequence = message.sequence;
    e.created_at_ms = message.created_at_ms;
    // Strictly increasing per message, so the receiver can tell a retry (newer) from a replay (not newer).
    e.sent_at_ms = std::max(clock_(), message.last_attempt_at_ms + 1);
    e.data_categories = split(message.data_categories);
    e.payload = message.payload;
    sign_envelope(e, key_);
    auto answer =
        post_json(peer->endpoint, kMessagesPath, envelope_to_json(e), config->tls, config->retry.request_timeout);
    std::string reason;
    if (!answer.reached) {
      error = "no answer: " + answer.error;
    } else if (auto receipt = receipt_in(answer, reason); !receipt) {
      error = "HTTP " + std::to_string(answer.status) + " without a receipt" + (reason.empty() ? "" : ": " + reason);
    } else if (receipt->from != peer->node_id || receipt->to != config->node_id ||
               receipt->message_id != e.message_id || receipt->payload_sha256 != e.payload_sha256 ||
               !signature_valid(*receipt, peer->public_key)) {
      error = "receipt does not verify or does not match the message";
    } else if (receipt->outcome == ReceiptOutcome::rejected) {
      error = "rejected: " + receipt->reason;
    } else {
      const std::int64_t now = clock_();
      const std::string receipt_json = receipt_to_json(*receipt);
      store_.write([&](store::Transaction& tx) {
        tx.record_outbox_attempt(message.message_id, attempts, now, e.sent_at_ms, "");
        tx.mark_outbox_delivered(message.message_id, now, receipt_json);
      });
      ++delivered_;
      return true;
    }
  }
  ++failures_;
  const std::int64_t now = clock_();
  const std::int64_t next = now + backoff_ms(attempts);
  spdlog::warn("federation: message {} to {} (attempt {}) not delivered: {}; next try in {} ms", message.message_id,
               message.peer, attempts, error, next - now);
  store_.write([&](store::Transaction& tx) {
    tx.record_outbox_attempt(message.message_id, attempts, next, std::max(now, message.last_attempt_at_ms + 1), error);
  });
  return false;
}

std::string Relay::push_blobs(const Peer& peer, const FederationConfig& config, const std::string& payload) {
  for (const auto& blob : blobs_named_in(payload)) {
    BlobPush push;
    try {
      push = blob_push(store_, blob, config.node_id, peer.node_id, clock_(), key_);
    } catch (const std::invalid_argument&) {
      return "blob " + blob.sha256 + " named by the message is not in our store";
    }
    auto answer = send_request(peer.endpoint, "PUT", push.path, push.headers, push.body, config.tls,
                               config.retry.request_timeout);
    if (!answer.reached) return "blob " + blob.sha256 + ": no answer: " + answer.error;
    if (answer.status != 200) return "blob " + blob.sha256 + ": HTTP " + std::to_string(answer.status);
  }
  return "";
}

int Relay::run_once() {
  int delivered = 0;
  for (;;) {
    auto due = store_.due_outbox_messages(clock_(), kBatch);
    if (due.empty()) return delivered;
    const auto concurrency = static_cast<std::size_t>(std::max(1, trust_.current()->retry.concurrency));
    int delivered_now = 0;
    for (std::size_t start = 0; start < due.size(); start += concurrency) {
      std::vector<std::future<bool>> sends;
      for (std::size_t i = start; i < std::min(due.size(), start + concurrency); ++i)
        sends.push_back(std::async(std::launch::async, [this, &due, i] {
          try {
            return send_one(due[i]);
          } catch (const std::exception& error) {
            spdlog::error("federation: relay could not record an attempt: {}", error.what());
            return false;
          }
        }));
      for (auto& send : sends) delivered_now += send.get() ? 1 : 0;
    }
    delivered += delivered_now;
    if (delivered_now == 0) return delivered;  // everything due failed: wait for backoff
  }
}

void Relay::loop() {
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      if (stopping_) return;
    }
    try {
      run_once();
    } catch (const std::exception& error) {
      spdlog::error("federation: relay pass failed: {}", error.what());
    }
    std::unique_lock lock(mutex_);
    wake_signal_.wait_for(lock, kIdlePoll, [this] { return stopping_ || woken_; });
    woken_ = false;
    if (stopping_) return;
  }
}

}  // namespace tongban::federation
