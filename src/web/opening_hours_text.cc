#include "web/opening_hours_text.h"

#include <fmt/format.h>

#include "catalog/opening_hours.h"

namespace tongban::web {
namespace {

constexpr int kDayMinutes = 24 * 60;

std::string clock(int minute) {
  return fmt::format("{:02}:{:02}", minute / 60, minute % 60);
}

bool all_day(const catalog::OpeningDays& days) {
  return days.periods.size() == 1 && days.periods.front().open_minute == 0 &&
         days.periods.front().close_minute == kDayMinutes;
}

}  // namespace

std::vector<std::string> opening_hours_lines(const std::vector<domain::OpeningPeriod>& periods,
                                             const HoursWords& words) {
  auto groups = catalog::group_opening_hours(periods);
  if (groups.size() == 1 && groups.front().first_weekday == 1 && groups.front().last_weekday == 7 &&
      all_day(groups.front()))
    return {words("hours:always")};
  std::vector<std::string> lines;
  for (const auto& group : groups) {
    std::string line = words(fmt::format("hours:days:{}-{}", group.first_weekday, group.last_weekday)) + " ";
    if (all_day(group)) {
      line += words("hours:all_day");
    } else {
      for (std::size_t i = 0; i < group.periods.size(); ++i) {
        if (i > 0) line += words("hours:and");
        line += clock(group.periods[i].open_minute) + "–" + clock(group.periods[i].close_minute);
      }
    }
    lines.push_back(std::move(line));
  }
  return lines;
}

}  // namespace tongban::web
