// The fault test of issue 3: remote intake between two REAL node processes (the built `tongban serve`), Jiangmen
// (CN-GD-JM) and Macao (MO), while the receiving node is killed with SIGKILL and restarted several times and the
// link between them is cut for a while. Jiangmen's trust list names a LinkProxy as Macao's endpoint (and Macao's
// names another as Jiangmen's), so the test can partition the link; all on 127.0.0.1. The proxies forward to each
// node's federation listener (serve --federation-listen). The test runs twice: over plain HTTP ([node]
// insecure_loopback) and over mutual TLS 1.3 (a throwaway CA, test_pki.h; each node pins the other's certificate
// fingerprint) — the proxy forwards TCP bytes, so TLS passes through it and a cut breaks TLS connections too.
//
// Jiangmen window clerks open, check and forward N cases of the Macao item MO-DSAL-002 through Jiangmen's HTTP API;
// a Macao reviewer accepts each copy through Macao's HTTP API. Faults follow the reviewer's progress so they land
// while messages flow in both directions. Then the test waits (bounded) until both nodes are quiet — every case
// accepted on both sides, both outboxes delivered, nothing held — stops both nodes, verifies both audit trails and
// message logs with `tongban audit verify`, and counts from the two nodes' databases (cross_border_tally.h):
// losses, state mismatches, messages applied twice, per-case order breaks — each must be exactly zero — and prints
// the figures in one block. The nodes keep their records in SQLite files or, in the pg.* run, each in a PostgreSQL
// database of its own (node_store.h).
//
// Parameters (environment): TONGBAN_BINARY (the tongban executable; CMake passes it), TONGBAN_FAULT_CASES (default
// 2000; about 2 minutes on 2 cores), TONGBAN_FAULT_KILLS (6), TONGBAN_FAULT_CUTS (3), TONGBAN_FAULT_BUDGET_S (the
// whole run's time limit, default 270 s, within the CTest TIMEOUT of 330 s; raise both for bigger runs; both are
// multiplied by TONGBAN_TIMEOUT_SCALE, which the sanitize build sets),
// TONGBAN_FAULT_KEEP (set: keep the scratch dir with both nodes' data and logs, for a post-mortem).
#include <gtest/gtest.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <regex>
#include <sstream>
#include <thread>

#include "cross_border_tally.h"
#include "federation/node_key.h"
#include "federation_toml.h"
#include "http/certificate_fingerprint.h"
#include "intake_workload.h"
#include "link_proxy.h"
#include "loopback_http.h"
#include "node_database.h"
#include "node_process.h"
#include "node_store.h"
#include "node_under_test.h"
#include "reply_json.h"
#include "scratch_dir.h"
#include "test_pki.h"

namespace tongban::fault_test {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

constexpr const char* kPassword = "Fault-test-password-2026";

int env_int(const char* name, int fallback) {
  const char* value = std::getenv(name);
  return value && *value ? std::stoi(value) : fallback;
}

enum class Transport { plain_http, mutual_tls };

void PrintTo(Transport transport, std::ostream* out) {
  *out << (transport == Transport::mutual_tls ? "mutual TLS 1.3" : "plain HTTP (insecure_loopback)");
}

// Both nodes' federation configs: each names the proxy towards the other as its endpoint.
void write_federation_configs(Transport transport, const fs::path& jm_dir, const fs::path& mo_dir,
                              const fs::path& pki_dir, std::uint16_t to_macao, std::uint16_t to_jiangmen,
                              const std::string& jm_key, const std::string& mo_key) {
  FederationToml jm{"CN-GD-JM", "MO", "http://127.0.0.1:" + std::to_string(to_macao), mo_key, "", std::nullopt, true};
  FederationToml mo{"MO",         "CN-GD-JM", "http://127.0.0.1:" + std::to_string(to_jiangmen), jm_key, "",
                    std::nullopt, true};
  if (transport == Transport::mutual_tls) {
    TestPki pki(pki_dir);
    pki.make_ca("ca");
    jm.tls = pki.make_leaf("jm", "ca");
    mo.tls = pki.make_leaf("mo", "ca");
    jm.insecure_loopback = mo.insecure_loopback = false;
    jm.peer_endpoint = "https://localhost:" + std::to_string(to_macao);
    mo.peer_endpoint = "https://localhost:" + std::to_string(to_jiangmen);
    jm.peer_tls_fingerprint = http::certificate_fingerprint_of_pem_file(mo.tls->certificate_file);
    mo.peer_tls_fingerprint = http::certificate_fingerprint_of_pem_file(jm.tls->certificate_file);
  }
  write_federation_toml(jm_dir, jm);
  write_federation_toml(mo_dir, mo);
}

std::vector<std::string> serve_arguments(const fs::path& dir, const std::string& jurisdiction) {
  return with_data_dir({"serve", "--jurisdiction", jurisdiction, "--listen", "127.0.0.1:0", "--rate", "0",
                        "--federation", (dir / "federation.toml").string(), "--federation-listen", "127.0.0.1:0"},
                       dir / "data");
}

void add_staff(const fs::path& binary, const fs::path& dir, const fs::path& logs, const std::string& jurisdiction,
               std::vector<std::string> role) {
  fs::create_directories(dir / "data");  // a new node: `account add` opens an existing data directory only
  std::vector<std::string> arguments = with_data_dir({"account", "add", "--jurisdiction", jurisdiction}, dir / "data");
  arguments.insert(arguments.end(), role.begin(), role.end());
  NodeProcess command("account-" + jurisdiction, binary, arguments, logs, {{"TONGBAN_PASSWORD", kPassword}});
  command.run_to_completion(120s);
}

int count_duplicates(const fs::path& log) {
  std::ifstream in(log);
  static const std::regex duplicate(R"(federation: message \S+ from .* #\d+: duplicate)");
  int count = 0;
  for (std::string line; std::getline(in, line);) count += std::regex_search(line, duplicate) ? 1 : 0;
  return count;
}

struct Quiet {
  bool reached = false;
  std::int64_t jm_accepted = 0, mo_accepted = 0, queued = 0, held = 0;
};

Quiet quiet_state(const NodeDatabase& jm, const NodeDatabase& mo) {
  Quiet q;
  q.jm_accepted = jm.count("SELECT count(*) FROM cases WHERE state = 'accepted'");
  q.mo_accepted = mo.count("SELECT count(*) FROM cases WHERE state = 'accepted'");
  q.queued = jm.count("SELECT count(*) FROM federation_outbox WHERE state <> 'delivered'") +
             mo.count("SELECT count(*) FROM federation_outbox WHERE state <> 'delivered'");
  q.held = jm.count("SELECT count(*) FROM federation_inbox WHERE state = 'held'") +
           mo.count("SELECT count(*) FROM federation_inbox WHERE state = 'held'");
  return q;
}

class RemoteIntakeUnderFaults : public ::testing::TestWithParam<Transport> {};

TEST_P(RemoteIntakeUnderFaults, EveryCaseSameOnBothSidesExactlyOnceInOrderNothingLost) {
  const char* binary_env = std::getenv("TONGBAN_BINARY");
  ASSERT_TRUE(binary_env && fs::exists(binary_env)) << "set TONGBAN_BINARY to the built tongban executable";
  const fs::path binary = binary_env;
  const int cases = env_int("TONGBAN_FAULT_CASES", 2000);
  const int kills = env_int("TONGBAN_FAULT_KILLS", 6);
  const int cuts = env_int("TONGBAN_FAULT_CUTS", 3);
  const auto started = Clock::now();
  const int scale = std::max(1, env_int("TONGBAN_TIMEOUT_SCALE", 1));  // the sanitize build's slowness
  const auto deadline = started + std::chrono::seconds(env_int("TONGBAN_FAULT_BUDGET_S", 270 * scale));
  std::mt19937 random(std::random_device{}());
  auto between = [&](int low_ms, int high_ms) {
    return std::chrono::milliseconds(std::uniform_int_distribution<int>(low_ms, high_ms)(random));
  };

  ScratchDir scratch("fault");
  const fs::path jm_dir = scratch.path() / "jm", mo_dir = scratch.path() / "mo", logs = scratch.path() / "logs";
  fs::create_directories(logs);
  const std::string jm_key = federation::generate_key_files(jm_dir / "keys").public_key_base64;
  const std::string mo_key = federation::generate_key_files(mo_dir / "keys").public_key_base64;
  LinkProxy to_macao, to_jiangmen;  // the link, one proxy per direction
  write_federation_configs(GetParam(), jm_dir, mo_dir, scratch.path() / "pki", to_macao.port(), to_jiangmen.port(),
                           jm_key, mo_key);
  add_staff(binary, jm_dir, logs, "CN-GD-JM",
            {"--role", "clerk", "--service-point", "JM-WIN-CITY", "--login", "clerk@jm.fault", "--name", "Clerk"});
  add_staff(binary, mo_dir, logs, "MO",
            {"--role", "reviewer", "--authority", "MO-DSAL", "--login", "reviewer@mo.fault", "--name", "Reviewer"});

  NodeProcess jm("jiangmen", binary, serve_arguments(jm_dir, "CN-GD-JM"), logs);
  NodeProcess mo("macao", binary, serve_arguments(mo_dir, "MO"), logs);
  jm.start(60s);
  mo.start(60s);
  ASSERT_NE(jm.federation_port(), 0) << jm.log_tail();
  ASSERT_NE(mo.federation_port(), 0) << mo.log_tail();
  to_jiangmen.set_upstream(jm.federation_port());
  to_macao.set_upstream(mo.federation_port());

  // The people: an applicant registered in Jiangmen, the clerk's session and the two scanned materials.
  boost::json::object registration{{"kind", "natural_person"},
                                   {"login", "applicant@jm.fault"},
                                   {"password", kPassword},
                                   {"display_name", "陳大文"},
                                   {"id_document", {{"type", "CN_RIC"}, {"number", api_test::valid_cn_ric(7)}}}};
  auto registered = http_call(jm.port(), "POST", "/api/v1/accounts", boost::json::serialize(registration));
  ASSERT_EQ(registered.status, 201) << registered.body;
  auto session = http_call(jm.port(), "POST", "/api/v1/sessions",
                           R"({"login":"clerk@jm.fault","password":")" + std::string(kPassword) + "\"}");
  ASSERT_EQ(session.status, 201) << session.body;
  WorkloadSetup setup;
  setup.jiangmen_port = jm.port();
  setup.macao_port = mo.port();
  setup.clerk_token = json_text(session, "token");
  setup.reviewer_login = "reviewer@mo.fault";
  setup.reviewer_password = kPassword;
  setup.applicant_id = json_text(registered, "id");
  auto upload = [&](std::string_view bytes) {
    return json_text(http_call_as(setup.clerk_token, jm.port(), "POST", "/api/v1/blobs", bytes,
                                  {{"Content-Type", "application/pdf"}}),
                     "sha256");
  };
  setup.blob_bir = upload("%PDF-1.4 scan of the BIR");
  setup.blob_form = upload("%PDF-1.4 signed form");
  ASSERT_FALSE(setup.blob_bir.empty() || setup.blob_form.empty());
  setup.cases = cases;

  // The faults, on this (main) thread: spread over 5%..90% of the reviewer's progress, kills and cuts interleaved.
  IntakeWorkload workload(setup);
  workload.start();
  int killed = 0, cut = 0;
  std::chrono::milliseconds cut_time{0}, down_time{0};
  const int faults = kills + cuts;
  for (int f = 0; f < faults; ++f) {
    const int threshold = static_cast<int>(cases * (0.05 + 0.85 * f / std::max(1, faults - 1)));
    while (workload.accepted() < threshold && Clock::now() < deadline) std::this_thread::sleep_for(10ms);
    ASSERT_LT(Clock::now(), deadline) << "the run did not reach fault " << f << " in time";
    const bool kill_now = (f % 2 == 0 && killed < kills) || cut >= cuts;
    if (kill_now) {
      mo.kill_hard();
      auto down = between(200, 1500);
      std::this_thread::sleep_for(down);
      down_time += down;
      mo.start(60s);
      to_macao.set_upstream(mo.federation_port());
      workload.set_macao_port(mo.port());
      ++killed;
    } else {
      to_macao.cut();
      to_jiangmen.cut();
      auto length = between(1500, 3500);
      std::this_thread::sleep_for(length);
      cut_time += length;
      to_macao.restore();
      to_jiangmen.restore();
      ++cut;
    }
  }
  workload.wait_for_clerks();

  // Quiet: every case accepted on both sides, nothing queued, nothing held. Bounded by the budget.
  Quiet quiet;
  {
    NodeDatabase jm_db(jm_dir / "data"), mo_db(mo_dir / "data");
    while (Clock::now() < deadline) {
      quiet = quiet_state(jm_db, mo_db);
      if (quiet.jm_accepted == cases && quiet.mo_accepted == cases && quiet.queued == 0 && quiet.held == 0) {
        quiet.reached = true;
        break;
      }
      std::this_thread::sleep_for(200ms);
    }
  }
  const auto settled = Clock::now();
  workload.stop();
  jm.stop();
  mo.stop();
  EXPECT_TRUE(jm.stopped_cleanly()) << "Jiangmen's exit after SIGTERM:\n" << jm.log_tail();
  EXPECT_TRUE(mo.stopped_cleanly()) << "Macao's exit after SIGTERM:\n" << mo.log_tail();
  EXPECT_TRUE(quiet.reached) << "not quiet before the deadline: accepted JM " << quiet.jm_accepted << " MO "
                             << quiet.mo_accepted << " of " << cases << ", " << quiet.queued << " queued, "
                             << quiet.held << " held";

  // Both audit trails and message logs still verify after the crashes.
  for (auto [dir, jurisdiction] : {std::pair{jm_dir, "CN-GD-JM"}, std::pair{mo_dir, "MO"}}) {
    NodeProcess verify(std::string("verify-") + jurisdiction, binary,
                       with_data_dir({"audit", "verify", "--jurisdiction", jurisdiction}, dir / "data"), logs);
    EXPECT_NO_THROW(verify.run_to_completion(120s)) << jurisdiction;
  }

  std::vector<std::string> acknowledged;
  int workload_errors = 0;
  for (const auto& outcome : workload.outcomes()) {
    if (!outcome.case_id.empty()) acknowledged.push_back(outcome.case_id);
    if (!outcome.error.empty() && ++workload_errors <= 3) ADD_FAILURE() << "workload: " << outcome.error;
  }
  NodeDatabase jm_db(jm_dir / "data"), mo_db(mo_dir / "data");
  CrossBorderTally t = tally(jm_db, mo_db, acknowledged);
  const int duplicates_mo = count_duplicates(mo.log_file()), duplicates_jm = count_duplicates(jm.log_file());
  auto histogram = [](const std::map<std::size_t, int>& h) {
    std::string out;
    for (auto [length, n] : h)
      out += (out.empty() ? "" : ", ") + std::to_string(n) + " cases x " + std::to_string(length);
    return out;
  };
  auto rt = percentiles(t.round_trip_ms), out_leg = percentiles(t.out_leg_ms), back = percentiles(t.back_leg_ms),
       reviewer = percentiles(t.reviewer_ms);
  const auto seconds = [](auto d) { return std::chrono::duration<double>(d).count(); };

  std::ostringstream summary;
  summary << "\n==== tongban fault test: remote intake Jiangmen -> Macao, real processes, loopback, "
          << (GetParam() == Transport::mutual_tls ? "mutual TLS 1.3" : "plain HTTP") << " ====\n"
          << "cases          " << cases << " opened at JM-WIN-CITY; " << t.acknowledged << " acknowledged (201), "
          << workload.forwarded() << " forwarded, " << quiet.mo_accepted << " accepted in Macao, " << quiet.jm_accepted
          << " seen accepted in Jiangmen\n"
          << "faults         " << killed << " SIGKILLs of the Macao node (" << mo.starts() << " starts, "
          << seconds(down_time) << " s down), " << cut << " link cuts (" << seconds(cut_time) << " s cut, "
          << to_macao.connections_dropped() + to_jiangmen.connections_dropped() << " connections reset/black-holed)\n"
          << "messages       applied in Macao " << t.mo_inbox << ", in Jiangmen " << t.jm_inbox << "\n"
          << "duplicates     received and ignored: Macao " << duplicates_mo << ", Jiangmen " << duplicates_jm
          << "; applied twice: " << t.applied_twice << "\n"
          << "losses         " << t.losses << "   state mismatches " << t.state_mismatches << "   order breaks "
          << t.order_breaks << "   not accepted " << t.not_accepted << "\n"
          << "histories      Jiangmen: " << histogram(t.jm_events_per_case)
          << " events; Macao: " << histogram(t.mo_events_per_case) << " events\n"
          << "round trip     forward -> accept back in Jiangmen: median " << rt.median << " ms, p95 " << rt.p95
          << " ms, max " << rt.max << " ms\n"
          << "  legs         JM->MO forward median " << out_leg.median << " / p95 " << out_leg.p95
          << " ms; reviewer median " << reviewer.median << " / p95 " << reviewer.p95 << " ms; MO->JM status median "
          << back.median << " / p95 " << back.p95 << " ms\n"
          << "time           " << seconds(settled - started) << " s to quiet, " << seconds(Clock::now() - started)
          << " s in all\n"
          << "=====================================================================================\n";
  std::cout << summary.str() << std::flush;
  for (const auto& example : t.examples) ADD_FAILURE() << example;

  EXPECT_EQ(killed, kills);
  EXPECT_EQ(cut, cuts);
  EXPECT_EQ(mo.starts(), kills + 1);
  EXPECT_EQ(t.acknowledged, cases);
  EXPECT_EQ(workload.forwarded(), cases);
  EXPECT_EQ(t.losses, 0);
  EXPECT_EQ(t.state_mismatches, 0);
  EXPECT_EQ(t.not_accepted, 0);
  EXPECT_EQ(t.applied_twice, 0);
  EXPECT_EQ(t.order_breaks, 0);
  // Exactly one forward per case arrived in Macao, exactly two statuses (received, accepted) per case in Jiangmen.
  EXPECT_EQ(t.mo_inbox, cases);
  EXPECT_EQ(t.jm_inbox, 2 * cases);
  // Every history has the same length on each side (a message applied twice would lengthen one).
  EXPECT_EQ(t.jm_events_per_case.size(), 1u) << histogram(t.jm_events_per_case);
  EXPECT_EQ(t.mo_events_per_case.size(), 1u) << histogram(t.mo_events_per_case);
  EXPECT_EQ(t.round_trip_ms.size(), static_cast<std::size_t>(cases));
}

INSTANTIATE_TEST_SUITE_P(Transports, RemoteIntakeUnderFaults,
                         ::testing::Values(Transport::plain_http, Transport::mutual_tls),
                         [](const ::testing::TestParamInfo<Transport>& info) {
                           return info.param == Transport::mutual_tls ? "MutualTls" : "PlainHttp";
                         });

}  // namespace
}  // namespace tongban::fault_test
