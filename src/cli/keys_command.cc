// tongban keys generate: make the node's Ed25519 signing key pair (libsodium) for the federation. The secret key
// file is created with mode 0600 and never overwritten; the public key is printed (base64) for the peers' trust
// lists.
#include <iostream>

#include "cli/commands.h"
#include "federation/node_key.h"

namespace tongban::cli {

void add_keys_command(CLI::App& app) {
  auto* keys = app.add_subcommand("keys", "Manage the node's federation signing key");
  keys->require_subcommand(1);
  auto out = std::make_shared<std::string>();
  auto* generate = keys->add_subcommand("generate", "Make an Ed25519 key pair: DIR/node.key (0600) and DIR/node.pub");
  generate->add_option("--out", *out, "Directory for the key files (created if absent)")->required();
  generate->callback([out] {
    federation::KeyFiles files = federation::generate_key_files(*out);
    std::cerr << "secret key: " << files.secret_key_file.string() << " (mode 0600; keep it on this node only)\n"
              << "public key: " << files.public_key_file.string() << "\n";
    std::cout << files.public_key_base64 << "\n";
  });
}

}  // namespace tongban::cli
