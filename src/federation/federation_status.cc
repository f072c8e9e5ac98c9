#include "federation/federation_status.h"

#include <fmt/format.h>

namespace tongban::federation {

FederationStatus federation_status(const store::Reader& reader, std::int64_t now_ms) {
  FederationStatus status;
  for (const auto& queue : reader.outbox_queues()) {
    PeerStatus peer;
    peer.peer = queue.peer;
    peer.queued = queue.queued;
    peer.in_flight = queue.in_flight;
    peer.delivered = queue.delivered;
    peer.oldest_age_ms = queue.oldest_unacknowledged_at_ms == 0 ? 0 : now_ms - queue.oldest_unacknowledged_at_ms;
    peer.last_error = queue.last_error;
    status.peers.push_back(std::move(peer));
  }
  status.held_inbox_messages = static_cast<std::int64_t>(reader.list_held_messages(1'000'000).size());
  return status;
}

std::string format_status(const FederationStatus& status) {
  std::string out = fmt::format("{:<12} {:>8} {:>10} {:>10} {:>12}  {}\n", "peer", "queued", "in-flight", "delivered",
                                "oldest-age", "last-error");
  for (const auto& peer : status.peers) {
    out += fmt::format("{:<12} {:>8} {:>10} {:>10} {:>11.1f}s  {}\n", peer.peer, peer.queued, peer.in_flight,
                       peer.delivered, static_cast<double>(peer.oldest_age_ms) / 1000.0,
                       peer.last_error.empty() ? "-" : peer.last_error);
  }
  if (status.peers.empty()) out += "(no messages to peers yet)\n";
  out += fmt::format("held inbox messages (waiting for earlier ones of their case): {}\n", status.held_inbox_messages);
  return out;
}

}  // namespace tongban::federation
