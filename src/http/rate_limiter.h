// RateLimiter: a token bucket per client address (requests per second with a burst).
//
// Thread-safe. Buckets of clients idle for a minute are dropped so the table stays bounded. A rate of 0 turns
// limiting off. Time is passed in (milliseconds, monotonic) so tests can drive it.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

namespace tongban::http {

class RateLimiter {
 public:
  RateLimiter(double per_second, double burst) : per_second_(per_second), burst_(burst) {}
  // True when the client may make one more request now; takes a token.
  bool allow(const std::string& client, std::int64_t now_ms);

 private:
  struct Bucket {
    double tokens;
    std::int64_t last_ms;
  };
  void forget_idle(std::int64_t now_ms);

  double per_second_;
  double burst_;
  std::mutex mutex_;
  std::unordered_map<std::string, Bucket> buckets_;
  std::int64_t last_sweep_ms_ = 0;
};

}  // namespace tongban::http
