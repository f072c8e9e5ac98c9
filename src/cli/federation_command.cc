// tongban federation: look at the node's federation side without starting it.
//   status --data-dir D [--store URL]   per peer: queued and in-flight messages, delivered count, oldest unacknowledged
//   age,
//                         last error; and the inbox messages held for an earlier one of their case.
//   check --config F [--data-dir D]   validate a federation config: unknown keys and sections refused, the key,
//                         TLS and anchor files, the agreements (against the node's catalog with --data-dir); every
//                         problem listed, exit 2 if there is one.
//   requeue MESSAGE_ID --data-dir D               a dead letter (or waiting message) goes back to be sent/applied.
//   drop MESSAGE_ID --reason TEXT --data-dir D    give a dead letter up so the messages behind it flow.
//                         Both refuse (exit 2, nothing changed) an unknown id or a message in another state, and
//                         append the act to the message log (federation/dead_letters.h).
#include <filesystem>
#include <iostream>
#include <vector>

#include "catalog/catalog_reader.h"
#include "cli/commands.h"
#include "crossborder/agreements.h"
#include "federation/dead_letters.h"
#include "federation/federation_status.h"
#include "federation/node_key.h"
#include "federation/outbox.h"
#include "federation/trust_list.h"
#include "store/open_store.h"

namespace tongban::cli {
namespace {

// The node's store: --data-dir and, for a node on PostgreSQL, --store (or TONGBAN_STORE).
struct StoreOption {
  std::string data_dir;
  std::string location;
};

void add_store_options(CLI::App* command, StoreOption& option) {
  command->add_option("--data-dir", option.data_dir, "The node's data directory")
      ->required()
      ->check(CLI::ExistingDirectory);
  command->add_option("--store", option.location, "'sqlite' or the node's postgres:// URL [default: sqlite]")
      ->envname("TONGBAN_STORE");
}

std::unique_ptr<store::Store> open_store(const StoreOption& option) {
  store::StoreSettings settings;
  settings.location = option.location;
  settings.data_dir = option.data_dir;
  return store::open_store(settings);
}

void add_status(CLI::App* federation) {
  auto where = std::make_shared<StoreOption>();
  auto* status = federation->add_subcommand("status", "Show the outbox per peer and the held inbox messages");
  add_store_options(status, *where);
  status->callback([where] {
    auto store = open_store(*where);
    std::cout << federation::format_status(federation::federation_status(*store, federation::system_clock()()));
  });
}

// Every problem of a federation config, all at once: the file itself (unknown keys and sections refused), the key
// file, the TLS and directory files it names, and the agreements — checked against the node's catalog when
// --data-dir is given.
std::vector<std::string> config_problems(const std::string& file, const std::string& data_dir,
                                         federation::FederationConfig& config) {
  std::vector<std::string> problems;
  try {
    config = federation::load_federation_config(file);
  } catch (const std::exception& error) {
    return {error.what()};
  }
  try {
    federation::NodeKey::load(config.key_file);
  } catch (const std::exception& error) {
    problems.push_back(std::string("node.key_file: ") + error.what());
  }
  auto readable = [&](const std::filesystem::path& path, const std::string& key) {
    std::error_code error;
    if (!std::filesystem::is_regular_file(path, error)) problems.push_back(key + ": no file " + path.string());
  };
  if (config.tls) {
    readable(config.tls->certificate_file, "tls.certificate_file");
    readable(config.tls->private_key_file, "tls.private_key_file");
    readable(config.tls->ca_file, "tls.ca_file");
  }
  if (config.directory) readable(config.directory->anchor_file, "directory.anchor_file");
  if (!config.tls && !config.insecure_loopback)
    problems.push_back("no [tls] section and no [node] insecure_loopback = true: the node cannot federate");
  crossborder::CrossBorderAgreements agreements;
  try {
    agreements = crossborder::load_agreements(file);
  } catch (const std::exception& error) {
    problems.push_back(error.what());
    return problems;
  }
  if (!data_dir.empty()) {
    auto catalog = catalog::read_catalog(std::filesystem::path(data_dir) / "catalog");
    if (!catalog.ok()) {
      problems.push_back("the catalog in " + data_dir + "/catalog does not read: " + catalog.errors.front().message);
    } else {
      for (auto& problem : crossborder::check_agreements(agreements, catalog.catalog)) problems.push_back(problem);
    }
  }
  return problems;
}

void add_check(CLI::App* federation) {
  auto config_file = std::make_shared<std::string>();
  auto data_dir = std::make_shared<std::string>();
  auto* check = federation->add_subcommand(
      "check", "Validate a federation config: keys and sections, key file, TLS and directory files, agreements");
  check->add_option("--config", *config_file, "The federation TOML file")->required()->check(CLI::ExistingFile);
  check->add_option("--data-dir", *data_dir, "The node's data directory: also check the agreements against its catalog")
      ->check(CLI::ExistingDirectory);
  check->callback([config_file, data_dir] {
    federation::FederationConfig config;
    auto problems = config_problems(*config_file, *data_dir, config);
    if (!problems.empty()) {
      std::cerr << "federation check: " << *config_file << " has " << problems.size() << " problem(s):\n";
      for (const auto& problem : problems) std::cerr << "  - " << problem << "\n";
      throw UsageError("the federation config is not usable; nothing was started");
    }
    federation::NodeKey key = federation::NodeKey::load(config.key_file);
    std::cout << "node " << config.node_id << " (" << config.jurisdiction << "), public key "
              << key.public_key().base64() << "\n";
    for (const auto& peer : config.peers) {
      std::cout << "  peer " << peer.node_id << " at " << peer.endpoint << ": may send " << peer.may_send.size()
                << " types, may receive " << peer.may_receive.size() << " data categories\n";
    }
    if (config.directory)
      std::cout << "  peers and agreements also from the directory (anchor " << config.directory->anchor_file.string()
                << ")\n";
    if (config.peers.empty() && !config.directory) std::cout << "  no peers: federation is off\n";
    auto agreements = crossborder::load_agreements(*config_file);
    std::cout << "  agreements: " << agreements.delegations.size() << " delegation(s), " << agreements.joint.size()
              << " joint group(s)"
              << (data_dir->empty() ? " (not checked against a catalog: give --data-dir)"
                                    : ", checked against the catalog")
              << "\n";
  });
}

void add_requeue(CLI::App* federation) {
  auto where = std::make_shared<StoreOption>();
  auto id = std::make_shared<std::string>();
  auto* requeue = federation->add_subcommand("requeue", "Send (outbox) or apply (inbox) a dead letter again");
  requeue->add_option("MESSAGE_ID", *id, "The message id")->required();
  add_store_options(requeue, *where);
  requeue->callback([where, id] {
    auto store = open_store(*where);
    try {
      std::cout << federation::requeue_message(*store, *id, federation::system_clock()()).summary << "\n";
    } catch (const federation::DeadLetterRefused& refused) {
      throw CLI::RuntimeError(std::string("tongban: requeue refused: ") + refused.what(), 2);
    }
  });
}

void add_drop(CLI::App* federation) {
  auto where = std::make_shared<StoreOption>();
  auto id = std::make_shared<std::string>();
  auto reason = std::make_shared<std::string>();
  auto* drop = federation->add_subcommand("drop", "Give a dead letter up so the later messages of its case flow");
  drop->add_option("MESSAGE_ID", *id, "The message id")->required();
  drop->add_option("--reason", *reason, "Why (recorded in the message log)")->required();
  add_store_options(drop, *where);
  drop->callback([where, id, reason] {
    auto store = open_store(*where);
    try {
      std::cout << federation::drop_message(*store, *id, *reason, federation::system_clock()()).summary << "\n";
    } catch (const federation::DeadLetterRefused& refused) {
      throw CLI::RuntimeError(std::string("tongban: drop refused: ") + refused.what(), 2);
    }
  });
}

}  // namespace

void add_federation_command(CLI::App& app) {
  auto* federation = app.add_subcommand("federation", "Inspect the node's federation with other nodes");
  federation->require_subcommand(1);
  add_status(federation);
  add_check(federation);
  add_requeue(federation);
  add_drop(federation);
}

}  // namespace tongban::cli
