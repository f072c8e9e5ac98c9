// Cross-border forwarding between two real nodes on loopback, against its baselines in the same run.
//
//   local       the Jiangmen node opens and intake-checks the same cases (durable) but does not forward them: what
//               one node does per case before anything crosses a border; the ceiling for the forward rows.
//   forward     the Jiangmen node takes in cases of a Macao item (each with two scans of its own) and forwards
//               them; the clock stops when Jiangmen's outbox has nothing queued or in flight: every blob pushed and
//               every case.forward applied at Macao (signed, durable on both ends, receipts verified) — checked
//               case by case after the clock stops.
//               Forwards per second, and the ratio to `local`.
//   hop         one status hop: a Macao reviewer accepts a forwarded case, and the clock stops when Jiangmen's copy
//               is `accepted`; p50 / p99 over sequential samples. Baseline: GET /healthz on the same Macao server
//               over a fresh loopback connection (the floor of any one-hop exchange).
//
// Nodes are FederatedNode from the cross-node tests (real SQLite, real Beast server, real relay and inbox).
// Usage: bench_federation_forward [CASES] [CLIENTS] [HOP_SAMPLES]   (defaults 2000 8 200)
#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <boost/json.hpp>
#include <chrono>
#include <cstdlib>
#include <thread>
#include <vector>

#include "crossborder/case_refs.h"
#include "federated_node.h"
#include "http_client.h"
#include "node_under_test.h"

namespace {

using namespace tongban;
using namespace std::chrono_literals;
using crossnode_test::FederatedNode;
using domain::CaseAction;
using domain::CaseState;
using Clock = std::chrono::steady_clock;

constexpr const char* kRemoteItem = "MO-DSAL-002";  // Macao item offered in ZONE-MO-IN-JM
constexpr const char* kPoint = "JM-WIN-CITY";       // Jiangmen window hosting that zone
constexpr const char* kAuthority = "MO-DSAL";
constexpr const char* kRemoteForm =
    R"J({"applicant_name":"陳大文","id_number":{"type":"MO_BIR","number":"1234567(8)"},)J"
    R"J("phone":"+85366123456","consent_transfer":true})J";

node::CaseActionRequest action(CaseAction what, std::int64_t version) {
  node::CaseActionRequest r;
  r.action = what;
  r.expected_version = version;
  return r;
}

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

double percentile(std::vector<double> samples, double p) {
  if (samples.empty()) return 0;
  std::sort(samples.begin(), samples.end());
  auto index = static_cast<std::size_t>(p * static_cast<double>(samples.size() - 1) + 0.5);
  return samples[std::min(index, samples.size() - 1)];
}

// Runs `per_client` calls of `one(client, i)` on each of `clients` threads; returns the wall time in seconds.
template <typename One>
double in_parallel(int clients, int per_client, One one) {
  auto start = Clock::now();
  std::vector<std::thread> threads;
  for (int c = 0; c < clients; ++c)
    threads.emplace_back([&, c] {
      for (int i = 0; i < per_client; ++i) one(c, i);
    });
  for (auto& thread : threads) thread.join();
  return seconds_since(start);
}

struct Network {
  FederatedNode jm{"CN-GD-JM"}, mo{"MO"};
  domain::Actor clerk, applicant, reviewer;

  Network() {
    auto all = crossnode_test::all_case_types();
    jm.write_federation_config({{&mo, all, crossnode_test::all_categories()}});
    mo.write_federation_config({{&jm, all, crossnode_test::all_categories()}});
    jm.start_federation();
    mo.start_federation();
    clerk = jm.add_staff(domain::Role::clerk, "clerk@jm.example", "", kPoint);
    applicant = jm.add_applicant("applicant@jm.example", api_test::valid_cn_ric(7));
    reviewer = mo.add_staff(domain::Role::reviewer, "reviewer@mo.example", kAuthority, "");
  }

  // Opens and intake-checks a case of the Macao item at the Jiangmen window (no forward yet).
  domain::Case take_in(const std::string& key) {
    node::CaseApplication application;
    application.item_code = kRemoteItem;
    application.applicant_id = applicant.account_id;
    application.consent_to_transfer = true;
    application.delivery_method = "window_pickup";
    application.form = boost::json::parse(kRemoteForm).as_object();
    // Each case has scans of its own, as at a real window: every forward pushes its two blobs (no sharing).
    application.materials = {{"mo_bir", jm.put_blob("scan of the BIR for " + key, clerk)},
                             {"application_form", jm.put_blob("signed application form for " + key, clerk)}};
    auto opened = jm.cases().open(clerk, application, std::nullopt, key);
    return jm.cases().act(clerk, opened.kase.id, action(CaseAction::check_intake, opened.kase.version));
  }

  domain::Case take_in_and_forward(int client, int i) {
    auto checked = take_in(fmt::format("fwd-{}-{}", client, i));
    return jm.cases().act(clerk, checked.id, action(CaseAction::forward, checked.version));
  }

  std::optional<domain::Case> owner_copy(const std::string& origin_case) {
    return crossborder::find_owner_copy(mo.node().store(), {"CN-GD-JM", origin_case}, "case.forward");
  }
};

void wait_until(const std::function<bool()>& done, std::chrono::seconds limit) {
  auto until = Clock::now() + limit;
  while (!done()) {
    if (Clock::now() > until) throw std::runtime_error("timed out waiting for the federation to catch up");
    std::this_thread::sleep_for(200us);
  }
}

}  // namespace

int main(int argc, char** argv) {
  const int cases = argc > 1 ? std::atoi(argv[1]) : 2000;
  const int clients = argc > 2 ? std::atoi(argv[2]) : 8;
  const int hop_samples = argc > 3 ? std::atoi(argv[3]) : 200;
  const int per_client = std::max(1, cases / std::max(1, clients));
  const int total = per_client * clients;
  try {
    Network net;
    fmt::print("federation bench: {} cases from {} clients, {} hop samples\n", total, clients, hop_samples);

    // Baseline: the same intake at the same node, without the forward.
    double local_s =
        in_parallel(clients, per_client, [&](int c, int i) { net.take_in(fmt::format("local-{}-{}", c, i)); });

    // Forwards: from the first intake until Macao has applied every forward and Jiangmen has the receipts.
    std::vector<std::string> forwarded(static_cast<std::size_t>(total));
    auto start = Clock::now();
    in_parallel(clients, per_client, [&](int c, int i) {
      forwarded[static_cast<std::size_t>(c * per_client + i)] = net.take_in_and_forward(c, i).id;
    });
    double intake_s = seconds_since(start);
    wait_until(
        [&] {
          auto queues = net.jm.node().store().outbox_queues();
          return std::all_of(queues.begin(), queues.end(),
                             [](const auto& q) { return q.queued == 0 && q.in_flight == 0; });
        },
        600s);
    double forward_s = seconds_since(start);
    std::size_t arrived = 0;
    for (const auto& id : forwarded) arrived += net.owner_copy(id) ? 1 : 0;
    if (arrived != forwarded.size()) throw std::runtime_error("not every forward arrived");

    // One hop: Macao accepts, Jiangmen's copy follows.
    std::vector<double> hop_ms;
    for (int s = 0; s < hop_samples && s < total; ++s) {
      const std::string& origin = forwarded[static_cast<std::size_t>(s)];
      auto copy = *net.owner_copy(origin);
      auto acted = Clock::now();
      net.mo.cases().act(net.reviewer, copy.id, action(CaseAction::accept, copy.version));
      wait_until([&] { return net.jm.node().store().find_case(origin)->state == CaseState::accepted; }, 60s);
      hop_ms.push_back(seconds_since(acted) * 1000);
    }
    std::vector<double> healthz_ms;
    const std::string endpoint = net.mo.endpoint();
    api_test::HttpClient mo_client("127.0.0.1",
                                   static_cast<std::uint16_t>(std::stoi(endpoint.substr(endpoint.rfind(':') + 1))));
    for (int s = 0; s < hop_samples; ++s) {
      auto asked = Clock::now();
      auto answer = mo_client.get("/healthz");
      if (answer.status != 200) throw std::runtime_error("healthz failed");
      healthz_ms.push_back(seconds_since(asked) * 1000);
    }

    double local_rate = total / local_s;
    double forward_rate = total / forward_s;
    fmt::print("{:<44} {:>12} {:>10}\n", "measure", "value", "ratio");
    fmt::print("{:<44} {:>10.0f}/s {:>10}\n", "intake at Jiangmen, no forward (baseline)", local_rate, "1.00");
    fmt::print("{:<44} {:>10.0f}/s {:>10.2f}\n", "cross-border forwards, applied at Macao", forward_rate,
               forward_rate / local_rate);
    fmt::print("{:<44} {:>10.1f} s\n", "  of which intake at Jiangmen", intake_s);
    fmt::print("{:<44} {:>9.2f} ms {:>10}\n", "GET /healthz p50, baseline", percentile(healthz_ms, 0.5), "1.00");
    fmt::print("{:<44} {:>9.2f} ms {:>10.1f}\n", "status hop Macao -> Jiangmen p50", percentile(hop_ms, 0.5),
               percentile(hop_ms, 0.5) / std::max(1e-6, percentile(healthz_ms, 0.5)));
    fmt::print("{:<44} {:>9.2f} ms {:>10}\n", "GET /healthz p99, baseline", percentile(healthz_ms, 0.99), "1.00");
    fmt::print("{:<44} {:>9.2f} ms {:>10.1f}\n", "status hop Macao -> Jiangmen p99", percentile(hop_ms, 0.99),
               percentile(hop_ms, 0.99) / std::max(1e-6, percentile(healthz_ms, 0.99)));
    return 0;
  } catch (const std::exception& error) {
    fmt::print(stderr, "bench_federation_forward: {}\n", error.what());
    return 1;
  }
}
