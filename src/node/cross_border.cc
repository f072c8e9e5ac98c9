#include "node/cross_border.h"

#include <stdexcept>

namespace tongban::node {

CrossBorder::CrossBorder(Node& node, const std::filesystem::path& federation_config) : node_(node) {
  federation_ = std::make_unique<federation::FederationNode>(node.store(), federation_config, dispatch_,
                                                             [&node] { return node.now_ms(); });
  if (federation_->node_id() != node.config().jurisdiction)
    throw std::runtime_error("federation config " + federation_config.string() + ": node id '" +
                             federation_->node_id() + "' must be the node's jurisdiction code '" +
                             node.config().jurisdiction + "' (docs/cross-border.md)");
  context_ =
      std::make_unique<CrossBorderContext>(CrossBorderContext{node, federation_->outbox(), federation_->node_id()});
  remote_intake_ = std::make_unique<RemoteIntake>(*context_);
  remote_intake_->register_handlers(dispatch_);
  node_.set_case_listener(this);
}

CrossBorder::~CrossBorder() {
  node_.set_case_listener(nullptr);
  federation_->stop();
}

void CrossBorder::add_routes(http::Router& router) {
  federation_->add_routes(router);
}
void CrossBorder::start() {
  federation_->start();
}
void CrossBorder::stop() {
  federation_->stop();
}

void CrossBorder::case_changed(store::Transaction& tx, const CaseChange& change) {
  remote_intake_->case_changed(tx, change);
}

}  // namespace tongban::node
