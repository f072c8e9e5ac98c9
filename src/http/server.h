// Server: the node's HTTP/1.1 listener (Boost.Beast over Asio, C++20 coroutines).
//
// It owns the sockets and the I/O threads; the Router it is given (and everything behind it) must outlive it.
// Requests are read by coroutines on the I/O threads and answered by the router on a separate pool of handler
// threads, so a handler that waits for a durable commit never blocks I/O. Limits are enforced before a handler
// runs and each gets its documented answer: headers over `header_limit` -> 431, a body over the route's limit ->
// 413, a client too slow to send its request -> 408 and the connection closed, more than the rate allows -> 429.
// Before a body is read, the router admits the request from its header (Router::admit: route, token, Access, the
// route's hook); a refused request is answered without reading its body, and the connection is closed when a body
// was announced. One request is served at a time per connection: the next is not read until the answer has been
// written, and a client that takes no byte of an answer for `write_timeout` is cut off (its memory freed).
// Connections beyond `max_connections`, or beyond `max_connections_per_client` from one peer address (a trusted
// proxy counts only towards the total), are answered 503 with Retry-After and closed at once (TLS: closed).
// Bodies of routes with spool_body over `spool_threshold` go to a private file in `spool_dir` (http/body_spool.h).
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
#include <vector>

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
  // An answer the client takes no byte of for this long (per write progress, not the whole answer): closed.
  std::chrono::milliseconds write_timeout{30'000};
  std::size_t max_connections = 1024;           // open at once, all peers together
  std::size_t max_connections_per_client = 64;  // open at once from one peer address (not a trusted proxy)
  double rate_per_second = 200;                 // per client (behind a trusted proxy: per forwarded client)
  double rate_burst = 400;
  // Addresses or CIDR networks of reverse proxies whose X-Forwarded-For / X-Forwarded-Proto are believed
  // (http/trusted_proxies.h). Empty: no proxy is trusted and those headers are removed from every request.
  std::vector<std::string> trusted_proxies;
  // Where bodies of spool_body routes larger than spool_threshold are written while read ("" = always in memory).
  // Must be on the blob store's filesystem; made 0700, emptied of leftovers at start.
  std::filesystem::path spool_dir;
  std::size_t spool_threshold = std::size_t{1} << 20;
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
  std::atomic<std::uint64_t> connections_refused{0};       // over max_connections or max_connections_per_client
  std::atomic<std::uint64_t> write_timeouts{0};            // connections cut off for not reading their answer
  std::atomic<std::uint64_t> refused_unread{0};            // requests answered from their header, body never read
  std::atomic<std::uint64_t> bodies_spooled{0};            // bodies written to the spool directory
  std::atomic<std::uint64_t> pending_write_bytes{0};       // bytes of answers being written now (gauge)
  std::atomic<std::uint64_t> body_bytes_buffered{0};       // request body bytes held in memory now (gauge)
  std::atomic<std::uint64_t> body_bytes_buffered_peak{0};  // the most body_bytes_buffered has been
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
