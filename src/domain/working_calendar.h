// WorkingCalendar: which days of one jurisdiction are working days, for counting legal time limits.
//
// A calendar belongs to one jurisdiction (e.g. "CN-GD-JM", "MO") and knows a set of covered years. Inside the
// covered years a day is a working day unless it is a Saturday or Sunday, a holiday or a full-day exemption; a
// make-up working day (mainland 调休) turns a Saturday or Sunday into a working day; a half-day exemption stays a
// working day but is flagged. Outside the covered years only the weekend rule is known: the counting functions
// still answer with it, and callers detect the gap with covers() / covers_range() (a deadline computed across
// an uncovered year is provisional until that year's calendar is imported).
//
// Each covered year has a status: official (the published arrangement, incl. make-up working days) or provisional
// (only the holidays fixed by law, entered before the official notice: counting uses them, but a due date computed
// across such a year may still move). A year not covered is missing. official_through() is the last day of the
// last year of the unbroken run of official years that holds a given day (readiness warns before it ends).
//
// Invariants: every marked day lies in a covered year; a day has at most one kind; a make-up working day is a
// Saturday or Sunday. mark() and merge() check them and throw std::invalid_argument leaving the calendar unchanged.
// The calendar is a plain value (copyable); it is built once by an importer (calendar/ics_calendar.h) and then
// only read.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/calendar_date.h"

namespace tongban::domain {

enum class DayKind {
  working,             // an ordinary Monday-Friday
  weekend,             // Saturday or Sunday: rest
  holiday,             // public holiday or compensatory day: full-day rest
  makeup_working,      // a Saturday or Sunday declared a working day (调休)
  exemption,           // full-day exemption (Macao 豁免): not a working day
  half_day_exemption,  // half-day exemption: still a working day, flagged
};

std::string_view to_string(DayKind kind);

// How much of a year the calendar knows.
enum class YearStatus {
  official,     // the published arrangement: final
  provisional,  // the statutory holidays only, until the official notice is imported
  missing,      // not covered: the weekend rule only
};

std::string_view to_string(YearStatus status);

// A day that the published calendar names: a holiday, make-up day or exemption.
struct SpecialDay {
  CalendarDate date;
  DayKind kind = DayKind::holiday;
  std::string name;  // as published, in any language ("春节", "Natal")
};

class WorkingCalendar {
 public:
  WorkingCalendar() = default;
  explicit WorkingCalendar(std::string jurisdiction) : jurisdiction_(std::move(jurisdiction)) {}

  const std::string& jurisdiction() const { return jurisdiction_; }
  const std::set<int>& covered_years() const { return covered_years_; }
  YearStatus year_status(int year) const;
  // True when every year from first to last is official (a count over them is final).
  bool official_range(CalendarDate first, CalendarDate last) const;
  // The last day of the unbroken run of official years that holds `day`; nullopt when day's year is not official.
  std::optional<CalendarDate> official_through(CalendarDate day) const;
  // Days from today to official_through(today) (0 on its last day); -1 when today's year is not official.
  int official_days_left(CalendarDate today) const;

  // Building. cover_year must come before marking days of that year.
  void cover_year(int year, YearStatus status = YearStatus::official);  // status: official or provisional
  void mark(CalendarDate date, DayKind kind, std::string name);         // kind: holiday … half_day_exemption
  // Adds the other calendar's years (with their status) and days; same jurisdiction, no year covered by both.
  void merge(const WorkingCalendar& other);
  // A copy in which the update's years (their status and days) replace this calendar's; the other years are kept.
  // Same jurisdiction (else std::invalid_argument). This is how an official notice replaces a provisional year.
  WorkingCalendar updated_with(const WorkingCalendar& update) const;

  bool covers(CalendarDate date) const;
  bool covers_range(CalendarDate first, CalendarDate last) const;  // every year from first to last

  DayKind kind_of(CalendarDate date) const;
  bool is_working_day(CalendarDate date) const;
  bool is_half_day(CalendarDate date) const { return kind_of(date) == DayKind::half_day_exemption; }
  const SpecialDay* special_day(CalendarDate date) const;  // nullptr for an ordinary day
  std::vector<SpecialDay> special_days() const;            // in date order

  // The n-th working day after start (start itself never counts); n == 0 gives start. n < 0 throws.
  CalendarDate add_working_days(CalendarDate start, int n) const;
  // Working days d with from_exclusive < d <= to_inclusive. When to < from: minus the working days in (to, from].
  int working_days_between(CalendarDate from_exclusive, CalendarDate to_inclusive) const;

 private:
  std::string jurisdiction_;
  std::set<int> covered_years_;
  std::set<int> provisional_years_;  // a subset of covered_years_
  std::map<std::chrono::sys_days, SpecialDay> days_;
};

bool is_weekend(CalendarDate date);

}  // namespace tongban::domain
