#include "domain/deadline.h"

namespace tongban::domain {

namespace {

using std::chrono::sys_days;

void require_started(const CaseClock& clock) {
  if (!clock.started_on || !clock.legal_due) throw DeadlineError("the case clock has not been started");
}

CalendarDate effective_due(const CaseClock& clock) {
  return clock.promised_due ? *clock.promised_due : *clock.legal_due;
}

}  // namespace

CaseClock start_clock(CalendarDate accepted_on, int legal_days, int promised_days, const WorkingCalendar& calendar) {
  if (!accepted_on.ok()) throw DeadlineError("acceptance date is not a valid date");
  if (legal_days < 0 || promised_days < 0) throw DeadlineError("time limits must not be negative");
  CaseClock clock;
  clock.started_on = accepted_on;
  clock.legal_due = calendar.add_working_days(accepted_on, legal_days);
  clock.promised_due = calendar.add_working_days(accepted_on, promised_days);
  return clock;
}

CaseClock pause_clock(const CaseClock& clock, CalendarDate requested_on) {
  require_started(clock);
  if (clock.paused_on) throw DeadlineError("the case clock is already paused since " + format_date(*clock.paused_on));
  if (sys_days{requested_on} < sys_days{*clock.started_on}) {
    throw DeadlineError("a supplement cannot be requested before acceptance (" + format_date(*clock.started_on) + ")");
  }
  CaseClock paused = clock;
  paused.paused_on = requested_on;
  return paused;
}

CaseClock resume_clock(const CaseClock& clock, CalendarDate supplied_on, const WorkingCalendar& calendar) {
  require_started(clock);
  if (!clock.paused_on) throw DeadlineError("the case clock is not paused");
  if (sys_days{supplied_on} < sys_days{*clock.paused_on}) {
    throw DeadlineError("the supplement cannot arrive before it was requested (" + format_date(*clock.paused_on) + ")");
  }
  const int stopped = calendar.working_days_between(*clock.paused_on, supplied_on);
  CaseClock resumed = clock;
  resumed.paused_on.reset();
  resumed.paused_working_days += stopped;
  resumed.legal_due = calendar.add_working_days(*clock.legal_due, stopped);
  if (clock.promised_due) resumed.promised_due = calendar.add_working_days(*clock.promised_due, stopped);
  return resumed;
}

bool is_provisional_due(CalendarDate counted_from, CalendarDate due, const WorkingCalendar& calendar) {
  return !calendar.official_range(counted_from, due);
}

std::vector<int> unofficial_years(const CaseClock& clock, const WorkingCalendar& calendar) {
  std::vector<int> years;
  if (!clock.started_on) return years;
  sys_days last{*clock.started_on};
  for (const auto& due : {clock.legal_due, clock.promised_due}) {
    if (due && sys_days{*due} > last) last = sys_days{*due};
  }
  const int first_year = static_cast<int>(clock.started_on->year());
  const int last_year = static_cast<int>(CalendarDate{last}.year());
  for (int year = first_year; year <= last_year; ++year) {
    if (calendar.year_status(year) != YearStatus::official) years.push_back(year);
  }
  return years;
}

bool is_provisional(const CaseClock& clock, const WorkingCalendar& calendar) {
  return !unofficial_years(clock, calendar).empty();
}

CaseClock recount_clock(const CaseClock& clock, const WorkingCalendar& before, const WorkingCalendar& after) {
  if (!clock.started_on) return clock;
  const auto recount = [&](const std::optional<CalendarDate>& due) -> std::optional<CalendarDate> {
    if (!due) return due;
    const int working_days = before.working_days_between(*clock.started_on, *due);
    return after.add_working_days(*clock.started_on, working_days < 0 ? 0 : working_days);
  };
  CaseClock recounted = clock;
  recounted.legal_due = recount(clock.legal_due);
  recounted.promised_due = recount(clock.promised_due);
  return recounted;
}

std::string_view to_string(DeadlineStatus status) {
  switch (status) {
    case DeadlineStatus::on_time: return "on_time";
    case DeadlineStatus::due_soon: return "due_soon";
    case DeadlineStatus::overdue: return "overdue";
  }
  return "on_time";
}

DeadlineStatus deadline_status(CalendarDate due, CalendarDate today, const WorkingCalendar& calendar,
                               int due_soon_working_days) {
  if (sys_days{today} > sys_days{due}) return DeadlineStatus::overdue;
  const int left = calendar.working_days_between(today, due);
  return left <= due_soon_working_days ? DeadlineStatus::due_soon : DeadlineStatus::on_time;
}

DeadlineReport report_deadline(const CaseClock& clock, CalendarDate today, const WorkingCalendar& calendar,
                               int due_soon_working_days) {
  require_started(clock);
  // While paused, time stands still at the pause date.
  const CalendarDate as_of = clock.paused_on ? *clock.paused_on : today;
  const CalendarDate due = effective_due(clock);
  DeadlineReport report;
  report.paused = clock.paused_on.has_value();
  report.status = deadline_status(due, as_of, calendar, due_soon_working_days);
  report.legal_status = deadline_status(*clock.legal_due, as_of, calendar, due_soon_working_days);
  report.working_days_left = calendar.working_days_between(as_of, due);
  return report;
}

}  // namespace tongban::domain
