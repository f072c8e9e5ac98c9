#include "accounts/sign_in_throttle.h"

#include <algorithm>
#include <vector>

namespace tongban::accounts {
namespace {

std::string folded(std::string_view login) {
  std::string key(login);
  std::transform(key.begin(), key.end(), key.begin(), [](unsigned char c) { return std::tolower(c); });
  return key;
}

std::chrono::seconds ceil_seconds(SignInThrottle::Clock::duration duration) {
  return std::chrono::ceil<std::chrono::seconds>(duration);
}

}  // namespace

std::chrono::seconds SignInThrottle::delay_after(int failures, int free_failures) const {
  int extra = failures - free_failures;
  if (extra <= 0) return std::chrono::seconds{0};
  std::chrono::seconds delay = policy_.base_delay;
  for (int i = 1; i < extra && delay < policy_.max_delay; ++i) delay *= 2;
  return std::min(delay, policy_.max_delay);
}

std::chrono::seconds SignInThrottle::remaining(const Table& table, const std::string& key,
                                               Clock::time_point now) const {
  auto found = table.find(key);
  if (found == table.end() || found->second.locked_until <= now) return std::chrono::seconds{0};
  return ceil_seconds(found->second.locked_until - now);
}

SignInThrottle::Decision SignInThrottle::check(std::string_view login, std::string_view address,
                                               Clock::time_point now) const {
  std::lock_guard lock(mutex_);
  return Decision{std::max(remaining(logins_, folded(login), now), remaining(addresses_, std::string(address), now))};
}

void SignInThrottle::make_room(Table& table, Clock::time_point now) {
  if (table.size() < policy_.max_keys) return;
  std::erase_if(table, [&](const auto& entry) { return now - entry.second.last_failure >= policy_.forget_after; });
  if (table.size() < policy_.max_keys) return;
  // Still full: drop the unlocked keys that failed least recently, a tenth of the table at a time.
  std::vector<std::pair<Clock::time_point, std::string>> unlocked;
  for (const auto& [key, failures] : table)
    if (failures.locked_until <= now) unlocked.emplace_back(failures.last_failure, key);
  std::size_t drop = std::max<std::size_t>(1, policy_.max_keys / 10);
  drop = std::min(drop, unlocked.size());
  std::partial_sort(unlocked.begin(), unlocked.begin() + static_cast<std::ptrdiff_t>(drop), unlocked.end());
  for (std::size_t i = 0; i < drop; ++i) table.erase(unlocked[i].second);
}

void SignInThrottle::count(Table& table, const std::string& key, int free_failures, Clock::time_point now) {
  auto found = table.find(key);
  if (found == table.end()) {
    make_room(table, now);
    if (table.size() >= policy_.max_keys) return;  // every remembered key is locked: this one goes uncounted
    found = table.emplace(key, Failures{}).first;
  }
  Failures& failures = found->second;
  if (failures.count > 0 && now - failures.last_failure >= policy_.forget_after) failures = Failures{};
  ++failures.count;
  failures.last_failure = now;
  auto delay = delay_after(failures.count, free_failures);
  if (delay.count() > 0) failures.locked_until = now + delay;
}

void SignInThrottle::record_failure(std::string_view login, std::string_view address, Clock::time_point now) {
  std::lock_guard lock(mutex_);
  count(logins_, folded(login), policy_.free_login_failures, now);
  count(addresses_, std::string(address), policy_.free_address_failures, now);
}

void SignInThrottle::record_success(std::string_view login) {
  std::lock_guard lock(mutex_);
  logins_.erase(folded(login));
}

std::size_t SignInThrottle::remembered_keys() const {
  std::lock_guard lock(mutex_);
  return logins_.size() + addresses_.size();
}

}  // namespace tongban::accounts
