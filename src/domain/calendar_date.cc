#include "domain/calendar_date.h"

#include <cstdint>
#include <cstdio>

namespace tongban::domain {

namespace {

constexpr std::int64_t kMsPerMinute = 60'000;
constexpr std::int64_t kMsPerDay = 86'400'000;

bool all_digits(std::string_view text) {
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return !text.empty();
}

int to_int(std::string_view digits) {
  int value = 0;
  for (char c : digits) value = value * 10 + (c - '0');
  return value;
}

// Floor division, so that instants before the epoch fall on the previous day.
std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  std::int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

}  // namespace

std::string format_date(CalendarDate date) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
  return buffer;
}

std::optional<CalendarDate> parse_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  const std::string_view year = text.substr(0, 4);
  const std::string_view month = text.substr(5, 2);
  const std::string_view day = text.substr(8, 2);
  if (!all_digits(year) || !all_digits(month) || !all_digits(day)) return std::nullopt;
  const CalendarDate date{std::chrono::year{to_int(year)}, std::chrono::month{static_cast<unsigned>(to_int(month))},
                          std::chrono::day{static_cast<unsigned>(to_int(day))}};
  if (!date.ok()) return std::nullopt;
  return date;
}

CalendarDate local_date(std::int64_t utc_ms, int utc_offset_minutes) {
  const std::int64_t local_ms = utc_ms + static_cast<std::int64_t>(utc_offset_minutes) * kMsPerMinute;
  const auto days = std::chrono::days{floor_div(local_ms, kMsPerDay)};
  return CalendarDate{std::chrono::sys_days{days}};
}

}  // namespace tongban::domain
