#include "domain/deadline.h"

#include <gtest/gtest.h>

namespace tongban::domain {
namespace {

using namespace std::chrono;

WorkingCalendar mainland_autumn_2025() {
  WorkingCalendar calendar("CN-GD-JM");
  calendar.cover_year(2025);
  for (unsigned d = 1; d <= 8; ++d) calendar.mark(2025y / October / day{d}, DayKind::holiday, "国庆节、中秋节");
  calendar.mark(2025y / September / 28d, DayKind::makeup_working, "调休上班");
  calendar.mark(2025y / October / 11d, DayKind::makeup_working, "调休上班");
  for (unsigned d = 28; d <= 31; ++d) calendar.mark(2025y / January / day{d}, DayKind::holiday, "春节");
  for (unsigned d = 1; d <= 4; ++d) calendar.mark(2025y / February / day{d}, DayKind::holiday, "春节");
  calendar.mark(2025y / January / 26d, DayKind::makeup_working, "调休上班");
  calendar.mark(2025y / February / 8d, DayKind::makeup_working, "调休上班");
  return calendar;
}

TEST(Deadline, StartCountsFromTheNextWorkingDay) {
  const WorkingCalendar calendar = mainland_autumn_2025();
  const CaseClock clock = start_clock(2025y / January / 24d, 5, 3, calendar);
  EXPECT_EQ(clock.started_on, 2025y / January / 24d);
  EXPECT_EQ(clock.legal_due, 2025y / February / 7d);
  EXPECT_EQ(clock.promised_due, 2025y / February / 5d);
  EXPECT_FALSE(clock.paused_on.has_value());
  EXPECT_EQ(clock.paused_working_days, 0);
}

TEST(Deadline, PauseAndResumeAcrossNationalDay) {
  const WorkingCalendar calendar = mainland_autumn_2025();
  const CaseClock started = start_clock(2025y / September / 22d, 10, 10, calendar);
  // 23-26 Sep = 4, Sun 28 Sep = 5, 29-30 Sep = 7, 9-10 Oct = 9, Sat 11 Oct = 10.
  ASSERT_EQ(started.legal_due, 2025y / October / 11d);
  const CaseClock paused = pause_clock(started, 2025y / September / 26d);
  EXPECT_EQ(paused.paused_on, 2025y / September / 26d);
  const CaseClock resumed = resume_clock(paused, 2025y / October / 9d, calendar);
  // Stopped: 28, 29, 30 Sep and 9 Oct = 4 working days; 6 were left, counted from 10 Oct: 10, 11, 13, 14, 15, 16.
  EXPECT_EQ(resumed.paused_working_days, 4);
  EXPECT_FALSE(resumed.paused_on.has_value());
  EXPECT_EQ(resumed.legal_due, 2025y / October / 16d);
  EXPECT_EQ(resumed.promised_due, 2025y / October / 16d);
  EXPECT_EQ(calendar.working_days_between(started.started_on.value(), resumed.legal_due.value()),
            10 + resumed.paused_working_days);
}

TEST(Deadline, PausesAccumulate) {
  const WorkingCalendar calendar = mainland_autumn_2025();
  CaseClock clock = start_clock(2025y / March / 3d, 20, 10, calendar);
  clock = resume_clock(pause_clock(clock, 2025y / March / 5d), 2025y / March / 7d, calendar);    // 6, 7 Mar
  clock = resume_clock(pause_clock(clock, 2025y / March / 10d), 2025y / March / 10d, calendar);  // same day: 0
  clock = resume_clock(pause_clock(clock, 2025y / March / 14d), 2025y / March / 17d, calendar);  // 17 Mar
  EXPECT_EQ(clock.paused_working_days, 3);
  EXPECT_EQ(clock.legal_due, calendar.add_working_days(2025y / March / 3d, 23));
  EXPECT_EQ(clock.promised_due, calendar.add_working_days(2025y / March / 3d, 13));
}

TEST(Deadline, OutOfOrderTransitionsAreRejected) {
  const WorkingCalendar calendar = mainland_autumn_2025();
  const CaseClock never_started;
  EXPECT_THROW((void)pause_clock(never_started, 2025y / March / 3d), DeadlineError);
  const CaseClock started = start_clock(2025y / March / 3d, 20, 10, calendar);
  EXPECT_THROW((void)resume_clock(started, 2025y / March / 4d, calendar), DeadlineError);
  EXPECT_THROW((void)pause_clock(started, 2025y / March / 2d), DeadlineError);
  const CaseClock paused = pause_clock(started, 2025y / March / 5d);
  EXPECT_THROW((void)pause_clock(paused, 2025y / March / 6d), DeadlineError);
  EXPECT_THROW((void)resume_clock(paused, 2025y / March / 4d, calendar), DeadlineError);
  EXPECT_THROW((void)start_clock(2025y / March / 3d, -1, 0, calendar), DeadlineError);
  EXPECT_THROW((void)report_deadline(never_started, 2025y / March / 3d, calendar), DeadlineError);
}

TEST(Deadline, StatusOnTimeDueSoonOverdue) {
  const WorkingCalendar calendar = mainland_autumn_2025();
  const CaseClock clock = start_clock(2025y / January / 24d, 5, 5, calendar);  // due Fri 7 Feb
  EXPECT_EQ(report_deadline(clock, 2025y / January / 24d, calendar).status, DeadlineStatus::on_time);
  EXPECT_EQ(report_deadline(clock, 2025y / January / 24d, calendar).working_days_left, 5);
  // On 27 Jan three working days are left (5, 6, 7 Feb): due soon with the default threshold of 3.
  EXPECT_EQ(report_deadline(clock, 2025y / January / 27d, calendar).status, DeadlineStatus::due_soon);
  EXPECT_EQ(report_deadline(clock, 2025y / January / 27d, calendar, 2).status, DeadlineStatus::on_time);
  EXPECT_EQ(report_deadline(clock, 2025y / February / 7d, calendar).status, DeadlineStatus::due_soon);
  EXPECT_EQ(report_deadline(clock, 2025y / February / 7d, calendar).working_days_left, 0);
  const DeadlineReport late = report_deadline(clock, 2025y / February / 10d, calendar);
  EXPECT_EQ(late.status, DeadlineStatus::overdue);
  EXPECT_EQ(late.legal_status, DeadlineStatus::overdue);
  EXPECT_EQ(late.working_days_left, -2);  // Sat 8 Feb (make-up) and Mon 10 Feb
}

TEST(Deadline, PausedClockIsFrozen) {
  const WorkingCalendar calendar = mainland_autumn_2025();
  const CaseClock paused = pause_clock(start_clock(2025y / January / 24d, 5, 5, calendar), 2025y / January / 24d);
  const DeadlineReport report = report_deadline(paused, 2025y / March / 31d, calendar);
  EXPECT_TRUE(report.paused);
  EXPECT_EQ(report.status, DeadlineStatus::on_time);
  EXPECT_EQ(report.working_days_left, 5);
}

TEST(Deadline, ProvisionalWhenTheDueDateLeavesTheCoveredYears) {
  const WorkingCalendar calendar = mainland_autumn_2025();
  EXPECT_FALSE(is_provisional(start_clock(2025y / March / 3d, 20, 10, calendar), calendar));
  EXPECT_TRUE(is_provisional(start_clock(2025y / December / 15d, 20, 10, calendar), calendar));
}

}  // namespace
}  // namespace tongban::domain

namespace tongban::domain {
namespace {

using namespace std::chrono;

// Official 2026, 2027 with the statutory Spring Festival only (provisional).
WorkingCalendar mainland_2026_official_2027_provisional() {
  WorkingCalendar calendar("CN-GD-JM");
  calendar.cover_year(2026);
  calendar.cover_year(2027, YearStatus::provisional);
  calendar.mark(2027y / January / 1d, DayKind::holiday, "元旦");
  for (unsigned d = 5; d <= 8; ++d) calendar.mark(2027y / February / day{d}, DayKind::holiday, "春节");
  return calendar;
}

TEST(Deadline, SixtyWorkingDaysAcrossIntoAProvisionalYear) {
  const WorkingCalendar calendar = mainland_2026_official_2027_provisional();
  const CaseClock clock = start_clock(2026y / December / 1d, 60, 40, calendar);
  EXPECT_EQ(clock.legal_due, 2027y / February / 26d);    // 1 Jan, 5 and 8 Feb are not counted
  EXPECT_EQ(clock.promised_due, 2027y / January / 27d);  // 22 in December, 18 in January after 1 Jan
  EXPECT_TRUE(is_provisional(clock, calendar));
  EXPECT_TRUE(is_provisional_due(*clock.started_on, *clock.legal_due, calendar));
  EXPECT_EQ(unofficial_years(clock, calendar), std::vector<int>{2027});
  const CaseClock short_clock = start_clock(2026y / December / 1d, 10, 5, calendar);
  EXPECT_FALSE(is_provisional(short_clock, calendar));
  EXPECT_TRUE(unofficial_years(short_clock, calendar).empty());
}

TEST(Deadline, MissingYearsAreListedToo) {
  const WorkingCalendar calendar = mainland_2026_official_2027_provisional();
  const CaseClock clock = start_clock(2027y / December / 1d, 60, 60, calendar);
  EXPECT_EQ(unofficial_years(clock, calendar), (std::vector<int>{2027, 2028}));
  EXPECT_TRUE(unofficial_years(CaseClock{}, calendar).empty());
}

}  // namespace
}  // namespace tongban::domain

namespace tongban::domain {
namespace {

using namespace std::chrono;

TEST(Deadline, RecountKeepsTheWorkingDaysAndMovesToTheNewCalendar) {
  WorkingCalendar provisional("CN-GD-JM");
  provisional.cover_year(2026);
  provisional.cover_year(2027, YearStatus::provisional);
  for (unsigned d = 5; d <= 8; ++d) provisional.mark(2027y / February / day{d}, DayKind::holiday, "春节");
  WorkingCalendar notice("CN-GD-JM");
  notice.cover_year(2027);
  for (unsigned d = 5; d <= 12; ++d) notice.mark(2027y / February / day{d}, DayKind::holiday, "春节");
  notice.mark(2027y / February / 20d, DayKind::makeup_working, "春节调休上班");
  const WorkingCalendar official = provisional.updated_with(notice);

  CaseClock clock = start_clock(2026y / December / 1d, 60, 10, provisional);
  clock = resume_clock(pause_clock(clock, 2026y / December / 7d), 2026y / December / 9d, provisional);  // +2
  ASSERT_EQ(clock.legal_due, 2027y / March / 1d);
  const CaseClock recounted = recount_clock(clock, provisional, official);
  // 62 working days after 1 Dec: 9-12 Feb are now holidays, Sat 20 Feb a working day: 3 days later.
  EXPECT_EQ(recounted.legal_due, 2027y / March / 4d);
  EXPECT_EQ(official.working_days_between(2026y / December / 1d, *recounted.legal_due), 62);
  EXPECT_EQ(recounted.promised_due, clock.promised_due);  // within official 2026: unchanged
  EXPECT_EQ(recounted.paused_working_days, 2);
  EXPECT_FALSE(is_provisional(recounted, official));
  EXPECT_FALSE(recount_clock(CaseClock{}, provisional, official).legal_due.has_value());
}

}  // namespace
}  // namespace tongban::domain
