// Relay: the thread that empties the outbox. Each pass reads the due messages (store::Reader::due_outbox_messages:
// per (peer, case) only the lowest unacknowledged sequence, so per-case messages leave in sequence order), signs
// each with a fresh sent_at and sends it to the peer's endpoint, up to `retry.concurrency` at once.
//
// A message is marked delivered only on a receipt that verifies with the peer's key from the trust list, names the
// message id and payload hash, comes from that peer, and says applied, held or duplicate. Anything else — no
// answer, a 5xx, a rejection, an unsigned or badly signed answer, a peer no longer trusted — records the error and
// schedules the next attempt with exponential backoff and full jitter: delay = uniform random in
// [0, min(max_backoff, initial_backoff * 2^(attempts-1))]. Messages are never dropped; `tongban federation status`
// shows what is stuck and why.
//
// Ownership: the Relay borrows the store, trust list and key (they outlive it) and owns its thread. start() is
// idempotent; stop() (also the destructor) wakes the thread and joins it, finishing the pass in flight.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>

#include "federation/node_key.h"
#include "federation/outbox.h"
#include "federation/trust_list.h"
#include "store/store.h"

namespace tongban::federation {

struct RelayStats {
  std::uint64_t attempts = 0;
  std::uint64_t delivered = 0;
  std::uint64_t failures = 0;
};

class Relay {
 public:
  Relay(store::Store& store, const TrustList& trust, const NodeKey& key, Clock clock = system_clock());
  ~Relay();
  Relay(const Relay&) = delete;
  Relay& operator=(const Relay&) = delete;

  void start();
  void stop();
  // Makes the thread look for due messages now (call after committing an enqueue to cut latency).
  void wake();
  // One pass on the caller's thread: sends every message due now; returns how many were delivered. For tests and
  // tools; do not mix with a started thread.
  int run_once();
  RelayStats stats() const;

  // Poll interval when idle (messages that become due through backoff are picked up at most this late).
  static constexpr std::chrono::milliseconds kIdlePoll{200};

 private:
  bool send_one(const store::OutboxRecord& message);
  // Uploads every blob the payload names to the peer (federation/blob_transfer.h); "" when all arrived, else why not.
  std::string push_blobs(const Peer& peer, const FederationConfig& config, const std::string& payload);
  std::int64_t backoff_ms(std::int64_t attempts) const;
  void loop();

  store::Store& store_;
  const TrustList& trust_;
  const NodeKey& key_;
  Clock clock_;
  std::thread thread_;
  mutable std::mutex mutex_;
  std::condition_variable wake_signal_;
  bool woken_ = false;
  bool stopping_ = false;
  std::atomic<std::uint64_t> attempts_{0}, delivered_{0}, failures_{0};
};

}  // namespace tongban::federation
