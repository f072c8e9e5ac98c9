// IssuerKeys: who may issue e-certificates as far as this node knows, and with which keys — the nodes of the
// locally held federation directory and trust list (their signing keys with the validity the directory gives) and
// this node itself. Nothing is fetched: verification works with the network to the issuer cut.
//
// A certificate or status list is accepted only if it verifies with a key of its issuer_node valid at its own
// issued_at (a key rotation in the directory holds for certificates too). An expired directory's peers are not
// issuers (the trust list withdraws them: fail closed, UNKNOWN_ISSUER).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "federation/directory.h"
#include "federation/trust_list.h"

namespace tongban::certificates {

struct Issuer {
  std::string node_id;
  std::string jurisdiction;  // from the directory; the node id for a [[peers]] entry without one
  federation::Peer peer;     // keys: Peer::keys_valid_at
};

class IssuerKeys {
 public:
  // The peers of `config` (a directory's peers are merged in by the TrustList) and this node with its own key.
  static IssuerKeys from(const federation::FederationConfig& config, const federation::PublicKey& own_key,
                         const std::optional<federation::Directory>& directory);

  void add(Issuer issuer);
  const Issuer* find(std::string_view node_id) const;
  std::vector<federation::PublicKey> keys_at(std::string_view node_id, std::int64_t at_ms) const;

 private:
  std::map<std::string, Issuer, std::less<>> issuers_;
};

}  // namespace tongban::certificates
