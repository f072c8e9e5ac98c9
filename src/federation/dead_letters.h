// Dead letters: what an operator can do about a message that cannot move on its own, on either side.
//
//   requeue(id): outbox — a dead (or still queued) message goes back to queued with its attempts reset, due now;
//                inbox — a dead (or held) message goes back to held, so it is applied as soon as it is next (at once
//                by a running node's sweep, or at the next start).
//   drop(id, reason): outbox — a dead or queued message is marked dropped: it is never sent, and the later messages
//                of its (peer, case) flow. When the peer had refused it for good (a signed rejection: it stored
//                nothing), the later, never attempted messages of the case move down one sequence number, so the
//                peer does not hold them waiting for the dropped number; a message that died of its retry budget
//                may have reached the peer, so nothing is renumbered (requeue it instead if in doubt); inbox — a dead
//                message, or a held one whose turn has come, is marked dropped and the case's applied sequence moves
//                past it, so its successors apply.
// The message id is looked up in the outbox first, then in the inbox. Anything else — an unknown id, a message
// already delivered, applied or dropped, an inbox message whose turn has not come — is refused with
// DeadLetterRefused and changes nothing. Each act is appended to the hash-chained message log in the same
// transaction (direction of the message, type "operator.requeue" / "operator.drop", the message's id, peer, case
// and sequence, and as "envelope" a JSON object {"action", "reason", "state_before"}), so it is auditable.
//
// Used by `tongban federation requeue|drop` on a data directory (works while the node runs: the store serialises
// the writes) and by tests.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

#include "store/store.h"

namespace tongban::federation {

class DeadLetterRefused : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

enum class MessageSide { outbox, inbox };

struct OperatorActResult {
  MessageSide side = MessageSide::outbox;
  std::string summary;  // one line for the terminal
};

OperatorActResult requeue_message(store::Store& store, std::string_view message_id, std::int64_t now_ms);
OperatorActResult drop_message(store::Store& store, std::string_view message_id, std::string_view reason,
                               std::int64_t now_ms);

}  // namespace tongban::federation
