// bench_preload_cases: fills a node's data directory with stored cases, fast, for `make bench` row 5 (growth).
//
//   bench_preload_cases DATA_DIR COUNT [NODE_CODE]
//
// Opens the SQLite store of DATA_DIR (store/sqlite/sqlite_store.h; the node must not be running on it) and inserts
// COUNT submitted cases of JM-CA-006 with their idempotency keys and their sealed submit events (the same rows a
// submission over HTTP writes: Transaction::insert_case and seal_and_append with domain::seal), through
// Store::write in jobs of kCasesPerJob cases each — so one transaction and one fsync per job instead of per case.
// The cases spread over kApplicants applicant ids, so the per-applicant indexes look like a real node's, not one
// applicant with a million cases. Prints progress to stderr every 50,000 cases and one line at the end:
//   preload cases=<n> seconds=<s> cases_per_s=<r>
#include <fmt/format.h>

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <string>

#include "domain/audit_chain.h"
#include "store/sqlite/sqlite_store.h"

namespace {

constexpr std::int64_t kCasesPerJob = 5000;
constexpr std::int64_t kApplicants = 20000;
constexpr std::int64_t kProgressEvery = 50000;

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

tongban::domain::Case preloaded_case(std::int64_t n, std::int64_t at_ms) {
  tongban::domain::Case kase;
  kase.item_code = "JM-CA-006";
  kase.applicant_id = fmt::format("ACC-PRELOAD-{:06}", n % kApplicants);
  kase.mode = tongban::domain::HandlingMode::online;
  kase.channel = tongban::domain::Channel::web;
  kase.authority = "JM-CA";
  kase.jurisdiction = "CN-GD-JM";
  kase.form_json =
      fmt::format(R"({{"applicant_name":"陈大文","id_number":{{"type":"CN_RIC","number":"11010519491231{:04}"}},)"
                  R"("phone":"+8613812345678","purpose":"employment","consent_transfer":true}})",
                  n % 10000);
  for (const char* material : {"id_card", "finance_authorisation", "bank_card"})
    kase.materials.push_back({material, fmt::format("{:064x}", static_cast<std::uint64_t>(n) * 3 + 1)});
  kase.state = tongban::domain::CaseState::submitted;
  kase.created_at_ms = kase.updated_at_ms = at_ms;
  kase.delivery_method = "electronic";
  return kase;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3 || argc > 4) {
    std::cerr << "usage: bench_preload_cases DATA_DIR COUNT [NODE_CODE]\n";
    return 2;
  }
  const std::int64_t count = std::strtoll(argv[2], nullptr, 10);
  tongban::store::SqliteStoreOptions options;
  options.data_dir = argv[1];
  if (argc == 4) options.node_code = argv[3];
  auto store = tongban::store::open_sqlite_store(options);
  auto start = std::chrono::steady_clock::now();
  std::int64_t done = 0;
  while (done < count) {
    const std::int64_t first = done, last = std::min(count, done + kCasesPerJob);
    store->write([first, last](tongban::store::Transaction& tx) {
      const std::int64_t at_ms = now_ms();
      for (std::int64_t n = first; n < last; ++n) {
        auto kase = preloaded_case(n, at_ms);
        tongban::store::IdempotencyKey key{kase.applicant_id + "/preload-" + std::to_string(n),
                                           fmt::format("{:064x}", static_cast<std::uint64_t>(n))};
        auto stored = tx.insert_case(std::move(kase), key).kase;
        tongban::domain::Event event;
        event.case_id = stored.id;
        event.actor_id = stored.applicant_id;
        event.actor_role = tongban::domain::Role::applicant;
        event.action = tongban::domain::CaseAction::submit;
        event.from_state = tongban::domain::CaseState::draft;
        event.to_state = tongban::domain::CaseState::submitted;
        event.at_ms = at_ms;
        tx.seal_and_append(event, tongban::domain::seal);
      }
    });
    done = last;
    if (done % kProgressEvery == 0 || done == count) {
      double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      std::cerr << fmt::format("  preload: {} / {} cases ({:.0f} s)\n", done, count, elapsed);
    }
  }
  store->close();
  double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cout << fmt::format("preload cases={} seconds={:.1f} cases_per_s={:.0f}\n", count, elapsed,
                           elapsed > 0 ? static_cast<double>(count) / elapsed : 0.0);
  return 0;
}
