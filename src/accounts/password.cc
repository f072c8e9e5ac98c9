#include "accounts/password.h"

#include <sodium.h>

#include <array>
#include <stdexcept>

#include "accounts/sodium_ready.h"

namespace tongban::accounts {
namespace {

enum CharacterClass : unsigned { kLower = 1, kUpper = 2, kDigit = 4, kOther = 8 };

unsigned class_of(unsigned char c) {
  if (c >= 'a' && c <= 'z') return kLower;
  if (c >= 'A' && c <= 'Z') return kUpper;
  if (c >= '0' && c <= '9') return kDigit;
  return kOther;
}

// Code points in UTF-8 text: every byte that is not a continuation byte starts one.
std::size_t code_points(std::string_view text) {
  std::size_t count = 0;
  for (unsigned char c : text) {
    if ((c & 0xC0U) != 0x80U) ++count;
  }
  return count;
}

}  // namespace

PasswordCost PasswordCost::interactive() {
  return PasswordCost{crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE};
}

PasswordCost PasswordCost::minimum() {
  return PasswordCost{crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN};
}

std::string hash_password(std::string_view password, PasswordCost cost) {
  if (password.size() > 4 * kPasswordMaxLength) throw std::invalid_argument("password too long to hash");
  ensure_sodium();
  std::array<char, crypto_pwhash_STRBYTES> out{};
  if (crypto_pwhash_str_alg(out.data(), password.data(), password.size(), cost.opslimit, cost.memlimit,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    throw std::runtime_error("Argon2id hashing failed (out of memory?)");
  }
  return std::string(out.data());
}

bool verify_password(std::string_view password, const std::string& stored_hash) {
  if (stored_hash.empty() || stored_hash.size() >= crypto_pwhash_STRBYTES) return false;
  ensure_sodium();
  return crypto_pwhash_str_verify(stored_hash.c_str(), password.data(), password.size()) == 0;
}

bool password_needs_rehash(const std::string& stored_hash, PasswordCost cost) {
  if (stored_hash.size() >= crypto_pwhash_STRBYTES) return true;
  ensure_sodium();
  return crypto_pwhash_str_needs_rehash(stored_hash.c_str(), cost.opslimit, cost.memlimit) != 0;
}

std::optional<std::string> check_password_policy(std::string_view password) {
  const std::size_t length = code_points(password);
  if (length < kPasswordMinLength) return "too_short";
  if (length > kPasswordMaxLength) return "too_long";
  unsigned classes = 0;
  for (unsigned char c : password) classes |= class_of(c);
  if (classes == kLower || classes == kUpper || classes == kDigit || classes == kOther) return "one_character_class";
  return std::nullopt;
}

}  // namespace tongban::accounts
