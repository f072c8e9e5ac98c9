// RunningNode: a node with its router and HTTP server, as `serve` and `demo` run it. run_until_signal() blocks
// SIGINT/SIGTERM in every thread, starts the server, calls `started`, waits for a signal, then stops cleanly (the
// server first, so no request is cut in the middle of a write; then the store finishes its queued jobs).
#pragma once

#include <CLI/App.hpp>
#include <functional>
#include <string>

#include "node/node.h"

namespace tongban::cli {

struct ServeOptions {
  std::string listen = "127.0.0.1:8080";
  double rate_per_second = 200;
  int handler_threads = 32;
  std::string federation_config;  // "" = federation off; else the node's federation TOML (docs/federation.md)
};

struct RunningNode {
  node::Node& node;
  std::string host;
  unsigned port = 0;
};

void add_serve_options(CLI::App* command, ServeOptions& options);
void run_until_signal(node::Node& node, const ServeOptions& options,
                      const std::function<void(const RunningNode&)>& started);

}  // namespace tongban::cli
