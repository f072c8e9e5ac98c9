// CalendarDate: a civil date (no time, no zone), the unit in which legal time limits are counted.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace tongban::domain {

using CalendarDate = std::chrono::year_month_day;

// "2026-03-09" <-> CalendarDate. parse_date rejects anything that is not a valid ISO 8601 calendar date.
std::string format_date(CalendarDate date);
std::optional<CalendarDate> parse_date(std::string_view text);
// The local civil date of a UTC instant (milliseconds since the epoch) at a fixed UTC offset.
CalendarDate local_date(std::int64_t utc_ms, int utc_offset_minutes);

}  // namespace tongban::domain
