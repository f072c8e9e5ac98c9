// Opening hours as written in the catalog files: one line per day or day range, then one or more periods.
//
//   "Mon-Thu 09:00-17:45"   "Fri 09:00-17:30"   "Sat,Sun 10:00-12:00 14:00-18:00"
//
// Days are Mon Tue Wed Thu Fri Sat Sun; a range runs forward within the week; times are HH:MM with 24:00 allowed as a
// closing time; every period opens before it closes. Parsed periods are kept sorted by (weekday, open, close) so the
// same hours always give the same vector, whichever way the lines were grouped.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/catalog.h"

namespace tongban::catalog {

// Adds the periods of one line to `periods` and re-sorts them. Returns an error message and leaves `periods`
// unchanged when the line is malformed.
std::optional<std::string> append_opening_hours(std::string_view line, std::vector<domain::OpeningPeriod>& periods);

// Error message when two periods of the same day overlap or a period is out of range, nullopt when the hours are fine.
std::optional<std::string> check_opening_periods(const std::vector<domain::OpeningPeriod>& periods);

// Consecutive days that have the same periods, Monday first: the days first_weekday..last_weekday (1 = Monday) each
// open for `periods`, in order. Days without periods (closed) are in no group.
struct OpeningDays {
  struct Period {
    int open_minute = 0;
    int close_minute = 0;
    bool operator==(const Period&) const = default;
  };
  int first_weekday = 1;
  int last_weekday = 1;
  std::vector<Period> periods;
};
std::vector<OpeningDays> group_opening_hours(const std::vector<domain::OpeningPeriod>& periods);

// The canonical lines for a set of periods: consecutive days with the same periods share one line.
std::vector<std::string> format_opening_hours(const std::vector<domain::OpeningPeriod>& periods);

}  // namespace tongban::catalog
