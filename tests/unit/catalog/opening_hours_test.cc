#include "catalog/opening_hours.h"

#include <gtest/gtest.h>

namespace tongban::catalog {
namespace {

using domain::OpeningPeriod;

TEST(OpeningHours, ParsesRangesListsAndSeveralPeriods) {
  std::vector<OpeningPeriod> periods;
  EXPECT_FALSE(append_opening_hours("Sat,Sun 10:00-12:00 14:00-24:00", periods));
  EXPECT_FALSE(append_opening_hours("Mon-Wed 09:00-17:45", periods));
  ASSERT_EQ(periods.size(), 7u);
  EXPECT_EQ(periods[0].weekday, 1);  // sorted by weekday
  EXPECT_EQ(periods[0].open_minute, 9 * 60);
  EXPECT_EQ(periods[0].close_minute, 17 * 60 + 45);
  EXPECT_EQ(periods[6].weekday, 7);
  EXPECT_EQ(periods[6].close_minute, 24 * 60);
}

TEST(OpeningHours, RejectsMalformedLinesAndLeavesPeriodsUnchanged) {
  std::vector<OpeningPeriod> periods{{1, 540, 600}};
  for (const char* line : {"Mon", "Mon 9:00-12:00", "Mon 12:00-09:00", "Fri-Mon 09:00-12:00", "Mo 09:00-12:00",
                           "Mon 09:00-24:30", "Mon 09:60-10:00", "Mon 09:00"}) {
    EXPECT_TRUE(append_opening_hours(line, periods).has_value()) << line;
  }
  EXPECT_EQ(periods.size(), 1u);
}

TEST(OpeningHours, DetectsOverlaps) {
  std::vector<OpeningPeriod> periods;
  ASSERT_FALSE(append_opening_hours("Mon-Fri 09:00-12:00", periods));
  EXPECT_FALSE(check_opening_periods(periods));
  ASSERT_FALSE(append_opening_hours("Wed 11:00-13:00", periods));
  auto problem = check_opening_periods(periods);
  ASSERT_TRUE(problem);
  EXPECT_NE(problem->find("Wed"), std::string::npos);
}

TEST(OpeningHours, FormatGroupsConsecutiveDaysWithTheSamePeriods) {
  std::vector<OpeningPeriod> periods;
  ASSERT_FALSE(append_opening_hours("Mon-Fri 09:00-12:00", periods));
  ASSERT_FALSE(append_opening_hours("Mon-Fri 14:00-17:30", periods));
  ASSERT_FALSE(append_opening_hours("Sun 10:00-12:00", periods));
  EXPECT_EQ(format_opening_hours(periods),
            (std::vector<std::string>{"Mon-Fri 09:00-12:00 14:00-17:30", "Sun 10:00-12:00"}));
  std::vector<OpeningPeriod> again;
  for (const std::string& line : format_opening_hours(periods)) ASSERT_FALSE(append_opening_hours(line, again));
  EXPECT_EQ(format_opening_hours(again), format_opening_hours(periods));
  EXPECT_EQ(again.size(), periods.size());
}

TEST(OpeningHours, GroupsRunsOfDaysWithTheSamePeriods) {
  std::vector<OpeningPeriod> periods;
  EXPECT_FALSE(append_opening_hours("Mon-Fri 09:00-12:00 14:00-17:30", periods));
  EXPECT_FALSE(append_opening_hours("Sat 09:00-12:00", periods));
  EXPECT_FALSE(append_opening_hours("Sun 09:00-12:00 14:00-17:30", periods));
  auto groups = group_opening_hours(periods);
  ASSERT_EQ(groups.size(), 3u);
  EXPECT_EQ(groups[0].first_weekday, 1);
  EXPECT_EQ(groups[0].last_weekday, 5);
  ASSERT_EQ(groups[0].periods.size(), 2u);
  EXPECT_EQ(groups[0].periods[1].open_minute, 14 * 60);
  EXPECT_EQ(groups[0].periods[1].close_minute, 17 * 60 + 30);
  EXPECT_EQ(groups[1].first_weekday, 6);
  EXPECT_EQ(groups[1].last_weekday, 6);
  EXPECT_EQ(groups[2].first_weekday, 7);  // same hours as Mon-Fri, but not next to them
  EXPECT_TRUE(group_opening_hours({}).empty());
}

}  // namespace
}  // namespace tongban::catalog
