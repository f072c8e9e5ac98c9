// tongban carrier-simulator: a postal carrier for the demo and the tests (docs/post.md). It moves the given items
// through a route of tracking events (post/simulated_route.h) on a timer and reports each step to the node as the
// real carrier would: one signed call to POST /api/v1/carriers/<carrier>/events per step (post/webhook_signature.h),
// with every item's event of that step. It prints each step and the node's answer; a refused call stops it (exit 1)
// with the node's problem, an unreachable node is tried again a few times first. Event ids are fixed per item and
// step, so running it again for the same items changes nothing at the node.
//
// Why a process of its own: the node must learn of shipments only through the signed webhook, as from a real carrier
// (no test hook in the node), and the demo shows a shipment moving while the nodes run.
#include <fmt/format.h>

#include <chrono>
#include <iostream>
#include <thread>

#include "cli/commands.h"
#include "domain/s10_item_id.h"
#include "federation/peer_transport.h"
#include "post/carrier_adapter.h"
#include "post/simulated_route.h"
#include "post/webhook_signature.h"

namespace tongban::cli {
namespace {

struct SimulatorOptions {
  std::string node_url;
  std::string carrier = "sim-post";
  std::string secret_file;
  std::vector<std::string> items;
  std::string route = "eventful";
  int interval_ms = 1000;
  int step_minutes = 90;
};

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// One step's call, tried up to four times while the node does not answer. Returns the node's answer.
federation::TransportResult report(const SimulatorOptions& options, const std::string& secret,
                                   const std::vector<post::CarrierReport>& reports) {
  const std::string body = post::upu_json_body(reports);
  federation::TransportResult answer;
  for (int attempt = 1; attempt <= 4; ++attempt) {
    const std::int64_t timestamp_s = now_ms() / 1000;
    federation::OutgoingRequest request{
        "POST",
        "/api/v1/carriers/" + options.carrier + "/events",
        {{"Content-Type", "application/json"},
         {std::string(post::kTimestampHeader), std::to_string(timestamp_s)},
         {std::string(post::kSignatureHeader), post::webhook_signature(secret, timestamp_s, body)}},
        body};
    answer = federation::send_request(options.node_url, request, std::nullopt, std::chrono::seconds(10));
    if (answer.reached) return answer;
    std::cerr << fmt::format("carrier-simulator: no answer from {} ({}); trying again\n", options.node_url,
                             answer.error);
    std::this_thread::sleep_for(std::chrono::milliseconds(500 * attempt));
  }
  return answer;
}

void run(const SimulatorOptions& options) {
  if (!post::valid_carrier_name(options.carrier))
    throw UsageError("--carrier '" + options.carrier + "' is not a carrier name ([a-z0-9-]{1,32})");
  if (auto problem = federation::check_endpoint(options.node_url, /*insecure_loopback=*/true))
    throw UsageError("--node " + options.node_url + ": " + *problem +
                     " (the simulator speaks plain HTTP to a node on this machine only)");
  if (!options.node_url.starts_with("http://"))
    throw UsageError("--node " + options.node_url + ": the simulator speaks plain HTTP to a node on loopback only");
  if (!std::filesystem::is_regular_file(options.secret_file))
    throw UsageError("--secret-file " + options.secret_file + ": no such file (the node keeps it as " +
                     "<data-dir>/carriers/<carrier>.secret)");
  auto secret = post::load_secret_file(options.secret_file);
  if (!secret)
    throw UsageError("--secret-file " + options.secret_file +
                     ": not a carrier secret (it must be private, mode 0600, and hold one line of 32 characters "
                     "or more)");
  for (const auto& item : options.items)
    if (auto problem = domain::s10_problem(item); !problem.empty())
      throw UsageError("--item " + item + " is not an S10 item id (" + problem + ")");
  auto kind = post::parse_route_kind(options.route);
  if (!kind) throw UsageError("--route is direct or eventful, not '" + options.route + "'");

  // Each item's events, with times spread as the route would take them, ending now: the node's deadlines and
  // "served" dates see plausible times.
  std::vector<std::vector<domain::ShipmentEvent>> routes;
  const std::int64_t step_ms = static_cast<std::int64_t>(options.step_minutes) * 60'000;
  for (const auto& item : options.items) {
    auto route = post::simulated_route(*kind, item, 0, step_ms);
    const std::int64_t start = now_ms() - route.back().at_ms;
    for (auto& event : route) event.at_ms += start;
    routes.push_back(std::move(route));
  }
  const std::size_t steps = routes.front().size();
  for (std::size_t step = 0; step < steps; ++step) {
    std::vector<post::CarrierReport> reports;
    for (std::size_t i = 0; i < options.items.size(); ++i) reports.push_back({options.items[i], routes[i][step]});
    auto answer = report(options, *secret, reports);
    if (!answer.reached) throw std::runtime_error("the node at " + options.node_url + " does not answer");
    for (const auto& r : reports)
      std::cout << fmt::format("carrier-simulator: {} {}/{} {}{} -> HTTP {}\n", r.item_id, step + 1, steps,
                               domain::to_string(r.event.event),
                               r.event.reason.empty() ? "" : " (" + r.event.reason + ")", answer.status)
                << std::flush;
    if (answer.status < 200 || answer.status >= 300)
      throw std::runtime_error(
          fmt::format("the node refused step {}: HTTP {} {}", step + 1, answer.status, answer.body));
    if (step + 1 < steps) std::this_thread::sleep_for(std::chrono::milliseconds(options.interval_ms));
  }
  std::cout << fmt::format("carrier-simulator: {} item(s) delivered\n", options.items.size());
}

}  // namespace

void add_carrier_simulator_command(CLI::App& app) {
  auto options = std::make_shared<SimulatorOptions>();
  auto* command = app.add_subcommand(
      "carrier-simulator",
      "A simulated postal carrier: moves items through their tracking events and reports each step to a node on "
      "this machine with a signed webhook (demo and tests; docs/post.md)");
  command->add_option("--node", options->node_url, "the node's address, e.g. http://127.0.0.1:8081")->required();
  command->add_option("--carrier", options->carrier, "the carrier's name at the node")->capture_default_str();
  command
      ->add_option("--secret-file", options->secret_file,
                   "the carrier's webhook secret (the node's <data-dir>/carriers/<carrier>.secret)")
      ->required();
  command->add_option("--item", options->items, "an S10 item id the node registered (repeat for several)")->required();
  command->add_option("--route", options->route, "direct, or eventful (a customs hold and a failed attempt)")
      ->capture_default_str();
  command->add_option("--interval-ms", options->interval_ms, "wall-clock pause between steps")
      ->check(CLI::Range(0, 600'000))
      ->capture_default_str();
  command->add_option("--step-minutes", options->step_minutes, "carrier time between two events")
      ->check(CLI::Range(1, 10'000))
      ->capture_default_str();
  command->footer(
      "Exit codes: 0 every step accepted, 2 a refused command line, 1 the node refused a step or did not answer.");
  command->callback([options] { run(*options); });
}

}  // namespace tongban::cli
