// Group commit against its baseline, in the same run: concurrent clients each open cases (insert + sealed event)
// through Store::write. "grouped" lets the writer commit up to 256 jobs per transaction (one fsync per batch);
// "one_per_commit" is the same store with max_batch = 1, i.e. one COMMIT and one fsync per request. Items per
// second and the commits counter show the difference; the ratio between the two rows is the result.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <thread>
#include <vector>

#include "domain/audit_chain.h"
#include "store/sqlite/sqlite_store.h"

namespace {

using namespace tongban;

domain::Case sample_case(int client) {
  domain::Case kase;
  kase.item_code = "JM-CA-005";
  kase.applicant_id = "ap_bench_" + std::to_string(client);
  kase.authority = "JM-CA";
  kase.jurisdiction = "CN-GD-JM";
  kase.form_json = R"({"applicant_name":"陈大文"})";
  kase.state = domain::CaseState::submitted;
  kase.created_at_ms = kase.updated_at_ms = 1795800000000;
  return kase;
}

void open_cases(benchmark::State& state, int max_batch) {
  const int clients = static_cast<int>(state.range(0));
  const int per_client = 50;
  std::int64_t commits = 0;
  std::int64_t jobs = 0;
  for (auto _ : state) {
    state.PauseTiming();
    auto dir = std::filesystem::temp_directory_path() / ("tongban-bench-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    store::SqliteStoreOptions options;
    options.data_dir = dir;
    options.max_batch = max_batch;
    auto store = store::open_sqlite_store(options);
    state.ResumeTiming();

    std::vector<std::thread> threads;
    for (int client = 0; client < clients; ++client) {
      threads.emplace_back([&, client] {
        for (int i = 0; i < per_client; ++i) {
          store->write([&](store::Transaction& tx) {
            auto inserted = tx.insert_case(sample_case(client), std::nullopt);
            domain::Event event;
            event.case_id = inserted.kase.id;
            event.actor_id = inserted.kase.applicant_id;
            event.action = domain::CaseAction::submit;
            event.to_state = domain::CaseState::submitted;
            event.at_ms = inserted.kase.created_at_ms;
            tx.seal_and_append(event, domain::seal);
          });
        }
      });
    }
    for (auto& thread : threads) thread.join();

    state.PauseTiming();
    commits += store->writer_stats().batches;
    jobs += store->writer_stats().jobs;
    store->close();
    store.reset();
    std::filesystem::remove_all(dir);
    state.ResumeTiming();
  }
  state.SetItemsProcessed(state.iterations() * clients * per_client);
  state.counters["commits_per_case"] =
      static_cast<double>(commits) / static_cast<double>(std::max<std::int64_t>(1, jobs));
}

void grouped(benchmark::State& state) {
  open_cases(state, 256);
}
void one_per_commit(benchmark::State& state) {
  open_cases(state, 1);
}

BENCHMARK(grouped)->Arg(1)->Arg(32)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);
BENCHMARK(one_per_commit)->Arg(1)->Arg(32)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);

}  // namespace

BENCHMARK_MAIN();
