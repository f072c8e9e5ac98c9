#include "certificates/issuer_keys.h"

namespace tongban::certificates {

IssuerKeys IssuerKeys::from(const federation::FederationConfig& config, const federation::PublicKey& own_key,
                            const std::optional<federation::Directory>& directory) {
  IssuerKeys keys;
  for (const auto& peer : config.peers) {
    Issuer issuer{peer.node_id, peer.node_id, peer};
    if (directory)
      if (const auto* member = directory->find_member(peer.node_id)) issuer.jurisdiction = member->jurisdiction;
    keys.add(std::move(issuer));
  }
  federation::Peer self;
  self.node_id = config.node_id;
  self.public_key = own_key;
  keys.add(Issuer{config.node_id, config.jurisdiction, self});
  return keys;
}

void IssuerKeys::add(Issuer issuer) {
  std::string id = issuer.node_id;
  issuers_.insert_or_assign(std::move(id), std::move(issuer));
}

const Issuer* IssuerKeys::find(std::string_view node_id) const {
  auto it = issuers_.find(node_id);
  return it == issuers_.end() ? nullptr : &it->second;
}

std::vector<federation::PublicKey> IssuerKeys::keys_at(std::string_view node_id, std::int64_t at_ms) const {
  const Issuer* issuer = find(node_id);
  if (!issuer) return {};
  return issuer->peer.keys_valid_at(at_ms);
}

}  // namespace tongban::certificates
