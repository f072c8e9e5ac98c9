// Opening hours as a page shows them: one line per run of consecutive days with the same hours, in the page's words.
//
//   en       "Mon–Fri 09:00–12:00, 14:00–17:30"    "Sat 24 hours"       "Open 24 hours, every day"
//   zh-Hans  "星期一至五 09:00–12:00、14:00–17:30"   "星期六 24小时"       "全天24小时开放"
//   pt       "2.ª a 6.ª feira 09:00–12:00, 14:00–17:30"
//
// Every word comes from the page's message catalog through `words`: the days of a run are the key
// "hours:days:<first>-<last>" (weekdays 1 = Monday .. 7; a single day is "3-3"), so each language names any run of
// days its own way; "hours:and" joins the periods of a day (", " / "、"); "hours:all_day" is a day open 00:00–24:00;
// "hours:always" is a whole week open all day. Closed days are not listed.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/catalog.h"

namespace tongban::web {

using HoursWords = std::function<std::string(std::string_view key)>;

std::vector<std::string> opening_hours_lines(const std::vector<domain::OpeningPeriod>& periods,
                                             const HoursWords& words);

}  // namespace tongban::web
