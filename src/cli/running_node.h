// RunningNode: a node with its router and HTTP server, as `serve` and `demo` run it. run_until_signal() blocks
// SIGINT/SIGTERM in every thread, starts the servers, calls `started`, waits for a signal, then stops cleanly (the
// servers first, so no request is cut in the middle of a write; then the store finishes its queued jobs).
//
// With federation on there are two listeners: the public one (--listen: API, pages, probes) and the federation
// listener (--federation-listen), which serves only /federation/v1/ and nothing else, over mutual TLS 1.3 with the
// [tls] files of the federation config (client certificate required, chained to [tls] ca_file). The public
// listener never serves /federation/v1/ (404). Plain HTTP on the federation listener only with
// [node] insecure_loopback = true and a loopback address (docs/federation.md, "Transport").
//
// Every serve option can also come from the [serve] and [federation] sections of --config (cli/config_file.h).
#pragma once

#include <CLI/App.hpp>
#include <functional>
#include <string>
#include <vector>

#include "cli/notification_options.h"
#include "node/node.h"

namespace tongban::cli {

struct ServeOptions {
  std::string listen = "127.0.0.1:8080";
  // The address people reach the pages at ("https://jm.tongban.example"): printed receipts link to its tracking
  // page. "" = the request's own Host (when it is a plain host[:port]), for a node on a desk or in a test.
  std::string public_url;
  double rate_per_second = 200;
  int handler_threads = 32;
  // The public listener's guards (http::ServerOptions; docs/operations.md "Limits of the HTTP listeners").
  std::vector<std::string> trusted_proxies;  // addresses or CIDRs whose X-Forwarded-For / -Proto are believed
  std::size_t max_connections = 1024;
  std::size_t max_connections_per_client = 64;
  double write_timeout_seconds = 30;
  double idle_timeout_seconds = 30;
  std::string federation_config;  // "" = federation off; else the node's federation TOML (docs/federation.md)
  std::string federation_listen;  // HOST:PORT of the federation listener; required with federation_config
  // The region's figures (docs/region.md): the small-cell threshold k and how often the daily aggregates go out.
  std::int64_t region_k = 5;
  int region_publish_minutes = 60;
  NotificationOptions notifications;  // e-mail / SMS adapters, quiet hours, rate limit (cli/notification_options.h)
};

struct RunningNode {
  node::Node& node;
  std::string host;
  unsigned port = 0;
  std::string federation_url;  // "https://HOST:PORT" or "http://…" (insecure_loopback); "" = federation off
};

void add_serve_options(CLI::App* command, ServeOptions& options);
// Refuses, before anything is opened, federation options the node would not run safely with (UsageError, exit
// code 2): --federation without --federation-listen or the reverse; a federation config without [tls] unless
// [node] insecure_loopback = true; a plain (insecure_loopback) federation listener on a non-loopback address.
// A config that cannot be read or parsed throws federation::ConfigError as before.
void check_federation_listener(const ServeOptions& options);
void run_until_signal(node::Node& node, const ServeOptions& options,
                      const std::function<void(const RunningNode&)>& started);

}  // namespace tongban::cli
