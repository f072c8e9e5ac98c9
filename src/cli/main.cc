// tongban: one binary for a node's whole life — serve it, try it (demo), manage its catalog, calendars and
// accounts, and verify its audit trail.
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/commands.h"
#include "cli/problem_text.h"
#include "domain/problem.h"

int main(int argc, char** argv) {
  CLI::App app{
      "tongban (通办): handle a government matter of one jurisdiction in another.\n"
      "One node serves one jurisdiction: its catalog, accounts, cases and audit trail.",
      "tongban"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("tongban ") + tongban::cli::kTongbanVersion);
  tongban::cli::add_serve_command(app);
  tongban::cli::add_demo_command(app);
  tongban::cli::add_catalog_command(app);
  tongban::cli::add_calendar_command(app);
  tongban::cli::add_account_command(app);
  tongban::cli::add_kiosk_command(app);
  tongban::cli::add_audit_command(app);
  tongban::cli::add_keys_command(app);
  tongban::cli::add_federation_command(app);
  tongban::cli::add_directory_command(app);
  tongban::cli::add_backup_command(app);
  tongban::cli::add_migrate_command(app);
  tongban::cli::add_certificate_command(app);
  tongban::cli::add_carrier_simulator_command(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    return app.exit(error);
  } catch (const tongban::cli::UsageError& error) {
    std::cerr << "tongban: " << error.what() << "\n";
    return 2;
  } catch (const tongban::domain::ProblemError& error) {
    // A refused request (a bad field, a taken login, …): the detail and each field error in words.
    std::cerr << "tongban: " << tongban::cli::problem_text(error.problem()) << "\n";
    return tongban::cli::problem_exit_code(error.problem());
  } catch (const std::exception& error) {
    std::cerr << "tongban: " << error.what() << "\n";
    return 1;
  }
  return 0;
}
