#include "cli/running_node.h"

#include <fmt/format.h>
#include <signal.h>
#include <spdlog/spdlog.h>

#include "api/api.h"
#include "crossborder/cross_border.h"
#include "federation/federation_status.h"
#include "http/server.h"
#include "web/web.h"

namespace tongban::cli {
namespace {

std::pair<std::string, std::uint16_t> split_listen(const std::string& listen) {
  auto colon = listen.rfind(':');
  if (colon == std::string::npos) throw std::runtime_error("--listen must be HOST:PORT, e.g. 127.0.0.1:8080");
  int port = std::stoi(listen.substr(colon + 1));
  if (port < 0 || port > 65535) throw std::runtime_error("--listen port must be 0..65535");
  std::string host = listen.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  return {host, static_cast<std::uint16_t>(port)};
}

std::string server_metrics(const http::Server& server) {
  const auto& c = server.counters();
  return fmt::format(
      "# HELP tongban_http_requests_total Requests read.\n# TYPE tongban_http_requests_total counter\n"
      "tongban_http_requests_total {}\n"
      "# HELP tongban_http_responses_total Responses by class.\n# TYPE tongban_http_responses_total counter\n"
      "tongban_http_responses_total{{class=\"2xx\"}} {}\ntongban_http_responses_total{{class=\"4xx\"}} {}\n"
      "tongban_http_responses_total{{class=\"5xx\"}} {}\n"
      "# HELP tongban_http_rate_limited_total Requests refused by the rate limit.\n"
      "# TYPE tongban_http_rate_limited_total counter\ntongban_http_rate_limited_total {}\n"
      "# HELP tongban_http_open_connections Open connections.\n# TYPE tongban_http_open_connections gauge\n"
      "tongban_http_open_connections {}\n"
      "# HELP tongban_http_latency_seconds_total Time spent answering.\n"
      "# TYPE tongban_http_latency_seconds_total counter\ntongban_http_latency_seconds_total {:.6f}\n",
      c.requests.load(), c.responses_2xx.load(), c.responses_4xx.load(), c.responses_5xx.load(), c.rate_limited.load(),
      c.open_connections.load(), static_cast<double>(c.latency_us_total.load()) / 1e6);
}

}  // namespace

void add_serve_options(CLI::App* command, ServeOptions& options) {
  command->add_option("--listen", options.listen, "HOST:PORT to listen on (port 0: any free port)")
      ->capture_default_str();
  command->add_option("--rate", options.rate_per_second, "Requests per second allowed per client (0: no limit)")
      ->capture_default_str();
  command->add_option("--handler-threads", options.handler_threads, "Threads that run request handlers")
      ->check(CLI::Range(1, 512))
      ->capture_default_str();
  command->add_option("--federation", options.federation_config,
                      "Federation config (TOML: node key, peers); omitted = federation off");
}

void run_until_signal(node::Node& node, const ServeOptions& options,
                      const std::function<void(const RunningNode&)>& started) {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);  // threads started from here on inherit the mask

  node::AccountDesk accounts(node);
  node::CaseDesk cases(node);
  http::Router router;
  auto [host, port] = split_listen(options.listen);
  http::ServerOptions server_options;
  server_options.host = host;
  server_options.port = port;
  server_options.rate_per_second = options.rate_per_second;
  server_options.rate_burst = options.rate_per_second * 2;
  server_options.handler_threads = options.handler_threads;
  http::Server server(server_options, router);
  api::ApiContext context{node, accounts, cases, [&server] { return server_metrics(server); }, {}, {}};
  api::add_all_routes(router, context);
  web::add_page_routes(router, node, accounts, cases);
  std::unique_ptr<crossborder::CrossBorder> cross_border;
  if (!options.federation_config.empty()) {
    cross_border = std::make_unique<crossborder::CrossBorder>(node, options.federation_config);
    cross_border->add_routes(router);
    context.federation_metrics = [fed = &cross_border->federation()] {
      return federation::federation_metrics_text(*fed);
    };
    cross_border->start();
  }
  server.start();
  started(RunningNode{node, host, server.port()});

  int received = 0;
  sigwait(&signals, &received);
  spdlog::info("signal {} received: stopping", received);
  server.stop();
  if (cross_border) cross_border->stop();
  cross_border.reset();
  node.store().close();
}

}  // namespace tongban::cli
