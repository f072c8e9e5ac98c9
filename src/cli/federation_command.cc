// tongban federation: look at the node's federation side without starting it.
//   status --data-dir D   per peer: queued and in-flight messages, delivered count, oldest unacknowledged age,
//                         last error; and the inbox messages held for an earlier one of their case.
//   check --config F      load and validate a federation config (trust list) and its key file, print the peers.
#include <iostream>

#include "cli/commands.h"
#include "federation/federation_status.h"
#include "federation/node_key.h"
#include "federation/outbox.h"
#include "federation/trust_list.h"
#include "store/sqlite/sqlite_store.h"

namespace tongban::cli {
namespace {

void add_status(CLI::App* federation) {
  auto data_dir = std::make_shared<std::string>();
  auto* status = federation->add_subcommand("status", "Show the outbox per peer and the held inbox messages");
  status->add_option("--data-dir", *data_dir, "The node's data directory")->required()->check(CLI::ExistingDirectory);
  status->callback([data_dir] {
    store::SqliteStoreOptions options;
    options.data_dir = *data_dir;
    auto store = store::open_sqlite_store(options);
    std::cout << federation::format_status(federation::federation_status(*store, federation::system_clock()()));
  });
}

void add_check(CLI::App* federation) {
  auto config_file = std::make_shared<std::string>();
  auto* check = federation->add_subcommand("check", "Validate a federation config file and its key");
  check->add_option("--config", *config_file, "The federation TOML file")->required()->check(CLI::ExistingFile);
  check->callback([config_file] {
    federation::FederationConfig config = federation::load_federation_config(*config_file);
    federation::NodeKey key = federation::NodeKey::load(config.key_file);
    std::cout << "node " << config.node_id << " (" << config.jurisdiction << "), public key "
              << key.public_key().base64() << "\n";
    for (const auto& peer : config.peers) {
      std::cout << "  peer " << peer.node_id << " at " << peer.endpoint << ": may send " << peer.may_send.size()
                << " types, may receive " << peer.may_receive.size() << " data categories\n";
    }
    if (config.peers.empty()) std::cout << "  no peers: federation is off\n";
  });
}

}  // namespace

void add_federation_command(CLI::App& app) {
  auto* federation = app.add_subcommand("federation", "Inspect the node's federation with other nodes");
  federation->require_subcommand(1);
  add_status(federation);
  add_check(federation);
}

}  // namespace tongban::cli
