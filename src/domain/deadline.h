// Deadline: the working-day clock of a case (CaseClock in domain/case.h) in the competent jurisdiction's calendar.
//
// Rules: the clock starts at acceptance (受理); counting starts the next working day, so the legal and promised due
// dates are add_working_days(accepted_on, days). While a supplement is awaited (补正) the clock stops: when the
// supplement arrives, the working days in (paused_on, supplied_on] are added to paused_working_days and both due
// dates move forward by that many working days. A due date is the last working day allowed: a case is overdue
// only after it.
//
// The functions are pure: they take a clock and return a new one, and throw DeadlineError (with the clock left
// untouched) when asked to do something out of order (pause a paused clock, resume a running one, resume before
// the pause, …). A due date counted across a year whose calendar is not official (provisional: statutory holidays
// only, or missing: weekends only) is provisional: it may move when the official calendar is imported.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

#include "domain/case.h"
#include "domain/working_calendar.h"

namespace tongban::domain {

class DeadlineError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

// legal_days and promised_days are working days (promised <= legal is usual but not required); both >= 0.
CaseClock start_clock(CalendarDate accepted_on, int legal_days, int promised_days, const WorkingCalendar& calendar);
CaseClock pause_clock(const CaseClock& clock, CalendarDate requested_on);
CaseClock resume_clock(const CaseClock& clock, CalendarDate supplied_on, const WorkingCalendar& calendar);

// True when the count from `counted_from` to `due` crossed a year that is not official in the calendar.
bool is_provisional_due(CalendarDate counted_from, CalendarDate due, const WorkingCalendar& calendar);
// The years from acceptance to the later due date that are not official (provisional or missing), in order;
// empty before acceptance.
std::vector<int> unofficial_years(const CaseClock& clock, const WorkingCalendar& calendar);
// True when either due date is provisional (unofficial_years is not empty).
bool is_provisional(const CaseClock& clock, const WorkingCalendar& calendar);
// The clock counted again after its calendar changed (an official notice replaced a provisional year): each due
// date keeps the number of working days it lay after acceptance in `before` (the time limit plus the days spent
// paused) and is placed that many working days after acceptance in `after`. A clock not started is returned as is.
CaseClock recount_clock(const CaseClock& clock, const WorkingCalendar& before, const WorkingCalendar& after);

enum class DeadlineStatus { on_time, due_soon, overdue };
std::string_view to_string(DeadlineStatus status);

struct DeadlineReport {
  DeadlineStatus status = DeadlineStatus::on_time;  // against the promised due date (legal when none promised)
  DeadlineStatus legal_status = DeadlineStatus::on_time;
  int working_days_left = 0;  // to the promised (or legal) due date; once overdue, minus the working days since
  bool paused = false;        // while paused, the count is frozen at the pause date
};

inline constexpr int kDefaultDueSoonWorkingDays = 3;

// Status of one due date: overdue after it, due_soon when at most due_soon_working_days working days are left.
DeadlineStatus deadline_status(CalendarDate due, CalendarDate today, const WorkingCalendar& calendar,
                               int due_soon_working_days = kDefaultDueSoonWorkingDays);
// Status of a started clock as of today; throws DeadlineError when the clock was never started.
DeadlineReport report_deadline(const CaseClock& clock, CalendarDate today, const WorkingCalendar& calendar,
                               int due_soon_working_days = kDefaultDueSoonWorkingDays);

}  // namespace tongban::domain
