#include "federation/message_log.h"

#include <sodium.h>

#include <stdexcept>

#include "domain/canonical_bytes.h"
#include "federation/node_key.h"

namespace tongban::federation {
namespace {

using domain::append_field;
using domain::append_int;

const std::string kZeros(64, '0');

std::string hex_to_bytes(const std::string& hex) {
  std::string bytes(32, '\0');
  std::size_t length = 0;
  if (hex.size() != 64 ||
      sodium_hex2bin(reinterpret_cast<unsigned char*>(bytes.data()), bytes.size(), hex.data(), hex.size(), nullptr,
                     &length, nullptr) != 0 ||
      length != 32)
    throw std::invalid_argument("prev_hash must be 64 hex digits");
  return bytes;
}

}  // namespace

std::string canonical_log_bytes(const store::MessageLogEntry& e) {
  std::string out;
  append_field(out, "tongban.msglog.v1");
  append_int(out, e.sequence);
  append_field(out, e.direction);
  append_field(out, e.message_id);
  append_field(out, e.peer);
  append_field(out, e.type);
  append_field(out, e.case_ref);
  append_int(out, e.case_sequence);
  append_field(out, e.data_categories);
  append_field(out, e.payload_sha256);
  append_int(out, e.at_ms);
  append_field(out, e.envelope);
  return out;
}

std::string log_entry_hash(const store::MessageLogEntry& entry, const std::string& prev_hash) {
  return sha256_hex(hex_to_bytes(prev_hash) + canonical_log_bytes(entry));
}

store::MessageLogEntry append_to_log(store::Transaction& tx, store::MessageLogEntry entry) {
  store::ChainHead head = tx.message_log_head();
  entry.sequence = head.sequence + 1;
  entry.prev_hash = head.hash;
  entry.hash = log_entry_hash(entry, head.hash);
  tx.append_message_log(entry);
  return entry;
}

LogVerification verify_message_log(const store::Reader& reader) {
  LogVerification result;
  result.head_hash = kZeros;
  std::int64_t expected = 1;
  reader.for_each_message_log_entry([&](const store::MessageLogEntry& entry) {
    if (entry.sequence != expected) {
      result.broken_at = expected;
      result.reason = "missing";
      return false;
    }
    if (entry.prev_hash != result.head_hash) {
      result.broken_at = entry.sequence;
      result.reason = "bad_link";
      return false;
    }
    bool sound = false;
    try {
      sound = log_entry_hash(entry, entry.prev_hash) == entry.hash;
    } catch (const std::invalid_argument&) {
    }
    if (!sound) {
      result.broken_at = entry.sequence;
      result.reason = "altered";
      return false;
    }
    result.head_hash = entry.hash;
    ++result.entries;
    ++expected;
    return true;
  });
  return result;
}

}  // namespace tongban::federation
