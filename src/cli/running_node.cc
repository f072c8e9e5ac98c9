#include "cli/running_node.h"

#include <fmt/format.h>
#include <signal.h>
#include <spdlog/spdlog.h>

#include <boost/asio/ip/address.hpp>

#include "api/api.h"
#include "cli/commands.h"
#include "crossborder/cross_border.h"
#include "federation/federation_status.h"
#include "federation/trust_list.h"
#include "http/server.h"
#include "web/web.h"

namespace tongban::cli {
namespace {

std::pair<std::string, std::uint16_t> split_listen(const std::string& listen, const char* option = "--listen") {
  auto colon = listen.rfind(':');
  const std::string usage = std::string(option) + " must be HOST:PORT with an IP address, e.g. 127.0.0.1:8080";
  if (colon == std::string::npos) throw UsageError(usage);
  const std::string port_text = listen.substr(colon + 1);
  if (port_text.empty() || port_text.size() > 5 || port_text.find_first_not_of("0123456789") != std::string::npos ||
      std::stoi(port_text) > 65535)
    throw UsageError(std::string(option) + " port must be 0..65535");
  std::string host = listen.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  return {host, static_cast<std::uint16_t>(std::stoi(port_text))};
}

bool is_loopback(const std::string& host) {
  boost::system::error_code error;
  auto address = boost::asio::ip::make_address(host, error);
  if (error) throw UsageError("--federation-listen must name an IP address, not '" + host + "'");
  return address.is_loopback();
}

// The federation listener's server options: mutual TLS 1.3 from [tls], or plain HTTP under insecure_loopback (the
// combinations check_federation_listener() refuses never get here).
http::ServerOptions federation_server_options(const ServeOptions& options, const federation::FederationNode& fed) {
  auto [host, port] = split_listen(options.federation_listen, "--federation-listen");
  http::ServerOptions server_options;
  server_options.host = host;
  server_options.port = port;
  server_options.rate_per_second = options.rate_per_second;
  server_options.rate_burst = options.rate_per_second * 2;
  server_options.handler_threads = options.handler_threads;
  server_options.tls = fed.server_tls();
  if (!server_options.tls && !(fed.trust().current()->insecure_loopback && is_loopback(host)))
    throw UsageError("the federation listener would be plain HTTP on " + host);  // checked before; never trusted
  return server_options;
}

// The federation listener: its own router with /federation/v1/ only, and its own server.
struct FederationListener {
  FederationListener(const ServeOptions& options, crossborder::CrossBorder& cross_border)
      : server_options(federation_server_options(options, cross_border.federation())) {
    cross_border.add_routes(router);
    server = std::make_unique<http::Server>(server_options, router);
  }
  std::string url() const {
    return fmt::format("{}://{}:{}", server_options.tls ? "https" : "http", server_options.host, server->port());
  }

  http::ServerOptions server_options;
  http::Router router;
  std::unique_ptr<http::Server> server;
};

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
  command
      ->add_option(
          "--listen", options.listen,
          "HOST:PORT of the public listener: API, pages, probes; never /federation/v1/ (port 0: any free port)")
      ->capture_default_str();
  command->add_option("--rate", options.rate_per_second, "Requests per second allowed per client (0: no limit)")
      ->capture_default_str();
  command->add_option("--handler-threads", options.handler_threads, "Threads that run request handlers")
      ->check(CLI::Range(1, 512))
      ->capture_default_str();
  command->add_option("--federation", options.federation_config,
                      "Federation config (TOML: node key, peers, [tls]); omitted = federation off");
  command->add_option("--federation-listen", options.federation_listen,
                      "HOST:PORT of the federation listener (required with --federation): only /federation/v1/, "
                      "over mutual TLS 1.3 with the config's [tls] files; plain HTTP only with [node] "
                      "insecure_loopback = true on a loopback address");
}

void check_federation_listener(const ServeOptions& options) {
  if (options.federation_config.empty()) {
    if (!options.federation_listen.empty()) throw UsageError("--federation-listen needs --federation CONFIG");
    return;
  }
  if (options.federation_listen.empty())
    throw UsageError(
        "--federation needs --federation-listen HOST:PORT: peers reach this node on its own listener, "
        "not on the public one (--listen)");
  auto [host, port] = split_listen(options.federation_listen, "--federation-listen");
  auto config = federation::load_federation_config(options.federation_config);
  if (config.tls) return;
  if (!config.insecure_loopback)
    throw UsageError(options.federation_config +
                     " has no [tls] section: the federation listener needs mutual TLS (or, for tests on one "
                     "machine only, [node] insecure_loopback = true and a loopback --federation-listen)");
  if (!is_loopback(host))
    throw UsageError("a plain HTTP federation listener (insecure_loopback) must listen on a loopback address, not " +
                     host + "; configure [tls] to listen on " + host);
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
  std::unique_ptr<FederationListener> listener;
  if (!options.federation_config.empty()) {
    cross_border = std::make_unique<crossborder::CrossBorder>(node, options.federation_config);
    listener = std::make_unique<FederationListener>(options, *cross_border);
    federation::FederationNode* fed = &cross_border->federation();
    context.federation_metrics = [fed, &node] {  // relay, dead letters, held messages; directory validity
      std::string text = federation::federation_metrics_text(*fed);
      if (auto* directory = fed->directory())
        text += federation::directory_metrics_text(directory->status(), node.now_ms());
      return text;
    };
    if (auto* directory = fed->directory()) {
      context.federation_readiness = [directory, &node] {
        return api::ApiContext::Readiness{federation::directory_warnings(directory->status(), node.now_ms()), {}};
      };
    }
    cross_border->start();
    listener->server->start();
  }
  server.start();
  started(RunningNode{node, host, server.port(), listener ? listener->url() : ""});

  int received = 0;
  sigwait(&signals, &received);
  spdlog::info("signal {} received: stopping", received);
  server.stop();
  if (listener) listener->server->stop();
  if (cross_border) cross_border->stop();
  listener.reset();
  cross_border.reset();
  node.store().close();
}

}  // namespace tongban::cli
