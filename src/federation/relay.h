// Relay: empties the outbox, one lane per peer, so that a slow, silent or failing peer never delays another's.
//
// Threads. A dispatcher thread reads the due messages per peer (store::Reader::due_outbox_messages_to: per
// (peer, case) only the lowest unsettled sequence, so a case's messages leave in sequence order) and hands them to
// the peer's lane; an I/O thread runs every lane asynchronously (Boost.Asio/Beast coroutines, PeerConnection). A
// lane has up to `[relay] concurrency` sends in flight at once (necessarily of different cases), each on a kept-alive
// HTTP/1.1 connection of that lane (reused for the next message; reopened after an error). Every step of a send is
// bounded by `[relay] request_timeout_ms` (peer_transport.h). A lane holds at most 2 × concurrency messages (in
// flight or waiting), so a stuck peer's backlog stays in the store and never crowds out other peers.
//
// Several instances. When the store is shared (Store::shared: instances of one node on one PostgreSQL database), the
// dispatcher leases the due messages it hands out (store::Transaction::lease_due_outbox_messages_to), so each
// message is sent by one instance at a time; a lease ends when the attempt is recorded, or after four request
// timeouts if its instance died mid-send (then another instance sends it; the receiver answers `duplicate` if the
// first copy had arrived).
//
// Waking. The dispatcher looks for due messages when woken — by wake(), which federation::Outbox calls through an
// after-commit hook of the transaction that enqueued a message (so a message leaves as soon as it is durable), and
// after each delivery is recorded (so a case's next message follows at once) — and otherwise every `idle_poll`
// (the safety net, and how messages whose backoff expired are found).
//
// Outcomes. Each message is signed with a fresh sent_at (strictly increasing per message) at each attempt. It is
// marked delivered only on a valid signed receipt (delivery_verdict.h). A permanent rejection, or a transient
// failure once `[relay] max_attempts` attempts are spent, makes it a dead letter (store::OutboxState::dead, with the
// reason); the later messages of its (peer, case) stay queued behind it, never lost, until an operator requeues or
// drops it (`tongban federation requeue|drop`). Any other failure records the error and schedules the next attempt
// with exponential backoff and full jitter: delay = uniform random in
// [0, min(max_backoff, initial_backoff * 2^(attempts-1))].
//
// Stopping. stop() (also the destructor) returns within about one request timeout whatever the peers do: it stops
// the dispatcher, lets the sends in flight finish for up to one request timeout, then closes every connection
// (aborting what is left), and waits for the results already being recorded. An abandoned send is not recorded at
// all: the message stays due and is sent again after a restart (the receiver answers `duplicate` if the abandoned
// one had arrived).
//
// Ownership: the Relay borrows the store, trust list and key (they outlive it) and owns its threads. start() is
// idempotent. run_once() runs the same machinery on the caller's thread instead (tests, tools); do not mix the two.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>

#include "federation/node_key.h"
#include "federation/outbox.h"
#include "federation/trust_list.h"
#include "store/store.h"

namespace tongban::federation {

struct RelayStats {
  std::uint64_t attempts = 0;
  std::uint64_t delivered = 0;
  std::uint64_t failures = 0;
  std::uint64_t dead_letters = 0;        // messages this relay made dead
  std::uint64_t connections_opened = 0;  // TCP connections opened to peers (kept alive and reused)
  std::uint64_t wakes = 0;               // wake() calls
  std::uint64_t passes = 0;              // times the dispatcher looked for due messages
};

class Relay {
 public:
  // Poll interval when idle (messages that become due through backoff are picked up at most this late).
  static constexpr std::chrono::milliseconds kIdlePoll{200};

  Relay(store::Store& store, const TrustList& trust, const NodeKey& key, Clock clock = system_clock(),
        std::chrono::milliseconds idle_poll = kIdlePoll);
  ~Relay();
  Relay(const Relay&) = delete;
  Relay& operator=(const Relay&) = delete;

  void start();
  void stop();
  // Makes the dispatcher look for due messages now. Cheap and non-blocking; safe from any thread (also from the
  // store's writer thread, where after-commit hooks run).
  void wake();
  // Sends every message due now on the caller's thread, then their successors, until a pass delivers nothing;
  // returns how many were delivered.
  int run_once();
  RelayStats stats() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace tongban::federation
