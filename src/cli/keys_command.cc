// tongban keys generate: make the node's Ed25519 signing key pair (libsodium) for the federation. The secret key
// file is created with mode 0600 and never overwritten; the public key is printed (base64) for the peers' trust
// lists.
// tongban keys tls-fingerprint CERT.pem: print the "sha256:<hex>" fingerprint of a TLS certificate (its DER
// encoding), the value a peer's trust list pins as tls_fingerprint for this node. The certificates themselves come
// from the operator's PKI (docs/federation.md, "Transport").
#include <iostream>

#include "cli/commands.h"
#include "federation/node_key.h"
#include "http/certificate_fingerprint.h"

namespace tongban::cli {

void add_keys_command(CLI::App& app) {
  auto* keys = app.add_subcommand("keys", "Manage the node's federation signing key and TLS certificate pins");
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
  auto certificate = std::make_shared<std::string>();
  auto* fingerprint = keys->add_subcommand(
      "tls-fingerprint", "Print a TLS certificate's sha256:<hex> fingerprint, for the peers' tls_fingerprint pins");
  fingerprint->add_option("CERT", *certificate, "PEM certificate (the first one of a chain is used)")->required();
  fingerprint->callback(
      [certificate] { std::cout << http::certificate_fingerprint_of_pem_file(*certificate) << "\n"; });
}

}  // namespace tongban::cli
