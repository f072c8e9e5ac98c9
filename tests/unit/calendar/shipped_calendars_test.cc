// Every shipped .ics file (data/calendars) is well-formed iCalendar: CRLF lines of at most 75 octets (RFC 5545
// 3.1), parsed by libical without errors, every property where RFC 5545 allows it (libical's restriction check),
// and 2025-2026 official, 2027 provisional.
#include <gtest/gtest.h>
#include <libical/ical.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "calendar/ics_calendar.h"

namespace tongban::calendar {
namespace {

const std::filesystem::path kCalendarDir = std::filesystem::path(TONGBAN_SOURCE_DIR) / "data" / "calendars";

std::vector<std::filesystem::path> shipped_files() {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(kCalendarDir)) {
    if (entry.path().extension() == ".ics") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string read_all(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

struct ComponentDeleter {
  void operator()(icalcomponent* component) const { icalcomponent_free(component); }
};

// The X-LIC-ERROR texts libical attached to a component and its children (parse and restriction errors).
void collect_errors(icalcomponent* component, std::vector<std::string>& errors) {
  for (icalproperty* p = icalcomponent_get_first_property(component, ICAL_XLICERROR_PROPERTY); p != nullptr;
       p = icalcomponent_get_next_property(component, ICAL_XLICERROR_PROPERTY)) {
    errors.emplace_back(icalproperty_get_xlicerror(p));
  }
  for (icalcomponent* child = icalcomponent_get_first_component(component, ICAL_ANY_COMPONENT); child != nullptr;
       child = icalcomponent_get_next_component(component, ICAL_ANY_COMPONENT)) {
    collect_errors(child, errors);
  }
}

TEST(ShippedCalendars, ThreeJurisdictions) {
  EXPECT_EQ(shipped_files().size(), 3u);
}

TEST(ShippedCalendars, LinesAreCrlfAndAtMost75Octets) {
  for (const auto& file : shipped_files()) {
    const std::string text = read_all(file);
    ASSERT_FALSE(text.empty()) << file.filename();
    std::size_t start = 0;
    int line_number = 0;
    while (start < text.size()) {
      ++line_number;
      const std::size_t end = text.find('\n', start);
      ASSERT_NE(end, std::string::npos) << file.filename() << ": the last line has no line end";
      ASSERT_GT(end, start) << file.filename() << ":" << line_number << ": bare LF";
      EXPECT_EQ(text[end - 1], '\r') << file.filename() << ":" << line_number << ": LF without CR";
      const std::size_t octets = end - 1 - start;
      EXPECT_LE(octets, 75u) << file.filename() << ":" << line_number << " has " << octets << " octets";
      start = end + 1;
    }
  }
}

TEST(ShippedCalendars, LibicalParsesAndRestrictionCheckPasses) {
  for (const auto& file : shipped_files()) {
    const std::string text = read_all(file);
    std::unique_ptr<icalcomponent, ComponentDeleter> root(icalparser_parse_string(text.c_str()));
    ASSERT_NE(root, nullptr) << file.filename();
    ASSERT_EQ(icalcomponent_isa(root.get()), ICAL_VCALENDAR_COMPONENT) << file.filename();
    std::vector<std::string> errors;
    collect_errors(root.get(), errors);
    EXPECT_TRUE(errors.empty()) << file.filename() << ": " << errors.front();
    EXPECT_EQ(icalrestriction_check(root.get()), 1) << file.filename();
    errors.clear();
    collect_errors(root.get(), errors);  // the check attaches what it found as X-LIC-ERROR
    for (const auto& error : errors) ADD_FAILURE() << file.filename() << ": " << error;
    EXPECT_GT(icalcomponent_count_components(root.get(), ICAL_VEVENT_COMPONENT), 0) << file.filename();
  }
}

TEST(ShippedCalendars, OfficialThroughTheYearOfTheLastNoticeAndProvisionalAfter) {
  for (const auto& [code, calendar] : load_calendar_dir(kCalendarDir)) {
    EXPECT_EQ(calendar.year_status(2025), domain::YearStatus::official) << code;
    EXPECT_EQ(calendar.year_status(2026), domain::YearStatus::official) << code;
    EXPECT_EQ(calendar.year_status(2027), domain::YearStatus::provisional) << code;
    using namespace std::chrono;
    EXPECT_EQ(calendar.official_through(2026y / June / 1d), 2026y / December / 31d) << code;
  }
}

}  // namespace
}  // namespace tongban::calendar
