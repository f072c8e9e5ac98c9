#include "domain/calendar_date.h"

#include <gtest/gtest.h>

namespace tongban::domain {
namespace {

using namespace std::chrono;

TEST(CalendarDate, FormatAndParseRoundTrip) {
  const CalendarDate date = 2026y / March / 9d;
  EXPECT_EQ(format_date(date), "2026-03-09");
  EXPECT_EQ(parse_date("2026-03-09"), date);
  EXPECT_EQ(parse_date("2024-02-29"), 2024y / February / 29d);
}

TEST(CalendarDate, ParseRejectsInvalidDates) {
  for (const char* text : {"2025-02-29", "2026-13-01", "2026-00-10", "2026-3-9", "20260309", "2026-03-09T00:00",
                           "2026/03/09", "", "abcd-ef-gh", "2026-04-31", "+026-03-09"}) {
    EXPECT_FALSE(parse_date(text).has_value()) << text;
  }
}

TEST(CalendarDate, LocalDateAppliesOffset) {
  // 2025-12-31T16:30:00Z is 2026-01-01 00:30 in Macao (UTC+8) and still 2025-12-31 in UTC.
  const std::int64_t instant =
      static_cast<std::int64_t>(sys_days{2025y / December / 31d}.time_since_epoch() / milliseconds{1}) +
      (16 * 60 + 30) * 60'000LL;
  EXPECT_EQ(local_date(instant, 8 * 60), 2026y / January / 1d);
  EXPECT_EQ(local_date(instant, 0), 2025y / December / 31d);
  EXPECT_EQ(local_date(-1, 0), 1969y / December / 31d);
}

}  // namespace
}  // namespace tongban::domain
