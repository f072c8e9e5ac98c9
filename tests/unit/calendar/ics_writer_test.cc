#include "calendar/ics_writer.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "calendar/ics_calendar.h"

namespace tongban::calendar {
namespace {

using namespace std::chrono;

// The lines of folded text, without their CRLF.
std::vector<std::string> physical_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = text.find("\r\n", start);
    lines.push_back(text.substr(start, end - start));
    start = end + 2;
  }
  return lines;
}

TEST(IcsWriter, FoldsAt75OctetsWithoutSplittingCharacters) {
  std::string line = "SUMMARY:";
  for (int i = 0; i < 40; ++i) line += "農曆新年";  // 3 octets each
  const std::string folded = fold_ics_line(line);
  const auto lines = physical_lines(folded);
  ASSERT_GT(lines.size(), 1u);
  std::string unfolded;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    EXPECT_LE(lines[i].size(), 75u) << i;
    if (i > 0) {
      ASSERT_EQ(lines[i].front(), ' ');
      EXPECT_NE(static_cast<unsigned char>(lines[i][1]) & 0xC0, 0x80) << "a fold split a character at line " << i;
    }
    unfolded += i == 0 ? lines[i] : lines[i].substr(1);
  }
  EXPECT_EQ(unfolded, line);
  EXPECT_EQ(fold_ics_line("VERSION:2.0"), "VERSION:2.0\r\n");
}

TEST(IcsWriter, RoundTripsShippedCalendars) {
  for (const char* name : {"CN-GD-JM.ics", "MO.ics", "HK.ics"}) {
    const auto original = load_ics_file(std::filesystem::path(TONGBAN_SOURCE_DIR) / "data" / "calendars" / name);
    const std::string text = write_ics(original, 1'796'169'600'000);  // 2026-12-02
    for (const auto& line : physical_lines(text)) EXPECT_LE(line.size(), 75u) << name;
    const auto again = parse_ics(text, name);
    EXPECT_EQ(again.jurisdiction(), original.jurisdiction());
    EXPECT_EQ(again.covered_years(), original.covered_years());
    for (int year : original.covered_years()) EXPECT_EQ(again.year_status(year), original.year_status(year)) << year;
    const auto a = original.special_days();
    const auto b = again.special_days();
    ASSERT_EQ(a.size(), b.size()) << name;
    for (std::size_t i = 0; i < a.size(); ++i) {
      EXPECT_EQ(a[i].date, b[i].date);
      EXPECT_EQ(a[i].kind, b[i].kind);
      EXPECT_EQ(a[i].name, b[i].name);
    }
  }
}

TEST(IcsWriter, EscapesText) {
  domain::WorkingCalendar calendar("TEST");
  calendar.cover_year(2025);
  calendar.mark(2025y / May / 1d, domain::DayKind::holiday, "Labour, Day; a\\b");
  const auto again = parse_ics(write_ics(calendar, 0), "t.ics");
  EXPECT_EQ(again.special_day(2025y / May / 1d)->name, "Labour, Day; a\\b");
}

}  // namespace
}  // namespace tongban::calendar
