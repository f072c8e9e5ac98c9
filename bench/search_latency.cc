// bench_search_latency: in-process latency of catalog search (`make bench` row 3), on the catalog the node would
// serve, through the same search::CatalogIndex the API uses.
//
//   bench_search_latency CATALOG_ROOT SECONDS [THREADS]
//
// Loads and validates CATALOG_ROOT, builds the index once (timed, reported), then runs the fixed query mix below
// round-robin on THREADS threads (default 1; each starts at a different query) for SECONDS, all searching the same
// index at once, timing every query on its own (steady clock). Prints one line (q_per_s: all threads together;
// the percentiles over every query of every thread):
//   search_latency items=<n> threads=<t> build_ms=<b> queries=<q> q_per_s=<r> p50_us=<x> p99_us=<y> max_us=<z>
// The mix is the one scripts/bench.sh sends over HTTP: four languages, Traditional and Simplified, pinyin in full
// and by initials, Portuguese without accents, an item code, filters, and an empty query (list all, by code).
// Each query's median and number of matches go to stderr.
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include "catalog/catalog_validation.h"
#include "search/catalog_index.h"

namespace {

using Clock = std::chrono::steady_clock;
using tongban::search::ItemQuery;

std::vector<ItemQuery> query_mix() {
  std::vector<ItemQuery> mix;
  for (const char* text : {"身份证",
                           "身份證",
                           "shenfenzheng",
                           "sfz",
                           "certidao",
                           "marriage registration",
                           "结婚登记",
                           "passport",
                           "营业执照",
                           "renewal",
                           "bilhete de identidade",
                           "社保",
                           "JM-CA-006",
                           "补办",
                           "birth certificate",
                           "xinhui",
                           "licença",
                           "驾驶证",
                           "hksfz",
                           ""}) {
    ItemQuery query;
    query.text = text;
    mix.push_back(query);
  }
  ItemQuery in_macao;
  in_macao.text = "registo";
  in_macao.jurisdiction = "MO";
  mix.push_back(in_macao);
  ItemQuery retirement;
  retirement.life_event = "retirement";
  mix.push_back(retirement);
  return mix;
}

double percentile(std::vector<double>& sorted, double p) {
  return sorted[std::min(sorted.size() - 1, static_cast<std::size_t>(static_cast<double>(sorted.size()) * p))];
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3 && argc != 4) {
    std::cerr << "usage: bench_search_latency CATALOG_ROOT SECONDS [THREADS]\n";
    return 2;
  }
  const double seconds = std::atof(argv[2]);
  const std::size_t threads = argc == 4 ? static_cast<std::size_t>(std::max(1, std::atoi(argv[3]))) : 1;
  auto loaded = tongban::catalog::load_catalog(argv[1]);
  if (!loaded.ok()) {
    std::cerr << "bench_search_latency: " << argv[1] << " is not a valid catalog\n";
    return 1;
  }
  auto build_start = Clock::now();
  tongban::search::CatalogIndex index(loaded.catalog);
  double build_ms = std::chrono::duration<double, std::milli>(Clock::now() - build_start).count();

  const std::vector<ItemQuery> mix = query_mix();
  for (const auto& query : mix) index.search(query);  // warm-up: every query once (and checks none throws)
  struct Timings {
    std::vector<double> latencies_us;
    std::vector<std::vector<double>> per_query;
    std::size_t hits = 0;
  };
  std::vector<Timings> timings(threads);
  auto start = Clock::now();
  auto end = start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
  auto run = [&](std::size_t t) {
    Timings& mine = timings[t];
    mine.latencies_us.reserve(1 << 20);
    mine.per_query.resize(mix.size());
    for (std::size_t i = t * mix.size() / threads;; ++i) {
      auto t0 = Clock::now();
      if (t0 >= end) break;
      mine.hits += index.search(mix[i % mix.size()]).total;
      mine.latencies_us.push_back(std::chrono::duration<double, std::micro>(Clock::now() - t0).count());
      mine.per_query[i % mix.size()].push_back(mine.latencies_us.back());
    }
  };
  {
    std::vector<std::jthread> workers;
    for (std::size_t t = 1; t < threads; ++t) workers.emplace_back(run, t);
    run(0);
  }
  std::vector<double> latencies_us;
  std::vector<std::vector<double>> per_query(mix.size());
  std::size_t hits = 0;
  for (const Timings& mine : timings) {
    latencies_us.insert(latencies_us.end(), mine.latencies_us.begin(), mine.latencies_us.end());
    for (std::size_t q = 0; q < mix.size(); ++q) {
      per_query[q].insert(per_query[q].end(), mine.per_query[q].begin(), mine.per_query[q].end());
    }
    hits += mine.hits;
  }
  // Per query, to stderr: which queries cost what (docs/performance.md explains the slow ones).
  for (std::size_t q = 0; q < mix.size(); ++q) {
    if (per_query[q].empty()) continue;
    std::sort(per_query[q].begin(), per_query[q].end());
    const ItemQuery& query = mix[q];
    std::string label = query.text.empty() ? "(empty)" : query.text;
    if (query.jurisdiction) label += " jurisdiction=" + *query.jurisdiction;
    if (query.life_event) label += " life_event=" + *query.life_event;
    std::cerr << fmt::format("  {:<40} total={:>5} p50_us={:>8.1f}\n", label, index.search(query).total,
                             percentile(per_query[q], 0.5));
  }
  double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  std::sort(latencies_us.begin(), latencies_us.end());
  std::cout << fmt::format(
      "search_latency items={} threads={} build_ms={:.0f} queries={} q_per_s={:.0f} p50_us={:.1f} p99_us={:.1f} "
      "max_us={:.1f} "
      "hits={}\n",
      index.size(), threads, build_ms, latencies_us.size(), static_cast<double>(latencies_us.size()) / elapsed,
      percentile(latencies_us, 0.5), percentile(latencies_us, 0.99), latencies_us.back(), hits);
  return 0;
}
