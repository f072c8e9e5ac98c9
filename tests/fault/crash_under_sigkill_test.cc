// The crash test (issue 8): ONE real `tongban serve` node, several client threads opening cases and acting on them
// through the HTTP API (case_workload.h), while the test kills the node with SIGKILL at random moments and starts
// it again. Between a kill and the restart `tongban audit verify` checks the audit chain of the store the restart
// opens; after each restart the test reads the node's database (acknowledged_ledger.h): every acknowledged creation
// and action is there as answered, every stored case is complete and consistent, and the database's own check says
// ok. The counts are exact: found must equal acknowledged, after every restart. It runs on SQLite (the file in the
// data directory) and, as pg.fault.crash_under_sigkill, on PostgreSQL (node_store.h).
//
// Parameters (environment): TONGBAN_BINARY (the tongban executable; CMake passes it), TONGBAN_CRASH_KILLS (default
// 20), TONGBAN_CRASH_CLIENTS (4), TONGBAN_TIMEOUT_SCALE (multiplies the run's time budget of 240 s; the sanitize
// build sets it, as it runs several times slower), TONGBAN_FAULT_KEEP (set: keep the scratch dir for a post-mortem).
#include <gtest/gtest.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <random>
#include <sstream>
#include <thread>

#include "acknowledged_ledger.h"
#include "case_scenario.h"
#include "case_workload.h"
#include "loopback_http.h"
#include "node_database.h"
#include "node_process.h"
#include "node_store.h"
#include "node_under_test.h"
#include "reply_json.h"
#include "scratch_dir.h"

namespace tongban::fault_test {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

constexpr const char* kPassword = "Crash-test-password-2026";

int env_int(const char* name, int fallback) {
  const char* value = std::getenv(name);
  return value && *value ? std::stoi(value) : fallback;
}

std::string sign_in(std::uint16_t port, const std::string& login) {
  auto answer = http_call(port, "POST", "/api/v1/sessions",
                          R"({"login":")" + login + R"(","password":")" + std::string(kPassword) + "\"}");
  EXPECT_EQ(answer.status, 201) << answer.body;
  return json_text(answer, "token");
}

struct Restart {
  int number = 0;
  LedgerCheck check;
};

TEST(CrashUnderSigkill, EveryAcknowledgedCaseAndActionSurvivesEveryKill) {
  const char* binary_env = std::getenv("TONGBAN_BINARY");
  ASSERT_TRUE(binary_env && fs::exists(binary_env)) << "set TONGBAN_BINARY to the built tongban executable";
  const fs::path binary = binary_env;
  const int kills = env_int("TONGBAN_CRASH_KILLS", 20);
  const int scale = std::max(1, env_int("TONGBAN_TIMEOUT_SCALE", 1));
  const auto started = Clock::now();
  const auto deadline = started + std::chrono::seconds(240 * scale);
  const auto limit = std::chrono::seconds(60 * scale);
  std::mt19937 random(std::random_device{}());

  ScratchDir scratch("crash");
  const fs::path data = scratch.path() / "data", logs = scratch.path() / "logs";
  fs::create_directories(logs);
  fs::create_directories(data);  // a new node: `account add` opens an existing data directory only
  for (std::vector<std::string> role :
       {std::vector<std::string>{"--role", "clerk", "--service-point", "JM-WIN-CITY", "--login", "clerk@crash.test",
                                 "--name", "Clerk"},
        std::vector<std::string>{"--role", "reviewer", "--authority", "JM-CA", "--login", "reviewer@crash.test",
                                 "--name", "Reviewer"}}) {
    std::vector<std::string> arguments = with_data_dir({"account", "add"}, data);
    arguments.insert(arguments.end(), role.begin(), role.end());
    NodeProcess("account", binary, arguments, logs, {{"TONGBAN_PASSWORD", kPassword}}).run_to_completion(limit);
  }
  NodeProcess node("node", binary, with_data_dir({"serve", "--listen", "127.0.0.1:0", "--rate", "0"}, data), logs);
  node.start(limit);

  CaseWorkloadSetup setup;
  setup.port = node.port();
  setup.clients = env_int("TONGBAN_CRASH_CLIENTS", 4);
  setup.applicant_id_number = api_test::valid_cn_ric(11);
  boost::json::object registration{{"kind", "natural_person"},
                                   {"login", "applicant@crash.test"},
                                   {"password", kPassword},
                                   {"display_name", "陈大文"},
                                   {"id_document", {{"type", "CN_RIC"}, {"number", setup.applicant_id_number}}}};
  auto registered = http_call(node.port(), "POST", "/api/v1/accounts", boost::json::serialize(registration));
  ASSERT_EQ(registered.status, 201) << registered.body;
  setup.applicant_id = json_text(registered, "id");
  setup.clerk_token = sign_in(node.port(), "clerk@crash.test");
  setup.reviewer_token = sign_in(node.port(), "reviewer@crash.test");
  for (auto [material, bytes] : {std::pair{"id_card", api_test::pdf_bytes("crash id card")},
                                 std::pair{"finance_authorisation", api_test::pdf_bytes("crash authorisation")},
                                 std::pair{"bank_card", api_test::png_bytes("crash bank card")}}) {
    auto upload = http_call_as(setup.clerk_token, node.port(), "POST", "/api/v1/blobs", bytes,
                               {{"Content-Type", "application/octet-stream"}});
    ASSERT_EQ(upload.status, 201) << upload.body;
    setup.materials.emplace_back(material, json_text(upload, "sha256"));
  }
  ASSERT_FALSE(setup.clerk_token.empty() || setup.reviewer_token.empty());

  auto audit_verifies = [&] {
    NodeProcess verify("audit-verify", binary, with_data_dir({"audit", "verify"}, data), logs);
    return verify.run_for_exit_code(limit) == 0;
  };
  auto acknowledged_count = [](const CaseWorkload& w) { return w.acknowledged().size(); };

  // The kills, from this (main) thread (NodeProcess: PDEATHSIG follows the forking thread). Each one waits until
  // the clients got at least one answer from this incarnation, then a random 0.1..1.5 s more.
  CaseWorkload workload(setup);
  workload.start();
  int killed = 0, audits_ok = 0;
  std::vector<Restart> restarts;
  for (int k = 0; k < kills && Clock::now() < deadline; ++k) {
    const auto before = acknowledged_count(workload);
    while (acknowledged_count(workload) == before && Clock::now() < deadline) std::this_thread::sleep_for(5ms);
    std::this_thread::sleep_for(std::chrono::milliseconds(std::uniform_int_distribution<int>(100, 1500)(random)));
    node.kill_hard();
    ++killed;
    audits_ok += audit_verifies() ? 1 : 0;
    node.start(limit);
    workload.set_port(node.port());
    const auto told = workload.acknowledged();  // everything acknowledged so far, before the file is read
    NodeDatabase db(data);
    restarts.push_back({node.starts() - 1, ledger_check(db, told)});
  }
  workload.stop();
  node.stop();
  EXPECT_TRUE(node.stopped_cleanly()) << "the node's exit after SIGTERM:\n" << node.log_tail();
  audits_ok += audit_verifies() ? 1 : 0;
  const auto told = workload.acknowledged();
  LedgerCheck final_check = [&] {
    NodeDatabase db(data);
    return ledger_check(db, told);
  }();

  std::ostringstream summary;
  summary << "\n==== tongban crash test: one node, " << setup.clients << " clients, SIGKILL at random moments ====\n"
          << "kills " << killed << ", restarts " << node.starts() - 1 << ", audit verify ok " << audits_ok << " of "
          << killed + 1 << ", cases begun " << workload.cases_started() << "\n";
  for (const Restart& r : restarts)
    summary << "restart " << r.number << ": cases acknowledged " << r.check.cases_acknowledged << " found "
            << r.check.cases_found << ", actions acknowledged " << r.check.actions_acknowledged << " found "
            << r.check.actions_found << ", stored " << r.check.cases_stored << " (" << r.check.cases_inconsistent
            << " inconsistent), integrity " << r.check.integrity << "\n";
  summary << "final: cases acknowledged " << final_check.cases_acknowledged << " found " << final_check.cases_found
          << ", actions acknowledged " << final_check.actions_acknowledged << " found " << final_check.actions_found
          << ", stored " << final_check.cases_stored << " (" << final_check.cases_inconsistent
          << " inconsistent), integrity " << final_check.integrity << "\n"
          << "time " << std::chrono::duration<double>(Clock::now() - started).count() << " s\n"
          << "==========================================================================\n";
  std::cout << summary.str() << std::flush;

  for (const auto& e : workload.errors()) ADD_FAILURE() << "workload: " << e;
  EXPECT_EQ(killed, kills) << "the run did not reach every kill within its budget";
  EXPECT_EQ(node.starts(), kills + 1);
  EXPECT_EQ(audits_ok, killed + 1);
  restarts.push_back({0, final_check});
  for (const Restart& r : restarts) {
    SCOPED_TRACE("restart " + std::to_string(r.number) + " (0: after the final stop)");
    for (const auto& example : r.check.examples) ADD_FAILURE() << example;
    EXPECT_EQ(r.check.cases_found, r.check.cases_acknowledged);
    EXPECT_EQ(r.check.actions_found, r.check.actions_acknowledged);
    EXPECT_EQ(r.check.cases_inconsistent, 0);
    EXPECT_EQ(r.check.integrity, "ok");
  }
  EXPECT_GT(final_check.cases_acknowledged, 0);
  EXPECT_GT(final_check.actions_acknowledged, 0);
}

}  // namespace
}  // namespace tongban::fault_test
