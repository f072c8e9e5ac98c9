// FederatedNode: a real tongban node with federation, started in-process for the cross-node tests — a fresh temp
// data dir seeded from the shipped data/, the real SQLite store, the desks, the JSON API and the federation inbox
// on one Beast server on 127.0.0.1 (any free port), a node key generated into the data dir, and the CrossBorder
// runtime with its relay thread. write_federation_config() writes each node's trust list once every node of the
// test is listening (endpoints and public keys are known only then); start_federation() then reads it.
//
// Ownership: owns everything including the temp dir; the destructor stops the relay, the server, the store, then
// removes the directory.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "api/api.h"
#include "crossborder/cross_border.h"
#include "http/router.h"
#include "http/server.h"
#include "node/account_desk.h"
#include "node/case_desk.h"
#include "node/node.h"

namespace tongban::crossnode_test {

struct PeerGrant {
  const class FederatedNode* peer;
  std::vector<std::string> may_send;
  std::vector<std::string> may_receive;
};

class FederatedNode {
 public:
  // seed_dir: the data/ folder to seed from ("" = the shipped one).
  explicit FederatedNode(const std::string& jurisdiction, const std::filesystem::path& seed_dir = {});
  ~FederatedNode();

  node::Node& node() { return *node_; }
  node::CaseDesk& cases() { return *cases_; }
  node::AccountDesk& accounts() { return *accounts_; }
  const std::string& id() const { return jurisdiction_; }
  std::string endpoint() const;
  std::uint16_t port() const;
  std::string public_key() const { return public_key_; }
  const std::filesystem::path& dir() const { return dir_; }

  void write_federation_config(const std::vector<PeerGrant>& peers) const;
  // certificates: the e-certificate service's settings (tests shorten the status list's validity to see it lapse);
  // region: the region exchange's (tests set k and publish by hand).
  void start_federation(certificates::CertificateSettings certificates = {}, region::RegionSettings region = {});
  // Cuts this node off the network: its federation stops and its server closes, so no peer reaches it and it
  // reaches none. The store stays readable; the destructor still cleans up.
  void disconnect();
  // The federation config for a node that takes its peers from the signed directory: no [[peers]], a [directory]
  // section with the anchor, the stored copy in the data dir and the sources (the operator's endpoint).
  void write_directory_config(const std::filesystem::path& anchor_file, const std::vector<std::string>& sources,
                              int refresh_interval_ms = 500) const;
  // What a joining member does before it starts: fetch the directory once from the sources, verify and store it
  // (so the agreements in it are read when start_federation() builds the runtime). True if a copy was stored.
  bool fetch_directory() const;
  crossborder::CrossBorder& cross_border() { return *cross_border_; }

  domain::Actor add_staff(domain::Role role, const std::string& login, const std::string& authority,
                          const std::string& service_point);
  domain::Actor add_applicant(const std::string& login, const std::string& cn_ric);
  // Stores bytes as a blob handed in by `by` (only its handler, or a clerk of the same point, may attach it).
  std::string put_blob(const std::string& bytes, const domain::Actor& by);

 private:
  std::string jurisdiction_;
  std::filesystem::path dir_;
  std::string store_;  // "" (SQLite) or the node's PostgreSQL database in the pg.* runs
  std::string public_key_;
  std::unique_ptr<node::Node> node_;
  std::unique_ptr<node::AccountDesk> accounts_;
  std::unique_ptr<node::CaseDesk> cases_;
  http::Router router_;
  std::unique_ptr<http::Server> server_;
  std::unique_ptr<api::ApiContext> context_;
  std::unique_ptr<crossborder::CrossBorder> cross_border_;
};

// Every message type the cross-border modes use, and every data category they carry.
std::vector<std::string> all_case_types();
std::vector<std::string> all_categories();

}  // namespace tongban::crossnode_test
