// Session tokens: opaque random bearer tokens, kept on the server only as their SHA-256.
//
// A token is "tb_" followed by 32 random bytes in base64url without padding (43 characters), 46 characters in all.
// It is shown to the client once, at sign-in; the store keeps only token_digest(token) (lowercase hex SHA-256 of
// the whole token text), so a database dump or a log does not reveal a usable credential. Looking a token up is
// looking its digest up.
//
// A Session is a plain value with an absolute lifetime (from sign-in) and an idle lifetime (from the last use).
// Expiry is a pure function of the time given; nothing here reads a clock.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace tongban::accounts {

inline constexpr std::string_view kSessionTokenPrefix = "tb_";
inline constexpr std::size_t kSessionTokenLength = 46;

struct IssuedToken {
  std::string token;   // give to the client, never store
  std::string digest;  // store this
};

// A fresh token from libsodium's CSPRNG, with its digest.
IssuedToken issue_session_token();

// Lowercase hex SHA-256 of the token text.
std::string token_digest(std::string_view token);

// Whether `text` has the shape of a token (prefix, length, base64url alphabet); lets callers reject junk before
// touching the store. Says nothing about whether the token is valid.
bool looks_like_session_token(std::string_view text);

struct SessionLifetime {
  std::int64_t absolute_ms = 12LL * 60 * 60 * 1000;  // 12 hours after sign-in at the latest
  std::int64_t idle_ms = 30LL * 60 * 1000;           // 30 minutes without use
};

struct Session {
  std::string token_digest;
  std::string account_id;
  std::int64_t created_at_ms = 0;
  std::int64_t last_used_at_ms = 0;
  std::int64_t expires_at_ms = 0;  // absolute end: created_at_ms + lifetime.absolute_ms
  std::int64_t idle_ms = 0;

  // Expired once `now_ms` reaches the absolute end or idle_ms have passed since the last use.
  bool is_expired(std::int64_t now_ms) const;
  // The time at which the session expires if not used again.
  std::int64_t valid_until_ms() const;
};

// A session starting at `now_ms` for `account_id`, identified by `digest`.
Session start_session(std::string digest, std::string account_id, std::int64_t now_ms, SessionLifetime lifetime = {});

// The session after a use at `now_ms`: last use moves forward, never back; the absolute end never moves; an
// expired session is returned unchanged (a late use does not revive it).
Session touched(Session session, std::int64_t now_ms);

}  // namespace tongban::accounts
