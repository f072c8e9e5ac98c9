// ConfigFile: the node's settings in one TOML file (`--config FILE` or $TONGBAN_CONFIG), for everything the flags of
// the node commands set. docs/operations.md ("Configuration file") describes it; data/tongban.example.toml is a
// commented example.
//
//   [node]        data_dir, store, seed_dir, jurisdiction, node_code
//   [serve]       listen, rate, handler_threads, trusted_proxies, max_connections, max_connections_per_client,
//                 write_timeout, idle_timeout, kiosk_idle_seconds
//   [federation]  config, listen
//
// Each key stands for one flag (config_settings() lists them: [serve] rate is --rate, [federation] config is
// --federation). Precedence: a flag on the command line, then its environment variable (TONGBAN_STORE,
// TONGBAN_SEED_DIR), then the file, then the built-in default. A key the running command has no flag for (say
// [serve] listen for `audit verify`) is skipped, so one file serves every command of a node.
//
// Refused, before the command does anything (UsageError, exit code 2), with the file and the key named: a file that
// does not read or is not TOML, an unknown section or key, a value of the wrong type (a string where a number is
// due, …), and a value the flag's own check refuses (a port over 65535, handler_threads = 0, …). Relative paths in
// the file (data_dir, seed_dir, federation.config) are taken from the file's folder, not from the working directory.
#pragma once

#include <CLI/App.hpp>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace tongban::cli {

enum class SettingKind { text, path, integer, number, text_list };

struct ConfigSetting {
  std::string_view section;
  std::string_view key;
  std::string_view flag;  // the command-line option it stands for
  SettingKind kind;
};

// Every key the file may hold.
const std::vector<ConfigSetting>& config_settings();

// One value of the file, as the flag would have received it on the command line.
struct ConfigValue {
  const ConfigSetting* setting;
  std::vector<std::string> arguments;  // one, or one per list entry
};

// Reads and checks the file: every key known, every value of its kind. Throws UsageError naming the file and key.
std::vector<ConfigValue> read_config_file(const std::filesystem::path& file);

// Adds --config (and $TONGBAN_CONFIG) to a command: when given, each value of the file whose flag this command has
// and that the command line (or its environment variable) did not set is given to that flag, through the flag's
// own checks. Call after the command's other options are added or before: the file is applied once the whole
// command line is read.
void add_config_option(CLI::App* command);

}  // namespace tongban::cli
