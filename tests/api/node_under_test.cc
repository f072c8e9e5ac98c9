#include "node_under_test.h"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <cstdlib>
#include <random>

#include "http/problem_response.h"
#include "test_store.h"

namespace tongban::api_test {
namespace {

namespace fs = std::filesystem;

fs::path fresh_temp_dir() {
  std::random_device random;
  for (;;) {
    fs::path dir = fs::temp_directory_path() /
                   ("tongban-api-test-" + std::to_string(::getpid()) + "-" + std::to_string(random() % 1000000));
    if (fs::create_directory(dir)) return dir;
  }
}

std::int64_t nine_o_clock_in_utc8(domain::CalendarDate date) {
  auto midnight_utc = std::chrono::sys_days(date).time_since_epoch();
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(midnight_utc).count();
  return ms + 1LL * 3600 * 1000;  // 09:00 at UTC+8 is 01:00 UTC
}

}  // namespace

std::string valid_cn_ric(int serial) {
  static constexpr std::array<int, 17> kWeights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  static constexpr std::string_view kCheck = "10X98765432";
  unsigned n = static_cast<unsigned>(serial) % 100000;
  std::string first17 = "440703" + std::to_string(1950 + n / 1000) + "0101";
  std::string sequence = std::to_string(n % 1000);
  first17 += std::string(3 - sequence.size(), '0') + sequence;
  int sum = 0;
  for (std::size_t i = 0; i < 17; ++i) sum += (first17[i] - '0') * kWeights[i];
  return first17 + kCheck[static_cast<std::size_t>(sum % 11)];
}

http::ServerOptions test_server_options() {
  http::ServerOptions options;
  options.host = "127.0.0.1";
  options.port = 0;
  options.handler_threads = 8;
  options.rate_per_second = 0;  // the rate limit has its own test with its own server
  return options;
}

NodeUnderTest::NodeUnderTest(http::ServerOptions server_options, const NodeConfigTweak& tweak)
    : data_dir_(fresh_temp_dir()), now_ms_(nine_o_clock_in_utc8(kDefaultToday)) {
  spdlog::set_level(spdlog::level::warn);  // one info line per request would drown the test output
  try {
    node::NodeConfig config;
    config.data_dir = data_dir_;
    config.seed_dir = fs::path(TONGBAN_SOURCE_DIR) / "data";
    config.fast_password_hashing = true;
    config.store = store_ = testing::fresh_test_store();
    if (tweak) tweak(config);
    node_ = node::Node::open(config);
    node_->set_clock([this] { return now_ms_.load(); });
    accounts_ = std::make_unique<node::AccountDesk>(*node_);
    cases_ = std::make_unique<node::CaseDesk>(*node_);
    if (server_options.spool_dir.empty()) server_options.spool_dir = data_dir_ / "spool";  // as `tongban serve`
    server_ = std::make_unique<http::Server>(server_options, router_);
    context_ = std::make_unique<api::ApiContext>(api::ApiContext{*node_, *accounts_, *cases_, {}, {}, {}});
    api::add_all_routes(router_, *context_);
    server_->start();
    if (const char* prism = std::getenv("TONGBAN_TEST_PRISM"); prism && *prism)
      proxy_ = std::make_unique<ValidatingProxy>(prism, server_->port(), data_dir_ / "prism.log");
  } catch (...) {
    proxy_.reset();
    server_.reset();
    node_.reset();
    testing::drop_test_store(store_);
    std::error_code ignored;
    fs::remove_all(data_dir_, ignored);
    throw;
  }
}

NodeUnderTest::~NodeUnderTest() {
  proxy_.reset();
  server_->stop();
  server_.reset();
  node_->store().close();
  context_.reset();
  cases_.reset();
  accounts_.reset();
  node_.reset();
  testing::drop_test_store(store_);
  std::error_code ignored;
  fs::remove_all(data_dir_, ignored);
}

void NodeUnderTest::set_today(domain::CalendarDate date) {
  now_ms_ = nine_o_clock_in_utc8(date);
}

TestAccount NodeUnderTest::register_applicant(const std::string& name) {
  TestAccount account;
  account.role = domain::Role::applicant;
  account.login = name + "." + std::to_string(next_login_++) + "@applicants.test";
  account.password = "Applicant-pass-2026";
  account.id_document_number = valid_cn_ric(next_serial_++);
  auto record = accounts_->register_applicant(
      {"natural_person", account.login, account.password, name, "CN_RIC", account.id_document_number});
  account.id = record.id;
  account.token = sign_in(account);
  return account;
}

TestAccount NodeUnderTest::add_staff(const std::string& name, domain::Role role, const std::string& authority,
                                     const std::string& service_point, const std::string& organisation) {
  TestAccount account;
  account.role = role;
  account.login = name + "." + std::to_string(next_login_++) + "@staff.test";
  account.password = "Staff-pass-2026";
  account.id =
      accounts_->add_staff({account.login, account.password, name, role, authority, service_point, organisation}).id;
  account.token = sign_in(account);
  return account;
}

TestAccount NodeUnderTest::add_clerk(const std::string& name, const std::string& service_point) {
  return add_staff(name, domain::Role::clerk, "", service_point);
}

TestAccount NodeUnderTest::add_reviewer(const std::string& name, const std::string& authority) {
  return add_staff(name, domain::Role::reviewer, authority, "");
}

TestAccount NodeUnderTest::add_admin(const std::string& name) {
  return add_staff(name, domain::Role::admin, "", "");
}

TestAccount NodeUnderTest::add_agent(const std::string& name, const std::string& service_point,
                                     const std::string& organisation) {
  return add_staff(name, domain::Role::agent, "", service_point, organisation);
}

std::string NodeUnderTest::sign_in(const TestAccount& account) {
  return accounts_->sign_in(account.login, account.password, "127.0.0.1").token;
}

}  // namespace tongban::api_test
