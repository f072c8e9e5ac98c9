#include "http/rate_limiter.h"

#include <algorithm>

namespace tongban::http {

bool RateLimiter::allow(const std::string& client, std::int64_t now_ms) {
  if (per_second_ <= 0) return true;
  std::lock_guard lock(mutex_);
  forget_idle(now_ms);
  auto [it, inserted] = buckets_.try_emplace(client, Bucket{burst_, now_ms});
  Bucket& bucket = it->second;
  double elapsed = static_cast<double>(std::max<std::int64_t>(0, now_ms - bucket.last_ms)) / 1000.0;
  bucket.tokens = std::min(burst_, bucket.tokens + elapsed * per_second_);
  bucket.last_ms = now_ms;
  if (bucket.tokens < 1.0) return false;
  bucket.tokens -= 1.0;
  return true;
}

void RateLimiter::forget_idle(std::int64_t now_ms) {
  constexpr std::int64_t kIdleMs = 60'000;
  if (now_ms - last_sweep_ms_ < kIdleMs) return;
  last_sweep_ms_ = now_ms;
  std::erase_if(buckets_, [&](const auto& entry) { return now_ms - entry.second.last_ms > kIdleMs; });
}

}  // namespace tongban::http
