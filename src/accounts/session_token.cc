#include "accounts/session_token.h"

#include <sodium.h>

#include <algorithm>
#include <array>

#include "accounts/sodium_ready.h"

namespace tongban::accounts {
namespace {

constexpr std::size_t kTokenBytes = 32;

bool is_base64url(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

}  // namespace

IssuedToken issue_session_token() {
  ensure_sodium();
  std::array<unsigned char, kTokenBytes> random{};
  randombytes_buf(random.data(), random.size());
  constexpr int kVariant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
  std::array<char, sodium_base64_ENCODED_LEN(kTokenBytes, kVariant)> encoded{};
  sodium_bin2base64(encoded.data(), encoded.size(), random.data(), random.size(), kVariant);
  sodium_memzero(random.data(), random.size());
  IssuedToken issued;
  issued.token = std::string(kSessionTokenPrefix) + encoded.data();
  issued.digest = token_digest(issued.token);
  return issued;
}

std::string token_digest(std::string_view token) {
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(token.data()), token.size());
  std::array<char, 2 * crypto_hash_sha256_BYTES + 1> hex{};
  sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
  return std::string(hex.data());
}

bool looks_like_session_token(std::string_view text) {
  if (text.size() != kSessionTokenLength || !text.starts_with(kSessionTokenPrefix)) return false;
  return std::all_of(text.begin() + kSessionTokenPrefix.size(), text.end(), is_base64url);
}

bool Session::is_expired(std::int64_t now_ms) const {
  return now_ms >= valid_until_ms();
}

std::int64_t Session::valid_until_ms() const {
  return std::min(expires_at_ms, last_used_at_ms + idle_ms);
}

Session start_session(std::string digest, std::string account_id, std::int64_t now_ms, SessionLifetime lifetime) {
  Session session;
  session.token_digest = std::move(digest);
  session.account_id = std::move(account_id);
  session.created_at_ms = now_ms;
  session.last_used_at_ms = now_ms;
  session.expires_at_ms = now_ms + lifetime.absolute_ms;
  session.idle_ms = lifetime.idle_ms;
  return session;
}

Session touched(Session session, std::int64_t now_ms) {
  if (session.is_expired(now_ms)) return session;  // an expired session stays expired
  session.last_used_at_ms = std::max(session.last_used_at_ms, now_ms);
  return session;
}

}  // namespace tongban::accounts
