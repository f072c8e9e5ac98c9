#include "api/calendar_outlook.h"

#include <fmt/format.h>

namespace tongban::api {

namespace {

using std::chrono::sys_days;

std::optional<domain::CalendarDate> last_official_day(const domain::WorkingCalendar& calendar,
                                                      domain::CalendarDate today) {
  if (auto through = calendar.official_through(today)) return through;
  std::optional<int> latest;
  for (int year : calendar.covered_years()) {
    if (year <= static_cast<int>(today.year()) && calendar.year_status(year) == domain::YearStatus::official)
      latest = year;
  }
  if (!latest) return std::nullopt;
  return domain::CalendarDate{std::chrono::year{*latest}, std::chrono::December, std::chrono::day{31}};
}

std::int64_t end_timestamp_seconds(const CalendarOutlook& one) {
  if (!one.last_official_day) return 0;
  const auto end = sys_days{*one.last_official_day} + std::chrono::days{1};
  return std::chrono::duration_cast<std::chrono::seconds>(end.time_since_epoch()).count() -
         std::int64_t{one.utc_offset_minutes} * 60;
}

}  // namespace

std::vector<CalendarOutlook> calendar_outlook(const node::Node& node) {
  std::vector<CalendarOutlook> outlook;
  const auto snapshot = node.catalog();
  for (const std::string& code : node.calendar_jurisdictions()) {
    const auto calendar = node.calendar(code);
    if (!calendar) continue;
    const auto* jurisdiction = snapshot ? snapshot->catalog.find_jurisdiction(code) : nullptr;
    const int offset = jurisdiction ? jurisdiction->utc_offset_minutes : 480;
    const domain::CalendarDate today = domain::local_date(node.now_ms(), offset);
    outlook.push_back({code, today, calendar->official_days_left(today), last_official_day(*calendar, today), offset});
  }
  return outlook;
}

std::string calendar_warnings(const std::vector<CalendarOutlook>& outlook) {
  std::string text;
  for (const auto& one : outlook) {
    if (one.official_days_left >= kCalendarWarningDays) continue;
    const int next_year = static_cast<int>(one.today.year()) + (one.official_days_left < 0 ? 0 : 1);
    if (one.official_days_left < 0) {
      text += fmt::format(
          "warning: calendar {}: no official holiday calendar for {}: due dates counted in it are provisional; import "
          "the official notice with `tongban calendar import`\n",
          one.jurisdiction, next_year);
    } else {
      text += fmt::format(
          "warning: calendar {}: the official holiday calendar ends in {} days; import the {} notice with "
          "`tongban calendar import`\n",
          one.jurisdiction, one.official_days_left, next_year);
    }
  }
  return text;
}

std::string calendar_metrics(const std::vector<CalendarOutlook>& outlook) {
  std::string text =
      "# HELP tongban_calendar_official_end_timestamp_seconds When the official holiday calendar ends (Unix time; 0: "
      "no official year).\n# TYPE tongban_calendar_official_end_timestamp_seconds gauge\n";
  for (const auto& one : outlook) {
    text += fmt::format("tongban_calendar_official_end_timestamp_seconds{{jurisdiction=\"{}\"}} {}\n", one.jurisdiction,
                        end_timestamp_seconds(one));
  }
  text +=
      "# HELP tongban_calendar_official_ending 1 when the official holiday calendar ends within 60 days or has "
      "ended (import the next notice), else 0.\n# TYPE tongban_calendar_official_ending gauge\n";
  for (const auto& one : outlook) {
    text += fmt::format("tongban_calendar_official_ending{{jurisdiction=\"{}\"}} {}\n", one.jurisdiction,
                        one.official_days_left < kCalendarWarningDays ? 1 : 0);
  }
  return text;
}

}  // namespace tongban::api
