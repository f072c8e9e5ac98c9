// NodeUnderTest: a real tongban node started in-process for the API tests — a fresh temporary data directory
// seeded from the shipped data/ (catalog and calendars), the real store (SQLite, or in the pg.* runs
// a fresh PostgreSQL database, tests/support/test_store.h), AccountDesk and CaseDesk, the
// router with every API route, and the Beast server listening on 127.0.0.1 at a free port.
//
// Ownership: the NodeUnderTest owns all of it and the temporary directory; the destructor stops the server first
// (no request is cut in the middle of a write), closes the store, then removes the directory. The node's clock is
// the test's: it starts at 09:00 of kDefaultToday and moves only when the test says so, so deadlines are reproducible.
// Accounts are made through the desks (staff cannot self-register) and signed in, so each comes with a token;
// logins get a serial number, so one name may be used by many tests of a suite.
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "api/api.h"
#include "domain/calendar_date.h"
#include "http/router.h"
#include "http/server.h"
#include "http_client.h"
#include "node/account_desk.h"
#include "node/case_desk.h"
#include "node/node.h"
#include "validating_proxy.h"

namespace tongban::api_test {

// An account the test can act as: its id, credentials and a live bearer token.
struct TestAccount {
  std::string id;
  std::string login;
  std::string password;
  std::string token;
  domain::Role role = domain::Role::applicant;
  std::string id_document_number;  // applicants
};

// A valid mainland Resident Identity Card number (area 440703, check character by ISO 7064 MOD 11-2), different
// for every serial.
std::string valid_cn_ric(int serial);

// Server limits for a node under test: loopback, any free port, the production limits otherwise.
http::ServerOptions test_server_options();

// Changes a test makes to the node's configuration before it opens (e.g. a smaller password hashing pool).
using NodeConfigTweak = std::function<void(node::NodeConfig&)>;

class NodeUnderTest {
 public:
  explicit NodeUnderTest(http::ServerOptions server_options = test_server_options(), const NodeConfigTweak& tweak = {});
  ~NodeUnderTest();
  NodeUnderTest(const NodeUnderTest&) = delete;
  NodeUnderTest& operator=(const NodeUnderTest&) = delete;

  // The client the tests talk through: to the node, or to Prism's validating proxy in front of it when
  // TONGBAN_TEST_PRISM is set (validating_proxy.h). port() is always the node's own.
  HttpClient client() const {
    return proxy_ ? HttpClient("127.0.0.1", proxy_->port(), server_->port()) : HttpClient("127.0.0.1", server_->port());
  }
  // The client that always talks to the node itself: for what the OpenAPI document does not describe and Prism would
  // answer in the node's place (paths and methods outside the document, oversized headers) or re-encode (the exact
  // bytes of an answer).
  HttpClient direct_client() const { return HttpClient("127.0.0.1", server_->port()); }
  std::uint16_t port() const { return server_->port(); }
  node::Node& node() { return *node_; }
  // The node's --store ("" = SQLite in its data directory) and data directory: another instance of the same node
  // opens both (multi_instance_test).
  const std::string& store_location() const { return node_->config().store; }
  const std::filesystem::path& data_dir() const { return node_->config().data_dir; }
  node::AccountDesk& accounts() { return *accounts_; }
  const http::Router& router() const { return router_; }
  const http::ServerCounters& server_counters() const { return server_->counters(); }
  store::StoreCounts counts() { return node_->store().counts(node_->now_ms()); }

  // The node's clock: 09:00 local time (UTC+8) of `date`. Tokens live 12 hours: after a day, sign in again.
  void set_today(domain::CalendarDate date);
  std::int64_t now_ms() const { return now_ms_.load(); }

  // A natural person with a CN_RIC, registered through the desk and signed in.
  TestAccount register_applicant(const std::string& name);
  TestAccount add_clerk(const std::string& name, const std::string& service_point);
  TestAccount add_reviewer(const std::string& name, const std::string& authority);
  TestAccount add_admin(const std::string& name);
  // Bank, post or partner staff at their organisation's service point (docs/channels.md).
  TestAccount add_agent(const std::string& name, const std::string& service_point, const std::string& organisation);
  // A new bearer token for an existing account.
  std::string sign_in(const TestAccount& account);

 private:
  TestAccount add_staff(const std::string& name, domain::Role role, const std::string& authority,
                        const std::string& service_point, const std::string& organisation = "");

  std::filesystem::path data_dir_;
  std::string store_;  // the node's --store: "" (SQLite) or its own PostgreSQL database in the pg.* runs
  std::atomic<std::int64_t> now_ms_;
  std::atomic<int> next_serial_{1};
  std::atomic<int> next_login_{1};
  std::unique_ptr<node::Node> node_;
  std::unique_ptr<node::AccountDesk> accounts_;
  std::unique_ptr<node::CaseDesk> cases_;
  http::Router router_;
  std::unique_ptr<http::Server> server_;
  std::unique_ptr<api::ApiContext> context_;
  std::unique_ptr<ValidatingProxy> proxy_;
};

// 2026-03-02, a Monday and an ordinary working day in Jiangmen.
inline constexpr domain::CalendarDate kDefaultToday{std::chrono::year{2026}, std::chrono::March, std::chrono::day{2}};

}  // namespace tongban::api_test
