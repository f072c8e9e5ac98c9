#include "domain/help_session_record.h"

#include "domain/canonical_bytes.h"

namespace tongban::domain {

bool HelpSessionRecord::append(std::int64_t at_ms, std::string_view party, std::string_view kind,
                               std::string_view body) {
  if (sealed_) return false;
  if (truncated_) {
    ++dropped_;
    return false;
  }
  if (entries_.size() + 1 >= kMaxEntries || body_bytes_ + body.size() > kMaxBytes) {
    truncated_ = true;
    ++dropped_;
    entries_.push_back({at_ms, "node", "truncated", "limit"});
    return false;
  }
  body_bytes_ += body.size();
  entries_.push_back({at_ms, std::string(party), std::string(kind), std::string(body)});
  return true;
}

std::string HelpSessionRecord::canonical_bytes() const {
  std::string out;
  out.reserve(64 + body_bytes_ + entries_.size() * 48);
  append_field(out, "tongban.video_help.v1");
  append_field(out, call_id_);
  append_field(out, kiosk_id_);
  for (const auto& entry : entries_) {
    append_int(out, entry.at_ms);
    append_field(out, entry.party);
    append_field(out, entry.kind);
    append_field(out, entry.body);
  }
  return out;
}

std::string HelpSessionRecord::sha256() const {
  return sha256_hex(canonical_bytes());
}

}  // namespace tongban::domain
