#include "crossborder/cross_border.h"

#include <spdlog/spdlog.h>

#include <stdexcept>

namespace tongban::crossborder {

CrossBorder::CrossBorder(node::Node& node, const std::filesystem::path& federation_config,
                         certificates::CertificateSettings certificate_settings, region::RegionSettings region_settings)
    : node_(node) {
  federation_ = std::make_unique<federation::FederationNode>(
      node.store(), federation_config, dispatch_, node.config().blob_limit, [&node] { return node.now_ms(); });
  if (federation_->node_id() != node.config().jurisdiction)
    throw std::runtime_error("federation config " + federation_config.string() + ": node id '" +
                             federation_->node_id() + "' must be the node's jurisdiction code '" +
                             node.config().jurisdiction + "' (docs/cross-border.md)");
  context_ = std::make_unique<CrossBorderContext>(
      CrossBorderContext{node, federation_->outbox(), federation_->node_id(), federation_->directory()});
  remote_intake_ = std::make_unique<RemoteIntake>(*context_);
  remote_intake_->register_handlers(dispatch_);
  // The file's agreements must resolve against the catalog (the node refuses to start otherwise); the directory's,
  // read now and at every new version, are checked and their problems logged (AgreementsInForce).
  CrossBorderAgreements from_file = load_agreements(federation_config);
  if (auto problems = check_agreements(from_file, node.catalog()->catalog); !problems.empty()) {
    std::string text;
    for (const auto& problem : problems) text += "\n  " + problem;
    throw std::runtime_error("federation config " + federation_config.string() + ": agreements do not resolve:" + text);
  }
  if (auto* directory = federation_->directory())
    if (auto held = directory->held()) {
      for (const auto& problem : check_directory_zones(held->agreements, node.catalog()->catalog))
        spdlog::warn("federation: {}", problem);
      for (const auto& problem : check_agreements(agreements_from_directory(held->agreements), node.catalog()->catalog))
        spdlog::warn("federation: directory agreement: {}", problem);
    }
  agreements_ = std::make_unique<AgreementsInForce>(std::move(from_file), federation_->directory());
  delegated_ = std::make_unique<DelegatedHandling>(*context_, *agreements_);
  delegated_->register_handlers(dispatch_);
  joint_ = std::make_unique<JointHandling>(*context_, *agreements_);
  joint_->register_handlers(dispatch_);
  online_ = std::make_unique<OnlineAcrossBorders>(*context_, federation_->key(), federation_->trust());
  online_->register_handlers(dispatch_);
  certificates_ = std::make_unique<certificates::CertificateService>(node, *federation_, certificate_settings);
  certificates_->register_handlers(dispatch_);
  shipments_ = std::make_unique<ShipmentSync>(*context_);
  shipments_->register_handlers(dispatch_);
  region_ = std::make_unique<region::RegionExchange>(node, *federation_, region_settings);
  region_->register_handlers(dispatch_);
  node_.set_case_listener(this);
}

CrossBorder::~CrossBorder() {
  node_.set_case_listener(nullptr);
  region_.reset();
  certificates_.reset();
  federation_->stop();
}

void CrossBorder::add_routes(http::Router& router) {
  federation_->add_routes(router);
}
void CrossBorder::start() {
  federation_->start();
  certificates_->start();
  region_->start();
}
void CrossBorder::stop() {
  region_->stop();
  certificates_->stop();
  federation_->stop();
}

void CrossBorder::case_changed(store::Transaction& tx, const node::CaseChange& change) {
  certificates_->case_changed(tx, change);  // before the modes: a result issued here is certified here
  if (remote_intake_->case_changed(tx, change)) return;
  if (delegated_->case_changed(tx, change)) return;
  if (joint_->case_changed(tx, change)) return;
  online_->case_changed(tx, change);
}

std::optional<std::string> CrossBorder::delegate_authority(const domain::Item& item) const {
  return delegated_->delegate_authority(item);
}

std::optional<std::string> CrossBorder::refusal(const store::Reader& reader, const domain::Case& kase,
                                                domain::CaseAction action) const {
  return joint_->refusal(reader, kase, action);
}

void CrossBorder::shipment_changed(store::Transaction& tx, const domain::Case& kase,
                                   const store::ShipmentRecord& shipment,
                                   const std::vector<domain::ShipmentEvent>& added) {
  shipments_->shipment_changed(tx, kase, shipment, added);
}

}  // namespace tongban::crossborder
