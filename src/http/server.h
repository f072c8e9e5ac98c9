// Server: the node's HTTP/1.1 listener (Boost.Beast over Asio, C++20 coroutines).
//
// It owns the sockets and the I/O threads; the Router it is given (and everything behind it) must outlive it.
// Requests are read by coroutines on the I/O threads and answered by the router on a separate pool of handler
// threads, so a handler that waits for a durable commit never blocks I/O. Limits are enforced before a handler
// runs and each gets its documented answer: headers over `header_limit` -> 431, a body over the route's limit ->
// 413, a client too slow to send its request -> 408 and the connection closed, more than the rate allows -> 429.
// With ServerOptions::tls the same runs over TLS (OpenSSL through asio::ssl); a failed handshake closes the
// connection before any request is read.
// Beast and Asio headers stay in server.cc.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "http/router.h"

namespace tongban::http {

// The oldest TLS version a server accepts; a client that offers only older ones fails the handshake.
enum class TlsVersion { tls1_2, tls1_3 };

// HTTPS instead of plain HTTP. With client_ca_file set, it is mutual TLS: a client must present a certificate that
// chains to that CA or the handshake fails, and each request carries the certificate's fingerprint
// (Request::client_certificate_sha256). The federation listener between nodes uses mutual TLS 1.3.
struct ServerTls {
  std::filesystem::path certificate_file;  // PEM chain, leaf first
  std::filesystem::path private_key_file;  // PEM
  std::filesystem::path client_ca_file;    // PEM; empty = no client certificate asked
  TlsVersion minimum_version = TlsVersion::tls1_2;
};

struct ServerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;  // 0 = any free port; see Server::port()
  int io_threads = 2;
  int handler_threads = 32;  // blocking handlers; bounds concurrent writes that group commit can batch
  std::size_t header_limit = std::size_t{16} * 1024;
  std::chrono::milliseconds read_timeout{10'000};  // whole request, header and body
  std::chrono::milliseconds idle_timeout{30'000};  // between requests on a kept-alive connection
  double rate_per_second = 200;                    // per client address; 0 = unlimited
  double rate_burst = 400;
  std::optional<ServerTls> tls;  // none = plain HTTP
};

// Counters the server keeps for /metrics.
struct ServerCounters {
  std::atomic<std::uint64_t> requests{0};
  std::atomic<std::uint64_t> responses_2xx{0};
  std::atomic<std::uint64_t> responses_4xx{0};
  std::atomic<std::uint64_t> responses_5xx{0};
  std::atomic<std::uint64_t> rate_limited{0};
  std::atomic<std::uint64_t> open_connections{0};
  std::atomic<std::uint64_t> latency_us_total{0};
};

class Server {
 public:
  Server(ServerOptions options, const Router& router);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and starts the threads; returns once the port is listening. Throws on bind failure.
  void start();
  // Stops accepting, closes connections, joins the threads. Idempotent.
  void stop();
  // Blocks until stop() is called from another thread or a signal handler.
  void wait();
  std::uint16_t port() const;
  const ServerCounters& counters() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace tongban::http
