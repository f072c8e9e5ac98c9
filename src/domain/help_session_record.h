// The record of one video-help session (docs/video-help.md): what passed through the node during the call — the
// call's life (requested, joined, connected, ended), every signalling message relayed (SDP offers and answers, ICE
// candidates) and every shared form state the kiosk's page reported — appended in the order the node saw them.
// The media never passes through the node (it is peer-to-peer) and is not in the record.
//
// Encoding (domain/canonical_bytes.h, one field after another, each a 4-byte big-endian length and its bytes):
//   "tongban.video_help.v1", call_id, kiosk_id, then per entry: at_ms (8 bytes), party, kind, body
// party is "applicant", "clerk" or "node"; kind is a lowercase word ("requested", "joined", "offer", "answer",
// "candidate", "form", "ended", …); body is the message as received (UTF-8 JSON for signalling, the reason for
// "ended"). sha256() is the lowercase hex SHA-256 of those bytes: what the case's audit trail keeps (the
// video_help event, docs/video-help.md), so a record produced later can be checked against it.
//
// Bounded: at most kMaxEntries entries and kMaxBytes bytes of bodies; beyond that, entries are not kept but
// counted, and one entry "truncated" (body: "limit") marks the place — the hash then covers what was kept and says
// so. Once sealed (seal()), nothing more is appended (append returns false). Pure, no I/O; not thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tongban::domain {

struct HelpRecordEntry {
  std::int64_t at_ms = 0;
  std::string party;
  std::string kind;
  std::string body;
};

class HelpSessionRecord {
 public:
  static constexpr std::size_t kMaxEntries = 4000;
  static constexpr std::size_t kMaxBytes = std::size_t{2} << 20;

  HelpSessionRecord(std::string call_id, std::string kiosk_id)
      : call_id_(std::move(call_id)), kiosk_id_(std::move(kiosk_id)) {}

  // Appends an entry; false when sealed or over the bounds (then counted in dropped()).
  bool append(std::int64_t at_ms, std::string_view party, std::string_view kind, std::string_view body);
  void seal() { sealed_ = true; }
  bool sealed() const { return sealed_; }

  const std::string& call_id() const { return call_id_; }
  const std::vector<HelpRecordEntry>& entries() const { return entries_; }
  std::size_t dropped() const { return dropped_; }
  std::string canonical_bytes() const;
  std::string sha256() const;

 private:
  std::string call_id_;
  std::string kiosk_id_;
  std::vector<HelpRecordEntry> entries_;
  std::size_t body_bytes_ = 0;
  std::size_t dropped_ = 0;
  bool truncated_ = false;
  bool sealed_ = false;
};

}  // namespace tongban::domain
