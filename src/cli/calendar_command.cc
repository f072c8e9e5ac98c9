// tongban calendar import|show: working-day calendars from iCalendar files (docs/calendars.md).
#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/commands.h"
#include "cli/node_options.h"
#include "domain/calendar_date.h"

namespace tongban::cli {

namespace {

constexpr const char* kYearStatusHelp =
    "Each year of a calendar is official (the published arrangement, with make-up working days), provisional (only "
    "the holidays fixed by law, until the official notice is imported: due dates counted across it may still move) "
    "or missing (not in the calendar: weekends only, due dates provisional).";

std::string year_summary(const domain::WorkingCalendar& calendar) {
  std::string out;
  for (int year : calendar.covered_years())
    out += fmt::format("{}{} {}", out.empty() ? "" : ", ", year, domain::to_string(calendar.year_status(year)));
  return out;
}

std::string_view year_note(domain::YearStatus status) {
  switch (status) {
    case domain::YearStatus::official: return "";
    case domain::YearStatus::provisional: return "statutory holidays only, until the official notice is imported";
    case domain::YearStatus::missing: return "weekends only: due dates counted in it are provisional";
  }
  return "";
}

// The years from the first covered one (or this year) to the year after the last covered one (or next year, if
// later), with their status: the first missing year is always shown.
void print_years(const domain::WorkingCalendar& calendar, domain::CalendarDate today) {
  const int this_year = static_cast<int>(today.year());
  const auto& years = calendar.covered_years();
  const int first = years.empty() ? this_year : std::min(*years.begin(), this_year);
  const int last = std::max(years.empty() ? this_year : *years.rbegin() + 1, this_year + 1);
  for (int year = first; year <= last; ++year) {
    const auto status = calendar.year_status(year);
    const std::string_view note = year_note(status);
    if (note.empty()) {
      std::cout << fmt::format("  {}  {}\n", year, domain::to_string(status));
    } else {
      std::cout << fmt::format("  {}  {:<12}{}\n", year, domain::to_string(status), note);
    }
  }
  const int left = calendar.official_days_left(today);
  if (left < 0) {
    std::cout << fmt::format("no official calendar for {} (as of {})\n", this_year, domain::format_date(today));
  } else {
    std::cout << fmt::format("official through {} ({} days left as of {})\n",
                             domain::format_date(*calendar.official_through(today)), left, domain::format_date(today));
  }
}

}  // namespace

void add_calendar_command(CLI::App& app) {
  auto* calendar = app.add_subcommand("calendar", "Import and show working-day calendars");
  calendar->require_subcommand(1);
  calendar->footer(std::string(kYearStatusHelp) + " See docs/calendars.md.");

  auto options = std::make_shared<NodeOptions>();
  auto file = std::make_shared<std::string>();
  auto* import_command = calendar->add_subcommand(
      "import",
      "Import an .ics calendar for its jurisdiction: its years replace those years of the calendar held (an official "
      "notice replaces a provisional year; the other years stay), and the open cases of the jurisdiction whose due "
      "dates move are recounted, each with a timeline event");
  import_command->add_option("FILE", *file, "The .ics file (docs/calendars.md, \"File format\")")
      ->required()
      ->check(CLI::ExistingFile);
  add_node_options(import_command, *options);
  import_command->callback([options, file] {
    std::ifstream in(*file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    auto node = open_node(*options);
    std::vector<node::MovedDeadline> moved;
    std::string jurisdiction = node->install_calendar(text.str(), *file, &moved);
    auto imported = node->calendar(jurisdiction);
    std::cout << fmt::format("imported the calendar of {} ({}; {} special days)\n", jurisdiction,
                             year_summary(*imported), imported->special_days().size());
    std::cout << fmt::format("recounted the due dates of {} open case{}\n", moved.size(), moved.size() == 1 ? "" : "s");
    for (const auto& one : moved) {
      const auto date = [](const std::optional<domain::CalendarDate>& d) {
        return d ? domain::format_date(*d) : std::string("-");
      };
      std::cout << fmt::format("  {}  legal {} -> {}  promised {} -> {}\n", one.case_id, date(one.before.legal_due),
                               date(one.after.legal_due), date(one.before.promised_due), date(one.after.promised_due));
    }
  });

  auto show_options = std::make_shared<NodeOptions>();
  auto code = std::make_shared<std::string>();
  auto today_text = std::make_shared<std::string>();
  auto* show_command = calendar->add_subcommand(
      "show",
      "Show a jurisdiction's calendar: each year official, provisional or missing, how long it stays official, then "
      "its special days");
  show_command->add_option("JURISDICTION", *code, "e.g. CN-GD-JM, MO, HK")->required();
  show_command->add_option("--today", *today_text,
                           "The date to judge from, YYYY-MM-DD [default: today in the jurisdiction, UTC+8]");
  show_command->footer(kYearStatusHelp);
  add_node_options(show_command, *show_options);
  show_command->callback([show_options, code, today_text] {
    std::optional<domain::CalendarDate> given;
    if (!today_text->empty()) {
      given = domain::parse_date(*today_text);
      if (!given) throw CLI::ValidationError("--today", "'" + *today_text + "' is not a date (YYYY-MM-DD)");
    }
    auto node = open_node(*show_options);
    auto shown = node->calendar(*code);
    if (!shown) throw std::runtime_error("no calendar for " + *code);
    const domain::CalendarDate today = given ? *given : domain::local_date(node->now_ms(), 480);
    std::cout << fmt::format("calendar of {}\n", *code);
    print_years(*shown, today);
    std::cout << "\n";
    for (const auto& day : shown->special_days())
      std::cout << fmt::format("{}  {:<20} {}\n", domain::format_date(day.date), domain::to_string(day.kind), day.name);
  });
}

}  // namespace tongban::cli
