// The audit chain: the node's case events hash-chained so that any later change to the stored trail shows.
//
// Each Event carries prev_hash (the hash of the event before it; 64 zeros for sequence 1) and its own hash:
//
//   hash = lowercase_hex( SHA-256( prev_hash_bytes || canonical_event_bytes(event) ) )
//
// where prev_hash_bytes are the 32 bytes the 64-hex-digit prev_hash stands for, and canonical_event_bytes is, in
// this fixed order, one field after another, each written as a 4-byte big-endian length then that many bytes:
//
//   "tongban.event.v1"          format tag (changing the encoding means a new tag)
//   sequence                    8 bytes, big-endian two's complement (so its length prefix is always 8)
//   case_id                     UTF-8 as stored
//   actor_id                    UTF-8 as stored
//   actor_role                  text form, e.g. "reviewer"       (domain/case.h to_string)
//   action                      text form, e.g. "accept"
//   from_state                  text form, e.g. "submitted"
//   to_state                    text form, e.g. "accepted"
//   note                        UTF-8 as stored
//   at_ms                       8 bytes, big-endian two's complement
//   actor_organisation          UTF-8 as stored — only when not empty (an agent acted for an organisation,
//                               docs/channels.md), so every event without one keeps the bytes it always had
//
// Enums are encoded by their stable text so that reordering an enum never changes old hashes. The hash and
// prev_hash fields themselves are not in the canonical bytes (prev_hash enters as the prefix).
//
// ChainVerifier checks a chain fed one event at a time in stored order, holding O(1) state, and names the first
// break it finds. verify_chain() runs it over a vector. Pure computation, no I/O.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/case.h"

namespace tongban::domain {

inline constexpr std::string_view kGenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

// The canonical bytes described above.
std::string canonical_event_bytes(const Event& event);

// The hash of `event` if it followed `prev_hash`. Throws std::invalid_argument if prev_hash is not 64 lowercase
// hex digits.
std::string event_hash(const Event& event, std::string_view prev_hash);

// Sets event.prev_hash = prev_hash and event.hash accordingly. Throws std::invalid_argument (event unchanged) if
// prev_hash is not 64 lowercase hex digits.
void seal(Event& event, const std::string& prev_hash);

struct ChainBreak {
  std::int64_t sequence = 0;
  // "altered":   the event's hash does not match its contents (the event was edited after sealing);
  // "missing":   a sequence number never appears (an event was deleted), sequence = the missing number;
  // "reordered": events are present but out of order (swapped, moved or duplicated), sequence = the first event
  //              found out of place;
  // "bad_link":  the event's own hash is sound but its prev_hash is not the previous event's hash (the previous
  //              event was replaced by a re-sealed copy), sequence = this event's.
  std::string reason;
};

// The last event of a trusted, known-good prefix (a checkpoint, or the head as recorded elsewhere).
struct ChainHead {
  std::int64_t sequence = 0;  // 0 with kGenesisHash: the empty chain
  std::string hash{kGenesisHash};
};

// Incremental verifier. Feed events in stored order, then call finish(). Once a break is found it is final and
// every later call returns it.
class ChainVerifier {
 public:
  // Verifies a chain that starts right after `start` (default: the genesis, so the first event is sequence 1).
  // `anchor`, if given, is a head recorded elsewhere (e.g. in a backup or a peer's receipt): the chain must reach
  // it ("missing" if it stops short, the tail was cut off) and the event at its sequence must have its hash
  // ("altered" otherwise, which catches an edit re-sealed all the way to the end).
  explicit ChainVerifier(ChainHead start = {}, std::optional<ChainHead> anchor = std::nullopt);

  // Returns a break as soon as it is certain. A gap is not yet certain: the absent event may still turn up later
  // (then it was "reordered"); finish() settles it as "missing".
  std::optional<ChainBreak> feed(const Event& event);

  // Ends the stream and settles what is still open. nullopt: the chain is intact.
  std::optional<ChainBreak> finish();

  // The last event fed in order; a checkpoint to resume from when finish() returned nullopt.
  const ChainHead& head() const { return head_; }

 private:
  std::optional<ChainBreak> fail(std::int64_t sequence, std::string reason);
  std::optional<ChainBreak> after_gap(const Event& event);
  std::optional<ChainBreak> accept(const Event& event);

  ChainHead head_;
  std::optional<ChainHead> anchor_;
  std::optional<std::int64_t> gap_;  // first sequence number skipped and not seen yet
  std::int64_t gap_found_at_ = 0;    // the sequence that jumped over it
  std::optional<ChainBreak> break_;
};

// Verifies a whole chain from the genesis. nullopt when intact.
std::optional<ChainBreak> verify_chain(const std::vector<Event>& events_in_stored_order,
                                       std::optional<ChainHead> anchor = std::nullopt);

}  // namespace tongban::domain
