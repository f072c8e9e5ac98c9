#include "federation/federation_node.h"

#include <spdlog/spdlog.h>

namespace tongban::federation {

FederationNode::FederationNode(store::Store& store, const std::filesystem::path& config_file, MessageHandler& handler,
                               std::size_t max_blob_bytes, Clock clock)
    : store_(store), trust_(std::make_unique<TrustList>(config_file)) {
  auto config = trust_->current();
  node_id_ = config->node_id;
  key_ = std::make_unique<NodeKey>(NodeKey::load(config->key_file));
  if (config->directory) directory_ = std::make_unique<DirectoryClient>(node_id_, *config->directory, *trust_, clock);
  relay_ = std::make_unique<Relay>(store, *trust_, *key_, clock);
  // The hook may run on the writer thread after this node is gone (a transaction committing late): it goes
  // through wake_target_, which the destructor clears.
  wake_target_ = std::make_shared<std::atomic<Relay*>>(relay_.get());
  outbox_ = std::make_unique<Outbox>(*trust_, clock, [target = wake_target_] {
    if (Relay* relay = target->load()) relay->wake();
  });
  inbox_ = std::make_unique<Inbox>(store, *trust_, *key_, handler, clock);
  blobs_ = std::make_unique<BlobReceiver>(store, *trust_, max_blob_bytes, clock);
}

FederationNode::~FederationNode() {
  if (wake_target_) wake_target_->store(nullptr);
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
  std::lock_guard lock(sweep_mutex_);
  if (sweeper_.joinable()) return;
  sweeping_ = true;
  sweeper_ = std::thread([this] { sweep_loop(); });
}

void FederationNode::sweep_loop() {
  std::unique_lock lock(sweep_mutex_);
  while (!sweep_signal_.wait_for(lock, std::chrono::seconds(1), [this] { return !sweeping_; })) {
    lock.unlock();
    try {
      inbox_->apply_ready_held_messages();
      inbox_->report_overdue_held();
    } catch (const std::exception& error) {
      spdlog::warn("federation: inbox sweep failed: {}", error.what());
    }
    lock.lock();
  }
}

void FederationNode::stop() {
  if (directory_) directory_->stop();
  {
    std::lock_guard lock(sweep_mutex_);
    sweeping_ = false;
  }
  sweep_signal_.notify_all();
  if (sweeper_.joinable()) sweeper_.join();
  if (relay_) relay_->stop();
}

}  // namespace tongban::federation
