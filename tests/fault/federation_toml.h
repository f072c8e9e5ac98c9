// FederationToml: the federation config one node of the process tests runs with (one peer), written as TOML the
// way docs/federation.md describes it: [node] (insecure_loopback when asked), [relay] with short backoffs, the
// peer with its endpoint, key, allowed types and categories and an optional pinned certificate fingerprint, and
// [tls] when certificate files are given.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "test_pki.h"

namespace tongban::fault_test {

struct FederationToml {
  std::string self;
  std::string peer;
  std::string peer_endpoint;         // "http://127.0.0.1:PORT" or "https://localhost:PORT"
  std::string peer_key;              // base64 Ed25519 public key
  std::string peer_tls_fingerprint;  // "" = not pinned
  std::optional<CertificateFiles> tls;
  bool insecure_loopback = false;
};

// Writes <dir>/federation.toml (the key file is <dir>/keys/node.key) and returns its path.
std::filesystem::path write_federation_toml(const std::filesystem::path& dir, const FederationToml& config);

}  // namespace tongban::fault_test
