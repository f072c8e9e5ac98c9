// tongban serve: run a node over HTTP until SIGINT or SIGTERM. With --federation, a second listener
// (--federation-listen) takes the peers' messages over mutual TLS 1.3; the federation options are checked before the
// node is opened (cli/running_node.h). The data directory must exist unless --init is given (cli/node_options.h);
// every option can come from --config (cli/config_file.h). The federation listener's line is printed before the public
// "listening on" line, in one write, so a reader waiting for the latter has both.
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
  auto* command = app.add_subcommand(
      "serve",
      "Run a node: the JSON API, pages, /healthz, /readyz and /metrics on --listen; with --federation, the "
      "federation endpoint /federation/v1/messages on --federation-listen only (mutual TLS 1.3, client certificates "
      "from the [tls] CA, pinned fingerprints checked)");
  add_node_options(command, options->node);
  add_serve_options(command, options->serve);
  command
      ->add_option("--kiosk-idle-seconds", options->node.kiosk_idle_seconds,
                   "A kiosk visit ends after this many seconds without a touch, with a warning and \"more time\" "
                   "shortly before (docs/kiosk.md)")
      ->capture_default_str()
      ->check(CLI::Range(10, 3600));
  command->add_flag("--init", options->node.create_data_dir,
                    "Create the data directory when it does not exist and seed a new node from the shipped data "
                    "(without it a missing --data-dir is refused)");
  command->callback([options] {
    check_federation_listener(options->serve);
    auto node = open_node(options->node);
    run_until_signal(*node, options->serve, [](const RunningNode& running) {
      const auto& config = running.node.config();
      std::string lines;
      if (!running.federation_url.empty())
        lines = fmt::format(
            "tongban node {} ({}) federation listener on {}{}\n", config.node_code, config.jurisdiction,
            running.federation_url,
            running.federation_url.rfind("https", 0) == 0 ? " (mutual TLS 1.3)" : " (plain HTTP: insecure_loopback)");
      lines += fmt::format("tongban node {} ({}) listening on http://{}:{}\n", config.node_code, config.jurisdiction,
                           running.host, running.port);
      std::cout << lines << std::flush;
    });
  });
}

}  // namespace tongban::cli
