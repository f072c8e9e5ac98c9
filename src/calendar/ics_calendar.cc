#include "calendar/ics_calendar.h"

#include <libical/ical.h>

#include <algorithm>
#include <fstream>
#include <memory>
#include <optional>
#include <sstream>
#include <vector>

namespace tongban::calendar {

namespace {

using domain::CalendarDate;
using domain::DayKind;
using domain::WorkingCalendar;

constexpr int kMaxEventDays = 31;

struct ComponentDeleter {
  void operator()(icalcomponent* component) const { icalcomponent_free(component); }
};
using ComponentPtr = std::unique_ptr<icalcomponent, ComponentDeleter>;

// Thrown inside one event or at calendar level; turned into CalendarImportError with the source name.
struct Problem {
  std::string event;
  std::string text;
};

std::string upper(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c); });
  return out;
}

std::string trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return std::string(text);
}

std::vector<std::string> split_commas(std::string_view text) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t comma = text.find(',', start);
    parts.push_back(trim(text.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start)));
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return parts;
}

int count_properties(icalcomponent* component, icalproperty_kind kind) {
  return icalcomponent_count_properties(component, kind);
}

// The first libical parse error attached to a component or any of its children.
std::optional<std::string> find_parse_error(icalcomponent* component) {
  if (icalproperty* error = icalcomponent_get_first_property(component, ICAL_XLICERROR_PROPERTY)) {
    const char* text = icalproperty_get_xlicerror(error);
    return std::string(text != nullptr ? text : "unparseable line");
  }
  for (icalcomponent* child = icalcomponent_get_first_component(component, ICAL_ANY_COMPONENT); child != nullptr;
       child = icalcomponent_get_next_component(component, ICAL_ANY_COMPONENT)) {
    if (auto error = find_parse_error(child)) return error;
  }
  return std::nullopt;
}

std::optional<std::string> x_property(icalcomponent* calendar, std::string_view name) {
  std::optional<std::string> value;
  for (icalproperty* p = icalcomponent_get_first_property(calendar, ICAL_X_PROPERTY); p != nullptr;
       p = icalcomponent_get_next_property(calendar, ICAL_X_PROPERTY)) {
    const char* x_name = icalproperty_get_x_name(p);
    if (x_name == nullptr || upper(x_name) != name) continue;
    if (value) throw Problem{{}, std::string(name) + " appears more than once"};
    const char* text = icalproperty_get_x(p);
    value = trim(text != nullptr ? text : "");
  }
  return value;
}

std::string read_jurisdiction(icalcomponent* calendar) {
  const auto code = x_property(calendar, "X-TONGBAN-JURISDICTION");
  if (!code || code->empty()) throw Problem{{}, "X-TONGBAN-JURISDICTION is missing"};
  for (char c : *code) {
    const bool allowed = (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
    if (!allowed) throw Problem{{}, "X-TONGBAN-JURISDICTION '" + *code + "' must use A-Z, 0-9 and '-'"};
  }
  return *code;
}

std::vector<int> read_years(icalcomponent* calendar) {
  const auto text = x_property(calendar, "X-TONGBAN-YEARS");
  if (!text || text->empty()) throw Problem{{}, "X-TONGBAN-YEARS is missing"};
  std::vector<int> years;
  for (const std::string& part : split_commas(*text)) {
    const bool four_digits =
        part.size() == 4 && std::all_of(part.begin(), part.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!four_digits) throw Problem{{}, "X-TONGBAN-YEARS '" + *text + "' must list 4-digit years, e.g. 2025,2026"};
    years.push_back(std::stoi(part));
  }
  return years;
}

// X-TONGBAN-PROVISIONAL-YEARS (optional): years of X-TONGBAN-YEARS that hold only the statutory holidays so far.
std::vector<int> read_provisional_years(icalcomponent* calendar, const std::vector<int>& years) {
  const auto text = x_property(calendar, "X-TONGBAN-PROVISIONAL-YEARS");
  std::vector<int> provisional;
  if (!text) return provisional;
  for (const std::string& part : split_commas(*text)) {
    const bool four_digits =
        part.size() == 4 && std::all_of(part.begin(), part.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!four_digits) {
      throw Problem{{}, "X-TONGBAN-PROVISIONAL-YEARS '" + *text + "' must list 4-digit years, e.g. 2027"};
    }
    const int year = std::stoi(part);
    if (std::find(years.begin(), years.end(), year) == years.end()) {
      throw Problem{{}, "X-TONGBAN-PROVISIONAL-YEARS names " + part + ", which X-TONGBAN-YEARS does not list"};
    }
    provisional.push_back(year);
  }
  return provisional;
}

std::string describe_event(icalcomponent* event, int index) {
  std::string out = "#" + std::to_string(index);
  const char* uid = icalcomponent_get_uid(event);
  if (uid != nullptr && *uid != '\0') out += " UID " + std::string(uid);
  return out;
}

std::optional<DayKind> kind_from_category(const std::string& category) {
  const std::string word = upper(category);
  if (word == "HOLIDAY") return DayKind::holiday;
  if (word == "WORKDAY") return DayKind::makeup_working;
  if (word == "EXEMPTION") return DayKind::exemption;
  if (word == "HALF-DAY-EXEMPTION") return DayKind::half_day_exemption;
  return std::nullopt;
}

DayKind read_kind(icalcomponent* event, const std::string& where) {
  std::optional<DayKind> kind;
  for (icalproperty* p = icalcomponent_get_first_property(event, ICAL_CATEGORIES_PROPERTY); p != nullptr;
       p = icalcomponent_get_next_property(event, ICAL_CATEGORIES_PROPERTY)) {
    const char* value = icalproperty_get_categories(p);
    for (const std::string& category : split_commas(value != nullptr ? value : "")) {
      const auto found = kind_from_category(category);
      if (!found) continue;
      if (kind && *kind != *found) throw Problem{where, "CATEGORIES names more than one kind of day"};
      kind = found;
    }
  }
  if (!kind) {
    throw Problem{where, "CATEGORIES must be one of HOLIDAY, WORKDAY, EXEMPTION, HALF-DAY-EXEMPTION"};
  }
  return *kind;
}

CalendarDate to_date(icaltimetype time, const char* property, const std::string& where) {
  if (icaltime_is_null_time(time) || !time.is_date) {
    throw Problem{where, std::string(property) + " must be a date (" + property + ";VALUE=DATE:YYYYMMDD)"};
  }
  const CalendarDate date{std::chrono::year{time.year}, std::chrono::month{static_cast<unsigned>(time.month)},
                          std::chrono::day{static_cast<unsigned>(time.day)}};
  if (!date.ok() || time.month < 1 || time.day < 1) {
    throw Problem{where, std::string(property) + " is not a valid calendar date"};
  }
  return date;
}

// The days an event covers: DTSTART, or DTSTART up to the day before DTEND.
std::vector<CalendarDate> read_days(icalcomponent* event, const std::string& where) {
  for (icalproperty_kind recurring : {ICAL_RRULE_PROPERTY, ICAL_RDATE_PROPERTY, ICAL_EXDATE_PROPERTY}) {
    if (count_properties(event, recurring) != 0) {
      throw Problem{where, "recurring events (RRULE/RDATE/EXDATE) are not supported: list each date"};
    }
  }
  if (count_properties(event, ICAL_DURATION_PROPERTY) != 0) throw Problem{where, "use DTEND instead of DURATION"};
  if (count_properties(event, ICAL_DTSTART_PROPERTY) != 1) throw Problem{where, "exactly one DTSTART is required"};
  if (count_properties(event, ICAL_DTEND_PROPERTY) > 1) throw Problem{where, "DTEND appears more than once"};
  icalproperty* start_property = icalcomponent_get_first_property(event, ICAL_DTSTART_PROPERTY);
  const CalendarDate first = to_date(icalproperty_get_dtstart(start_property), "DTSTART", where);
  std::chrono::sys_days end = std::chrono::sys_days{first} + std::chrono::days{1};
  if (icalproperty* end_property = icalcomponent_get_first_property(event, ICAL_DTEND_PROPERTY)) {
    end = std::chrono::sys_days{to_date(icalproperty_get_dtend(end_property), "DTEND", where)};
    if (end <= std::chrono::sys_days{first}) throw Problem{where, "DTEND must be after DTSTART (DTEND is exclusive)"};
    if (end - std::chrono::sys_days{first} > std::chrono::days{kMaxEventDays}) {
      throw Problem{where, "an event may span at most " + std::to_string(kMaxEventDays) + " days"};
    }
  }
  std::vector<CalendarDate> out;
  for (auto day = std::chrono::sys_days{first}; day < end; day += std::chrono::days{1}) out.emplace_back(day);
  return out;
}

void import_event(icalcomponent* event, int index, WorkingCalendar& calendar) {
  const std::string where = describe_event(event, index);
  const char* summary = icalcomponent_get_summary(event);
  const std::string name = trim(summary != nullptr ? summary : "");
  if (name.empty()) throw Problem{where, "SUMMARY is missing"};
  const DayKind kind = read_kind(event, where);
  for (const CalendarDate& date : read_days(event, where)) {
    try {
      calendar.mark(date, kind, name);
    } catch (const std::invalid_argument& e) {
      throw Problem{where, e.what()};
    }
  }
}

ComponentPtr parse_root(std::string_view text) {
  if (text.size() > kMaxCalendarFileBytes) throw Problem{{}, "the file is larger than 1 MiB"};
  if (text.find('\0') != std::string_view::npos) throw Problem{{}, "the file contains a NUL byte"};
  const std::string copy(text);
  ComponentPtr root(icalparser_parse_string(copy.c_str()));
  if (!root) throw Problem{{}, "not an iCalendar file (no complete BEGIN:VCALENDAR … END:VCALENDAR)"};
  if (icalcomponent_isa(root.get()) != ICAL_VCALENDAR_COMPONENT) {
    throw Problem{{}, "the file must hold exactly one VCALENDAR"};
  }
  if (auto error = find_parse_error(root.get())) throw Problem{{}, "unparseable iCalendar: " + *error};
  return root;
}

WorkingCalendar build_calendar(std::string_view text) {
  const ComponentPtr root = parse_root(text);
  WorkingCalendar calendar(read_jurisdiction(root.get()));
  const std::vector<int> years = read_years(root.get());
  const std::vector<int> provisional = read_provisional_years(root.get(), years);
  for (int year : years) {
    const bool is_provisional = std::find(provisional.begin(), provisional.end(), year) != provisional.end();
    try {
      calendar.cover_year(year, is_provisional ? domain::YearStatus::provisional : domain::YearStatus::official);
    } catch (const std::invalid_argument& e) {
      throw Problem{{}, e.what()};
    }
  }
  int index = 0;
  for (icalcomponent* event = icalcomponent_get_first_component(root.get(), ICAL_VEVENT_COMPONENT); event != nullptr;
       event = icalcomponent_get_next_component(root.get(), ICAL_VEVENT_COMPONENT)) {
    import_event(event, ++index, calendar);
  }
  return calendar;
}

std::string format_error(const std::string& source, const std::string& event, const std::string& problem) {
  std::string out = source;
  if (!event.empty()) out += ": event " + event;
  return out + ": " + problem;
}

bool has_ics_extension(const std::filesystem::path& path) {
  return upper(path.extension().string()) == ".ICS";
}

}  // namespace

CalendarImportError::CalendarImportError(std::string source, std::string event, std::string problem)
    : std::runtime_error(format_error(source, event, problem)),
      source_(std::move(source)),
      event_(std::move(event)),
      problem_(std::move(problem)) {}

WorkingCalendar parse_ics(std::string_view ics_text, std::string_view source_name) {
  try {
    return build_calendar(ics_text);
  } catch (const Problem& problem) {
    throw CalendarImportError(std::string(source_name), problem.event, problem.text);
  }
}

WorkingCalendar load_ics_file(const std::filesystem::path& file) {
  const std::string source = file.filename().string();
  std::error_code error;
  if (!std::filesystem::is_regular_file(file, error)) throw CalendarImportError(source, {}, "no such file");
  const auto size = std::filesystem::file_size(file, error);
  if (error || size > kMaxCalendarFileBytes) throw CalendarImportError(source, {}, "the file is larger than 1 MiB");
  std::ifstream in(file, std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  if (!in.good() && !in.eof()) throw CalendarImportError(source, {}, "the file cannot be read");
  return parse_ics(content.str(), source);
}

std::map<std::string, WorkingCalendar> load_calendar_dir(const std::filesystem::path& dir) {
  std::error_code error;
  if (!std::filesystem::is_directory(dir, error)) throw CalendarImportError(dir.string(), {}, "not a directory");
  std::vector<std::filesystem::path> files;
  for (std::filesystem::directory_iterator it(dir, error), end; !error && it != end; it.increment(error)) {
    if (it->is_regular_file(error) && has_ics_extension(it->path())) files.push_back(it->path());
  }
  if (error) throw CalendarImportError(dir.string(), {}, "cannot list the folder: " + error.message());
  std::sort(files.begin(), files.end());
  std::map<std::string, WorkingCalendar> calendars;
  for (const auto& file : files) {
    WorkingCalendar calendar = load_ics_file(file);
    const std::string code = calendar.jurisdiction();
    auto [slot, inserted] = calendars.try_emplace(code, std::move(calendar));
    if (inserted) continue;
    try {
      slot->second.merge(calendar);  // try_emplace left it untouched
    } catch (const std::invalid_argument& e) {
      throw CalendarImportError(file.filename().string(), {}, e.what());
    }
  }
  return calendars;
}

}  // namespace tongban::calendar
