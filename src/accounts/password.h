// Passwords: Argon2id hashing (libsodium crypto_pwhash_str) and the password policy.
//
// A password is never stored or logged; only the self-describing hash string ("$argon2id$v=19$m=…,t=…,p=1$…")
// is kept, which carries its own salt and cost so that verification needs nothing else. The cost is a parameter:
// production uses PasswordCost::interactive(), tests may use PasswordCost::minimum().
//
// Policy (check_password_policy), first failing rule wins, rule names are stable for the API's [{field, rule}]:
//   "too_short"            fewer than 10 characters (Unicode code points)
//   "too_long"             more than 256 characters (bounds the hashing cost of a request)
//   "one_character_class"  all characters from one class of: lower-case ASCII, upper-case ASCII, digits, other
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace tongban::accounts {

inline constexpr std::size_t kPasswordMinLength = 10;
inline constexpr std::size_t kPasswordMaxLength = 256;

struct PasswordCost {
  unsigned long long opslimit = 0;
  std::size_t memlimit = 0;

  static PasswordCost interactive();  // crypto_pwhash_OPSLIMIT/MEMLIMIT_INTERACTIVE (64 MiB, 2 passes)
  static PasswordCost minimum();      // crypto_pwhash_OPSLIMIT/MEMLIMIT_MIN: for tests only
};

// The Argon2id hash string of `password`. Throws std::invalid_argument for a password longer than the policy's
// maximum (in bytes, 4 × kPasswordMaxLength) and std::runtime_error if hashing fails (out of memory).
std::string hash_password(std::string_view password, PasswordCost cost = PasswordCost::interactive());

// Whether `password` matches `stored_hash`. False (never throws) for a malformed hash.
bool verify_password(std::string_view password, const std::string& stored_hash);

// Whether `stored_hash` was made with another cost or algorithm and should be replaced at the next sign-in.
bool password_needs_rehash(const std::string& stored_hash, PasswordCost cost = PasswordCost::interactive());

// The first policy rule `password` breaks, or nullopt when it is acceptable.
std::optional<std::string> check_password_policy(std::string_view password);

}  // namespace tongban::accounts
