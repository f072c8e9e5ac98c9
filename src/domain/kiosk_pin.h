// The kiosk PIN and the lockout of kiosk sign-in: pure rules, no I/O, no clock (times are given).
//
// A holder signs in at a kiosk with the identity card the reader read PLUS a PIN they set on their account page.
//
// PIN policy (check_kiosk_pin), first failing rule wins, rule names are stable for [{field, rule}]:
//   "pin_length"   not 6 to 12 characters
//   "pin_digits"   a character that is not an ASCII digit
//   "pin_guessable" every digit the same (111111) or one straight run up or down (123456, 987654)
//
// Lockout (PinAttempts): failures are counted per identity document — whether or not an account holds it, so a
// lockout says nothing about which documents exist. After kKioskPinAttempts failures in a row the document is locked
// for kKioskFirstLockMs; each further lockout doubles the lock (backoff) up to kKioskMaxLockMs. While locked, every
// attempt fails (the right PIN too) and is not counted. A success clears the record.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tongban::domain {

inline constexpr std::size_t kKioskPinMinLength = 6;
inline constexpr std::size_t kKioskPinMaxLength = 12;

// The rule the PIN breaks, or nullopt when it is acceptable.
std::optional<std::string> check_kiosk_pin(std::string_view pin);

inline constexpr int kKioskPinAttempts = 5;
inline constexpr std::int64_t kKioskFirstLockMs = 5LL * 60 * 1000;      // 5 minutes
inline constexpr std::int64_t kKioskMaxLockMs = 24LL * 60 * 60 * 1000;  // 1 day

struct PinAttempts {
  int failures = 0;  // failures since the last lock ended (or the last success)
  int lockouts = 0;  // locks so far (each one doubles the next)
  std::int64_t locked_until_ms = 0;

  bool locked(std::int64_t now_ms) const { return now_ms < locked_until_ms; }
  // Whether the record can be forgotten at now_ms: not locked and nothing counted that still matters (a record
  // with past lockouts is kept for a day after its lock so that the backoff holds).
  bool forgettable(std::int64_t now_ms) const;
};

// The record after a failed attempt at now_ms (unchanged while locked).
PinAttempts after_failure(PinAttempts attempts, std::int64_t now_ms);

}  // namespace tongban::domain
