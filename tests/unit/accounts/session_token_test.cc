// Session tokens: shape, randomness, digest-only storage and expiry.
#include "accounts/session_token.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace tongban::accounts {
namespace {

TEST(SessionToken, HasThePrefixAnd43Base64UrlCharacters) {
  const IssuedToken issued = issue_session_token();
  EXPECT_EQ(issued.token.size(), 46U);
  EXPECT_TRUE(issued.token.starts_with("tb_"));
  EXPECT_EQ(issued.token.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", 3),
            std::string::npos);
  EXPECT_TRUE(looks_like_session_token(issued.token));
}

TEST(SessionToken, TokensAreUniqueAndOnlyTheirDigestIsKept) {
  std::set<std::string> tokens;
  std::set<std::string> digests;
  for (int i = 0; i < 200; ++i) {
    const IssuedToken issued = issue_session_token();
    tokens.insert(issued.token);
    digests.insert(issued.digest);
    EXPECT_EQ(issued.digest, token_digest(issued.token));
    EXPECT_EQ(issued.digest.size(), 64U);
    EXPECT_EQ(issued.digest.find(issued.token.substr(3)), std::string::npos);
  }
  EXPECT_EQ(tokens.size(), 200U);
  EXPECT_EQ(digests.size(), 200U);
}

TEST(SessionToken, DigestIsSha256HexOfTheWholeToken) {
  // SHA-256("abc"), FIPS 180-2 test vector.
  EXPECT_EQ(token_digest("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_NE(token_digest("tb_x"), token_digest("x"));
}

TEST(SessionToken, ShapeCheckRejectsJunk) {
  const std::string good = issue_session_token().token;
  EXPECT_FALSE(looks_like_session_token(""));
  EXPECT_FALSE(looks_like_session_token(good.substr(0, 45)));
  EXPECT_FALSE(looks_like_session_token(good + "A"));
  EXPECT_FALSE(looks_like_session_token("xx_" + good.substr(3)));
  EXPECT_FALSE(looks_like_session_token("tb_" + std::string(42, 'A') + "="));
  EXPECT_FALSE(looks_like_session_token("tb_" + std::string(42, 'A') + "+"));
}

TEST(Session, ExpiresAfterTheIdleTime) {
  const SessionLifetime lifetime{10'000, 1'000};
  const Session session = start_session("d", "acc-1", 100'000, lifetime);
  EXPECT_FALSE(session.is_expired(100'000));
  EXPECT_FALSE(session.is_expired(100'999));
  EXPECT_TRUE(session.is_expired(101'000));
}

TEST(Session, UseExtendsTheIdleTimeButNeverTheAbsoluteEnd) {
  const SessionLifetime lifetime{10'000, 1'000};
  Session session = start_session("d", "acc-1", 0, lifetime);
  for (std::int64_t now = 900; now < 10'000; now += 900) {
    ASSERT_FALSE(session.is_expired(now)) << now;
    session = touched(session, now);
  }
  EXPECT_EQ(session.expires_at_ms, 10'000);
  EXPECT_TRUE(session.is_expired(10'000));
}

TEST(Session, ALateUseDoesNotReviveAndTimeDoesNotRunBackwards) {
  Session session = start_session("d", "acc-1", 0, SessionLifetime{10'000, 1'000});
  const Session late = touched(session, 5'000);
  EXPECT_EQ(late.last_used_at_ms, 0);
  EXPECT_TRUE(late.is_expired(5'000));
  session = touched(session, 800);
  session = touched(session, 300);  // an out-of-order request does not shorten the session
  EXPECT_EQ(session.last_used_at_ms, 800);
  EXPECT_FALSE(session.is_expired(1'700));
}

}  // namespace
}  // namespace tongban::accounts
