#include "calendar/ics_calendar.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "domain/deadline.h"

namespace tongban::calendar {
namespace {

using namespace std::chrono;
using domain::DayKind;

const std::filesystem::path kCalendarDir = std::filesystem::path(TONGBAN_SOURCE_DIR) / "data" / "calendars";

std::string calendar_text(const std::string& header, const std::string& events) {
  return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n" + header + events + "END:VCALENDAR\r\n";
}

const std::string kHeader = "X-TONGBAN-JURISDICTION:TEST\r\nX-TONGBAN-YEARS:2025\r\n";

std::string event(const std::string& body) {
  return "BEGIN:VEVENT\r\n" + body + "END:VEVENT\r\n";
}

// The problem text of the error parse_ics throws, or "" when it does not throw.
std::string import_error(const std::string& text) {
  try {
    (void)parse_ics(text, "bad.ics");
  } catch (const CalendarImportError& e) {
    EXPECT_EQ(e.source(), "bad.ics");
    return e.what();
  }
  return {};
}

TEST(IcsCalendar, MainlandFileHas2025And2026Arrangements) {
  const domain::WorkingCalendar calendar = load_ics_file(kCalendarDir / "CN-GD-JM.ics");
  EXPECT_EQ(calendar.jurisdiction(), "CN-GD-JM");
  EXPECT_TRUE(calendar.covers(2025y / June / 1d));
  EXPECT_TRUE(calendar.covers(2026y / June / 1d));
  EXPECT_EQ(calendar.year_status(2025), domain::YearStatus::official);
  EXPECT_EQ(calendar.year_status(2026), domain::YearStatus::official);
  EXPECT_EQ(calendar.year_status(2027), domain::YearStatus::provisional);
  EXPECT_EQ(calendar.year_status(2028), domain::YearStatus::missing);
  // 2025: Spring Festival 28 Jan-4 Feb, make-up Sun 26 Jan and Sat 8 Feb.
  EXPECT_EQ(calendar.kind_of(2025y / January / 26d), DayKind::makeup_working);
  EXPECT_FALSE(calendar.is_working_day(2025y / January / 28d));
  EXPECT_FALSE(calendar.is_working_day(2025y / February / 4d));
  EXPECT_TRUE(calendar.is_working_day(2025y / February / 8d));
  EXPECT_EQ(calendar.add_working_days(2025y / January / 24d, 5), 2025y / February / 7d);
  EXPECT_FALSE(calendar.is_working_day(2025y / October / 8d));
  EXPECT_TRUE(calendar.is_working_day(2025y / October / 11d));
  // 2026: Spring Festival 15-23 Feb with make-up Sat 14 and Sat 28 Feb; National Day 1-7 Oct, make-up 20 Sep, 10 Oct.
  EXPECT_TRUE(calendar.is_working_day(2026y / January / 4d));
  EXPECT_TRUE(calendar.is_working_day(2026y / February / 14d));
  for (unsigned d = 15; d <= 23; ++d) EXPECT_FALSE(calendar.is_working_day(2026y / February / day{d})) << d;
  EXPECT_TRUE(calendar.is_working_day(2026y / February / 24d));
  EXPECT_TRUE(calendar.is_working_day(2026y / February / 28d));
  EXPECT_TRUE(calendar.is_working_day(2026y / September / 20d));
  EXPECT_FALSE(calendar.is_working_day(2026y / October / 7d));
  EXPECT_TRUE(calendar.is_working_day(2026y / October / 10d));
  EXPECT_EQ(calendar.special_day(2026y / February / 17d)->name, "春节");
}

TEST(IcsCalendar, MacaoFileHasCompensatoryDaysAndHalfDayExemptions) {
  const domain::WorkingCalendar calendar = load_ics_file(kCalendarDir / "MO.ics");
  EXPECT_EQ(calendar.jurisdiction(), "MO");
  EXPECT_TRUE(calendar.is_half_day(2025y / January / 28d));
  EXPECT_TRUE(calendar.is_working_day(2025y / January / 28d));
  EXPECT_FALSE(calendar.is_working_day(2025y / January / 29d));
  EXPECT_FALSE(calendar.is_working_day(2025y / December / 22d));  // compensatory day for Sat 20 Dec
  EXPECT_TRUE(calendar.is_half_day(2026y / February / 16d));
  EXPECT_FALSE(calendar.is_working_day(2026y / April / 7d));
  // No make-up weekends in Macao.
  for (const auto& day : calendar.special_days()) EXPECT_NE(day.kind, DayKind::makeup_working);
}

TEST(IcsCalendar, HongKongFile) {
  const domain::WorkingCalendar calendar = load_ics_file(kCalendarDir / "HK.ics");
  EXPECT_EQ(calendar.jurisdiction(), "HK");
  EXPECT_FALSE(calendar.is_working_day(2025y / July / 1d));
  EXPECT_FALSE(calendar.is_working_day(2026y / February / 18d));
  EXPECT_TRUE(calendar.is_working_day(2026y / February / 20d));
}

TEST(IcsCalendar, LoadDirectoryByJurisdiction) {
  const auto calendars = load_calendar_dir(kCalendarDir);
  ASSERT_EQ(calendars.count("CN-GD-JM"), 1u);
  ASSERT_EQ(calendars.count("MO"), 1u);
  ASSERT_EQ(calendars.count("HK"), 1u);
  EXPECT_FALSE(calendars.at("MO").is_working_day(2025y / December / 24d));
  EXPECT_TRUE(calendars.at("CN-GD-JM").is_working_day(2025y / December / 24d));
}

TEST(IcsCalendar, DirectoryMergesYearsAndRejectsOverlap) {
  const auto dir = std::filesystem::temp_directory_path() / ("tongban_ics_test_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto write = [&](const char* name, const std::string& text) { std::ofstream(dir / name) << text; };
  write("a.ics", calendar_text(kHeader, event("DTSTART;VALUE=DATE:20250101\r\nSUMMARY:NY\r\nCATEGORIES:HOLIDAY\r\n")));
  write("b.ics", calendar_text("X-TONGBAN-JURISDICTION:TEST\r\nX-TONGBAN-YEARS:2026\r\n",
                               event("DTSTART;VALUE=DATE:20260101\r\nSUMMARY:NY\r\nCATEGORIES:HOLIDAY\r\n")));
  write("notes.txt", "not a calendar");
  const auto merged = load_calendar_dir(dir);
  EXPECT_EQ(merged.at("TEST").covered_years().size(), 2u);
  EXPECT_FALSE(merged.at("TEST").is_working_day(2026y / January / 1d));
  write("c.ics", calendar_text(kHeader, ""));  // 2025 again
  try {
    (void)load_calendar_dir(dir);
    ADD_FAILURE() << "overlapping years accepted";
  } catch (const CalendarImportError& e) {
    EXPECT_EQ(e.source(), "c.ics");
    EXPECT_NE(std::string(e.what()).find("2025"), std::string::npos) << e.what();
  }
  std::filesystem::remove_all(dir);
}

TEST(IcsCalendar, RangesAndCategories) {
  const auto calendar = parse_ics(
      calendar_text(kHeader,
                    event("UID:a\r\nDTSTART;VALUE=DATE:20250128\r\nDTEND;VALUE=DATE:20250131\r\n"
                          "SUMMARY:Ano Novo Lunar\r\nCATEGORIES:PUBLIC,holiday\r\n") +
                        event("DTSTART;VALUE=DATE:20250203\r\nSUMMARY:豁免\r\nCATEGORIES:EXEMPTION\r\n") +
                        event("DTSTART;VALUE=DATE:20250127\r\nSUMMARY:半日\r\nCATEGORIES:HALF-DAY-EXEMPTION\r\n") +
                        event("DTSTART;VALUE=DATE:20250208\r\nSUMMARY:上班\r\nCATEGORIES:WORKDAY\r\n")),
      "ok.ics");
  EXPECT_EQ(calendar.kind_of(2025y / January / 28d), DayKind::holiday);
  EXPECT_EQ(calendar.kind_of(2025y / January / 30d), DayKind::holiday);
  EXPECT_EQ(calendar.kind_of(2025y / January / 31d), DayKind::working);  // DTEND is exclusive
  EXPECT_EQ(calendar.kind_of(2025y / February / 3d), DayKind::exemption);
  EXPECT_EQ(calendar.kind_of(2025y / January / 27d), DayKind::half_day_exemption);
  EXPECT_EQ(calendar.kind_of(2025y / February / 8d), DayKind::makeup_working);
  EXPECT_EQ(calendar.special_day(2025y / January / 29d)->name, "Ano Novo Lunar");
}

struct Malformed {
  const char* what;
  std::string text;
  const char* expected;  // a piece of the message
};

TEST(IcsCalendar, MalformedInputIsRejectedWithTheProblem) {
  const std::string ok_event = "DTSTART;VALUE=DATE:20250101\r\nSUMMARY:NY\r\nCATEGORIES:HOLIDAY\r\n";
  const std::vector<Malformed> cases = {
      {"not ical", "hello", "not an iCalendar file"},
      {"unterminated", "BEGIN:VCALENDAR\r\nX-TONGBAN-JURISDICTION:T\r\n", "not an iCalendar file"},
      {"no jurisdiction", calendar_text("X-TONGBAN-YEARS:2025\r\n", ""), "X-TONGBAN-JURISDICTION is missing"},
      {"bad jurisdiction", calendar_text("X-TONGBAN-JURISDICTION:mo macau\r\nX-TONGBAN-YEARS:2025\r\n", ""),
       "must use A-Z"},
      {"no years", calendar_text("X-TONGBAN-JURISDICTION:T\r\n", ""), "X-TONGBAN-YEARS is missing"},
      {"bad years", calendar_text("X-TONGBAN-JURISDICTION:T\r\nX-TONGBAN-YEARS:25\r\n", ""), "4-digit years"},
      {"garbage line", calendar_text(kHeader, event(ok_event + "FOO\r\n")), "unparseable"},
      {"date-time",
       calendar_text(kHeader, event("UID:x1\r\nDTSTART:20250101T090000\r\nSUMMARY:a\r\nCATEGORIES:HOLIDAY\r\n")),
       "event #1 UID x1: DTSTART must be a date"},
      {"invalid date",
       calendar_text(kHeader, event("DTSTART;VALUE=DATE:20251332\r\nSUMMARY:a\r\nCATEGORIES:HOLIDAY\r\n")),
       "not a valid calendar date"},
      {"no kind", calendar_text(kHeader, event("DTSTART;VALUE=DATE:20250101\r\nSUMMARY:a\r\nCATEGORIES:HOLIDY\r\n")),
       "CATEGORIES must be one of"},
      {"two kinds",
       calendar_text(kHeader, event("DTSTART;VALUE=DATE:20250101\r\nSUMMARY:a\r\nCATEGORIES:HOLIDAY,WORKDAY\r\n")),
       "more than one kind"},
      {"no summary", calendar_text(kHeader, event("DTSTART;VALUE=DATE:20250101\r\nCATEGORIES:HOLIDAY\r\n")),
       "SUMMARY is missing"},
      {"outside years",
       calendar_text(kHeader, event("DTSTART;VALUE=DATE:20260101\r\nSUMMARY:a\r\nCATEGORIES:HOLIDAY\r\n")),
       "outside the covered years"},
      {"weekday workday",
       calendar_text(kHeader, event("DTSTART;VALUE=DATE:20250102\r\nSUMMARY:a\r\nCATEGORIES:WORKDAY\r\n")),
       "not a Saturday or Sunday"},
      {"twice", calendar_text(kHeader, event(ok_event) + event("UID:dup\r\n" + ok_event)),
       "event #2 UID dup: 2025-01-01 is already marked"},
      {"end before start",
       calendar_text(
           kHeader,
           event("DTSTART;VALUE=DATE:20250105\r\nDTEND;VALUE=DATE:20250105\r\nSUMMARY:a\r\nCATEGORIES:HOLIDAY\r\n")),
       "DTEND must be after DTSTART"},
      {"recurring", calendar_text(kHeader, event(ok_event + "RRULE:FREQ=YEARLY\r\n")), "recurring"},
      {"two calendars", calendar_text(kHeader, "") + calendar_text(kHeader, ""), "exactly one VCALENDAR"},
  };
  for (const Malformed& c : cases) {
    const std::string message = import_error(c.text);
    EXPECT_NE(message.find(c.expected), std::string::npos) << c.what << ": got '" << message << "'";
  }
}

TEST(IcsCalendar, MissingFileIsAnError) {
  EXPECT_THROW((void)load_ics_file(kCalendarDir / "XX.ics"), CalendarImportError);
  EXPECT_THROW((void)load_calendar_dir(kCalendarDir / "no-such-dir"), CalendarImportError);
}

}  // namespace
}  // namespace tongban::calendar

namespace tongban::calendar {
namespace {

using namespace std::chrono;
using domain::DayKind;
using domain::YearStatus;

// 2027 is shipped provisional for every jurisdiction: the statutory holidays fixed by law, lunar dates of 2027.
TEST(IcsCalendar2027, MainlandStatutoryHolidaysProvisional) {
  const domain::WorkingCalendar calendar = load_ics_file(kCalendarDir / "CN-GD-JM.ics");
  EXPECT_EQ(calendar.year_status(2027), YearStatus::provisional);
  EXPECT_FALSE(calendar.is_working_day(2027y / January / 1d));
  // Spring Festival 2027 (正月初一 = 6 Feb): 4 days from the eve, 5-8 Feb.
  for (unsigned d = 5; d <= 8; ++d) EXPECT_EQ(calendar.kind_of(2027y / February / day{d}), DayKind::holiday) << d;
  EXPECT_TRUE(calendar.is_working_day(2027y / February / 9d));
  EXPECT_FALSE(calendar.is_working_day(2027y / April / 5d));        // 清明
  EXPECT_EQ(calendar.kind_of(2027y / May / 2d), DayKind::holiday);  // 劳动节 2 days
  EXPECT_TRUE(calendar.is_working_day(2027y / May / 3d));
  EXPECT_FALSE(calendar.is_working_day(2027y / June / 9d));        // 端午
  EXPECT_FALSE(calendar.is_working_day(2027y / September / 15d));  // 中秋
  EXPECT_EQ(calendar.kind_of(2027y / October / 3d), DayKind::holiday);
  EXPECT_TRUE(calendar.is_working_day(2027y / October / 4d));
  // No make-up working days until the State Council's notice is imported.
  for (const auto& special : calendar.special_days()) {
    if (special.date.year() == 2027y) {
      EXPECT_NE(special.kind, DayKind::makeup_working) << domain::format_date(special.date);
    }
  }
}

TEST(IcsCalendar2027, MacaoAndHongKongLunarHolidays) {
  const domain::WorkingCalendar macao = load_ics_file(kCalendarDir / "MO.ics");
  EXPECT_EQ(macao.year_status(2027), YearStatus::provisional);
  EXPECT_TRUE(macao.is_half_day(2027y / February / 5d));
  for (unsigned d = 8; d <= 10; ++d) EXPECT_FALSE(macao.is_working_day(2027y / February / day{d})) << d;
  EXPECT_FALSE(macao.is_working_day(2027y / May / 13d));        // 佛誕
  EXPECT_FALSE(macao.is_working_day(2027y / September / 16d));  // 中秋節翌日
  EXPECT_FALSE(macao.is_working_day(2027y / October / 8d));     // 重陽
  EXPECT_FALSE(macao.is_working_day(2027y / December / 22d));   // 冬至
  const domain::WorkingCalendar hong_kong = load_ics_file(kCalendarDir / "HK.ics");
  EXPECT_EQ(hong_kong.year_status(2027), YearStatus::provisional);
  EXPECT_FALSE(hong_kong.is_working_day(2027y / February / 8d));
  EXPECT_FALSE(hong_kong.is_working_day(2027y / February / 9d));  // 4th day: the 2nd falls on a Sunday
  EXPECT_TRUE(hong_kong.is_working_day(2027y / February / 10d));
  EXPECT_FALSE(hong_kong.is_working_day(2027y / March / 29d));  // Easter Monday
  EXPECT_FALSE(hong_kong.is_working_day(2027y / April / 5d));
  EXPECT_FALSE(hong_kong.is_working_day(2027y / June / 9d));
  EXPECT_FALSE(hong_kong.is_working_day(2027y / October / 8d));
  EXPECT_FALSE(hong_kong.is_working_day(2027y / December / 27d));
}

// The reported case: 60 working days from 1 Dec 2026 used to be counted over weekdays only in 2027 (23 Feb).
TEST(IcsCalendar2027, SixtyWorkingDaysFromDecemberSkipSpringFestivalAndAreProvisional) {
  const domain::WorkingCalendar calendar = load_ics_file(kCalendarDir / "CN-GD-JM.ics");
  const domain::CaseClock clock = domain::start_clock(2026y / December / 1d, 60, 60, calendar);
  EXPECT_EQ(clock.legal_due, 2027y / February / 26d);  // skips 1 Jan and 5, 8 Feb
  EXPECT_TRUE(domain::is_provisional(clock, calendar));
  EXPECT_EQ(domain::unofficial_years(clock, calendar), std::vector<int>{2027});
  const domain::CaseClock within_2026 = domain::start_clock(2026y / October / 12d, 20, 20, calendar);
  EXPECT_FALSE(domain::is_provisional(within_2026, calendar));
}

TEST(IcsCalendar, ProvisionalYearsMustBeListedYears) {
  const auto calendar = parse_ics(
      calendar_text("X-TONGBAN-JURISDICTION:TEST\r\nX-TONGBAN-YEARS:2025,2026\r\nX-TONGBAN-PROVISIONAL-YEARS:2026\r\n",
                    ""),
      "ok.ics");
  EXPECT_EQ(calendar.year_status(2025), YearStatus::official);
  EXPECT_EQ(calendar.year_status(2026), YearStatus::provisional);
  EXPECT_NE(import_error(calendar_text(kHeader + "X-TONGBAN-PROVISIONAL-YEARS:2027\r\n", ""))
                .find("X-TONGBAN-PROVISIONAL-YEARS names 2027"),
            std::string::npos);
  EXPECT_NE(import_error(calendar_text(kHeader + "X-TONGBAN-PROVISIONAL-YEARS:27\r\n", "")).find("4-digit"),
            std::string::npos);
}

}  // namespace
}  // namespace tongban::calendar
