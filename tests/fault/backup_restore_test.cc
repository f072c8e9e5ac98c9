// Backup and restore of a REAL serving node (issue 8, part 4): a `tongban serve` process is put under load —
// applicant threads upload scanned materials and open cases, a reviewer thread accepts them, all through the HTTP
// API — and `tongban backup` is run as its own process while the load goes on (the node has the database open in
// WAL mode and keeps committing). Then `tongban restore` makes a new data directory, a NEW node is started on it,
// and every case, event and blob acknowledged before the backup began must be there, byte for byte (through the
// new node's API, and in the restored files), the restored events must be a prefix of the live node's chain, and
// `tongban audit verify` must pass. Finally a corrupted archive must be refused (exit 3) leaving the target
// absent, and a restore into an existing data directory must be refused (exit 2) leaving it unchanged.
//
// Environment: TONGBAN_BINARY (the tongban executable; CMake passes it). The run is bounded: about 20 s of load at
// most, every wait with a deadline (TONGBAN_BACKUP_BUDGET_S, default 75 s, times TONGBAN_TIMEOUT_SCALE, within the
// CTest TIMEOUT).
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <boost/json.hpp>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <random>
#include <sstream>
#include <thread>

#include "case_scenario.h"
#include "loopback_http.h"
#include "node_database.h"
#include "node_process.h"
#include "reply_json.h"
#include "scratch_dir.h"
#include "store/blob_directory.h"

namespace tongban::fault_test {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

constexpr const char* kPassword = "Backup-test-password-2026";
constexpr int kApplicants = 3;

std::string read_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

// What the node acknowledged, each with the tick of the acknowledgment clock at which its 2xx answer arrived.
struct Acknowledged {
  std::mutex mutex;
  std::atomic<std::int64_t> clock{0};
  std::map<std::string, std::pair<std::int64_t, std::string>> blobs;                     // sha256 -> (tick, bytes)
  std::map<std::string, std::tuple<std::int64_t, int, std::vector<std::string>>> cases;  // id -> (tick, who, blobs)
  std::map<std::string, std::int64_t> accepts;                                           // case id -> tick

  std::int64_t tick() { return clock.fetch_add(1); }
};

struct Applicant {
  api_test::TestAccount account;
};

// The load: applicants upload three materials and open a case; the reviewer accepts what was opened.
class Load {
 public:
  Load(std::uint16_t port, std::vector<Applicant> applicants, std::string reviewer_token, Acknowledged& acked)
      : port_(port), applicants_(std::move(applicants)), reviewer_token_(std::move(reviewer_token)), acked_(acked) {}
  ~Load() { stop(); }

  void start() {
    for (int i = 0; i < static_cast<int>(applicants_.size()); ++i) threads_.emplace_back([this, i] { apply(i); });
    threads_.emplace_back([this] { review(); });
  }
  void stop() {
    stopping_ = true;
    for (auto& thread : threads_)
      if (thread.joinable()) thread.join();
    threads_.clear();
  }
  std::vector<std::string> errors() {
    std::lock_guard lock(mutex_);
    return errors_;
  }

 private:
  void error(std::string what) {
    std::lock_guard lock(mutex_);
    if (errors_.size() < 5) errors_.push_back(std::move(what));
  }

  std::string upload(const std::string& token, const std::string& bytes) {
    auto answer = http_call_as(token, port_, "POST", "/api/v1/blobs", bytes, {{"Content-Type", "application/pdf"}});
    if (answer.status != 201) {
      error("upload: " + std::to_string(answer.status) + " " + answer.body);
      return "";
    }
    const auto tick = acked_.tick();
    std::string sha256 = json_text(answer, "sha256");
    std::lock_guard lock(acked_.mutex);
    acked_.blobs.emplace(sha256, std::make_pair(tick, bytes));
    return sha256;
  }

  void apply(int who) {
    const auto& account = applicants_[who].account;
    for (int n = 0; !stopping_; ++n) {
      const std::string label = "applicant " + std::to_string(who) + " case " + std::to_string(n);
      std::vector<std::pair<std::string, std::string>> materials = {
          {"id_card", upload(account.token, api_test::pdf_bytes(label + " id card"))},
          {"finance_authorisation", upload(account.token, api_test::pdf_bytes(label + " authorisation"))},
          {"bank_card", upload(account.token, api_test::png_bytes(label + " bank card"))}};
      if (materials[0].second.empty() || materials[1].second.empty() || materials[2].second.empty()) return;
      auto body = boost::json::serialize(api_test::application(account, materials));
      auto answer =
          http_call_as(account.token, port_, "POST", "/api/v1/cases", body, {{"Idempotency-Key", "backup-" + label}});
      if (answer.status != 201) {
        error("open: " + std::to_string(answer.status) + " " + answer.body);
        return;
      }
      const auto tick = acked_.tick();
      const std::string id = json_text(answer, "id");
      {
        std::lock_guard lock(acked_.mutex);
        acked_.cases[id] = {tick, who, {materials[0].second, materials[1].second, materials[2].second}};
      }
      std::lock_guard lock(mutex_);
      to_review_.push_back(id);
    }
  }

  void review() {
    while (!stopping_) {
      std::string id;
      {
        std::lock_guard lock(mutex_);
        if (!to_review_.empty()) {
          id = to_review_.front();
          to_review_.erase(to_review_.begin());
        }
      }
      if (id.empty()) {
        std::this_thread::sleep_for(5ms);  // polling an empty queue, not synchronising
        continue;
      }
      auto answer = http_call_as(reviewer_token_, port_, "POST", "/api/v1/cases/" + id + "/actions",
                                 R"({"action":"accept"})", {{"If-Match", "\"1\""}});
      if (answer.status != 200) {
        error("accept " + id + ": " + std::to_string(answer.status) + " " + answer.body);
        continue;
      }
      const auto tick = acked_.tick();
      std::lock_guard lock(acked_.mutex);
      acked_.accepts[id] = tick;
    }
  }

  std::uint16_t port_;
  std::vector<Applicant> applicants_;
  std::string reviewer_token_;
  Acknowledged& acked_;
  std::atomic<bool> stopping_{false};
  std::mutex mutex_;
  std::vector<std::string> to_review_;
  std::vector<std::string> errors_;
  std::vector<std::thread> threads_;
};

std::vector<std::string> serve_arguments(const fs::path& data) {
  return {"serve", "--data-dir", data.string(), "--jurisdiction", "CN-GD-JM", "--listen", "127.0.0.1:0", "--rate", "0"};
}

api_test::TestAccount register_applicant(std::uint16_t port, int serial) {
  api_test::TestAccount account;
  account.login = "applicant" + std::to_string(serial) + "@jm.backup";
  account.password = kPassword;
  account.id_document_number = api_test::valid_cn_ric(serial);
  boost::json::object registration{{"kind", "natural_person"},
                                   {"login", account.login},
                                   {"password", kPassword},
                                   {"display_name", "陳大文"},
                                   {"id_document", {{"type", "CN_RIC"}, {"number", account.id_document_number}}}};
  auto registered = http_call(port, "POST", "/api/v1/accounts", boost::json::serialize(registration));
  EXPECT_EQ(registered.status, 201) << registered.body;
  account.id = json_text(registered, "id");
  return account;
}

std::string sign_in(std::uint16_t port, const std::string& login) {
  auto session = http_call(port, "POST", "/api/v1/sessions",
                           R"({"login":")" + login + R"(","password":")" + std::string(kPassword) + "\"}");
  EXPECT_EQ(session.status, 201) << session.body;
  return json_text(session, "token");
}

int run(const fs::path& binary, const fs::path& logs, const std::string& name, std::vector<std::string> arguments,
        std::map<std::string, std::string> environment = {}) {
  NodeProcess command(name, binary, std::move(arguments), logs, std::move(environment));
  return command.run_for_exit_code(120s);
}

std::vector<Row> chain_of(const fs::path& data) {
  return NodeDatabase(data).query("SELECT sequence, case_id, action, to_state, hash FROM events ORDER BY sequence");
}

TEST(BackupAndRestore, EverythingAcknowledgedBeforeTheBackupComesBackOnANewNodeAndDamageIsRefused) {
  const char* binary_env = std::getenv("TONGBAN_BINARY");
  ASSERT_TRUE(binary_env && fs::exists(binary_env)) << "set TONGBAN_BINARY to the built tongban executable";
  const fs::path binary = binary_env;
  const char* budget_env = std::getenv("TONGBAN_BACKUP_BUDGET_S");
  const char* scale_env = std::getenv("TONGBAN_TIMEOUT_SCALE");  // the sanitize build's slowness
  const int scale = std::max(1, scale_env ? std::atoi(scale_env) : 1);
  const auto deadline = Clock::now() + std::chrono::seconds((budget_env ? std::stoi(budget_env) : 75) * scale);
  ScratchDir scratch("backup");
  const fs::path data = scratch.path() / "node", logs = scratch.path() / "logs";
  const fs::path archive = scratch.path() / "node.tar", restored = scratch.path() / "restored";
  fs::create_directories(logs);
  fs::create_directories(data);  // a new node: `account add` opens an existing data directory only
  ASSERT_EQ(run(binary, logs, "account",
                {"account", "add", "--data-dir", data.string(), "--jurisdiction", "CN-GD-JM", "--role", "reviewer",
                 "--authority", "JM-CA", "--login", "reviewer@jm.backup", "--name", "Reviewer"},
                {{"TONGBAN_PASSWORD", kPassword}}),
            0);

  NodeProcess node("node", binary, serve_arguments(data), logs);
  node.start(60s);
  std::vector<Applicant> applicants;
  for (int serial = 1; serial <= kApplicants; ++serial) {
    Applicant applicant{register_applicant(node.port(), serial)};
    applicant.account.token = sign_in(node.port(), applicant.account.login);
    applicants.push_back(applicant);
  }
  const std::string reviewer_token = sign_in(node.port(), "reviewer@jm.backup");
  ASSERT_FALSE(reviewer_token.empty());

  Acknowledged acked;
  Load load(node.port(), applicants, reviewer_token, acked);
  load.start();
  auto counts = [&] {
    std::lock_guard lock(acked.mutex);
    return std::make_pair(acked.cases.size(), acked.accepts.size());
  };
  while ((counts().first < 30 || counts().second < 10) && Clock::now() < deadline) std::this_thread::sleep_for(20ms);
  ASSERT_LT(Clock::now(), deadline) << "the load did not get going: " << node.log_tail();

  // The backup, as its own process, while the load goes on.
  const std::int64_t backup_began = acked.clock.load();
  const int backup_exit =
      run(binary, logs, "backup", {"backup", "--data-dir", data.string(), "--out", archive.string()});
  const std::int64_t backup_ended = acked.clock.load();
  while (acked.clock.load() < backup_ended + 20 && Clock::now() < deadline) std::this_thread::sleep_for(20ms);
  load.stop();
  node.stop();
  for (const auto& error : load.errors()) ADD_FAILURE() << "load: " << error;
  ASSERT_EQ(backup_exit, 0) << read_bytes(logs / "backup.log");
  struct stat info {};
  ASSERT_EQ(::stat(archive.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);

  ASSERT_EQ(run(binary, logs, "restore", {"restore", "--archive", archive.string(), "--data-dir", restored.string()}),
            0)
      << read_bytes(logs / "restore.log");

  // The restored chain is a prefix of the live node's, and holds every event acknowledged before the backup.
  const auto live_chain = chain_of(data), restored_chain = chain_of(restored);
  ASSERT_LE(restored_chain.size(), live_chain.size());
  EXPECT_LT(restored_chain.size(), live_chain.size()) << "no commit after the snapshot: the load stopped too early";
  for (std::size_t i = 0; i < restored_chain.size(); ++i) ASSERT_EQ(restored_chain[i], live_chain[i]) << "event " << i;

  // A NEW node on the restored directory answers for everything acknowledged before the backup began.
  NodeProcess again("restored-node", binary, serve_arguments(restored), logs);
  again.start(60s);
  const store::BlobDirectory restored_blobs(restored / "blobs");
  int cases_checked = 0, blobs_checked = 0, accepts_checked = 0;
  std::lock_guard lock(acked.mutex);
  for (const auto& [sha256, acknowledgment] : acked.blobs) {
    if (acknowledgment.first >= backup_began) continue;
    EXPECT_EQ(read_bytes(restored_blobs.path_of(sha256)), acknowledgment.second) << "blob " << sha256;
    ++blobs_checked;
  }
  for (const auto& [id, acknowledgment] : acked.cases) {
    const auto& [tick, who, blobs] = acknowledgment;
    if (tick >= backup_began) continue;
    const std::string& token = applicants[who].account.token;  // its session was restored with it
    auto kase = http_call_as(token, again.port(), "GET", "/api/v1/cases/" + id);
    ASSERT_EQ(kase.status, 200) << id << ": " << kase.body;
    for (const auto& sha256 : blobs) {
      auto material = http_call_as(token, again.port(), "GET", "/api/v1/cases/" + id + "/materials/" + sha256);
      EXPECT_EQ(material.status, 200) << id << " " << sha256;
      EXPECT_EQ(material.body, acked.blobs.at(sha256).second) << id << " " << sha256;
    }
    ++cases_checked;
  }
  for (const auto& [id, tick] : acked.accepts) {
    if (tick >= backup_began) continue;
    auto events = http_call_as(reviewer_token, again.port(), "GET", "/api/v1/cases/" + id + "/events");
    ASSERT_EQ(events.status, 200) << id << ": " << events.body;
    EXPECT_NE(events.body.find("\"accept\""), std::string::npos) << id << ": " << events.body;
    ++accepts_checked;
  }
  again.stop();
  EXPECT_GE(cases_checked, 30);
  EXPECT_GE(accepts_checked, 10);
  EXPECT_GE(blobs_checked, 90);
  EXPECT_EQ(run(binary, logs, "verify", {"audit", "verify", "--data-dir", restored.string()}), 0)
      << read_bytes(logs / "verify.log");

  // A flipped byte anywhere is refused (exit 3) and the target is not created.
  std::string bytes = read_bytes(archive);
  bytes[bytes.size() / 2] ^= 0x40;
  const fs::path damaged = scratch.path() / "damaged.tar", second = scratch.path() / "second";
  std::ofstream(damaged, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  EXPECT_EQ(
      run(binary, logs, "restore-damaged", {"restore", "--archive", damaged.string(), "--data-dir", second.string()}),
      3)
      << read_bytes(logs / "restore-damaged.log");
  EXPECT_FALSE(fs::exists(second));
  // An existing data directory is never written into (exit 2).
  const std::string before = read_bytes(restored / "tongban.db");
  EXPECT_EQ(run(binary, logs, "restore-existing",
                {"restore", "--archive", archive.string(), "--data-dir", restored.string()}),
            2);
  EXPECT_EQ(read_bytes(restored / "tongban.db"), before);

  std::cout << "backup under load: " << backup_ended - backup_began << " acknowledgments while the backup ran; "
            << cases_checked << " cases, " << accepts_checked << " accepts, " << blobs_checked
            << " blobs acknowledged before it, all restored; " << live_chain.size() - restored_chain.size()
            << " events committed after the snapshot\n";
}

}  // namespace
}  // namespace tongban::fault_test
