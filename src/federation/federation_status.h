// Federation status: the outbox seen per peer (queued, in flight, oldest unacknowledged age, last error) plus the
// inbox's held messages, for `tongban federation status` and /metrics. Read-only.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "store/store.h"

namespace tongban::federation {

struct PeerStatus {
  std::string peer;
  std::int64_t queued = 0;
  std::int64_t in_flight = 0;
  std::int64_t delivered = 0;
  std::int64_t oldest_age_ms = 0;  // now - created_at of the oldest unacknowledged message; 0 if none
  std::string last_error;
};

struct FederationStatus {
  std::vector<PeerStatus> peers;
  std::int64_t held_inbox_messages = 0;
};

FederationStatus federation_status(const store::Reader& reader, std::int64_t now_ms);
// A fixed-width table for the terminal.
std::string format_status(const FederationStatus& status);

}  // namespace tongban::federation
