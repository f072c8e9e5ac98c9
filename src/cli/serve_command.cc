// tongban serve: run a node over HTTP until SIGINT or SIGTERM.
#include <fmt/format.h>

#include <iostream>

#include "cli/commands.h"
#include "cli/node_options.h"
#include "cli/running_node.h"

namespace tongban::cli {

void add_serve_command(CLI::App& app) {
  struct Options {
    NodeOptions node;
    ServeOptions serve;
  };
  auto options = std::make_shared<Options>();
  auto* command = app.add_subcommand("serve", "Run a node: the JSON API, /healthz, /readyz and /metrics");
  add_node_options(command, options->node);
  add_serve_options(command, options->serve);
  command->callback([options] {
    auto node = open_node(options->node);
    run_until_signal(*node, options->serve, [](const RunningNode& running) {
      std::cout << fmt::format("tongban node {} ({}) listening on http://{}:{}\n", running.node.config().node_code,
                               running.node.config().jurisdiction, running.host, running.port)
                << std::flush;
    });
  });
}

}  // namespace tongban::cli
