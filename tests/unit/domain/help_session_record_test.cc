// The video-help session record (domain/help_session_record.h): appended in order, hashed over its canonical
// bytes, bounded, sealed.
#include "domain/help_session_record.h"

#include <gtest/gtest.h>

#include "domain/canonical_bytes.h"

namespace tongban::domain {
namespace {

TEST(HelpSessionRecord, TheHashIsSha256OfTheCanonicalBytes) {
  HelpSessionRecord record("VH-1", "KIOSK-1");
  ASSERT_TRUE(record.append(5, "node", "requested", ""));
  ASSERT_TRUE(record.append(7, "applicant", "offer", R"({"type":"offer","sdp":"v=0"})"));
  std::string expected;
  append_field(expected, "tongban.video_help.v1");
  append_field(expected, "VH-1");
  append_field(expected, "KIOSK-1");
  append_int(expected, 5);
  append_field(expected, "node");
  append_field(expected, "requested");
  append_field(expected, "");
  append_int(expected, 7);
  append_field(expected, "applicant");
  append_field(expected, "offer");
  append_field(expected, R"({"type":"offer","sdp":"v=0"})");
  EXPECT_EQ(record.canonical_bytes(), expected);
  EXPECT_EQ(record.sha256(), sha256_hex(expected));
  EXPECT_EQ(record.sha256().size(), 64u);
}

TEST(HelpSessionRecord, EveryEntryOrderAndFieldChangesTheHash) {
  auto make = [](std::string_view first, std::string_view second, std::string_view party) {
    HelpSessionRecord record("VH-1", "KIOSK-1");
    record.append(1, party, "form", first);
    record.append(2, party, "form", second);
    return record.sha256();
  };
  const std::string base = make("a", "b", "applicant");
  EXPECT_NE(base, make("b", "a", "applicant"));
  EXPECT_NE(base, make("a", "c", "applicant"));
  EXPECT_NE(base, make("a", "b", "clerk"));
  EXPECT_NE(base, make("ab", "", "applicant"));  // the length prefixes keep field boundaries
  EXPECT_EQ(base, make("a", "b", "applicant"));
  HelpSessionRecord other("VH-2", "KIOSK-1");
  other.append(1, "applicant", "form", "a");
  other.append(2, "applicant", "form", "b");
  EXPECT_NE(base, other.sha256());
}

TEST(HelpSessionRecord, ASealedRecordTakesNothingMore) {
  HelpSessionRecord record("VH-1", "KIOSK-1");
  record.append(1, "node", "ended", "clerk_left");
  std::string hash = record.sha256();
  record.seal();
  EXPECT_FALSE(record.append(2, "clerk", "offer", "late"));
  EXPECT_EQ(record.sha256(), hash);
  EXPECT_EQ(record.entries().size(), 1u);
}

TEST(HelpSessionRecord, OverTheBoundsEntriesAreCountedAndMarked) {
  HelpSessionRecord record("VH-1", "KIOSK-1");
  std::string big(HelpSessionRecord::kMaxBytes / 2 + 1, 'x');
  EXPECT_TRUE(record.append(1, "applicant", "form", big));
  EXPECT_FALSE(record.append(2, "applicant", "form", big));
  EXPECT_FALSE(record.append(3, "applicant", "form", "small"));
  ASSERT_EQ(record.entries().size(), 2u);
  EXPECT_EQ(record.entries()[1].kind, "truncated");
  EXPECT_EQ(record.entries()[1].party, "node");
  EXPECT_EQ(record.dropped(), 2u);
}

}  // namespace
}  // namespace tongban::domain
