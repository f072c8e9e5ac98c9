// Calendar outlook: how long the node's working-day calendars stay official, for /readyz and /metrics.
//
// For every jurisdiction the node holds a calendar for: the days left (domain::WorkingCalendar::official_days_left,
// as of the jurisdiction's local date; -1 when today's year has no official calendar) and the last official day
// (of the run of official years holding today, else of the latest official year before today). Fewer than
// kCalendarWarningDays days left is a readiness warning (not a blocker: counting goes on, due dates beyond are
// marked provisional) naming the jurisdiction and what to do. /metrics has the end as a Unix time in seconds
// (Prometheus base units: promtool refuses a "_days" gauge), tongban_calendar_official_end_timestamp_seconds
// {jurisdiction="…"}: 00:00 local time of the day after the last official day, 0 when no year is official; alert on
// `tongban_calendar_official_end_timestamp_seconds - time() < 60 * 86400`, or on tongban_calendar_official_ending
// {jurisdiction="…"}, 1 exactly when /readyz warns.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "node/node.h"

namespace tongban::api {

inline constexpr int kCalendarWarningDays = 60;

struct CalendarOutlook {
  std::string jurisdiction;
  domain::CalendarDate today;
  int official_days_left = -1;
  std::optional<domain::CalendarDate> last_official_day;
  int utc_offset_minutes = 480;
};

std::vector<CalendarOutlook> calendar_outlook(const node::Node& node);
// One "warning: …" line per calendar with fewer than kCalendarWarningDays days left.
std::string calendar_warnings(const std::vector<CalendarOutlook>& outlook);
// The gauges tongban_calendar_official_end_timestamp_seconds and tongban_calendar_official_ending, Prometheus text.
std::string calendar_metrics(const std::vector<CalendarOutlook>& outlook);

}  // namespace tongban::api
