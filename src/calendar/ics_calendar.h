// ICS calendar import: reads a published holiday calendar in iCalendar (RFC 5545) form into a
// domain::WorkingCalendar. Parsing uses libical; the rules below are tongban's, documented in docs/calendars.md.
//
// One file = one VCALENDAR for one jurisdiction, covering whole years:
//   X-TONGBAN-JURISDICTION:CN-GD-JM      required; letters, digits and '-'
//   X-TONGBAN-YEARS:2025,2026            required; the years the file fully describes (4-digit, comma-separated)
//   X-TONGBAN-PROVISIONAL-YEARS:2027     optional; those of the years that hold only the holidays fixed by law so
//                                        far (no make-up working days): their status is provisional, the others'
//                                        official (domain::YearStatus)
// Each VEVENT is one day or a range of days of one kind:
//   DTSTART;VALUE=DATE:20250128          required, a date (not a date-time)
//   DTEND;VALUE=DATE:20250205            optional, exclusive (RFC 5545); a range of at most 31 days
//   SUMMARY:春节                          required, any language
//   CATEGORIES:HOLIDAY                   exactly one of HOLIDAY (full-day rest, incl. compensatory days),
//                                        WORKDAY (make-up working day on a Saturday/Sunday), EXEMPTION (full-day
//                                        exemption: not a working day), HALF-DAY-EXEMPTION (still a working day);
//                                        other categories are ignored
//   UID                                  optional, used in error messages
// Not accepted: RRULE/RDATE/EXDATE (holidays move every year: list the dates), DURATION, date-times, dates
// outside X-TONGBAN-YEARS, a day marked twice, a WORKDAY on Monday-Friday, lines libical cannot parse.
//
// Errors throw CalendarImportError naming the source (file), the event ("#3 UID cny-2025", empty for calendar-level
// problems) and the problem. Nothing is returned or changed on error: callers get a complete calendar or nothing.
#pragma once

#include <filesystem>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>

#include "domain/working_calendar.h"

namespace tongban::calendar {

class CalendarImportError : public std::runtime_error {
 public:
  CalendarImportError(std::string source, std::string event, std::string problem);
  const std::string& source() const { return source_; }
  const std::string& event() const { return event_; }
  const std::string& problem() const { return problem_; }

 private:
  std::string source_;
  std::string event_;
  std::string problem_;
};

inline constexpr std::size_t kMaxCalendarFileBytes = 1 << 20;

// Parses iCalendar text; source_name is only used in error messages.
domain::WorkingCalendar parse_ics(std::string_view ics_text, std::string_view source_name);
// Reads and parses one .ics file.
domain::WorkingCalendar load_ics_file(const std::filesystem::path& file);
// Every *.ics file of a folder (not recursive), by jurisdiction code. Files of the same jurisdiction are merged
// (each year may be described by one file only), so next year's calendar can be added as a new file.
std::map<std::string, domain::WorkingCalendar> load_calendar_dir(const std::filesystem::path& dir);

}  // namespace tongban::calendar
