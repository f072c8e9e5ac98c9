// The message log: every envelope this node queued for a peer ("out") or accepted from one ("in"), hash-chained
// like the case audit trail so that any later edit, deletion or reordering shows, and verifiable offline.
//
//   hash = lowercase_hex( SHA-256( prev_hash_bytes || canonical_log_bytes(entry) ) )
//
// prev_hash_bytes: the 32 bytes of the previous entry's hash (64 zeros for sequence 1). canonical_log_bytes: the
// tag "tongban.msglog.v1", then sequence (int), direction, message_id, peer, type, case_ref, case_sequence (int),
// data_categories, payload_sha256, at_ms (int), envelope — each field as a 4-byte big-endian length and its bytes,
// integers as 8-byte big-endian two's complement. Pure computation except append_to_log (store writes).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "store/store.h"

namespace tongban::federation {

std::string canonical_log_bytes(const store::MessageLogEntry& entry);
std::string log_entry_hash(const store::MessageLogEntry& entry, const std::string& prev_hash);

// Sets sequence and prev_hash from the log head, seals and appends `entry` inside tx; returns it sealed.
store::MessageLogEntry append_to_log(store::Transaction& tx, store::MessageLogEntry entry);

struct LogVerification {
  std::int64_t entries = 0;
  std::string head_hash;                  // hash of the last entry checked (64 zeros if none)
  std::optional<std::int64_t> broken_at;  // sequence of the first bad entry
  std::string reason;                     // "altered" | "bad_link" | "missing" (a sequence number skipped)
  bool ok() const { return !broken_at; }
};

// Walks the whole log in order and checks every link and hash.
LogVerification verify_message_log(const store::Reader& reader);

}  // namespace tongban::federation
