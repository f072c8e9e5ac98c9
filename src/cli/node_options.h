// NodeOptions: the options every command that opens a node shares (--data-dir, --store, --seed-dir,
// --jurisdiction, --node-code, --config), and the NodeConfig they make.
//
// A command opens an existing node only: a --data-dir that does not exist is refused with a message (UsageError,
// exit code 2), so a mistyped path never creates and seeds a new node. Only `serve --init` and `demo` set
// create_data_dir and make a new one. The seed folder is --seed-dir or the data shipped with the binary
// (cli/shipped_data.h).
#pragma once

#include <CLI/App.hpp>
#include <string>

#include "node/node.h"

namespace tongban::cli {

struct NodeOptions {
  std::string data_dir;
  std::string store;  // --store: "" / "sqlite" or a postgres:// URL (store/open_store.h)
  std::string seed_dir;
  std::string jurisdiction = "CN-GD-JM";
  std::string node_code;         // default: the last part of the jurisdiction code (CN-GD-JM -> JM)
  int kiosk_idle_seconds = 120;  // `serve --kiosk-idle-seconds`
  bool create_data_dir = false;  // `serve --init`, `demo`: a data directory that does not exist is made and seeded
};

// Adds the node options and --config (cli/config_file.h).
void add_node_options(CLI::App* command, NodeOptions& options);
node::NodeConfig node_config(const NodeOptions& options);
// Refuses a data directory that does not exist (or is not a directory) unless create_data_dir is set.
void check_data_dir(const NodeOptions& options);
// Checks the data directory, then opens the node, printing progress lines to stderr.
std::unique_ptr<node::Node> open_node(const NodeOptions& options);

}  // namespace tongban::cli
