// The subcommands of the `tongban` binary. Each add_* registers one command (and its options) on the app; the
// command runs when CLI11 has parsed the line. Commands print what they do and exit non-zero with a message on
// failure.
#pragma once

#include <CLI/App.hpp>
#include <filesystem>
#include <stdexcept>
#include <string>

namespace tongban::cli {

void add_serve_command(CLI::App& app);
void add_demo_command(CLI::App& app);
void add_catalog_command(CLI::App& app);
void add_calendar_command(CLI::App& app);
void add_account_command(CLI::App& app);
void add_kiosk_command(CLI::App& app);
void add_audit_command(CLI::App& app);
void add_keys_command(CLI::App& app);
void add_federation_command(CLI::App& app);
void add_directory_command(CLI::App& app);
// `backup` and `restore` (backup_command.cc).
void add_backup_command(CLI::App& app);
// `migrate [--dry-run]` (migrate_command.cc).
void add_migrate_command(CLI::App& app);
// `certificate verify FILE|TOKEN` (certificate_command.cc).
void add_certificate_command(CLI::App& app);
// `carrier-simulator --node URL --secret-file F --item ID…` (carrier_simulator_command.cc).
void add_carrier_simulator_command(CLI::App& app);

// The version `tongban --version` prints and a backup manifest records.
inline constexpr const char* kTongbanVersion = "0.1.0";

// A command line (or the configuration it names) that a command refuses before doing anything: main() prints the
// message and exits with code 2 (other failures exit with 1).
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The shipped data next to the binary (cli/shipped_data.h); UsageError saying where it looked when there is none.
std::filesystem::path default_seed_dir();

}  // namespace tongban::cli
