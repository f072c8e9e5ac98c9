// CrossBorder: the federation runtime of one node — the FederationNode (trust list, key, outbox, inbox, relay)
// wired to the handling modes that give its messages meaning (remote intake, delegated, joint, online across
// borders; each registers its message handlers the same way).
//
// Construction reads the federation config (federation::load_federation_config rules; std::runtime_error or
// federation::ConfigError if unusable) and the agreements in it (crossborder/agreements.h; checked against
// the catalog, std::runtime_error listing the problems), registers every mode's handlers and attaches itself to the
// node as its CaseChangeListener, so a local case change that must cross a border enqueues its message in the same
// store job. add_routes() adds POST /federation/v1/messages; start() starts the relay thread. The destructor stops the
// relay and detaches from the node. Ownership: borrows the Node (which must outlive it), owns the rest.
#pragma once

#include <filesystem>
#include <memory>

#include "certificates/certificate_service.h"
#include "crossborder/agreements.h"
#include "crossborder/agreements_in_force.h"
#include "crossborder/context.h"
#include "crossborder/delegated_handling.h"
#include "crossborder/joint_handling.h"
#include "crossborder/online_across_borders.h"
#include "crossborder/remote_intake.h"
#include "crossborder/shipment_sync.h"
#include "federation/federation_node.h"
#include "federation/message_handler.h"
#include "http/router.h"
#include "node/case_change.h"
#include "node/node.h"
#include "region/region_exchange.h"

namespace tongban::crossborder {

class CrossBorder final : public node::CaseChangeListener {
 public:
  // certificates: the e-certificate service's settings (status list validity and publishing interval); region:
  // the region exchange's (suppression threshold, publishing interval and days, region/region_exchange.h).
  CrossBorder(node::Node& node, const std::filesystem::path& federation_config,
              certificates::CertificateSettings certificates = {}, region::RegionSettings region = {});
  ~CrossBorder() override;
  CrossBorder(const CrossBorder&) = delete;
  CrossBorder& operator=(const CrossBorder&) = delete;

  void add_routes(http::Router& router);
  void start();
  void stop();
  federation::FederationNode& federation() { return *federation_; }
  const std::string& node_id() const { return federation_->node_id(); }
  // E-certificates (certificates/certificate_service.h): issued here when a result is issued, status lists.
  certificates::CertificateService& certificates() { return *certificates_; }
  // Notices and daily aggregates shared with the region (region/region_exchange.h).
  region::RegionExchange& region() { return *region_; }

  void case_changed(store::Transaction& tx, const node::CaseChange& change) override;
  std::optional<std::string> delegate_authority(const domain::Item& item) const override;
  std::optional<std::string> refusal(const store::Reader& reader, const domain::Case& kase,
                                     domain::CaseAction action) const override;
  void shipment_changed(store::Transaction& tx, const domain::Case& kase, const store::ShipmentRecord& shipment,
                        const std::vector<domain::ShipmentEvent>& added) override;
  // The agreements in force now (the file's and the held directory's; a new directory version applies at once).
  std::shared_ptr<const CrossBorderAgreements> agreements() const { return agreements_->current(); }

 private:
  node::Node& node_;
  federation::MessageDispatch dispatch_;
  std::unique_ptr<federation::FederationNode> federation_;
  std::unique_ptr<CrossBorderContext> context_;
  std::unique_ptr<RemoteIntake> remote_intake_;
  std::unique_ptr<AgreementsInForce> agreements_;
  std::unique_ptr<DelegatedHandling> delegated_;
  std::unique_ptr<JointHandling> joint_;
  std::unique_ptr<OnlineAcrossBorders> online_;
  std::unique_ptr<certificates::CertificateService> certificates_;
  std::unique_ptr<ShipmentSync> shipments_;
  std::unique_ptr<region::RegionExchange> region_;
};

}  // namespace tongban::crossborder
