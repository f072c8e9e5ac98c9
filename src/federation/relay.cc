#include "federation/relay.h"

#include <sodium.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

#include "federation/blob_transfer.h"
#include "federation/delivery_verdict.h"
#include "federation/envelope.h"
#include "federation/inbox.h"
#include "federation/peer_transport.h"

namespace tongban::federation {
namespace {

namespace asio = boost::asio;

constexpr int kUnknownPeerBatch = 64;

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

// What one attempt came to, ready to be recorded.
struct Attempt {
  store::OutboxRecord message;
  std::int64_t sent_at_ms = 0;  // of the last transmission (0: nothing was sent)
  DeliveryVerdict verdict;
};

// One peer's lane; touched only on the I/O thread.
struct Lane {
  std::deque<store::OutboxRecord> waiting;
  int in_flight = 0;
  std::vector<std::shared_ptr<PeerConnection>> idle;  // kept-alive connections, ready for the next send
  std::set<std::shared_ptr<PeerConnection>> all;      // every connection (closed on stop)
};

}  // namespace

struct Relay::Impl {
  store::Store& store;
  const TrustList& trust;
  const NodeKey& key;
  Clock clock;
  std::chrono::milliseconds idle_poll;

  asio::io_context io;
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> work;
  std::thread io_thread;
  std::thread dispatcher;
  std::map<std::string, Lane> lanes;  // I/O thread only

  mutable std::mutex mutex;
  std::condition_variable signal;  // wake(), stop(), recorded results
  bool woken = false;
  bool stopping = false;
  bool running = false;
  std::map<std::string, std::set<std::string>> claimed;  // peer -> message ids handed out and not yet recorded
  int pending_writes = 0;
  std::atomic<bool> draining{false};    // stop(): no new sends; those in flight may finish
  std::atomic<bool> abandoning{false};  // stop(), one request timeout later: the rest are aborted, not recorded
  asio::steady_timer abandon_timer{io};

  std::atomic<std::uint64_t> attempts{0}, delivered{0}, failures{0}, dead_letters{0}, connections{0}, wakes{0},
      passes{0};

  // This relay's name on the outbox leases it takes when other instances share the store (random per process).
  const std::string lease_owner = random_owner();

  Impl(store::Store& s, const TrustList& t, const NodeKey& k, Clock c, std::chrono::milliseconds poll)
      : store(s), trust(t), key(k), clock(std::move(c)), idle_poll(poll) {}

  static std::string random_owner() {
    unsigned char bytes[8];
    randombytes_buf(bytes, sizeof bytes);
    static constexpr char kHex[] = "0123456789abcdef";
    std::string owner = "relay-";
    for (unsigned char b : bytes) {
      owner += kHex[b >> 4];
      owner += kHex[b & 15];
    }
    return owner;
  }

  // The due messages of one peer. With a shared store (several instances on one PostgreSQL database) they are
  // leased first, in a write, so no other instance sends them meanwhile; the lease outlasts the longest attempt
  // (every step of it is bounded by the request timeout) and ends when the attempt is recorded.
  std::vector<store::OutboxRecord> due_for(const Peer& peer, std::int64_t now, int limit,
                                           std::chrono::milliseconds request_timeout) {
    auto due = store.due_outbox_messages_to(peer.node_id, now, limit);
    // A read first: an idle pass (nothing due, the common case) costs no write and no commit on a shared store.
    if (!store.shared() || due.empty()) return due;
    const std::int64_t until = now + 4 * request_timeout.count() + 1000;
    return store.transact([&](store::Transaction& tx) {
      return tx.lease_due_outbox_messages_to(peer.node_id, now, limit, lease_owner, until);
    });
  }

  // ---- claims: a message is handed out once until its attempt is recorded ----

  bool claim(const store::OutboxRecord& m) {
    std::lock_guard lock(mutex);
    return claimed[m.peer].insert(m.message_id).second;
  }
  void release(const store::OutboxRecord& m) {
    std::lock_guard lock(mutex);
    claimed[m.peer].erase(m.message_id);
  }
  int claimed_count(const std::string& peer) const {
    std::lock_guard lock(mutex);
    auto found = claimed.find(peer);
    return found == claimed.end() ? 0 : static_cast<int>(found->second.size());
  }

  void wake() {
    ++wakes;
    {
      std::lock_guard lock(mutex);
      woken = true;
    }
    signal.notify_all();
  }

  std::int64_t backoff_ms(std::int64_t attempt_count) const {
    auto config = trust.current();
    const std::int64_t cap = config->retry.max_backoff.count();
    std::int64_t ceiling = config->retry.initial_backoff.count();
    for (std::int64_t i = 1; i < attempt_count && ceiling < cap; ++i) ceiling *= 2;
    ceiling = std::min(ceiling, cap);
    // Full jitter: uniform in [0, ceiling].
    return static_cast<std::int64_t>(
        randombytes_uniform(static_cast<std::uint32_t>(std::min<std::int64_t>(ceiling, UINT32_MAX - 1)) + 1));
  }

  // ---- recording (store writer thread via submit; the claim is released once it is durable) ----

  void record(const Attempt& attempt) {
    const store::OutboxRecord& m = attempt.message;
    auto config = trust.current();
    const std::int64_t count = m.attempts + 1;
    const std::int64_t now = clock();
    const std::int64_t attempted_at = std::max({now, attempt.sent_at_ms, m.last_attempt_at_ms + 1});
    const DeliveryVerdict& verdict = attempt.verdict;
    store::Store::Job job;
    bool dead = false;
    if (verdict.outcome == DeliveryOutcome::delivered) {
      job = [id = m.message_id, count, now, attempted_at, receipt = verdict.receipt_json](store::Transaction& tx) {
        tx.record_outbox_attempt(id, count, now, attempted_at, "");
        tx.mark_outbox_delivered(id, now, receipt);
      };
    } else {
      ++failures;
      dead = verdict.outcome == DeliveryOutcome::dead || count >= config->retry.max_attempts;
      const std::int64_t next = now + backoff_ms(count);
      std::string reason = verdict.outcome == DeliveryOutcome::dead
                               ? "refused for good: " + verdict.error
                               : "retry budget of " + std::to_string(config->retry.max_attempts) +
                                     " attempts spent; last error: " + verdict.error;
      if (dead) {
        spdlog::error("federation: message {} to {} type {} case {} #{} is a DEAD LETTER after {} attempt(s): {}",
                      m.message_id, m.peer, m.type, m.case_ref, m.sequence, count, reason);
      } else {
        spdlog::warn("federation: message {} to {} (attempt {}) not delivered: {}; next try in {} ms", m.message_id,
                     m.peer, count, verdict.error, next - now);
      }
      job = [id = m.message_id, count, next, now, attempted_at, error = verdict.error, dead,
             reason = std::move(reason)](store::Transaction& tx) {
        tx.record_outbox_attempt(id, count, next, attempted_at, error);
        if (dead) tx.settle_outbox_message(id, store::OutboxState::dead, reason, now);
      };
    }
    {
      std::lock_guard lock(mutex);
      ++pending_writes;
    }
    const bool delivery = verdict.outcome == DeliveryOutcome::delivered;
    auto done = [this, m, delivery, dead](const std::exception_ptr& error) {
      if (error) {
        try {
          std::rethrow_exception(error);
        } catch (const std::exception& e) {
          spdlog::error("federation: relay could not record an attempt of {}: {}", m.message_id, e.what());
        }
      } else if (delivery) {
        ++delivered;
      } else if (dead) {
        ++dead_letters;
      }
      {
        std::lock_guard lock(mutex);
        claimed[m.peer].erase(m.message_id);
        --pending_writes;
        woken = true;  // a delivery may have made the case's next message due
      }
      signal.notify_all();
    };
    try {
      store.submit(std::move(job), done);
    } catch (const std::exception&) {
      done(std::current_exception());
    }
  }

  void wait_for_writes() {
    std::unique_lock lock(mutex);
    signal.wait(lock, [this] { return pending_writes == 0; });
  }

  // ---- sending (I/O thread) ----

  Envelope envelope_of(const store::OutboxRecord& m, const FederationConfig& config, std::int64_t sent_at) const {
    Envelope e;
    e.message_id = m.message_id;
    e.from = config.node_id;
    e.to = m.peer;
    e.type = m.type;
    e.case_ref = m.case_ref;
    e.sequence = m.sequence;
    e.created_at_ms = m.created_at_ms;
    e.sent_at_ms = sent_at;
    e.data_categories = split(m.data_categories);
    e.payload = m.payload;
    sign_envelope(e, key);
    return e;
  }

  // Uploads every blob the message names before the message (federation/blob_transfer.h); "" when all arrived.
  asio::awaitable<std::string> push_blobs(PeerConnection& connection, const store::OutboxRecord& m,
                                          const FederationConfig& config) {
    for (const auto& blob : blobs_named_in(m.payload)) {
      BlobPush push;
      try {
        push = blob_push(store, blob, config.node_id, m.peer, clock(), key);
      } catch (const std::invalid_argument&) {
        co_return "blob " + blob.sha256 + " named by the message is not in our store";
      }
      OutgoingRequest request;
      request.method = "PUT";
      request.path = push.path;
      request.headers = push.headers;
      request.body = std::move(push.body);
      auto answer = co_await connection.send(request, config.retry.request_timeout);
      if (answer.stale_connection && !abandoning)
        answer = co_await connection.send(request, config.retry.request_timeout);
      if (!answer.reached) co_return "blob " + blob.sha256 + ": no answer: " + answer.error;
      if (answer.status != 200) co_return "blob " + blob.sha256 + ": HTTP " + std::to_string(answer.status);
    }
    co_return "";
  }

  asio::awaitable<void> send(std::shared_ptr<PeerConnection> connection, store::OutboxRecord m) {
    ++attempts;
    auto config = trust.current();
    Attempt attempt{m, 0, {}};
    const Peer* peer = config->find_peer(m.peer);
    if (!peer) {
      attempt.verdict.error = "peer '" + m.peer + "' is not in the trust list";
    } else if (auto refused = check_endpoint(peer->endpoint, config->insecure_loopback)) {
      attempt.verdict.error = *refused;  // nothing is sent
    } else {
      attempt.verdict.error = co_await push_blobs(*connection, m, *config);
    }
    if (peer && attempt.verdict.error.empty()) {
      // Every blob the message names has arrived (else it is not sent: the next attempt pushes them first again).
      // Strictly increasing per message, so the receiver can tell a retry (newer) from a replay (not newer).
      Envelope e = envelope_of(m, *config, std::max(clock(), m.last_attempt_at_ms + 1));
      auto answer =
          co_await connection->post(std::string(kMessagesPath), envelope_to_json(e), config->retry.request_timeout);
      if (answer.stale_connection && !abandoning) {  // the peer closed the idle connection: once more, afresh
        e = envelope_of(m, *config, std::max(clock(), e.sent_at_ms + 1));
        answer =
            co_await connection->post(std::string(kMessagesPath), envelope_to_json(e), config->retry.request_timeout);
      }
      attempt.sent_at_ms = e.sent_at_ms;
      attempt.verdict = judge_answer(answer, e, *peer, config->node_id);
    }
    if (abandoning) co_return;  // stop(): not recorded, sent again after a restart
    record(std::move(attempt));
  }

  std::shared_ptr<PeerConnection> connection_for(Lane& lane, const store::OutboxRecord& m) {
    auto config = trust.current();
    const Peer* peer = config->find_peer(m.peer);
    const std::string endpoint = peer ? peer->endpoint : "";
    ClientTls tls{config->tls, peer ? peer->tls_fingerprint : ""};
    while (!lane.idle.empty()) {
      auto connection = lane.idle.back();
      lane.idle.pop_back();
      if (connection->made_for(endpoint, tls)) return connection;
      connection->close();
      lane.all.erase(connection);  // the endpoint, pin or TLS files changed in the trust list
    }
    auto connection = std::make_shared<PeerConnection>(io.get_executor(), endpoint, std::move(tls));
    lane.all.insert(connection);
    return connection;
  }

  void pump(const std::string& peer) {
    Lane& lane = lanes[peer];
    const int concurrency = std::max(1, trust.current()->retry.concurrency);
    while (!draining && lane.in_flight < concurrency && !lane.waiting.empty()) {
      store::OutboxRecord m = std::move(lane.waiting.front());
      lane.waiting.pop_front();
      ++lane.in_flight;
      auto connection = connection_for(lane, m);
      const int opened_before = connection->connections_opened();
      asio::co_spawn(io, send(connection, std::move(m)),
                     [this, peer, connection, opened_before](const std::exception_ptr& error) {
                       if (error) spdlog::error("federation: relay send to {} failed unexpectedly", peer);
                       connections += static_cast<std::uint64_t>(connection->connections_opened() - opened_before);
                       Lane& own = lanes[peer];
                       --own.in_flight;
                       if (draining && in_flight_total() == 0) abandon_timer.cancel();  // drained: stop() ends
                       if (abandoning) return;
                       if (static_cast<int>(own.idle.size()) < std::max(1, trust.current()->retry.concurrency))
                         own.idle.push_back(connection);
                       else
                         own.all.erase(connection);
                       pump(peer);
                     });
    }
  }

  int in_flight_total() const {
    int total = 0;
    for (const auto& [peer, lane] : lanes) total += lane.in_flight;
    return total;
  }

  // stop(): drops what waits in the lanes, lets the sends in flight finish for up to one request timeout, then
  // aborts the rest (I/O thread).
  void drain(std::chrono::milliseconds grace) {
    for (auto& [peer, lane] : lanes) lane.waiting.clear();
    if (in_flight_total() == 0) return;
    abandon_timer.expires_after(grace);
    abandon_timer.async_wait([this](const boost::system::error_code& error) {
      if (error) return;  // cancelled: everything finished in time
      abandoning = true;
      close_everything();
    });
  }

  void offer(store::OutboxRecord m) {
    if (draining) return;
    std::string peer = m.peer;
    lanes[peer].waiting.push_back(std::move(m));
    pump(peer);
  }

  // ---- dispatching (dispatcher thread, or the caller of run_once) ----

  // Hands the due messages of every trusted peer to its lane; returns how many were handed out.
  int dispatch() {
    ++passes;
    auto config = trust.current();
    const int capacity = 2 * std::max(1, config->retry.concurrency);
    const std::int64_t now = clock();
    int handed = 0;
    for (const Peer& peer : config->peers) {
      int busy = claimed_count(peer.node_id);
      if (busy >= capacity) continue;
      // A shared store leases only what this pass can hand out; a local one may offer some already claimed here.
      const int wanted = store.shared() ? capacity - busy : capacity + busy;
      for (auto& m : due_for(peer, now, wanted, config->retry.request_timeout)) {
        if (busy >= capacity) break;
        if (!claim(m)) continue;
        ++busy;
        ++handed;
        asio::post(io, [this, m = std::move(m)]() mutable { offer(std::move(m)); });
      }
    }
    // Messages to peers no longer in the trust list: recorded as failed attempts (and in time dead letters).
    for (auto& m : store.due_outbox_messages(now, kUnknownPeerBatch)) {
      if (config->find_peer(m.peer) || !claim(m)) continue;
      ++attempts;
      Attempt attempt{m, 0, {}};
      attempt.verdict.error = "peer '" + m.peer + "' is not in the trust list";
      record(std::move(attempt));
    }
    return handed;
  }

  void dispatch_loop() {
    for (;;) {
      try {
        dispatch();
      } catch (const std::exception& error) {
        spdlog::error("federation: relay pass failed: {}", error.what());
      }
      std::unique_lock lock(mutex);
      signal.wait_for(lock, idle_poll, [this] { return stopping || woken; });
      woken = false;
      if (stopping) return;
    }
  }

  void close_everything() {
    for (auto& [peer, lane] : lanes) {
      lane.waiting.clear();
      for (const auto& connection : lane.all) connection->close();
    }
  }
};

Relay::Relay(store::Store& store, const TrustList& trust, const NodeKey& key, Clock clock,
             std::chrono::milliseconds idle_poll)
    : impl_(std::make_unique<Impl>(store, trust, key, std::move(clock), idle_poll)) {}

Relay::~Relay() {
  stop();
}

void Relay::start() {
  Impl& r = *impl_;
  std::lock_guard lock(r.mutex);
  if (r.running) return;
  r.running = true;
  r.stopping = false;
  r.draining = false;
  r.abandoning = false;
  r.io.restart();
  r.work.emplace(r.io.get_executor());
  r.io_thread = std::thread([&r] { r.io.run(); });
  r.dispatcher = std::thread([&r] { r.dispatch_loop(); });
}

void Relay::stop() {
  Impl& r = *impl_;
  {
    std::lock_guard lock(r.mutex);
    if (!r.running) return;
    r.stopping = true;
  }
  r.signal.notify_all();
  if (r.dispatcher.joinable()) r.dispatcher.join();
  r.draining = true;
  const auto grace = r.trust.current()->retry.request_timeout;
  asio::post(r.io, [&r, grace] { r.drain(grace); });
  r.work.reset();
  if (r.io_thread.joinable()) r.io_thread.join();  // drained, or aborted after the grace: about one timeout
  r.wait_for_writes();
  std::lock_guard lock(r.mutex);
  r.lanes.clear();
  r.claimed.clear();
  r.running = false;
}

void Relay::wake() {
  impl_->wake();
}

int Relay::run_once() {
  Impl& r = *impl_;
  int total = 0;
  for (;;) {
    const std::uint64_t before = r.delivered.load();
    const int handed = r.dispatch();
    if (handed > 0) {
      r.io.restart();
      r.io.run();
    }
    r.wait_for_writes();
    const int delivered_now = static_cast<int>(r.delivered.load() - before);
    total += delivered_now;
    if (handed == 0 || delivered_now == 0) return total;  // nothing due, or everything due failed: backoff
  }
}

RelayStats Relay::stats() const {
  const Impl& r = *impl_;
  return RelayStats{r.attempts.load(),    r.delivered.load(), r.failures.load(), r.dead_letters.load(),
                    r.connections.load(), r.wakes.load(),     r.passes.load()};
}

}  // namespace tongban::federation
