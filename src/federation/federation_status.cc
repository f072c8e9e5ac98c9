#include "federation/federation_status.h"

#include <fmt/format.h>

#include "federation/federation_node.h"

namespace tongban::federation {

FederationStatus federation_status(const store::Reader& reader, std::int64_t now_ms,
                                   std::chrono::milliseconds held_report_after) {
  FederationStatus status;
  for (const auto& queue : reader.outbox_queues()) {
    PeerStatus peer;
    peer.peer = queue.peer;
    peer.queued = queue.queued;
    peer.in_flight = queue.in_flight;
    peer.delivered = queue.delivered;
    peer.dead = queue.dead;
    peer.dropped = queue.dropped;
    peer.oldest_age_ms = queue.oldest_unacknowledged_at_ms == 0 ? 0 : now_ms - queue.oldest_unacknowledged_at_ms;
    peer.last_error = queue.last_error;
    status.peers.push_back(std::move(peer));
  }
  for (const auto& held : reader.list_held_messages(1'000'000)) {
    ++status.held_inbox_messages;
    if (now_ms - held.received_at_ms > held_report_after.count()) ++status.overdue_held_messages;
  }
  for (const auto& dead : reader.list_outbox_messages(store::OutboxState::dead, 100))
    status.dead_letters.push_back(
        {"outbox", dead.message_id, dead.peer, dead.case_ref, dead.sequence, dead.dead_reason});
  for (const auto& dead : reader.list_inbox_messages(store::InboxState::dead, 1'000'000)) {
    ++status.inbox_dead[dead.peer];
    if (status.inbox_dead[dead.peer] <= 100)
      status.dead_letters.push_back(
          {"inbox", dead.message_id, dead.peer, dead.case_ref, dead.sequence, dead.dead_reason});
  }
  return status;
}

std::string format_status(const FederationStatus& status) {
  std::string out = fmt::format("{:<12} {:>8} {:>10} {:>10} {:>6} {:>8} {:>12}  {}\n", "peer", "queued", "in-flight",
                                "delivered", "dead", "dropped", "oldest-age", "last-error");
  for (const auto& peer : status.peers) {
    out +=
        fmt::format("{:<12} {:>8} {:>10} {:>10} {:>6} {:>8} {:>11.1f}s  {}\n", peer.peer, peer.queued, peer.in_flight,
                    peer.delivered, peer.dead, peer.dropped, static_cast<double>(peer.oldest_age_ms) / 1000.0,
                    peer.last_error.empty() ? "-" : peer.last_error);
  }
  if (status.peers.empty()) out += "(no messages to peers yet)\n";
  out += fmt::format("held inbox messages (waiting for earlier ones of their case): {} ({} overdue)\n",
                     status.held_inbox_messages, status.overdue_held_messages);
  for (const auto& [peer, count] : status.inbox_dead)
    out += fmt::format("inbox dead letters from {}: {}\n", peer, count);
  if (!status.dead_letters.empty()) {
    out += "dead letters (tongban federation requeue ID | drop ID --reason TEXT):\n";
    for (const auto& dead : status.dead_letters)
      out += fmt::format("  {} {} {} case {} #{}: {}\n", dead.side, dead.message_id, dead.peer, dead.case_ref,
                         dead.sequence, dead.reason);
  }
  return out;
}

std::string federation_metrics_text(FederationNode& node) {
  auto config = node.trust().current();
  FederationStatus status = federation_status(node.store(), system_clock()(), config->limits.held_report_after);
  RelayStats relay = node.relay().stats();
  std::string out;
  auto family = [&out](std::string_view name, std::string_view type, std::string_view help) {
    out += fmt::format("# HELP {} {}\n# TYPE {} {}\n", name, help, name, type);
  };
  family("tongban_federation_outbox_messages", "gauge", "Outbox messages per peer and state");
  for (const auto& peer : status.peers) {
    out += fmt::format("tongban_federation_outbox_messages{{peer=\"{}\",state=\"queued\"}} {}\n", peer.peer,
                       peer.queued + peer.in_flight);
    out += fmt::format("tongban_federation_outbox_messages{{peer=\"{}\",state=\"delivered\"}} {}\n", peer.peer,
                       peer.delivered);
    out += fmt::format("tongban_federation_outbox_messages{{peer=\"{}\",state=\"dead\"}} {}\n", peer.peer, peer.dead);
    out += fmt::format("tongban_federation_outbox_messages{{peer=\"{}\",state=\"dropped\"}} {}\n", peer.peer,
                       peer.dropped);
  }
  family("tongban_federation_inbox_dead_messages", "gauge", "Inbox dead letters per sending peer");
  for (const auto& [peer, count] : status.inbox_dead)
    out += fmt::format("tongban_federation_inbox_dead_messages{{peer=\"{}\"}} {}\n", peer, count);
  family("tongban_federation_inbox_held_messages", "gauge", "Inbox messages held for an earlier one of their case");
  out += fmt::format("tongban_federation_inbox_held_messages {}\n", status.held_inbox_messages);
  family("tongban_federation_inbox_overdue_held_messages", "gauge",
         "Held inbox messages whose predecessor is later than held_report_after_seconds");
  out += fmt::format("tongban_federation_inbox_overdue_held_messages {}\n", status.overdue_held_messages);
  family("tongban_federation_relay_attempts_total", "counter", "Send attempts since start");
  out += fmt::format("tongban_federation_relay_attempts_total {}\n", relay.attempts);
  family("tongban_federation_relay_delivered_total", "counter", "Messages delivered since start");
  out += fmt::format("tongban_federation_relay_delivered_total {}\n", relay.delivered);
  family("tongban_federation_relay_failures_total", "counter", "Failed attempts since start");
  out += fmt::format("tongban_federation_relay_failures_total {}\n", relay.failures);
  family("tongban_federation_relay_dead_letters_total", "counter", "Messages made dead letters since start");
  out += fmt::format("tongban_federation_relay_dead_letters_total {}\n", relay.dead_letters);
  family("tongban_federation_relay_connections_opened_total", "counter", "Connections opened to peers since start");
  out += fmt::format("tongban_federation_relay_connections_opened_total {}\n", relay.connections_opened);
  return out;
}

}  // namespace tongban::federation
