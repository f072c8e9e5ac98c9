// RatingBook: the applicants' 好差评 ratings of closed cases, one per case, five levels (5 非常满意 … 1 非常不满意).
//
// Decision: ratings are kept by the web module in an append-only file <data_dir>/ratings.jsonl (one JSON object per
// line: case, level, at_ms), fsynced before rate() returns, rather than in the shared Store (whose schema belongs to
// the node core) — so adding them changed no one else's code. Loaded whole at construction; a line that does not
// parse is a start-up error (std::runtime_error naming the line). Thread-safe (one mutex).
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace tongban::web {

class RatingBook {
 public:
  explicit RatingBook(std::filesystem::path file);

  // Records the rating; false (and nothing written) when the case was rated before. Throws std::invalid_argument
  // for a level outside 1..5, std::runtime_error when the file cannot be written.
  bool rate(const std::string& case_id, int level, std::int64_t at_ms);
  std::optional<int> rating(const std::string& case_id) const;

 private:
  std::filesystem::path file_;
  mutable std::mutex mutex_;
  std::map<std::string, int, std::less<>> levels_;
};

}  // namespace tongban::web
