// Federation status: the outbox seen per peer (queued, in flight, delivered, dead letters, dropped, oldest
// unacknowledged age, last error) plus the inbox (held messages, how many are overdue, dead letters per peer), for
// `tongban federation status` and /metrics. Read-only.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "store/store.h"

namespace tongban::federation {

class FederationNode;

struct PeerStatus {
  std::string peer;
  std::int64_t queued = 0;
  std::int64_t in_flight = 0;
  std::int64_t delivered = 0;
  std::int64_t dead = 0;           // outbox dead letters to this peer
  std::int64_t dropped = 0;        // outbox messages an operator dropped
  std::int64_t oldest_age_ms = 0;  // now - created_at of the oldest unacknowledged message; 0 if none
  std::string last_error;
};

// One dead letter, for the listing under the table.
struct DeadLetter {
  std::string side;  // "outbox" | "inbox"
  std::string message_id;
  std::string peer;
  std::string case_ref;
  std::int64_t sequence = 0;
  std::string reason;
};

struct FederationStatus {
  std::vector<PeerStatus> peers;
  std::int64_t held_inbox_messages = 0;
  std::int64_t overdue_held_messages = 0;          // held longer than held_report_after
  std::map<std::string, std::int64_t> inbox_dead;  // per sending peer
  std::vector<DeadLetter> dead_letters;            // outbox and inbox, oldest first (at most 100 of each)
};

FederationStatus federation_status(const store::Reader& reader, std::int64_t now_ms,
                                   std::chrono::milliseconds held_report_after = std::chrono::minutes(10));
// A fixed-width table for the terminal, then the dead letters with their reasons.
std::string format_status(const FederationStatus& status);
// Prometheus text (tongban_federation_* families) from the status and the relay's counters, for /metrics
// (api::ApiContext::federation_metrics).
std::string federation_metrics_text(FederationNode& node);

}  // namespace tongban::federation
