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

bool is_provisional(const CaseClock& clock, const WorkingCalendar& calendar) {
  if (!clock.started_on) return false;
  for (const auto& due : {clock.legal_due, clock.promised_due}) {
    if (due && !calendar.covers_range(*clock.started_on, *due)) return true;
  }
  return false;
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
