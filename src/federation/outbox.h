// Outbox: how a state change tells a peer about itself. enqueue() writes the message into the store's outbox, and
// its entry into the message log, inside the caller's store Transaction — the same transaction as the state change
// that causes it, so either both commit or neither does (the transactional outbox). The Relay sends it later.
//
// enqueue() assigns the message id (UUID v4), the per-(peer, case) sequence number and created_at, and refuses
// (OutboxRefused, nothing written) a message to a node that is not in the trust list, or carrying a data category
// the trust list does not allow that peer to receive (minimum data across the border), or a payload that is not a
// JSON object or is over the protocol limit. The Outbox borrows the TrustList; it must outlive the Outbox.
//
// Waking the relay: enqueue() registers `committed` (when given) as an after-commit hook of the caller's
// transaction (store::Transaction::after_commit), so it runs on the store's writer thread once the message is
// durable — never for a transaction that rolls back. FederationNode passes Relay::wake, so a message leaves at
// once instead of at the relay's next poll.
#pragma once

#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include "federation/trust_list.h"
#include "store/store.h"

namespace tongban::federation {

// Unix time in milliseconds; injectable so tests can move time.
using Clock = std::function<std::int64_t()>;
Clock system_clock();

struct OutgoingMessage {
  std::string to;                            // peer node id
  std::string type;                          // e.g. "case.status"
  std::string case_ref;                      // "" for a message outside any case (then it is not ordered)
  std::vector<std::string> data_categories;  // each must be in the peer's may_receive
  std::string payload;                       // JSON object text
};

// What enqueue() wrote.
struct QueuedMessage {
  std::string message_id;
  std::int64_t sequence = 0;
  std::int64_t created_at_ms = 0;
};

class OutboxRefused : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Outbox {
 public:
  Outbox(const TrustList& trust, Clock clock = system_clock(), std::function<void()> committed = {});

  // Call inside a store job. Throws OutboxRefused (the job should let it propagate so the state change rolls back
  // too, or catch it if the change must stand without the message).
  QueuedMessage enqueue(store::Transaction& tx, const OutgoingMessage& message) const;

 private:
  const TrustList& trust_;
  Clock clock_;
  std::function<void()> committed_;
};

}  // namespace tongban::federation
