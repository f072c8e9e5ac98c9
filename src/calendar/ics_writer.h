// ICS calendar export: writes a domain::WorkingCalendar as iCalendar (RFC 5545) text that parse_ics reads back to
// the same calendar (same jurisdiction, years with their status, and special days with kind and name).
//
// Output: CRLF line ends, lines folded at 75 octets (RFC 5545 3.1; a fold never splits a UTF-8 character), one
// VEVENT per run of consecutive days of the same kind and name (DTEND exclusive, at most 31 days), text values
// escaped (\\ \; \, \n). The node stores this form when an import updates some years of a stored calendar.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "domain/working_calendar.h"

namespace tongban::calendar {

// One content line folded into lines of at most 75 octets, each ended by CRLF (continuations start with a space).
std::string fold_ics_line(std::string_view line);
// The calendar as iCalendar text; stamp_ms (Unix milliseconds) is written as every event's DTSTAMP.
std::string write_ics(const domain::WorkingCalendar& calendar, std::int64_t stamp_ms);

}  // namespace tongban::calendar
