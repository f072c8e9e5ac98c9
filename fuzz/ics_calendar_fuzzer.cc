// Fuzz target: the iCalendar importer (src/calendar/ics_calendar.h) on arbitrary .ics text. parse_ics either
// returns a complete calendar or throws CalendarImportError; anything else escaping is a bug. Invariants of a
// returned calendar: a jurisdiction and covered years; every special day lies in a covered year and is what
// kind_of() says of that date; counting working days from the first covered day works.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "calendar/ics_calendar.h"
#include "fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace tongban;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  domain::WorkingCalendar calendar;
  try {
    calendar = calendar::parse_ics(text, "fuzz.ics");
  } catch (const calendar::CalendarImportError&) {
    return 0;
  }
  FUZZ_CHECK(!calendar.jurisdiction().empty() && !calendar.covered_years().empty());
  for (const auto& day : calendar.special_days()) {
    FUZZ_CHECK(day.date.ok() && calendar.covers(day.date));
    FUZZ_CHECK(calendar.kind_of(day.date) == day.kind);
  }
  std::chrono::year_month_day first{std::chrono::year{*calendar.covered_years().begin()}, std::chrono::January,
                                    std::chrono::day{1}};
  auto later = calendar.add_working_days(first, 30);
  FUZZ_CHECK(calendar.working_days_between(first, later) == 30);
  return 0;
}
