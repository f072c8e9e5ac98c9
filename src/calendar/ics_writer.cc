#include "calendar/ics_writer.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>

namespace tongban::calendar {

namespace {

using domain::CalendarDate;
using domain::DayKind;
using std::chrono::days;
using std::chrono::sys_days;

constexpr std::size_t kMaxLineOctets = 75;
constexpr int kMaxRunDays = 31;

bool is_continuation_byte(unsigned char c) {
  return (c & 0xC0) == 0x80;
}

std::string escape_text(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case ';': out += "\\;"; break;
      case ',': out += "\\,"; break;
      case '\n': out += "\\n"; break;
      case '\r': break;
      default: out += c;
    }
  }
  return out;
}

std::string_view category(DayKind kind) {
  switch (kind) {
    case DayKind::makeup_working: return "WORKDAY";
    case DayKind::exemption: return "EXEMPTION";
    case DayKind::half_day_exemption: return "HALF-DAY-EXEMPTION";
    case DayKind::holiday:
    case DayKind::working:
    case DayKind::weekend: return "HOLIDAY";
  }
  return "HOLIDAY";
}

std::string ics_date(CalendarDate date) {
  return fmt::format("{:04}{:02}{:02}", static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
                     static_cast<unsigned>(date.day()));
}

std::string ics_stamp(std::int64_t stamp_ms) {
  const auto time = std::chrono::sys_time<std::chrono::milliseconds>{std::chrono::milliseconds{stamp_ms}};
  const auto day = std::chrono::floor<days>(time);
  const std::chrono::hh_mm_ss clock{std::chrono::floor<std::chrono::seconds>(time - day)};
  return fmt::format("{}T{:02}{:02}{:02}Z", ics_date(CalendarDate{day}), clock.hours().count(), clock.minutes().count(),
                     clock.seconds().count());
}

std::string year_list(const std::set<int>& years) {
  std::string out;
  for (int year : years) out += (out.empty() ? "" : ",") + std::to_string(year);
  return out;
}

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c); });
  return text;
}

}  // namespace

std::string fold_ics_line(std::string_view line) {
  std::string out;
  std::size_t limit = kMaxLineOctets;  // the first line has 75 octets, continuations 74 after their space
  while (line.size() > limit) {
    std::size_t cut = limit;
    while (cut > 0 && is_continuation_byte(static_cast<unsigned char>(line[cut]))) --cut;
    out.append(line.substr(0, cut));
    out += "\r\n ";
    line.remove_prefix(cut);
    limit = kMaxLineOctets - 1;
  }
  out.append(line);
  out += "\r\n";
  return out;
}

std::string write_ics(const domain::WorkingCalendar& calendar, std::int64_t stamp_ms) {
  std::string out;
  auto line = [&out](std::string_view text) { out += fold_ics_line(text); };
  line("BEGIN:VCALENDAR");
  line("VERSION:2.0");
  line("PRODID:-//tongban//calendars//EN");
  line("CALSCALE:GREGORIAN");
  line("X-TONGBAN-JURISDICTION:" + calendar.jurisdiction());
  line("X-TONGBAN-YEARS:" + year_list(calendar.covered_years()));
  std::set<int> provisional;
  for (int year : calendar.covered_years()) {
    if (calendar.year_status(year) == domain::YearStatus::provisional) provisional.insert(year);
  }
  if (!provisional.empty()) line("X-TONGBAN-PROVISIONAL-YEARS:" + year_list(provisional));
  const std::string stamp = ics_stamp(stamp_ms);
  const std::string uid_prefix = lower(calendar.jurisdiction());
  const std::vector<domain::SpecialDay> days_list = calendar.special_days();
  for (std::size_t i = 0; i < days_list.size();) {
    const domain::SpecialDay& first = days_list[i];
    std::size_t end = i + 1;
    while (end < days_list.size() && end - i < static_cast<std::size_t>(kMaxRunDays) &&
           days_list[end].kind == first.kind && days_list[end].name == first.name &&
           sys_days{days_list[end].date} == sys_days{days_list[end - 1].date} + days{1} &&
           days_list[end].date.year() == first.date.year()) {
      ++end;
    }
    const std::string kind(category(first.kind));
    line("BEGIN:VEVENT");
    line("UID:" + uid_prefix + "-" + domain::format_date(first.date) + "-" + lower(kind) + "@tongban");
    line("DTSTAMP:" + stamp);
    line("DTSTART;VALUE=DATE:" + ics_date(first.date));
    if (end - i > 1) line("DTEND;VALUE=DATE:" + ics_date(CalendarDate{sys_days{days_list[end - 1].date} + days{1}}));
    line("SUMMARY:" + escape_text(first.name));
    line("CATEGORIES:" + kind);
    line("TRANSP:TRANSPARENT");
    line("END:VEVENT");
    i = end;
  }
  line("END:VCALENDAR");
  return out;
}

}  // namespace tongban::calendar
