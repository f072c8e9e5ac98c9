// tongban calendar import|show: working-day calendars from iCalendar files (docs/calendars.md).
#include <fmt/format.h>

#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/commands.h"
#include "cli/node_options.h"
#include "domain/calendar_date.h"

namespace tongban::cli {

void add_calendar_command(CLI::App& app) {
  auto* calendar = app.add_subcommand("calendar", "Import and show working-day calendars");
  calendar->require_subcommand(1);

  auto options = std::make_shared<NodeOptions>();
  auto file = std::make_shared<std::string>();
  auto* import_command = calendar->add_subcommand("import", "Import an .ics calendar for its jurisdiction");
  import_command->add_option("FILE", *file, "The .ics file")->required()->check(CLI::ExistingFile);
  add_node_options(import_command, *options);
  import_command->callback([options, file] {
    std::ifstream in(*file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    auto node = open_node(*options);
    std::string jurisdiction = node->install_calendar(text.str(), *file);
    auto imported = node->calendar(jurisdiction);
    std::string years;
    for (int year : imported->covered_years()) years += (years.empty() ? "" : ", ") + std::to_string(year);
    std::cout << fmt::format("imported the calendar of {} ({}; {} special days)\n", jurisdiction, years,
                             imported->special_days().size());
  });

  auto show_options = std::make_shared<NodeOptions>();
  auto code = std::make_shared<std::string>();
  auto* show_command = calendar->add_subcommand("show", "List the special days of a jurisdiction's calendar");
  show_command->add_option("JURISDICTION", *code, "e.g. CN-GD-JM, MO")->required();
  add_node_options(show_command, *show_options);
  show_command->callback([show_options, code] {
    auto node = open_node(*show_options);
    auto shown = node->calendar(*code);
    if (!shown) throw std::runtime_error("no calendar for " + *code);
    for (const auto& day : shown->special_days())
      std::cout << fmt::format("{}  {:<20} {}\n", domain::format_date(day.date), domain::to_string(day.kind), day.name);
  });
}

}  // namespace tongban::cli
