#include "domain/working_calendar.h"

#include <stdexcept>

namespace tongban::domain {

namespace {

using std::chrono::days;
using std::chrono::sys_days;

int year_of(CalendarDate date) {
  return static_cast<int>(date.year());
}

// Counting never walks further than this: a deadline of more than a few hundred years is a bug upstream.
constexpr int kMaxWorkingDays = 100'000;

}  // namespace

std::string_view to_string(DayKind kind) {
  switch (kind) {
    case DayKind::working: return "working";
    case DayKind::weekend: return "weekend";
    case DayKind::holiday: return "holiday";
    case DayKind::makeup_working: return "makeup_working";
    case DayKind::exemption: return "exemption";
    case DayKind::half_day_exemption: return "half_day_exemption";
  }
  return "working";
}

std::string_view to_string(YearStatus status) {
  switch (status) {
    case YearStatus::official: return "official";
    case YearStatus::provisional: return "provisional";
    case YearStatus::missing: return "missing";
  }
  return "missing";
}

bool is_weekend(CalendarDate date) {
  const std::chrono::weekday weekday{sys_days{date}};
  return weekday == std::chrono::Saturday || weekday == std::chrono::Sunday;
}

void WorkingCalendar::cover_year(int year, YearStatus status) {
  if (year < 1900 || year > 2999) throw std::invalid_argument("covered year out of range: " + std::to_string(year));
  if (status == YearStatus::missing) throw std::invalid_argument("a covered year is official or provisional");
  if (covered_years_.count(year) != 0 && year_status(year) != status) {
    throw std::invalid_argument("year " + std::to_string(year) + " is both official and provisional");
  }
  covered_years_.insert(year);
  if (status == YearStatus::provisional) provisional_years_.insert(year);
}

YearStatus WorkingCalendar::year_status(int year) const {
  if (covered_years_.count(year) == 0) return YearStatus::missing;
  return provisional_years_.count(year) != 0 ? YearStatus::provisional : YearStatus::official;
}

bool WorkingCalendar::official_range(CalendarDate first, CalendarDate last) const {
  if (sys_days{last} < sys_days{first}) std::swap(first, last);
  for (int year = year_of(first); year <= year_of(last); ++year) {
    if (year_status(year) != YearStatus::official) return false;
  }
  return true;
}

std::optional<CalendarDate> WorkingCalendar::official_through(CalendarDate day) const {
  int year = year_of(day);
  if (year_status(year) != YearStatus::official) return std::nullopt;
  while (year_status(year + 1) == YearStatus::official) ++year;
  return CalendarDate{std::chrono::year{year}, std::chrono::December, std::chrono::day{31}};
}

void WorkingCalendar::mark(CalendarDate date, DayKind kind, std::string name) {
  if (!date.ok()) throw std::invalid_argument("not a valid date");
  const std::string when = format_date(date);
  if (kind == DayKind::working || kind == DayKind::weekend) {
    throw std::invalid_argument(when + ": only holidays, make-up working days and exemptions can be marked");
  }
  if (!covers(date)) {
    throw std::invalid_argument(when + " is outside the covered years of the calendar");
  }
  if (kind == DayKind::makeup_working && !is_weekend(date)) {
    throw std::invalid_argument(when + " is a make-up working day but not a Saturday or Sunday");
  }
  const auto key = sys_days{date};
  if (const auto found = days_.find(key); found != days_.end()) {
    throw std::invalid_argument(when + " is already marked as " + std::string(to_string(found->second.kind)) + " (" +
                                found->second.name + ")");
  }
  days_.emplace(key, SpecialDay{date, kind, std::move(name)});
}

void WorkingCalendar::merge(const WorkingCalendar& other) {
  if (other.jurisdiction_ != jurisdiction_) {
    throw std::invalid_argument("cannot merge calendar of " + other.jurisdiction_ + " into " + jurisdiction_);
  }
  for (int year : other.covered_years_) {
    if (covered_years_.count(year) != 0) {
      throw std::invalid_argument("year " + std::to_string(year) + " of " + jurisdiction_ + " is covered twice");
    }
  }
  // Disjoint years imply disjoint days, so nothing below can fail.
  covered_years_.insert(other.covered_years_.begin(), other.covered_years_.end());
  provisional_years_.insert(other.provisional_years_.begin(), other.provisional_years_.end());
  days_.insert(other.days_.begin(), other.days_.end());
}

WorkingCalendar WorkingCalendar::updated_with(const WorkingCalendar& update) const {
  if (update.jurisdiction_ != jurisdiction_) {
    throw std::invalid_argument("cannot update calendar of " + jurisdiction_ + " with " + update.jurisdiction_);
  }
  WorkingCalendar kept(jurisdiction_);
  for (int year : covered_years_) {
    if (update.covered_years_.count(year) == 0) kept.cover_year(year, year_status(year));
  }
  for (const auto& [key, day] : days_) {
    if (kept.covers(day.date)) kept.days_.emplace(key, day);
  }
  kept.merge(update);
  return kept;
}

int WorkingCalendar::official_days_left(CalendarDate today) const {
  const auto through = official_through(today);
  if (!through) return -1;
  return static_cast<int>((sys_days{*through} - sys_days{today}).count());
}

bool WorkingCalendar::covers(CalendarDate date) const {
  return covered_years_.count(year_of(date)) != 0;
}

bool WorkingCalendar::covers_range(CalendarDate first, CalendarDate last) const {
  if (sys_days{last} < sys_days{first}) std::swap(first, last);
  for (int year = year_of(first); year <= year_of(last); ++year) {
    if (covered_years_.count(year) == 0) return false;
  }
  return true;
}

DayKind WorkingCalendar::kind_of(CalendarDate date) const {
  if (const auto found = days_.find(sys_days{date}); found != days_.end()) return found->second.kind;
  return is_weekend(date) ? DayKind::weekend : DayKind::working;
}

bool WorkingCalendar::is_working_day(CalendarDate date) const {
  switch (kind_of(date)) {
    case DayKind::working:
    case DayKind::makeup_working:
    case DayKind::half_day_exemption: return true;
    case DayKind::weekend:
    case DayKind::holiday:
    case DayKind::exemption: return false;
  }
  return false;
}

const SpecialDay* WorkingCalendar::special_day(CalendarDate date) const {
  const auto found = days_.find(sys_days{date});
  return found == days_.end() ? nullptr : &found->second;
}

std::vector<SpecialDay> WorkingCalendar::special_days() const {
  std::vector<SpecialDay> out;
  out.reserve(days_.size());
  for (const auto& [key, day] : days_) out.push_back(day);
  return out;
}

CalendarDate WorkingCalendar::add_working_days(CalendarDate start, int n) const {
  if (n < 0) throw std::invalid_argument("cannot add a negative number of working days");
  if (n > kMaxWorkingDays) throw std::invalid_argument("too many working days: " + std::to_string(n));
  sys_days day{start};
  for (int counted = 0; counted < n;) {
    day += days{1};
    if (is_working_day(CalendarDate{day})) ++counted;
  }
  return CalendarDate{day};
}

int WorkingCalendar::working_days_between(CalendarDate from_exclusive, CalendarDate to_inclusive) const {
  const sys_days from{from_exclusive};
  const sys_days to{to_inclusive};
  if (to < from) return -working_days_between(to_inclusive, from_exclusive);
  int count = 0;
  for (sys_days day = from + days{1}; day <= to; day += days{1}) {
    if (is_working_day(CalendarDate{day})) ++count;
  }
  return count;
}

}  // namespace tongban::domain
