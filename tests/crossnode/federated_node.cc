#include "federated_node.h"

#include <fmt/format.h>
#include <unistd.h>

#include <fstream>
#include <random>

#include "federation/node_key.h"
#include "test_store.h"
#include "web/web.h"

namespace tongban::crossnode_test {
namespace fs = std::filesystem;

std::vector<std::string> all_case_types() {
  return {"case.forward", "case.status", "case.supplement", "delivery.update", "case.result"};
}
std::vector<std::string> all_categories() {
  return {"case", "personal", "documents"};
}

FederatedNode::FederatedNode(const std::string& jurisdiction, const fs::path& seed_dir) : jurisdiction_(jurisdiction) {
  std::random_device random;
  dir_ = fs::temp_directory_path() / fmt::format("tongban-crossnode-{}-{}-{:08x}", jurisdiction, getpid(), random());
  fs::create_directories(dir_);
  public_key_ = federation::generate_key_files(dir_ / "keys").public_key_base64;
  node::NodeConfig config;
  config.jurisdiction = jurisdiction;
  auto dash = jurisdiction.rfind('-');
  config.node_code = dash == std::string::npos ? jurisdiction : jurisdiction.substr(dash + 1);
  config.data_dir = dir_ / "data";
  config.seed_dir = seed_dir.empty() ? fs::path(TONGBAN_SOURCE_DIR) / "data" : seed_dir;
  config.fast_password_hashing = true;
  config.store = store_ = testing::fresh_test_store();
  node_ = node::Node::open(config);
  accounts_ = std::make_unique<node::AccountDesk>(*node_);
  cases_ = std::make_unique<node::CaseDesk>(*node_);
  http::ServerOptions options;
  options.host = "127.0.0.1";
  options.port = 0;
  options.rate_per_second = 0;
  options.handler_threads = 4;
  server_ = std::make_unique<http::Server>(options, router_);
  context_ = std::make_unique<api::ApiContext>(api::ApiContext{*node_, *accounts_, *cases_, [] { return ""; }, {}, {}});
  api::add_all_routes(router_, *context_);
  web::add_page_routes(router_, *node_, *accounts_, *cases_, "");  // the pages too: /verify is checked there
  server_->start();  // listening now, so peers can be told our endpoint; federation routes come later
}

FederatedNode::~FederatedNode() {
  if (cross_border_) cross_border_->stop();
  if (server_) server_->stop();
  cross_border_.reset();
  node_->store().close();
  testing::drop_test_store(store_);
  std::error_code ignored;
  fs::remove_all(dir_, ignored);
}

std::uint16_t FederatedNode::port() const {
  return server_->port();
}

std::string FederatedNode::endpoint() const {
  return fmt::format("http://127.0.0.1:{}", server_->port());
}

void FederatedNode::write_federation_config(const std::vector<PeerGrant>& peers) const {
  auto words = [](const std::vector<std::string>& list) {
    std::string out;
    for (const auto& word : list) out += (out.empty() ? "\"" : ", \"") + word + "\"";
    return "[" + out + "]";
  };
  std::ofstream out(dir_ / "federation.toml");
  out << fmt::format(
      "[node]\nid = \"{}\"\njurisdiction = \"{}\"\nkey_file = \"keys/node.key\"\ninsecure_loopback = true\n\n",
      jurisdiction_, jurisdiction_);
  out << "[relay]\ninitial_backoff_ms = 50\nmax_backoff_ms = 1000\nrequest_timeout_ms = 3000\n\n";
  for (const auto& grant : peers)
    out << fmt::format(
        "[[peers]]\nid = \"{}\"\nendpoint = \"{}\"\npublic_key = \"{}\"\nmay_send = {}\n"
        "may_receive = {}\n\n",
        grant.peer->id(), grant.peer->endpoint(), grant.peer->public_key(), words(grant.may_send),
        words(grant.may_receive));
}

void FederatedNode::write_directory_config(const fs::path& anchor_file, const std::vector<std::string>& sources,
                                           int refresh_interval_ms) const {
  std::string list;
  for (const auto& source : sources) list += (list.empty() ? "\"" : ", \"") + source + "\"";
  std::ofstream out(dir_ / "federation.toml");
  out << fmt::format(
      "[node]\nid = \"{}\"\njurisdiction = \"{}\"\nkey_file = \"keys/node.key\"\ninsecure_loopback = true\n\n",
      jurisdiction_, jurisdiction_);
  out << "[relay]\ninitial_backoff_ms = 50\nmax_backoff_ms = 1000\nrequest_timeout_ms = 3000\n\n";
  out << fmt::format(
      "[directory]\nanchor_file = \"{}\"\nfile = \"data/directory.json\"\nsources = [{}]\nrefresh_interval_ms = {}\n"
      "retry_initial_ms = 50\nretry_max_ms = 1000\n",
      anchor_file.string(), list, refresh_interval_ms);
}

bool FederatedNode::fetch_directory() const {
  auto config = federation::load_federation_config(dir_ / "federation.toml");
  federation::TrustList scratch(config);
  federation::DirectoryClient client(jurisdiction_, *config.directory, scratch, federation::system_clock());
  return client.refresh_now();
}

void FederatedNode::start_federation(certificates::CertificateSettings certificates, region::RegionSettings region) {
  cross_border_ = std::make_unique<crossborder::CrossBorder>(*node_, dir_ / "federation.toml", certificates, region);
  cross_border_->add_routes(router_);
  cross_border_->start();
}

void FederatedNode::disconnect() {
  if (cross_border_) cross_border_->stop();
  server_->stop();
}

domain::Actor FederatedNode::add_staff(domain::Role role, const std::string& login, const std::string& authority,
                                       const std::string& service_point) {
  auto account = accounts_->add_staff({login, "Staff-password-2026", login, role, authority, service_point});
  return domain::Actor{account.id, role, authority, service_point};
}

domain::Actor FederatedNode::add_applicant(const std::string& login, const std::string& cn_ric) {
  auto account =
      accounts_->register_applicant({"natural_person", login, "Applicant-password-2026", login, "CN_RIC", cn_ric});
  return domain::Actor{account.id, domain::Role::applicant, "", ""};
}

std::string FederatedNode::put_blob(const std::string& bytes, const domain::Actor& by) {
  store::BlobHandler handler{by.account_id, by.role == domain::Role::clerk ? by.service_point : ""};
  return node_->store().hand_in_blob(bytes, "application/pdf", handler, node_->now_ms()).sha256;
}

}  // namespace tongban::crossnode_test
