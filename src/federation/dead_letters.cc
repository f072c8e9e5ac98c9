#include "federation/dead_letters.h"

#include <boost/json.hpp>
#include <optional>

#include "federation/message_log.h"

namespace tongban::federation {
namespace {

using store::InboxState;
using store::OutboxState;

// How the relay starts the reason of a message the peer refused for good (relay.cc).
constexpr std::string_view kRefusedForGood = "refused for good: ";

void log_act(store::Transaction& tx, std::string_view direction, std::string_view action, std::string_view reason,
             std::string_view state_before, const std::string& message_id, const std::string& peer,
             const std::string& case_ref, std::int64_t sequence, const std::string& payload_sha256,
             std::int64_t now_ms) {
  store::MessageLogEntry entry;
  entry.direction = std::string(direction);
  entry.message_id = message_id;
  entry.peer = peer;
  entry.type = "operator." + std::string(action);
  entry.case_ref = case_ref;
  entry.case_sequence = sequence;
  entry.payload_sha256 = payload_sha256;
  entry.at_ms = now_ms;
  entry.envelope = boost::json::serialize(
      boost::json::object{{"action", action}, {"reason", reason}, {"state_before", state_before}});
  append_to_log(tx, std::move(entry));
}

std::string refusal(std::string_view id, std::string_view side, std::string_view state, std::string_view action) {
  return "message " + std::string(id) + " is " + std::string(state) + " in the " + std::string(side) +
         "; only a dead or waiting message can be " + std::string(action) + "d";
}

OperatorActResult act(store::Store& store, std::string_view id, bool requeue, std::string_view reason,
                      std::int64_t now_ms) {
  const std::string action = requeue ? "requeue" : "drop";
  return store.transact([&](store::Transaction& tx) -> OperatorActResult {
    if (auto out = tx.find_outbox_message(id)) {
      if (out->state != OutboxState::dead && out->state != OutboxState::queued)
        throw DeadLetterRefused(refusal(id, "outbox", store::to_string(out->state), action));
      const std::string before(store::to_string(out->state));
      tx.settle_outbox_message(id, requeue ? OutboxState::queued : OutboxState::dropped, reason, now_ms);
      // The peer refused it with a signed receipt, so it stored nothing: close the gap, or the peer would hold the
      // successors forever waiting for this sequence number.
      std::int64_t renumbered = 0;
      if (!requeue && !out->case_ref.empty() && out->dead_reason.rfind(kRefusedForGood, 0) == 0)
        renumbered = tx.renumber_outbox_after(out->peer, out->case_ref, out->sequence);
      log_act(
          tx, "out", action,
          std::string(reason) + (renumbered ? " (later messages renumbered: " + std::to_string(renumbered) + ")" : ""),
          before, out->message_id, out->peer, out->case_ref, out->sequence, out->payload_sha256, now_ms);
      return {MessageSide::outbox, "outbox message " + out->message_id + " to " + out->peer + " (case " +
                                       out->case_ref + " #" + std::to_string(out->sequence) + "): " + before + " -> " +
                                       (requeue ? "queued, due now" : "dropped")};
    }
    auto in = tx.find_inbox_message(id);
    if (!in) throw DeadLetterRefused("no message " + std::string(id) + " in the outbox or the inbox");
    if (in->state != InboxState::dead && in->state != InboxState::held)
      throw DeadLetterRefused(refusal(id, "inbox", store::to_string(in->state), action));
    const std::string before(store::to_string(in->state));
    const std::int64_t last = in->case_ref.empty() ? 0 : tx.last_applied_sequence(in->peer, in->case_ref);
    if (!requeue && !in->case_ref.empty() && in->sequence != last + 1)
      throw DeadLetterRefused("message " + std::string(id) + " is sequence " + std::to_string(in->sequence) +
                              " of case " + in->case_ref + ", which is applied up to " + std::to_string(last) +
                              ": its turn has not come, so dropping it could not let anything flow");
    in->state = requeue ? InboxState::held : InboxState::dropped;
    in->dead_reason = requeue ? "" : std::string(reason);
    tx.update_inbox_message(*in);
    if (!requeue && !in->case_ref.empty()) tx.set_last_applied_sequence(in->peer, in->case_ref, in->sequence);
    log_act(tx, "in", action, reason, before, in->message_id, in->peer, in->case_ref, in->sequence, in->payload_sha256,
            now_ms);
    return {MessageSide::inbox, "inbox message " + in->message_id + " from " + in->peer + " (case " + in->case_ref +
                                    " #" + std::to_string(in->sequence) + "): " + before + " -> " +
                                    (requeue ? "held, applied when next" : "dropped, successors apply")};
  });
}

}  // namespace

OperatorActResult requeue_message(store::Store& store, std::string_view message_id, std::int64_t now_ms) {
  return act(store, message_id, true, "", now_ms);
}

OperatorActResult drop_message(store::Store& store, std::string_view message_id, std::string_view reason,
                               std::int64_t now_ms) {
  if (reason.empty()) throw DeadLetterRefused("a drop needs a reason (--reason TEXT)");
  return act(store, message_id, false, reason, now_ms);
}

}  // namespace tongban::federation
