#include "cli/node_options.h"

#include <fmt/format.h>

#include <iostream>

#include "cli/commands.h"
#include "cli/config_file.h"
#include "cli/shipped_data.h"

namespace tongban::cli {

namespace fs = std::filesystem;

fs::path default_seed_dir() {
  if (auto found = find_shipped_data()) return *found;
  throw UsageError(fmt::format(
      "no shipped data (catalog/, calendars/) next to this binary: looked in {}; give --seed-dir FOLDER (the "
      "share/tongban folder of an install, or data/ of a source tree)",
      installed_data_folder().string()));
}

void add_node_options(CLI::App* command, NodeOptions& options) {
  command
      ->add_option("--data-dir", options.data_dir,
                   "The node's data directory (SQLite file, blobs, catalog, keys); it must exist"
                   " (or [node] data_dir in --config)")
      ->required();
  command
      ->add_option("--store", options.store,
                   "Where the node's records live: 'sqlite' (a file in the data directory) or a "
                   "postgres://user@host:port/database URL for several instances on one database (the password from "
                   "PGPASSWORD or ~/.pgpass; blobs stay in the data directory) [default: sqlite]")
      ->envname("TONGBAN_STORE");
  command
      ->add_option("--seed-dir", options.seed_dir,
                   "Shipped data (catalog/, calendars/) used to seed an empty node [default: share/tongban next to "
                   "the binary's bin/]")
      ->envname("TONGBAN_SEED_DIR");
  command->add_option("--jurisdiction", options.jurisdiction, "The jurisdiction this node serves")
      ->capture_default_str();
  command->add_option("--node-code", options.node_code, "Prefix of case ids [default: last part of the jurisdiction]");
  add_config_option(command);
}

node::NodeConfig node_config(const NodeOptions& options) {
  node::NodeConfig config;
  config.data_dir = options.data_dir;
  config.store = options.store;
  config.seed_dir = options.seed_dir;
  config.jurisdiction = options.jurisdiction;
  config.node_code = options.node_code;
  config.kiosk_idle_ms = std::int64_t{options.kiosk_idle_seconds} * 1000;
  if (config.node_code.empty()) {
    auto dash = options.jurisdiction.rfind('-');
    config.node_code = dash == std::string::npos ? options.jurisdiction : options.jurisdiction.substr(dash + 1);
  }
  return config;
}

void check_data_dir(const NodeOptions& options) {
  if (options.create_data_dir) return;
  std::error_code error;
  const fs::path dir(options.data_dir);
  if (fs::is_directory(dir, error)) return;
  if (fs::exists(dir, error)) throw UsageError(fmt::format("--data-dir {} is not a directory", options.data_dir));
  throw UsageError(
      fmt::format("--data-dir {} does not exist: give the data directory of an existing node (nothing was created); "
                  "to make a new node there, run `tongban serve --init --data-dir {}`",
                  options.data_dir, options.data_dir));
}

std::unique_ptr<node::Node> open_node(const NodeOptions& options) {
  check_data_dir(options);
  node::NodeConfig config = node_config(options);
  // A node that has its catalog already needs no seed folder (its calendars come from the shipped data when found).
  if (config.seed_dir.empty()) {
    if (auto found = find_shipped_data()) {
      config.seed_dir = *found;
    } else if (!fs::exists(config.data_dir / "catalog")) {
      config.seed_dir = default_seed_dir();  // throws, saying where it looked
    }
  }
  return node::Node::open(config, [](std::string_view line) { std::cerr << "  " << line << "\n"; });
}

}  // namespace tongban::cli
