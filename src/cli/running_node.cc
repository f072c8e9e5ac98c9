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
#include "http/trusted_proxies.h"
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

std::chrono::milliseconds milliseconds_of(double seconds) {
  return std::chrono::milliseconds(static_cast<std::int64_t>(seconds * 1000));
}

// What both listeners share: rate, handler threads, connection caps, write and idle timeouts.
http::ServerOptions guarded_server_options(const ServeOptions& options, const std::string& host, std::uint16_t port) {
  http::ServerOptions server_options;
  server_options.host = host;
  server_options.port = port;
  server_options.rate_per_second = options.rate_per_second;
  server_options.rate_burst = options.rate_per_second * 2;
  server_options.handler_threads = options.handler_threads;
  server_options.max_connections = options.max_connections;
  server_options.max_connections_per_client = options.max_connections_per_client;
  server_options.write_timeout = milliseconds_of(options.write_timeout_seconds);
  server_options.idle_timeout = milliseconds_of(options.idle_timeout_seconds);
  return server_options;
}

// The federation listener's server options: mutual TLS 1.3 from [tls], or plain HTTP under insecure_loopback (the
// combinations check_federation_listener() refuses never get here).
http::ServerOptions federation_server_options(const ServeOptions& options, const federation::FederationNode& fed) {
  auto [host, port] = split_listen(options.federation_listen, "--federation-listen");
  http::ServerOptions server_options = guarded_server_options(options, host, port);
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
      "# TYPE tongban_http_latency_seconds_total counter\ntongban_http_latency_seconds_total {:.6f}\n"
      "# HELP tongban_http_connections_refused_total Connections refused over the connection caps.\n"
      "# TYPE tongban_http_connections_refused_total counter\ntongban_http_connections_refused_total {}\n"
      "# HELP tongban_http_write_timeouts_total Connections closed because the client did not read its answer.\n"
      "# TYPE tongban_http_write_timeouts_total counter\ntongban_http_write_timeouts_total {}\n"
      "# HELP tongban_http_refused_unread_total Requests refused from their header, body not read.\n"
      "# TYPE tongban_http_refused_unread_total counter\ntongban_http_refused_unread_total {}\n"
      "# HELP tongban_http_bodies_spooled_total Request bodies written to the spool directory.\n"
      "# TYPE tongban_http_bodies_spooled_total counter\ntongban_http_bodies_spooled_total {}\n"
      "# HELP tongban_http_pending_write_bytes Bytes of answers being written.\n"
      "# TYPE tongban_http_pending_write_bytes gauge\ntongban_http_pending_write_bytes {}\n"
      "# HELP tongban_http_body_bytes_buffered Request body bytes held in memory.\n"
      "# TYPE tongban_http_body_bytes_buffered gauge\ntongban_http_body_bytes_buffered {}\n",
      c.requests.load(), c.responses_2xx.load(), c.responses_4xx.load(), c.responses_5xx.load(), c.rate_limited.load(),
      c.open_connections.load(), static_cast<double>(c.latency_us_total.load()) / 1e6, c.connections_refused.load(),
      c.write_timeouts.load(), c.refused_unread.load(), c.bodies_spooled.load(), c.pending_write_bytes.load(),
      c.body_bytes_buffered.load());
}

}  // namespace

void add_serve_options(CLI::App* command, ServeOptions& options) {
  command
      ->add_option(
          "--listen", options.listen,
          "HOST:PORT of the public listener: API, pages, probes; never /federation/v1/ (port 0: any free port)")
      ->capture_default_str();
  command
      ->add_option("--public-url", options.public_url,
                   "The address people reach the pages at (https://HOST[:PORT]); printed receipts link to its "
                   "tracking page [default: the request's Host]")
      ->check([](const std::string& url) {
        bool web = url.rfind("https://", 0) == 0 || url.rfind("http://", 0) == 0;
        return web && url.find_first_of(" \"<>\\") == std::string::npos ? std::string()
                                                                        : std::string("must be an http(s):// URL");
      });
  command->add_option("--rate", options.rate_per_second, "Requests per second allowed per client (0: no limit)")
      ->capture_default_str();
  command->add_option("--handler-threads", options.handler_threads, "Threads that run request handlers")
      ->check(CLI::Range(1, 512))
      ->capture_default_str();
  command
      ->add_option("--trusted-proxy", options.trusted_proxies,
                   "Address or CIDR of a reverse proxy whose X-Forwarded-For/-Proto are believed (repeatable); "
                   "from any other peer those headers are ignored")
      ->check([](const std::string& entry) -> std::string {
        try {
          http::TrustedProxies proxies({entry});
          return "";
        } catch (const std::invalid_argument& error) {
          return error.what();
        }
      });
  command->add_option("--max-connections", options.max_connections, "Open connections at most, all clients together")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1} << 20))
      ->capture_default_str();
  command
      ->add_option("--max-connections-per-client", options.max_connections_per_client,
                   "Open connections at most from one address (a trusted proxy counts only towards the total)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1} << 20))
      ->capture_default_str();
  command
      ->add_option("--write-timeout", options.write_timeout_seconds,
                   "Seconds an answer may wait for the client to take a byte before the connection is closed")
      ->check(CLI::Range(0.1, 3600.0))
      ->capture_default_str();
  command
      ->add_option("--idle-timeout", options.idle_timeout_seconds,
                   "Seconds a kept-alive connection may wait for its next request")
      ->check(CLI::Range(0.1, 3600.0))
      ->capture_default_str();
  command->add_option("--federation", options.federation_config,
                      "Federation config (TOML: node key, peers, [tls]); omitted = federation off");
  command->add_option("--federation-listen", options.federation_listen,
                      "HOST:PORT of the federation listener (required with --federation): only /federation/v1/, "
                      "over mutual TLS 1.3 with the config's [tls] files; plain HTTP only with [node] "
                      "insecure_loopback = true on a loopback address");
  command
      ->add_option("--region-k", options.region_k,
                   "With --federation: counts below this are hidden in the daily figures this node shares with the "
                   "region (complementary suppression, docs/region.md)")
      ->check(CLI::Range(1, 100))
      ->capture_default_str();
  command
      ->add_option("--region-publish-minutes", options.region_publish_minutes,
                   "With --federation: how often the daily figures of the last 31 days are shared again (a day "
                   "whose figures did not change is not sent)")
      ->check(CLI::Range(1, 24 * 60))
      ->capture_default_str();
  add_notification_options(command, options.notifications);
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

  // Refuses bad notification settings (a secret file others may read, a bad URL) before anything starts.
  auto notification_sender = make_notification_sender(node, options.notifications);
  node::AccountDesk accounts(node);
  node::CaseDesk cases(node);
  http::Router router;
  auto [host, port] = split_listen(options.listen);
  http::ServerOptions server_options = guarded_server_options(options, host, port);
  server_options.trusted_proxies = options.trusted_proxies;  // the public listener only: peers connect directly
  server_options.spool_dir = node.config().data_dir / "spool";
  http::Server server(server_options, router);
  api::ApiContext context{node, accounts, cases, [&server] { return server_metrics(server); }, {}, {}};
  api::add_all_routes(router, context);
  web::add_page_routes(router, node, accounts, cases, options.public_url);
  std::unique_ptr<crossborder::CrossBorder> cross_border;
  std::unique_ptr<FederationListener> listener;
  if (!options.federation_config.empty()) {
    region::RegionSettings region;
    region.k = options.region_k;
    region.publish_interval = std::chrono::minutes(options.region_publish_minutes);
    cross_border = std::make_unique<crossborder::CrossBorder>(node, options.federation_config,
                                                              certificates::CertificateSettings{}, region);
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
  notification_sender->start();  // empties the notification outbox; woken by each commit that adds to it
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
  notification_sender->stop();
  node.store().close();
}

}  // namespace tongban::cli
