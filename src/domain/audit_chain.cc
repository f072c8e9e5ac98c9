#include "domain/audit_chain.h"

#include <sodium.h>

#include <array>
#include <stdexcept>

#include "domain/canonical_bytes.h"

namespace tongban::domain {
namespace {

constexpr std::string_view kFormatTag = "tongban.event.v1";

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

// The 32 bytes of a 64-digit lowercase hex hash, or nullopt.
std::optional<std::array<unsigned char, 32>> hash_bytes(std::string_view hex) {
  std::array<unsigned char, 32> bytes{};
  if (hex.size() != 64) return std::nullopt;
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    const int high = hex_digit(hex[2 * i]);
    const int low = hex_digit(hex[2 * i + 1]);
    if (high < 0 || low < 0) return std::nullopt;
    bytes[i] = static_cast<unsigned char>(high * 16 + low);
  }
  return bytes;
}

std::string to_hex(const unsigned char* bytes, std::size_t size) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(size * 2);
  for (std::size_t i = 0; i < size; ++i) {
    hex.push_back(kDigits[bytes[i] >> 4]);
    hex.push_back(kDigits[bytes[i] & 0x0F]);
  }
  return hex;
}

std::optional<std::string> try_event_hash(const Event& event, std::string_view prev_hash) {
  const auto prev = hash_bytes(prev_hash);
  if (!prev) return std::nullopt;
  const std::string canonical = canonical_event_bytes(event);
  crypto_hash_sha256_state state;
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256_init(&state);
  crypto_hash_sha256_update(&state, prev->data(), prev->size());
  crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(canonical.data()), canonical.size());
  crypto_hash_sha256_final(&state, digest.data());
  return to_hex(digest.data(), digest.size());
}

}  // namespace

std::string canonical_event_bytes(const Event& event) {
  std::string out;
  out.reserve(128 + event.case_id.size() + event.actor_id.size() + event.note.size());
  append_field(out, kFormatTag);
  append_int(out, event.sequence);
  append_field(out, event.case_id);
  append_field(out, event.actor_id);
  append_field(out, to_string(event.actor_role));
  append_field(out, to_string(event.action));
  append_field(out, to_string(event.from_state));
  append_field(out, to_string(event.to_state));
  append_field(out, event.note);
  append_int(out, event.at_ms);
  if (!event.actor_organisation.empty()) append_field(out, event.actor_organisation);
  return out;
}

std::string event_hash(const Event& event, std::string_view prev_hash) {
  auto hash = try_event_hash(event, prev_hash);
  if (!hash) throw std::invalid_argument("prev_hash must be 64 lowercase hex digits");
  return *std::move(hash);
}

void seal(Event& event, const std::string& prev_hash) {
  std::string hash = event_hash(event, prev_hash);  // throws before anything changes
  event.prev_hash = prev_hash;
  event.hash = std::move(hash);
}

ChainVerifier::ChainVerifier(ChainHead start, std::optional<ChainHead> anchor)
    : head_(std::move(start)), anchor_(std::move(anchor)) {}

std::optional<ChainBreak> ChainVerifier::fail(std::int64_t sequence, std::string reason) {
  break_ = ChainBreak{sequence, std::move(reason)};
  return break_;
}

std::optional<ChainBreak> ChainVerifier::accept(const Event& event) {
  head_ = ChainHead{event.sequence, event.hash};
  if (anchor_ && anchor_->sequence == event.sequence && anchor_->hash != event.hash) {
    return fail(event.sequence, "altered");
  }
  return std::nullopt;
}

// A gap is open: the skipped event turning up, or any step backwards, is a reordering; otherwise keep checking
// links between the events that follow.
std::optional<ChainBreak> ChainVerifier::after_gap(const Event& event) {
  if (event.sequence == *gap_) return fail(gap_found_at_, "reordered");
  if (event.sequence <= head_.sequence) return fail(event.sequence, "reordered");
  if (event.sequence == head_.sequence + 1 && event.prev_hash != head_.hash) return fail(event.sequence, "bad_link");
  return accept(event);
}

std::optional<ChainBreak> ChainVerifier::feed(const Event& event) {
  if (break_) return break_;
  const auto recomputed = try_event_hash(event, event.prev_hash);
  if (!recomputed || *recomputed != event.hash) return fail(event.sequence, "altered");
  if (gap_) return after_gap(event);
  const std::int64_t expected = head_.sequence + 1;
  if (event.sequence < expected) return fail(event.sequence, "reordered");
  if (event.sequence > expected) {
    gap_ = expected;
    gap_found_at_ = event.sequence;
    return accept(event);
  }
  if (event.prev_hash != head_.hash) return fail(event.sequence, "bad_link");
  return accept(event);
}

std::optional<ChainBreak> ChainVerifier::finish() {
  if (break_) return break_;
  if (gap_) return fail(*gap_, "missing");
  if (anchor_ && head_.sequence < anchor_->sequence) return fail(head_.sequence + 1, "missing");
  return std::nullopt;
}

std::optional<ChainBreak> verify_chain(const std::vector<Event>& events_in_stored_order,
                                       std::optional<ChainHead> anchor) {
  ChainVerifier verifier(ChainHead{}, std::move(anchor));
  for (const Event& event : events_in_stored_order) {
    if (auto found = verifier.feed(event)) return found;
  }
  return verifier.finish();
}

}  // namespace tongban::domain
