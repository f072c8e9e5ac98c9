#include "domain/working_calendar.h"

#include <gtest/gtest.h>

#include <stdexcept>

namespace tongban::domain {
namespace {

using namespace std::chrono;

// The mainland 2025 calendar as published by the State Council (see domain/items-reference.md).
WorkingCalendar mainland_2025() {
  WorkingCalendar calendar("CN-GD-JM");
  calendar.cover_year(2025);
  const auto holidays = [&](CalendarDate first, int count, const char* name) {
    for (int i = 0; i < count; ++i) calendar.mark(CalendarDate{sys_days{first} + days{i}}, DayKind::holiday, name);
  };
  holidays(2025y / January / 1d, 1, "元旦");
  holidays(2025y / January / 28d, 8, "春节");
  holidays(2025y / April / 4d, 3, "清明节");
  holidays(2025y / May / 1d, 5, "劳动节");
  holidays(2025y / May / 31d, 3, "端午节");
  holidays(2025y / October / 1d, 8, "国庆节、中秋节");
  for (CalendarDate makeup : {2025y / January / 26d, 2025y / February / 8d, 2025y / April / 27d,
                              2025y / September / 28d, 2025y / October / 11d}) {
    calendar.mark(makeup, DayKind::makeup_working, "调休上班");
  }
  return calendar;
}

WorkingCalendar macao_january_2025() {
  WorkingCalendar calendar("MO");
  calendar.cover_year(2025);
  calendar.mark(2025y / January / 28d, DayKind::half_day_exemption, "農曆除夕下午豁免上班");
  for (unsigned d = 29; d <= 31; ++d) calendar.mark(2025y / January / day{d}, DayKind::holiday, "農曆新年");
  calendar.mark(2025y / February / 3d, DayKind::exemption, "豁免上班");
  return calendar;
}

TEST(WorkingCalendar, MainlandSpringFestival2025) {
  const WorkingCalendar calendar = mainland_2025();
  EXPECT_FALSE(calendar.is_working_day(2025y / January / 25d));  // Saturday
  EXPECT_TRUE(calendar.is_working_day(2025y / January / 26d));   // Sunday, make-up
  EXPECT_EQ(calendar.kind_of(2025y / January / 26d), DayKind::makeup_working);
  for (unsigned d = 28; d <= 31; ++d) EXPECT_FALSE(calendar.is_working_day(2025y / January / day{d}));
  for (unsigned d = 1; d <= 4; ++d) EXPECT_FALSE(calendar.is_working_day(2025y / February / day{d}));
  EXPECT_TRUE(calendar.is_working_day(2025y / February / 5d));
  EXPECT_TRUE(calendar.is_working_day(2025y / February / 8d));   // Saturday, make-up
  EXPECT_FALSE(calendar.is_working_day(2025y / February / 9d));  // Sunday
  EXPECT_EQ(calendar.special_day(2025y / January / 29d)->name, "春节");
}

TEST(WorkingCalendar, AddWorkingDaysAcrossSpringFestival) {
  const WorkingCalendar calendar = mainland_2025();
  const CalendarDate accepted = 2025y / January / 24d;  // Friday
  // 26 Jan (make-up Sun) = 1, 27 Jan = 2, holidays until 4 Feb, 5 Feb = 3, 6 Feb = 4, 7 Feb = 5, Sat 8 Feb = 6.
  EXPECT_EQ(calendar.add_working_days(accepted, 1), 2025y / January / 26d);
  EXPECT_EQ(calendar.add_working_days(accepted, 3), 2025y / February / 5d);
  EXPECT_EQ(calendar.add_working_days(accepted, 5), 2025y / February / 7d);
  EXPECT_EQ(calendar.add_working_days(accepted, 6), 2025y / February / 8d);
  EXPECT_EQ(calendar.add_working_days(accepted, 7), 2025y / February / 10d);
  EXPECT_EQ(calendar.add_working_days(accepted, 0), accepted);
  EXPECT_THROW((void)calendar.add_working_days(accepted, -1), std::invalid_argument);
}

TEST(WorkingCalendar, WorkingDaysBetweenInvertsAdd) {
  const WorkingCalendar calendar = mainland_2025();
  const CalendarDate from = 2025y / January / 24d;
  EXPECT_EQ(calendar.working_days_between(from, 2025y / February / 7d), 5);
  EXPECT_EQ(calendar.working_days_between(2025y / February / 7d, from), -5);
  EXPECT_EQ(calendar.working_days_between(from, from), 0);
  for (int n = 0; n <= 40; ++n) {
    EXPECT_EQ(calendar.working_days_between(from, calendar.add_working_days(from, n)), n) << n;
  }
  // National Day week: 1-8 Oct off, Sun 28 Sep and Sat 11 Oct on: 28, 29, 30 Sep and 9, 10, 11 Oct.
  EXPECT_EQ(calendar.working_days_between(2025y / September / 26d, 2025y / October / 12d), 6);
}

TEST(WorkingCalendar, MacaoExemptions) {
  const WorkingCalendar calendar = macao_january_2025();
  EXPECT_TRUE(calendar.is_working_day(2025y / January / 28d));
  EXPECT_TRUE(calendar.is_half_day(2025y / January / 28d));
  EXPECT_FALSE(calendar.is_half_day(2025y / January / 27d));
  EXPECT_FALSE(calendar.is_working_day(2025y / February / 3d));  // full-day exemption
  EXPECT_EQ(calendar.kind_of(2025y / February / 3d), DayKind::exemption);
  // Mon 27 Jan accepted: 28 Jan (half day) = 1, 29-31 holidays, weekend, 3 Feb exempt, 4 Feb = 2.
  EXPECT_EQ(calendar.add_working_days(2025y / January / 27d, 2), 2025y / February / 4d);
}

TEST(WorkingCalendar, CoverageIsDetectable) {
  const WorkingCalendar calendar = mainland_2025();
  EXPECT_TRUE(calendar.covers(2025y / December / 31d));
  EXPECT_FALSE(calendar.covers(2026y / January / 1d));
  EXPECT_FALSE(calendar.covers(2024y / December / 31d));
  EXPECT_TRUE(calendar.covers_range(2025y / January / 1d, 2025y / December / 31d));
  EXPECT_FALSE(calendar.covers_range(2025y / December / 1d, 2026y / January / 5d));
  // Outside coverage only the weekend rule is known.
  EXPECT_TRUE(calendar.is_working_day(2026y / January / 1d));
  EXPECT_FALSE(calendar.is_working_day(2026y / January / 3d));
}

TEST(WorkingCalendar, MarkRejectsInconsistentDaysAndChangesNothing) {
  WorkingCalendar calendar = mainland_2025();
  const auto before = calendar.special_days().size();
  EXPECT_THROW(calendar.mark(2026y / January / 1d, DayKind::holiday, "outside"), std::invalid_argument);
  EXPECT_THROW(calendar.mark(2025y / March / 3d, DayKind::makeup_working, "a Monday"), std::invalid_argument);
  EXPECT_THROW(calendar.mark(2025y / January / 1d, DayKind::exemption, "twice"), std::invalid_argument);
  EXPECT_THROW(calendar.mark(2025y / March / 3d, DayKind::working, "plain"), std::invalid_argument);
  EXPECT_EQ(calendar.special_days().size(), before);
  EXPECT_EQ(calendar.kind_of(2025y / January / 1d), DayKind::holiday);
}

TEST(WorkingCalendar, MergeAddsYearsOfTheSameJurisdiction) {
  WorkingCalendar calendar = mainland_2025();
  WorkingCalendar next("CN-GD-JM");
  next.cover_year(2026);
  next.mark(2026y / January / 1d, DayKind::holiday, "元旦");
  calendar.merge(next);
  EXPECT_TRUE(calendar.covers(2026y / June / 1d));
  EXPECT_FALSE(calendar.is_working_day(2026y / January / 1d));
  EXPECT_THROW(calendar.merge(next), std::invalid_argument);  // 2026 twice
  EXPECT_THROW(calendar.merge(WorkingCalendar("MO")), std::invalid_argument);
  EXPECT_EQ(calendar.covered_years().size(), 2u);
}

}  // namespace
}  // namespace tongban::domain

namespace tongban::domain {
namespace {

using namespace std::chrono;

TEST(WorkingCalendarYears, OfficialProvisionalMissing) {
  WorkingCalendar calendar("CN-GD-JM");
  calendar.cover_year(2025);
  calendar.cover_year(2026, YearStatus::official);
  calendar.cover_year(2027, YearStatus::provisional);
  EXPECT_EQ(calendar.year_status(2025), YearStatus::official);
  EXPECT_EQ(calendar.year_status(2027), YearStatus::provisional);
  EXPECT_EQ(calendar.year_status(2028), YearStatus::missing);
  EXPECT_TRUE(calendar.covers(2027y / March / 1d));  // provisional days count, with the holidays known so far
  EXPECT_TRUE(calendar.official_range(2025y / March / 1d, 2026y / December / 31d));
  EXPECT_FALSE(calendar.official_range(2026y / December / 1d, 2027y / January / 1d));
  EXPECT_EQ(calendar.official_through(2025y / June / 1d), 2026y / December / 31d);
  EXPECT_FALSE(calendar.official_through(2027y / June / 1d).has_value());
  EXPECT_FALSE(calendar.official_through(2030y / June / 1d).has_value());
  EXPECT_EQ(calendar.official_days_left(2026y / December / 2d), 29);
  EXPECT_EQ(calendar.official_days_left(2026y / December / 31d), 0);
  EXPECT_EQ(calendar.official_days_left(2025y / December / 31d), 365);
  EXPECT_EQ(calendar.official_days_left(2027y / January / 1d), -1);
  EXPECT_EQ(to_string(YearStatus::provisional), "provisional");
  EXPECT_THROW(calendar.cover_year(2027, YearStatus::official), std::invalid_argument);
  EXPECT_THROW(calendar.cover_year(2029, YearStatus::missing), std::invalid_argument);
}

TEST(WorkingCalendarYears, UpdateReplacesOnlyTheUpdatedYears) {
  WorkingCalendar calendar("CN-GD-JM");
  calendar.cover_year(2026);
  calendar.cover_year(2027, YearStatus::provisional);
  calendar.mark(2026y / October / 1d, DayKind::holiday, "国庆节");
  calendar.mark(2027y / February / 5d, DayKind::holiday, "春节");
  WorkingCalendar notice("CN-GD-JM");
  notice.cover_year(2027);
  for (unsigned d = 5; d <= 12; ++d) notice.mark(2027y / February / day{d}, DayKind::holiday, "春节");
  notice.mark(2027y / February / 20d, DayKind::makeup_working, "春节调休上班");
  const WorkingCalendar updated = calendar.updated_with(notice);
  EXPECT_EQ(updated.year_status(2027), YearStatus::official);
  EXPECT_EQ(updated.year_status(2026), YearStatus::official);
  EXPECT_FALSE(updated.is_working_day(2026y / October / 1d));  // kept
  EXPECT_FALSE(updated.is_working_day(2027y / February / 12d));
  EXPECT_TRUE(updated.is_working_day(2027y / February / 20d));
  EXPECT_EQ(calendar.year_status(2027), YearStatus::provisional);  // the original is unchanged
  EXPECT_THROW((void)calendar.updated_with(WorkingCalendar("MO")), std::invalid_argument);
}

TEST(WorkingCalendarYears, MergeKeepsTheStatus) {
  WorkingCalendar calendar("MO");
  calendar.cover_year(2026);
  WorkingCalendar next("MO");
  next.cover_year(2027, YearStatus::provisional);
  calendar.merge(next);
  EXPECT_EQ(calendar.year_status(2027), YearStatus::provisional);
}

}  // namespace
}  // namespace tongban::domain
