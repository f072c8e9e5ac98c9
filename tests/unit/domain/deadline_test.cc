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
