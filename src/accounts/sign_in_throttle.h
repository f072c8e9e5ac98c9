// SignInThrottle: slows down password guessing, per login and per client address, with exponential backoff.
//
// Each failed sign-in counts against the login tried and against the client's address. A login may fail
// `free_login_failures` times, an address `free_address_failures` times; after that each further failure locks
// that key for base_delay × 2^(extra failures − 1), at most max_delay. While a key is locked, a sign-in is refused
// before any password is hashed (Decision::retry_after > 0), whether the password would be right or not, so a
// locked account costs the node nothing. A success clears the login's count (not the address's: an attacker with
// one valid account must not reset their address by signing into it). A key forgets its failures after `forget_after`
// without a new failure.
//
// Unknown logins are counted exactly like known ones, so the throttle does not tell which logins exist.
// Memory is bounded: at most `max_keys` keys per kind are remembered; when full, keys whose lock has run out and
// that failed least recently are dropped first.
//
// Pure logic: no I/O, no clock of its own (callers pass the time). Thread-safe.
#pragma once

#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace tongban::accounts {

struct SignInThrottlePolicy {
  int free_login_failures = 5;
  int free_address_failures = 50;
  std::chrono::seconds base_delay{1};
  std::chrono::seconds max_delay{15 * 60};
  std::chrono::seconds forget_after{60 * 60};
  std::size_t max_keys = 100'000;
};

class SignInThrottle {
 public:
  using Clock = std::chrono::steady_clock;

  struct Decision {
    std::chrono::seconds retry_after{0};  // 0 = go ahead; otherwise refuse and say when to try again
    bool allowed() const { return retry_after.count() == 0; }
  };

  explicit SignInThrottle(SignInThrottlePolicy policy = {}) : policy_(policy) {}

  // Whether a sign-in for `login` from `address` may be tried at `now`. `login` is compared case-insensitively.
  Decision check(std::string_view login, std::string_view address, Clock::time_point now) const;
  void record_failure(std::string_view login, std::string_view address, Clock::time_point now);
  void record_success(std::string_view login);

  std::size_t remembered_keys() const;

 private:
  struct Failures {
    int count = 0;
    Clock::time_point last_failure{};
    Clock::time_point locked_until{};
  };
  using Table = std::unordered_map<std::string, Failures>;

  std::chrono::seconds delay_after(int failures, int free_failures) const;
  void count(Table& table, const std::string& key, int free_failures, Clock::time_point now);
  void make_room(Table& table, Clock::time_point now);
  std::chrono::seconds remaining(const Table& table, const std::string& key, Clock::time_point now) const;

  SignInThrottlePolicy policy_;
  mutable std::mutex mutex_;
  Table logins_;
  Table addresses_;
};

}  // namespace tongban::accounts
