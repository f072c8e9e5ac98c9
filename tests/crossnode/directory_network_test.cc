// Twelve real nodes on loopback wired by one signed federation directory, and nothing else: no node has a
// [[peers]] entry. Jiangmen, Macao, Hong Kong and nine more Guangdong cities, each with a small catalog of its own
// and a zone of its item hosted at the next city's window (a ring). Every node fetches the directory from the
// operator, verifies it against the anchor and derives its peers and agreements from it; remote-intake cases then
// cross ten pairs (the ring and Jiangmen -> Macao) and are applied on both sides. A second version signed later
// reaches every node by itself.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <chrono>
#include <fstream>
#include <iostream>
#include <mutex>
#include <thread>

#include "crossborder/case_refs.h"
#include "federated_node.h"
#include "federation/directory.h"
#include "federation/directory_client.h"
#include "network_catalog.h"
#include "node_under_test.h"

namespace tongban::crossnode_test {
namespace {

using domain::CaseAction;
using domain::CaseState;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

const std::vector<std::string> kExtra = {"CN-GD-GZ", "CN-GD-SZ", "CN-GD-ZH", "CN-GD-FS", "CN-GD-ZS",
                                         "CN-GD-DG", "CN-GD-HZ", "CN-GD-ZQ", "CN-GD-SW"};

template <typename Predicate>
bool eventually(Predicate predicate, std::chrono::milliseconds limit = 60s) {
  auto until = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < until) {
    if (predicate()) return true;
    std::this_thread::sleep_for(20ms);
  }
  return predicate();
}

std::string mail_domain(const FederatedNode& node) {
  std::string code = short_code(node.id());
  for (char& c : code) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return code + ".example";
}

node::CaseActionRequest request(CaseAction action, std::int64_t version) {
  node::CaseActionRequest r;
  r.action = action;
  r.expected_version = version;
  return r;
}

// The operator: its key, the anchor file, and a loopback server publishing the current signed text.
class Operator {
 public:
  explicit Operator(const fs::path& dir) : key_(federation::NodeKey::generate()), anchor_(dir / "anchor.json") {
    std::ofstream(anchor_) << federation::anchor_to_json({"GBA-FED-OPERATOR", key_.public_key()});
    http::Route route;
    route.method = "GET";
    route.pattern = std::string(federation::kDirectoryPath);
    route.access = http::Access::everyone();
    route.summary = "the operator's published directory";
    route.handler = [this](const http::Request&, const http::Caller&) {
      std::lock_guard lock(mutex_);
      return http::Response::json_text(200, text_);
    };
    router_.add(std::move(route));
    http::ServerOptions options;
    options.host = "127.0.0.1";
    options.port = 0;
    options.rate_per_second = 0;
    options.handler_threads = 4;
    server_ = std::make_unique<http::Server>(options, router_);
    server_->start();
  }
  ~Operator() { server_->stop(); }
  void publish(federation::Directory d) {
    federation::sign_directory(d, key_);
    std::lock_guard lock(mutex_);
    text_ = federation::directory_to_json(d);
  }
  std::string endpoint() const { return "http://127.0.0.1:" + std::to_string(server_->port()); }
  const fs::path& anchor_file() const { return anchor_; }

 private:
  federation::NodeKey key_;
  fs::path anchor_;
  std::mutex mutex_;
  std::string text_;
  http::Router router_;
  std::unique_ptr<http::Server> server_;
};

class DirectoryNetworkTest : public ::testing::Test {
 protected:
  void SetUp() override {
    seed_ = fs::temp_directory_path() / ("tongban-network-seed-" + std::to_string(::getpid()));
    fs::remove_all(seed_);
    ring_ = write_network_seed(seed_, kExtra);
    op_ = std::make_unique<Operator>(seed_);
    std::vector<std::string> codes = {"CN-GD-JM", "MO", "HK"};
    codes.insert(codes.end(), kExtra.begin(), kExtra.end());
    for (const auto& code : codes) nodes_.push_back(std::make_unique<FederatedNode>(code, seed_));
  }
  void TearDown() override {
    nodes_.clear();
    op_.reset();
    std::error_code ignored;
    fs::remove_all(seed_, ignored);
  }

  FederatedNode& node(const std::string& id) {
    for (auto& n : nodes_)
      if (n->id() == id) return *n;
    throw std::runtime_error("no node " + id);
  }

  void connect(federation::Directory& d, const std::string& a, const std::string& b) {
    for (const auto& [from, to] : {std::pair{a, b}, std::pair{b, a}})
      d.agreements.channels.push_back({from, to, all_case_types(), all_categories()});
    ++pairs_;
  }

  federation::Directory directory(std::int64_t version) {
    federation::Directory d;
    d.version = version;
    d.issued_at = nodes_[0]->node().now_ms();
    d.expires_at = d.issued_at + 7 * 24 * 3600'000LL;
    d.operator_id = "GBA-FED-OPERATOR";
    for (auto& n : nodes_) {
      federation::DirectoryMember m;
      m.node_id = n->id();
      m.jurisdiction = n->id();
      m.name.en = short_code(n->id());
      m.endpoint = n->endpoint();
      m.keys.push_back({federation::PublicKey::from_base64(n->public_key()), d.issued_at - 60'000,
                        d.issued_at + 365 * 24 * 3600'000LL});
      d.members.push_back(std::move(m));
    }
    pairs_ = 0;
    connect(d, "CN-GD-JM", "MO");
    connect(d, "CN-GD-JM", "HK");
    for (const auto& c : ring_) {
      connect(d, c.owner, c.host);
      d.agreements.zones.push_back({"ZONE-" + short_code(c.owner) + "-IN-" + short_code(c.host), c.owner, c.host});
    }
    d.agreements.zones.push_back({"ZONE-MO-IN-JM", "MO", "CN-GD-JM"});
    d.agreements.delegations.push_back({"MO-DSAL", "CN-GD-JM", "JM-HRSS"});
    return d;
  }

  // Opens, checks and forwards a case of `item` at the host's window; returns the host's case id.
  std::string forward(FederatedNode& host, const std::string& point, const std::string& item, const std::string& form,
                      std::vector<std::pair<std::string, std::string>> materials, int person) {
    auto clerk =
        host.add_staff(domain::Role::clerk, "clerk" + std::to_string(person) + "@" + mail_domain(host), "", point);
    auto applicant = host.add_applicant("applicant" + std::to_string(person) + "@" + mail_domain(host),
                                        api_test::valid_cn_ric(person));
    node::CaseApplication application;
    application.item_code = item;
    application.applicant_id = applicant.account_id;
    application.consent_to_transfer = true;
    application.delivery_method = "window_pickup";
    application.form = boost::json::parse(form).as_object();
    for (const auto& [id, bytes] : materials) application.materials.push_back({id, host.put_blob(bytes, clerk)});
    auto opened = host.cases().open(clerk, application, std::nullopt, "");
    auto checked = host.cases().act(clerk, opened.kase.id, request(CaseAction::check_intake, opened.kase.version));
    return host.cases().act(clerk, checked.id, request(CaseAction::forward, checked.version)).id;
  }

  fs::path seed_;
  std::vector<RingCase> ring_;
  std::unique_ptr<Operator> op_;
  std::vector<std::unique_ptr<FederatedNode>> nodes_;
  int pairs_ = 0;
};

TEST_F(DirectoryNetworkTest, TwelveNodesFromOneSignedDirectoryExchangeCasesBetweenTenPairs) {
  const auto started = std::chrono::steady_clock::now();
  op_->publish(directory(1));
  for (auto& n : nodes_) {
    n->write_directory_config(op_->anchor_file(), {op_->endpoint()});
    ASSERT_TRUE(n->fetch_directory()) << n->id();
    n->start_federation();
  }
  // Peers and agreements come from the directory alone.
  auto& jm = node("CN-GD-JM");
  auto jm_trust = jm.cross_border().federation().trust().current();
  EXPECT_EQ(jm_trust->peers.size(), 2u);  // MO and HK
  ASSERT_TRUE(jm_trust->find_peer("MO"));
  EXPECT_EQ(jm_trust->find_peer("MO")->endpoint, node("MO").endpoint());
  EXPECT_TRUE(jm.cross_border().agreements()->delegation("MO-DSAL", "CN-GD-JM"));
  EXPECT_TRUE(crossborder::check_directory_zones(directory(1).agreements, jm.node().catalog()->catalog).empty());
  auto wrong = directory(1).agreements;
  wrong.zones.push_back({"ZONE-NOWHERE", "MO", "HK"});
  wrong.zones.push_back({"ZONE-MO-IN-JM", "HK", "MO"});
  EXPECT_EQ(crossborder::check_directory_zones(wrong, jm.node().catalog()->catalog).size(), 2u);
  for (const auto& c : ring_) {
    auto owner_trust = node(c.owner).cross_border().federation().trust().current();
    ASSERT_TRUE(owner_trust->find_peer(c.host)) << c.owner << " -> " << c.host;
    EXPECT_TRUE(owner_trust->find_peer(c.host)->may_send.count("case.forward"));
  }
  EXPECT_FALSE(node("CN-GD-GZ").cross_border().federation().trust().current()->find_peer("HK"));  // no agreement

  // Remote intake across every ring pair and Jiangmen -> Macao.
  struct Sent {
    std::string host, owner, origin_case;
  };
  std::vector<Sent> sent;
  int person = 1;
  for (const auto& c : ring_)
    sent.push_back({c.host, c.owner,
                    forward(node(c.host), c.point, c.item, R"({"applicant_name":"陳大文","reason":"test"})",
                            {{"application_form", "signed form " + c.item}}, person++)});
  sent.push_back({"CN-GD-JM", "MO",
                  forward(jm, "JM-WIN-CITY", "MO-DSAL-002",
                          R"J({"applicant_name":"陳大文","id_number":{"type":"MO_BIR","number":"1234567(8)"},)J"
                          R"J("phone":"+85366123456","consent_transfer":true})J",
                          {{"mo_bir", "scan of the BIR"}, {"application_form", "signed application form"}}, person++)});
  for (const auto& s : sent) {
    auto& owner = node(s.owner);
    std::optional<domain::Case> copy;
    ASSERT_TRUE(eventually([&] {
      copy = crossborder::find_owner_copy(owner.node().store(), {s.host, s.origin_case}, "case.forward");
      return copy.has_value();
    })) << s.host
        << " -> " << s.owner;
    EXPECT_EQ(copy->state, CaseState::forwarded);
    auto reviewer = owner.add_staff(
        domain::Role::reviewer, "reviewer" + std::to_string(person++) + "@" + mail_domain(owner), copy->authority, "");
    owner.cases().act(reviewer, copy->id, request(CaseAction::accept, copy->version));
  }
  for (const auto& s : sent) {
    auto& host = node(s.host);
    EXPECT_TRUE(eventually([&] { return host.node().store().find_case(s.origin_case)->state == CaseState::accepted; }))
        << s.owner << " -> " << s.host;
  }

  // Version 2 (Hong Kong's channel withdrawn) reaches every node by itself, without a restart.
  auto v2 = directory(2);
  std::erase_if(v2.agreements.channels, [](const auto& ch) { return ch.from == "HK" || ch.to == "HK"; });
  op_->publish(v2);
  for (auto& n : nodes_)
    EXPECT_TRUE(eventually([&] { return n->cross_border().federation().directory()->status().version == 2; }))
        << n->id();
  EXPECT_FALSE(jm.cross_border().federation().trust().current()->find_peer("HK"));
  EXPECT_TRUE(jm.cross_border().federation().trust().current()->find_peer("MO"));

  // Version 3 no longer agrees that Jiangmen hosts Macao's zone: a forward of a Macao item taken in at Jiangmen is
  // refused by Macao (not_hosted, a dead letter at Jiangmen), though the catalog still lists the zone.
  auto v3 = directory(3);
  std::erase_if(v3.agreements.channels, [](const auto& ch) { return ch.from == "HK" || ch.to == "HK"; });
  std::erase_if(v3.agreements.zones, [](const auto& zone) { return zone.code == "ZONE-MO-IN-JM"; });
  v3.agreements.delegations.clear();  // and the delegation ends: no restart needed for agreements either
  op_->publish(v3);
  for (auto* n : {&jm, &node("MO")})
    ASSERT_TRUE(eventually([&] { return n->cross_border().federation().directory()->status().version == 3; }));
  const std::string unhosted =
      forward(jm, "JM-WIN-CITY", "MO-DSAL-002",
              R"J({"applicant_name":"陳大文","id_number":{"type":"MO_BIR","number":"1234567(8)"},)J"
              R"J("phone":"+85366123456","consent_transfer":true})J",
              {{"mo_bir", "another BIR"}, {"application_form", "another form"}}, person++);
  auto dead_to_macao = [&] {
    for (const auto& queue : jm.node().store().outbox_queues())
      if (queue.peer == "MO" && queue.dead > 0) return true;
    return false;
  };
  EXPECT_TRUE(eventually(dead_to_macao));
  EXPECT_FALSE(jm.cross_border().agreements()->delegation("MO-DSAL", "CN-GD-JM"));
  EXPECT_FALSE(node("MO").cross_border().agreements()->delegation("MO-DSAL", "CN-GD-JM"));
  EXPECT_FALSE(crossborder::find_owner_copy(node("MO").node().store(), {"CN-GD-JM", unhosted}, "case.forward"));

  const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::cout << "[ FIGURES  ] nodes " << nodes_.size() << ", pairs with channels " << pairs_ << " (ordered "
            << 2 * pairs_ << "), remote-intake cases " << sent.size() << " across " << sent.size()
            << " pairs, both sides applied; " << seconds << " s\n";
  RecordProperty("nodes", static_cast<int>(nodes_.size()));
  RecordProperty("cases", static_cast<int>(sent.size()));
}

}  // namespace
}  // namespace tongban::crossnode_test
