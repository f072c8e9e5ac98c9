// VideoHelpLog: the durable trail of video-help calls (docs/video-help.md) — the "audit trail of the kiosk visits"
// and what a case shows of the help that led to it.
//
// Decision: like the ratings once did (before schema version 12), it is an append-only file <data_dir>/video_help.jsonl
// (0600, one JSON object per line, fsynced before append returns) kept by the web module rather than a table of the
// shared Store or a new case action in the audit chain: both would change headers every module includes. Lines:
//   {"kind":"ended","call","kiosk","service_point","clerk","holder","reason","requested_at_ms","ended_at_ms",
//    "record_sha256","entries","prev","hash"}      one per ended call (clerk "" when nobody joined)
//   {"kind":"case","call","case","clerk","at_ms","prev","hash"}   the call's help recorded on a case, once per call
// The lines are hash-chained like the case events: hash = SHA-256(prev || the line's JSON without "hash"), prev the
// hash of the line before (64 zeros for the first), so a line edited or removed later shows (verify()). Loaded whole
// at construction; a line that does not parse, or a broken chain, is a start-up error (std::runtime_error naming the
// line). Thread-safe.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/help_call_queue.h"

namespace tongban::web {

struct LoggedCall {
  std::string call_id;
  std::string kiosk_id;
  std::string service_point;
  std::string clerk_id;
  std::string holder;
  std::string reason;
  std::int64_t requested_at_ms = 0;
  std::int64_t ended_at_ms = 0;
  std::string record_sha256;
  std::int64_t entries = 0;
  std::string case_id;  // "" until recorded on a case
  std::int64_t recorded_at_ms = 0;
};

class VideoHelpLog {
 public:
  explicit VideoHelpLog(std::filesystem::path file);

  // Appends the ended call. Throws std::runtime_error when the file cannot be written.
  void ended(const domain::HelpCall& call, const std::string& record_sha256, std::size_t entries);
  // Appends the case line; false (nothing written) when the call is not logged or already on a case.
  bool recorded_on_case(std::string_view call_id, const std::string& case_id, const std::string& clerk_id,
                        std::int64_t at_ms);
  std::optional<LoggedCall> call(std::string_view call_id) const;
  // The calls recorded on a case, in the order they were recorded.
  std::vector<LoggedCall> of_case(std::string_view case_id) const;

 private:
  // Adds prev and hash, writes and fsyncs the line, moves the head. Under mutex_.
  void append(boost::json::object line);

  std::filesystem::path file_;
  mutable std::mutex mutex_;
  std::string head_;  // the last line's hash
  std::map<std::string, LoggedCall, std::less<>> calls_;
  std::vector<std::string> case_order_;  // call ids in the order recorded on cases
};

}  // namespace tongban::web
