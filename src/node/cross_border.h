// CrossBorder: the federation runtime of one node — the FederationNode (trust list, key, outbox, inbox, relay)
// wired to the handling modes that give its messages meaning (remote intake; more modes register the same way).
//
// Construction reads the federation config (federation::load_federation_config rules; std::runtime_error or
// federation::ConfigError if unusable), registers every mode's handlers and attaches itself to the node as its
// CaseChangeListener, so a local case change that must cross a border enqueues its message in the same store job.
// add_routes() adds POST /federation/v1/messages; start() starts the relay thread. The destructor stops the relay
// and detaches from the node. Ownership: borrows the Node (which must outlive it), owns the rest.
#pragma once

#include <filesystem>
#include <memory>

#include "federation/federation_node.h"
#include "federation/message_handler.h"
#include "http/router.h"
#include "node/case_change.h"
#include "node/cross_border_context.h"
#include "node/node.h"
#include "node/remote_intake.h"

namespace tongban::node {

class CrossBorder final : public CaseChangeListener {
 public:
  CrossBorder(Node& node, const std::filesystem::path& federation_config);
  ~CrossBorder() override;
  CrossBorder(const CrossBorder&) = delete;
  CrossBorder& operator=(const CrossBorder&) = delete;

  void add_routes(http::Router& router);
  void start();
  void stop();
  federation::FederationNode& federation() { return *federation_; }
  const std::string& node_id() const { return federation_->node_id(); }

  void case_changed(store::Transaction& tx, const CaseChange& change) override;

 private:
  Node& node_;
  federation::MessageDispatch dispatch_;
  std::unique_ptr<federation::FederationNode> federation_;
  std::unique_ptr<CrossBorderContext> context_;
  std::unique_ptr<RemoteIntake> remote_intake_;
};

}  // namespace tongban::node
