#include "domain/kiosk_pin.h"

#include <algorithm>

namespace tongban::domain {

std::optional<std::string> check_kiosk_pin(std::string_view pin) {
  if (pin.size() < kKioskPinMinLength || pin.size() > kKioskPinMaxLength) return "pin_length";
  if (!std::all_of(pin.begin(), pin.end(), [](char c) { return c >= '0' && c <= '9'; })) return "pin_digits";
  bool same = true, up = true, down = true;
  for (std::size_t i = 1; i < pin.size(); ++i) {
    int step = pin[i] - pin[i - 1];
    same = same && step == 0;
    up = up && step == 1;
    down = down && step == -1;
  }
  if (same || up || down) return "pin_guessable";
  return std::nullopt;
}

bool PinAttempts::forgettable(std::int64_t now_ms) const {
  if (locked(now_ms)) return false;
  if (lockouts == 0) return failures == 0;
  return now_ms - locked_until_ms > kKioskMaxLockMs;
}

PinAttempts after_failure(PinAttempts attempts, std::int64_t now_ms) {
  if (attempts.locked(now_ms)) return attempts;
  if (++attempts.failures < kKioskPinAttempts) return attempts;
  std::int64_t lock = kKioskFirstLockMs;
  for (int i = 0; i < attempts.lockouts && lock < kKioskMaxLockMs; ++i) lock *= 2;
  attempts.locked_until_ms = now_ms + std::min(lock, kKioskMaxLockMs);
  attempts.failures = 0;
  ++attempts.lockouts;
  return attempts;
}

}  // namespace tongban::domain
