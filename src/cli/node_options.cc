#include "cli/node_options.h"

#include <iostream>

#include "cli/commands.h"

namespace tongban::cli {

std::filesystem::path default_seed_dir() {
  if (const char* dir = std::getenv("TONGBAN_SEED_DIR"); dir && *dir) return dir;
  return std::filesystem::path(TONGBAN_SOURCE_DIR) / "data";
}

void add_node_options(CLI::App* command, NodeOptions& options) {
  command->add_option("--data-dir", options.data_dir, "The node's data directory (SQLite file, blobs, catalog, keys)")
      ->required();
  command
      ->add_option("--store", options.store,
                   "Where the node's records live: 'sqlite' (a file in the data directory) or a "
                   "postgres://user@host:port/database URL for several instances on one database (the password from "
                   "PGPASSWORD or ~/.pgpass; blobs stay in the data directory) [default: sqlite]")
      ->envname("TONGBAN_STORE");
  command->add_option("--seed-dir", options.seed_dir,
                      "Shipped data (catalog/, calendars/) used to seed an empty node [default: the source data/]");
  command->add_option("--jurisdiction", options.jurisdiction, "The jurisdiction this node serves")
      ->capture_default_str();
  command->add_option("--node-code", options.node_code, "Prefix of case ids [default: last part of the jurisdiction]");
}

node::NodeConfig node_config(const NodeOptions& options) {
  node::NodeConfig config;
  config.data_dir = options.data_dir;
  config.store = options.store;
  config.seed_dir = options.seed_dir.empty() ? default_seed_dir() : std::filesystem::path(options.seed_dir);
  config.jurisdiction = options.jurisdiction;
  config.node_code = options.node_code;
  config.kiosk_idle_ms = std::int64_t{options.kiosk_idle_seconds} * 1000;
  if (config.node_code.empty()) {
    auto dash = options.jurisdiction.rfind('-');
    config.node_code = dash == std::string::npos ? options.jurisdiction : options.jurisdiction.substr(dash + 1);
  }
  return config;
}

std::unique_ptr<node::Node> open_node(const NodeOptions& options) {
  return node::Node::open(node_config(options), [](std::string_view line) { std::cerr << "  " << line << "\n"; });
}

}  // namespace tongban::cli
