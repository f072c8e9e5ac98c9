#include "catalog/opening_hours.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <map>
#include <tuple>

namespace tongban::catalog {
namespace {

using domain::OpeningPeriod;

constexpr std::array<std::string_view, 7> kDayNames{"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

std::optional<int> parse_day(std::string_view word) {
  for (std::size_t i = 0; i < kDayNames.size(); ++i) {
    if (kDayNames[i] == word) return static_cast<int>(i) + 1;
  }
  return std::nullopt;
}

std::optional<int> parse_clock(std::string_view text) {
  if (text.size() != 5 || text[2] != ':') return std::nullopt;
  for (std::size_t i : {0u, 1u, 3u, 4u}) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
  }
  int hours = (text[0] - '0') * 10 + (text[1] - '0');
  int minutes = (text[3] - '0') * 10 + (text[4] - '0');
  if (minutes > 59 || hours > 24 || (hours == 24 && minutes != 0)) return std::nullopt;
  return hours * 60 + minutes;
}

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find(separator, start);
    if (end == std::string_view::npos) end = text.size();
    if (end > start) parts.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return parts;
}

// "Mon-Thu" or "Sat,Sun" or "Wed" -> weekdays, empty on error.
std::vector<int> parse_days(std::string_view spec) {
  std::vector<int> days;
  for (std::string_view part : split(spec, ',')) {
    std::size_t dash = part.find('-');
    auto first = parse_day(part.substr(0, dash));
    auto last = dash == std::string_view::npos ? first : parse_day(part.substr(dash + 1));
    if (!first || !last || *last < *first) return {};
    for (int day = *first; day <= *last; ++day) days.push_back(day);
  }
  return days;
}

bool period_less(const OpeningPeriod& a, const OpeningPeriod& b) {
  return std::tie(a.weekday, a.open_minute, a.close_minute) < std::tie(b.weekday, b.open_minute, b.close_minute);
}

std::string clock(int minute) {
  char text[32];
  std::snprintf(text, sizeof text, "%02d:%02d", minute / 60, minute % 60);
  return text;
}

}  // namespace

std::optional<std::string> append_opening_hours(std::string_view line, std::vector<OpeningPeriod>& periods) {
  std::vector<std::string_view> words = split(line, ' ');
  if (words.size() < 2) return "expected days then HH:MM-HH:MM periods, e.g. \"Mon-Fri 09:00-17:00\"";
  std::vector<int> days = parse_days(words[0]);
  if (days.empty())
    return "unknown days '" + std::string(words[0]) + "' (use Mon..Sun, ranges like Mon-Fri, or Sat,Sun)";
  std::vector<OpeningPeriod> added;
  for (std::size_t i = 1; i < words.size(); ++i) {
    std::size_t dash = words[i].find('-');
    auto open = parse_clock(words[i].substr(0, dash));
    auto close = dash == std::string_view::npos ? std::nullopt : parse_clock(words[i].substr(dash + 1));
    if (!open || !close) return "malformed period '" + std::string(words[i]) + "' (expected HH:MM-HH:MM)";
    if (*open >= *close) return "period '" + std::string(words[i]) + "' must open before it closes";
    for (int day : days) added.push_back({day, *open, *close});
  }
  periods.insert(periods.end(), added.begin(), added.end());
  std::sort(periods.begin(), periods.end(), period_less);
  return std::nullopt;
}

std::optional<std::string> check_opening_periods(const std::vector<OpeningPeriod>& periods) {
  std::vector<OpeningPeriod> sorted = periods;
  std::sort(sorted.begin(), sorted.end(), period_less);
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    const OpeningPeriod& p = sorted[i];
    if (p.weekday < 1 || p.weekday > 7) return "weekday must be 1..7";
    if (p.open_minute < 0 || p.close_minute > 24 * 60 || p.open_minute >= p.close_minute) {
      return "period " + clock(p.open_minute) + "-" + clock(p.close_minute) + " is not a valid time range";
    }
    if (i > 0 && sorted[i - 1].weekday == p.weekday && sorted[i - 1].close_minute > p.open_minute) {
      return "periods overlap on " + std::string(kDayNames[p.weekday - 1]);
    }
  }
  return std::nullopt;
}

std::vector<OpeningDays> group_opening_hours(const std::vector<OpeningPeriod>& periods) {
  std::map<int, std::vector<OpeningDays::Period>> day_periods;  // weekday -> its periods, in order
  std::vector<OpeningPeriod> sorted = periods;
  std::sort(sorted.begin(), sorted.end(), period_less);
  for (const OpeningPeriod& p : sorted) {
    if (p.weekday < 1 || p.weekday > 7) continue;
    day_periods[p.weekday].push_back({p.open_minute, p.close_minute});
  }
  std::vector<OpeningDays> groups;
  for (const auto& [weekday, day] : day_periods) {
    if (!groups.empty() && groups.back().last_weekday == weekday - 1 && groups.back().periods == day)
      groups.back().last_weekday = weekday;
    else
      groups.push_back({weekday, weekday, day});
  }
  return groups;
}

std::vector<std::string> format_opening_hours(const std::vector<OpeningPeriod>& periods) {
  std::vector<std::string> lines;
  for (const OpeningDays& group : group_opening_hours(periods)) {
    std::string line(kDayNames[group.first_weekday - 1]);
    if (group.last_weekday != group.first_weekday) line += "-" + std::string(kDayNames[group.last_weekday - 1]);
    for (const auto& period : group.periods) line += " " + clock(period.open_minute) + "-" + clock(period.close_minute);
    lines.push_back(line);
  }
  return lines;
}

}  // namespace tongban::catalog
