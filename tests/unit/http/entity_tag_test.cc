// Entity tags and If-None-Match (RFC 9110 §13.1.2): weak comparison, "*", lists, malformed fields.
#include "http/entity_tag.h"

#include <gtest/gtest.h>

namespace tongban::http {
namespace {

constexpr std::string_view kTag = "\"0123456789abcdef0123456789abcdef\"";

TEST(EntityTag, IsTheFirst32HexDigitsQuoted) {
  EXPECT_EQ(strong_entity_tag("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"), kTag);
}

TEST(EntityTag, OfABodyIsThatOfItsSha256) {
  // SHA-256("abc") = ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
  EXPECT_EQ(strong_entity_tag_of("abc"), "\"ba7816bf8f01cfea414140de5dae2223\"");
  EXPECT_EQ(strong_entity_tag_of("abc"),
            strong_entity_tag("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
}

TEST(IfNoneMatch, MatchesTheSameTag) {
  EXPECT_TRUE(if_none_match_hits(kTag, kTag));
  EXPECT_FALSE(if_none_match_hits("\"0123456789abcdef0123456789abcdee\"", kTag));
  EXPECT_FALSE(if_none_match_hits("", kTag));
}

TEST(IfNoneMatch, ComparesWeakly) {
  EXPECT_TRUE(if_none_match_hits("W/\"0123456789abcdef0123456789abcdef\"", kTag));
  EXPECT_TRUE(if_none_match_hits(kTag, "W/\"0123456789abcdef0123456789abcdef\""));
}

TEST(IfNoneMatch, StarMatchesAnyRepresentation) {
  EXPECT_TRUE(if_none_match_hits("*", kTag));
  EXPECT_TRUE(if_none_match_hits("  * ", kTag));
}

TEST(IfNoneMatch, FindsTheTagInAList) {
  EXPECT_TRUE(if_none_match_hits("\"a\", W/\"b\",\"0123456789abcdef0123456789abcdef\"", kTag));
  EXPECT_TRUE(if_none_match_hits(" , \"a\" ,, \"0123456789abcdef0123456789abcdef\" ", kTag));
  EXPECT_FALSE(if_none_match_hits("\"a\", \"b\"", kTag));
}

TEST(IfNoneMatch, AMalformedFieldMatchesNothing) {
  EXPECT_FALSE(if_none_match_hits("0123456789abcdef0123456789abcdef", kTag));            // unquoted
  EXPECT_FALSE(if_none_match_hits("\"0123456789abcdef0123456789abcdef", kTag));          // unterminated
  EXPECT_FALSE(if_none_match_hits("\"a\" \"0123456789abcdef0123456789abcdef\"", kTag));  // no comma
  EXPECT_FALSE(if_none_match_hits("w/\"0123456789abcdef0123456789abcdef\"", kTag));      // W/ is case-sensitive
}

}  // namespace
}  // namespace tongban::http
