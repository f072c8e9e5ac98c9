#include "federation/federation_node.h"

namespace tongban::federation {

FederationNode::FederationNode(store::Store& store, const std::filesystem::path& config_file, MessageHandler& handler,
                               std::size_t max_blob_bytes, Clock clock)
    : trust_(std::make_unique<TrustList>(config_file)) {
  auto config = trust_->current();
  node_id_ = config->node_id;
  key_ = std::make_unique<NodeKey>(NodeKey::load(config->key_file));
  if (config->directory) directory_ = std::make_unique<DirectoryClient>(node_id_, *config->directory, *trust_, clock);
  outbox_ = std::make_unique<Outbox>(*trust_, clock);
  inbox_ = std::make_unique<Inbox>(store, *trust_, *key_, handler, clock);
  relay_ = std::make_unique<Relay>(store, *trust_, *key_, clock);
  blobs_ = std::make_unique<BlobReceiver>(store, *trust_, max_blob_bytes, clock);
}

FederationNode::~FederationNode() {
  stop();
}

void FederationNode::add_routes(http::Router& router) {
  add_federation_routes(router, *inbox_, trust_->current()->limits.max_payload_bytes);
  add_blob_route(router, *blobs_);
  if (directory_) directory_->add_routes(router);
}

std::optional<http::ServerTls> FederationNode::server_tls() const {
  const auto& tls = trust_->current()->tls;
  if (!tls) return std::nullopt;
  return http::ServerTls{tls->certificate_file, tls->private_key_file, tls->ca_file, http::TlsVersion::tls1_3};
}

void FederationNode::start() {
  inbox_->apply_ready_held_messages();
  relay_->start();
  if (directory_) directory_->start();
}

void FederationNode::stop() {
  if (directory_) directory_->stop();
  if (relay_) relay_->stop();
}

}  // namespace tongban::federation
