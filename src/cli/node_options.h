// NodeOptions: the options every command that opens a node shares (--data-dir, --store, --seed-dir,
// --jurisdiction, --node-code), and the NodeConfig they make.
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
};

void add_node_options(CLI::App* command, NodeOptions& options);
node::NodeConfig node_config(const NodeOptions& options);
// Opens the node, printing progress lines to stderr.
std::unique_ptr<node::Node> open_node(const NodeOptions& options);

}  // namespace tongban::cli
