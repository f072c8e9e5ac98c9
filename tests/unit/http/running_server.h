// RunningServer: an http::Server on a free loopback port in front of a test's Router, stopped when it goes.
#pragma once

#include <memory>

#include "http/router.h"
#include "http/server.h"

namespace tongban::http::testing {

// Loopback, any port, one I/O thread, no rate limit: each test sets what it is about.
inline ServerOptions quiet_options() {
  ServerOptions options;
  options.port = 0;
  options.io_threads = 1;
  options.handler_threads = 2;
  options.rate_per_second = 0;
  return options;
}

struct RunningServer {
  RunningServer(const Router& router, ServerOptions options) : server(std::make_unique<Server>(options, router)) {
    server->start();
  }
  ~RunningServer() { server->stop(); }
  std::uint16_t port() const { return server->port(); }
  const ServerCounters& counters() const { return server->counters(); }
  std::unique_ptr<Server> server;
};

}  // namespace tongban::http::testing
