#include "http/server.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <boost/asio.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket/rfc6455.hpp>
#include <boost/range/iterator_range.hpp>
#include <boost/url/encoding_opts.hpp>
#include <boost/url/parse.hpp>
#include <condition_variable>
#include <limits>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <vector>

#include "http/body_spool.h"
#include "http/certificate_fingerprint.h"
#include "http/problem_response.h"
#include "http/rate_limiter.h"
#include "http/trusted_proxies.h"
#include "http/websocket_connection.h"

namespace tongban::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;
using namespace asio::experimental::awaitable_operators;

std::int64_t monotonic_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// The response as Beast writes it. A HEAD request gets the headers of the GET answer, Content-Length of its body
// included, and no body.
template <typename Body>
void fill_header(bhttp::response<Body>& message, const Response& response, bool keep_alive,
                 const std::string& request_id) {
  for (const auto& [name, value] : response.headers) message.insert(name, value);  // Set-Cookie may repeat
  if (!response.header("Cache-Control")) message.set(bhttp::field::cache_control, "no-store");
  // RFC 9110 §11.6.1: a 401 MUST carry a challenge; every 401 here asks for the bearer token the API takes.
  if (response.status == 401 && !response.header("WWW-Authenticate"))
    message.set(bhttp::field::www_authenticate, kBearerChallenge);
  message.set("X-Content-Type-Options", "nosniff");
  if (!request_id.empty()) message.set("X-Request-Id", request_id);
  message.keep_alive(keep_alive);
}

bool has_no_body(int status) {
  return status / 100 == 1 || status == 204 || status == 304;
}

// A 1xx, 204 or 304 answer as it goes on the wire: no body, no Content-Length (RFC 9110 §8.6: a server MUST NOT send
// it in 1xx and 204), and no Content-Type (204 has no content to type; a 304 sends no representation metadata but
// the fields that update a cache, §15.4.5).
void strip_body_fields(bhttp::response<bhttp::empty_body>& message) {
  message.erase(bhttp::field::content_length);
  message.erase(bhttp::field::content_type);
  message.erase(bhttp::field::transfer_encoding);
}

// The fixed answer to a connection over the caps: written without waiting, then the socket is closed.
std::string busy_answer() {
  Response problem = problem_response("unavailable", "Too many connections; try again in a moment.");
  return "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/problem+json\r\nRetry-After: 1\r\n"
         "Connection: close\r\nCache-Control: no-store\r\nContent-Length: " +
         std::to_string(problem.body.size()) + "\r\n\r\n" + problem.body;
}

// Adds to a gauge for as long as it lives; keeps the gauge's peak when given one.
class GaugeShare {
 public:
  GaugeShare(std::atomic<std::uint64_t>& gauge, std::uint64_t amount, std::atomic<std::uint64_t>* peak = nullptr)
      : gauge_(gauge), amount_(amount) {
    std::uint64_t now = gauge_ += amount_;
    if (!peak) return;
    std::uint64_t seen = peak->load();
    while (now > seen && !peak->compare_exchange_weak(seen, now)) {
    }
  }
  ~GaugeShare() { gauge_ -= amount_; }
  GaugeShare(const GaugeShare&) = delete;
  GaugeShare& operator=(const GaugeShare&) = delete;

 private:
  std::atomic<std::uint64_t>& gauge_;
  std::uint64_t amount_;
};

// Fills path and query from the request target; false when the target is not a valid origin-form.
// Clients such as curl send UTF-8 in the target unencoded; percent-encode those bytes as a browser would.
std::string encode_non_ascii(std::string_view target) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string encoded;
  for (unsigned char c : target) {
    if (c < 0x80) {
      encoded.push_back(static_cast<char>(c));
    } else {
      encoded += {'%', kHex[c >> 4], kHex[c & 15]};
    }
  }
  return encoded;
}

// The fingerprint of the verified certificate the client presented in the handshake; "" when it presented none.
std::string client_certificate_of(SSL* ssl) {
  std::unique_ptr<X509, void (*)(X509*)> certificate(SSL_get1_peer_certificate(ssl), &X509_free);
  if (!certificate || SSL_get_verify_result(ssl) != X509_V_OK) return "";
  unsigned char* der = nullptr;
  int length = i2d_X509(certificate.get(), &der);
  if (length <= 0) return "";
  std::string fingerprint =
      certificate_fingerprint_of_der({reinterpret_cast<const char*>(der), static_cast<std::size_t>(length)});
  OPENSSL_free(der);
  return fingerprint;
}

bool parse_target(Request& request) {
  std::string target = encode_non_ascii(request.target);
  auto parsed = boost::urls::parse_origin_form(target);
  if (!parsed) return false;
  request.path = std::string(parsed->path());
  if (request.path.empty()) request.path = "/";
  for (auto param : parsed->params(boost::urls::encoding_opts(true)))
    request.query.emplace(std::string(param.key), std::string(param.value));
  return true;
}

}  // namespace

struct Server::Impl {
  Impl(ServerOptions opts, const Router& r)
      : options(std::move(opts)),
        router(r),
        limiter(options.rate_per_second, options.rate_burst),
        proxies(options.trusted_proxies),
        busy(busy_answer()),
        handlers(static_cast<std::size_t>(options.handler_threads)) {}

  // One open connection, counted in the caps for as long as it lives.
  class Slot {
   public:
    Slot(Impl& impl, std::string peer) : impl_(impl), peer_(std::move(peer)) {}
    ~Slot() { impl_.release(peer_); }
    Slot(const Slot&) = delete;
    Slot& operator=(const Slot&) = delete;
    const std::string& peer() const { return peer_; }

   private:
    Impl& impl_;
    std::string peer_;
  };
  bool try_open(const std::string& peer);
  void release(const std::string& peer);

  asio::awaitable<void> accept_loop();
  asio::awaitable<void> serve_connection(tcp::socket socket, std::shared_ptr<Slot> slot);
  asio::awaitable<void> serve_tls_connection(tcp::socket socket, std::shared_ptr<Slot> slot);
  template <typename Stream>
  asio::awaitable<void> serve_requests(Stream& socket, const std::string& peer,
                                       const std::string& client_certificate = {});
  template <typename Stream>
  asio::awaitable<bool> finish(Stream& socket, const Request& request, Response response,
                               std::chrono::steady_clock::time_point started_at, unsigned version, bool keep_alive,
                               bool head);
  template <typename Stream, typename Parser>
  asio::awaitable<std::optional<Response>> read_body(Stream& socket, beast::flat_buffer& buffer, Parser& parser,
                                                     asio::steady_timer& timer, Request& request, std::size_t limit);
  template <typename Stream>
  asio::awaitable<bool> send(Stream& socket, Response response, unsigned version, bool keep_alive,
                             const std::string& request_id, bool head = false);
  template <typename Stream, typename Message>
  asio::awaitable<bool> write_with_deadline(Stream& socket, Message& message);
  void fill_client(Request& request, const std::string& peer, const bhttp::request_header<>& header) const;
  void count(int status);

  // Declared before the io_context: the connections' coroutine frames, destroyed with it, still count down here.
  ServerOptions options;
  const Router& router;
  RateLimiter limiter;
  TrustedProxies proxies;
  const std::string busy;
  ServerCounters counters;
  std::atomic<std::uint64_t> next_request_id{1};
  std::mutex connections_mutex;
  std::size_t connections_open = 0;
  std::unordered_map<std::string, std::size_t> connections_per_peer;
  asio::io_context io;
  asio::thread_pool handlers;
  std::optional<tcp::acceptor> acceptor;
  std::optional<asio::ssl::context> tls;
  std::vector<std::thread> io_threads;
  std::mutex stop_mutex;
  std::condition_variable stop_signal;
  bool stopped = false;
  bool started = false;
};

bool Server::Impl::try_open(const std::string& peer) {
  std::lock_guard lock(connections_mutex);
  if (connections_open >= options.max_connections) return false;
  if (!proxies.trusts(peer)) {
    auto& from_peer = connections_per_peer[peer];
    if (from_peer >= options.max_connections_per_client) {
      if (from_peer == 0) connections_per_peer.erase(peer);
      return false;
    }
    ++from_peer;
  }
  ++connections_open;
  ++counters.open_connections;
  return true;
}

void Server::Impl::release(const std::string& peer) {
  std::lock_guard lock(connections_mutex);
  --connections_open;
  --counters.open_connections;
  if (auto found = connections_per_peer.find(peer); found != connections_per_peer.end() && --found->second == 0)
    connections_per_peer.erase(found);
}

void Server::Impl::count(int status) {
  if (status < 400)
    ++counters.responses_2xx;
  else if (status < 500)
    ++counters.responses_4xx;
  else
    ++counters.responses_5xx;
}

// Writes as much as the client takes; false when it took nothing for write_timeout (or the write failed).
template <typename Stream, typename Message>
asio::awaitable<bool> Server::Impl::write_with_deadline(Stream& socket, Message& message) {
  bhttp::serializer<false, typename Message::body_type, typename Message::fields_type> serializer(message);
  asio::steady_timer timer(socket.get_executor());
  while (!serializer.is_done()) {
    beast::error_code ec;
    timer.expires_after(options.write_timeout);
    auto written =
        co_await (bhttp::async_write_some(socket, serializer, asio::redirect_error(asio::use_awaitable, ec)) ||
                  timer.async_wait(asio::use_awaitable));
    if (written.index() == 1) {
      ++counters.write_timeouts;
      co_return false;
    }
    if (ec) co_return false;
  }
  co_return true;
}

template <typename Stream>
asio::awaitable<bool> Server::Impl::send(Stream& socket, Response response, unsigned version, bool keep_alive,
                                         const std::string& request_id, bool head) {
  const bool safe = std::all_of(response.headers.begin(), response.headers.end(), [](const auto& header) {
    return header_value_safe(header.first) && header_value_safe(header.second);
  });
  if (!safe) {
    spdlog::error("request {}: a response header held CR, LF or NUL; answered 500 instead", request_id);
    response = problem_response("internal", "The node could not answer; the request id is " + request_id + ".");
  }
  count(response.status);
  constexpr std::size_t kHeaderAllowance = 1024;  // what the status line and headers take, roughly
  if (head || has_no_body(response.status)) {
    bhttp::response<bhttp::empty_body> message{static_cast<bhttp::status>(response.status), version};
    fill_header(message, response, keep_alive, request_id);
    if (has_no_body(response.status)) {
      strip_body_fields(message);
    } else {
      message.content_length(response.body.size());
    }
    GaugeShare pending(counters.pending_write_bytes, kHeaderAllowance);
    co_return co_await write_with_deadline(socket, message);
  }
  bhttp::response<bhttp::string_body> message{static_cast<bhttp::status>(response.status), version};
  fill_header(message, response, keep_alive, request_id);
  message.body() = std::move(response.body);
  message.prepare_payload();
  GaugeShare pending(counters.pending_write_bytes, message.body().size() + kHeaderAllowance);
  co_return co_await write_with_deadline(socket, message);
}

asio::awaitable<void> Server::Impl::accept_loop() {
  for (;;) {
    beast::error_code ec;
    tcp::socket socket = co_await acceptor->async_accept(asio::redirect_error(asio::use_awaitable, ec));
    if (ec == asio::error::operation_aborted || !acceptor->is_open()) co_return;
    if (ec) continue;
    std::string peer = socket.remote_endpoint(ec).address().to_string();
    if (ec) continue;
    if (!try_open(peer)) {  // refused cheaply: one non-blocking write of a fixed answer, then closed
      ++counters.connections_refused;
      socket.non_blocking(true, ec);
      if (!tls) socket.write_some(asio::buffer(busy), ec);
      socket.shutdown(tcp::socket::shutdown_send, ec);
      socket.close(ec);
      continue;
    }
    auto slot = std::make_shared<Slot>(*this, std::move(peer));
    if (tls)
      asio::co_spawn(io, serve_tls_connection(std::move(socket), std::move(slot)), asio::detached);
    else
      asio::co_spawn(io, serve_connection(std::move(socket), std::move(slot)), asio::detached);
  }
}

asio::awaitable<void> Server::Impl::serve_connection(tcp::socket socket, std::shared_ptr<Slot> slot) {
  beast::error_code ec;
  co_await serve_requests(socket, slot->peer());
  socket.shutdown(tcp::socket::shutdown_send, ec);
  socket.close(ec);
}

asio::awaitable<void> Server::Impl::serve_tls_connection(tcp::socket socket, std::shared_ptr<Slot> slot) {
  beast::error_code ec;
  const std::string& client = slot->peer();
  beast::ssl_stream<tcp::socket> stream(std::move(socket), *tls);
  asio::steady_timer timer(stream.get_executor());
  timer.expires_after(options.read_timeout);
  auto handshake =
      co_await (stream.async_handshake(asio::ssl::stream_base::server, asio::redirect_error(asio::use_awaitable, ec)) ||
                timer.async_wait(asio::use_awaitable));
  if (handshake.index() == 0 && !ec) {
    co_await serve_requests(stream, client, client_certificate_of(stream.native_handle()));
  } else {
    spdlog::warn("{} TLS handshake failed: {}", client, handshake.index() == 1 ? "timed out" : ec.message());
  }
  stream.next_layer().shutdown(tcp::socket::shutdown_both, ec);
  stream.next_layer().close(ec);
}

// The client behind the peer, and the X-Forwarded-* headers believed only from a trusted proxy.
void Server::Impl::fill_client(Request& request, const std::string& peer, const bhttp::request_header<>& header) const {
  request.peer_address = peer;
  request.client_address = peer;
  const bool trusted = proxies.trusts(peer);
  if (trusted) {
    std::string forwarded_for;
    bool any = false;
    auto [from, to] = header.equal_range("X-Forwarded-For");
    for (const auto& field : boost::make_iterator_range(from, to)) {
      forwarded_for += (any ? "," : "") + std::string(field.value());
      any = true;
    }
    request.client_address =
        proxies.client_of(peer, any ? std::optional<std::string_view>(forwarded_for) : std::nullopt);
    if (auto proto = header.find("X-Forwarded-Proto"); proto != header.end()) {
      std::string_view value = proto->value();
      if (auto comma = value.rfind(','); comma != std::string_view::npos) value = value.substr(comma + 1);
      while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
      request.forwarded_https = value == "https";
    }
  }
  for (const auto& field : header) {
    std::string name(field.name_string());
    if (!trusted && beast::iequals(name.substr(0, std::min<std::size_t>(name.size(), 12)), "X-Forwarded-")) continue;
    if (!trusted && beast::iequals(name, "Forwarded")) continue;
    request.headers.emplace(std::move(name), std::string(field.value()));
  }
}

// Reads the body after an admitted header: into request.body, or, for a spool_body route and a body over the
// spool threshold (or of unknown length), into request.body_file. nullopt when read; else the answer to send
// (the connection is then closed).
template <typename Stream, typename Parser>
asio::awaitable<std::optional<Response>> Server::Impl::read_body(Stream& socket, beast::flat_buffer& buffer,
                                                                 Parser& header_parser, asio::steady_timer& timer,
                                                                 Request& request, std::size_t limit) {
  beast::error_code ec;
  auto too_large = [&] {
    return problem_response("payload-too-large", "This resource takes at most " + std::to_string(limit) + " bytes.");
  };
  if (request.body_file) {  // set by the caller to ask for the spool
    bhttp::request_parser<bhttp::buffer_body> parser{std::move(header_parser)};
    parser.body_limit(limit);
    std::vector<char> chunk(64 * 1024);
    GaugeShare held(counters.body_bytes_buffered, chunk.size() + buffer.capacity(), &counters.body_bytes_buffered_peak);
    bool spool_failed = false;
    while (!parser.is_done() && !spool_failed) {
      parser.get().body().data = chunk.data();
      parser.get().body().size = chunk.size();
      auto read =
          co_await (bhttp::async_read_some(socket, buffer, parser, asio::redirect_error(asio::use_awaitable, ec)) ||
                    timer.async_wait(asio::use_awaitable));
      if (read.index() == 1) co_return problem_response("request-timeout", "The request body did not arrive in time.");
      if (ec == bhttp::error::need_buffer) ec = {};
      if (ec == bhttp::error::body_limit) co_return too_large();
      if (ec) co_return problem_response("bad-request", "The request body could not be read.");
      try {
        request.body_file->append({chunk.data(), chunk.size() - parser.get().body().size});
        if (parser.is_done()) request.body_file->finish();
      } catch (const std::exception& error) {
        spdlog::error("request {}: the body could not be spooled: {}", request.request_id, error.what());
        spool_failed = true;
      }
    }
    if (spool_failed) co_return problem_response("unavailable", "The node cannot take the body now; try again later.");
    ++counters.bodies_spooled;
    co_return std::nullopt;
  }
  bhttp::request_parser<bhttp::string_body> parser{std::move(header_parser)};
  parser.body_limit(limit);
  if (!parser.is_done()) {
    auto read = co_await (bhttp::async_read(socket, buffer, parser, asio::redirect_error(asio::use_awaitable, ec)) ||
                          timer.async_wait(asio::use_awaitable));
    if (read.index() == 1) co_return problem_response("request-timeout", "The request body did not arrive in time.");
    if (ec == bhttp::error::body_limit) co_return too_large();
    if (ec) co_return problem_response("bad-request", "The request body could not be read.");
  }
  request.body = std::move(parser.get().body());
  co_return std::nullopt;
}

// The end of a request that reached its handler: the latency counter, the access log line, the answer. False when
// the connection is to close (the write failed, or the client or the answer did not keep it alive).
template <typename Stream>
asio::awaitable<bool> Server::Impl::finish(Stream& socket, const Request& request, Response response,
                                           std::chrono::steady_clock::time_point started_at, unsigned version,
                                           bool keep_alive, bool head) {
  auto micros =
      std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started_at).count();
  counters.latency_us_total += static_cast<std::uint64_t>(micros);
  spdlog::info("{} {} {} {} {}us id={}", request.client_address, head ? "HEAD" : request.method, request.path,
               response.status, micros, request.request_id);
  co_return co_await send(socket, std::move(response), version, keep_alive, request.request_id, head) && keep_alive;
}

template <typename Stream>
asio::awaitable<void> Server::Impl::serve_requests(Stream& socket, const std::string& peer,
                                                   const std::string& client_certificate) {
  beast::error_code ec;
  beast::flat_buffer buffer;
  asio::steady_timer timer(socket.get_executor());
  bool first = true;
  for (;;) {
    bhttp::request_parser<bhttp::empty_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(options.header_limit));
    // No body limit while the header is read: Beast would refuse a Content-Length over it as a malformed request
    // (400). The admitted limit is applied below, once the route has seen the header (413).
    parser.body_limit(std::numeric_limits<std::uint64_t>::max());
    timer.expires_after(first ? options.read_timeout : options.idle_timeout);
    first = false;
    auto header_read =
        co_await (bhttp::async_read_header(socket, buffer, parser, asio::redirect_error(asio::use_awaitable, ec)) ||
                  timer.async_wait(asio::use_awaitable));
    if (header_read.index() == 1) {  // timed out
      if (parser.got_some() || buffer.size() > 0)
        co_await send(socket, problem_response("request-timeout", "The request headers did not arrive in time."), 11,
                      false, "");
      break;
    }
    if (ec == bhttp::error::end_of_stream || ec == asio::error::eof || ec == asio::error::connection_reset) break;
    if (ec == bhttp::error::header_limit) {
      co_await send(socket,
                    problem_response("headers-too-large", "Request headers are limited to " +
                                                              std::to_string(options.header_limit) + " bytes."),
                    11, false, "");
      break;
    }
    if (ec) {
      co_await send(socket, problem_response("bad-request", "The request is not valid HTTP/1.1."), 11, false, "");
      break;
    }
    auto started_at = std::chrono::steady_clock::now();
    ++counters.requests;
    Request request;
    request.over_tls = !std::is_same_v<Stream, tcp::socket>;
    request.client_certificate_sha256 = client_certificate;
    request.request_id = std::to_string(next_request_id++);
    request.method = std::string(parser.get().method_string());
    request.target = std::string(parser.get().target());
    const unsigned version = parser.get().version();
    const bool head = request.method == "HEAD";
    bool keep_alive = parser.get().keep_alive();
    if (!parse_target(request)) {
      co_await send(socket, problem_response("bad-request", "The request target is not a valid path."), version, false,
                    request.request_id, head);
      break;
    }
    fill_client(request, peer, parser.get());

    // Everything that can be decided from the header is decided before a byte of the body is read.
    std::optional<Response> refusal;
    Admitted admitted;
    if (!limiter.allow(request.client_address, monotonic_ms())) {
      ++counters.rate_limited;
      refusal = problem_response("rate-limited", "Slow down: this node allows " +
                                                     std::to_string(static_cast<int>(options.rate_per_second)) +
                                                     " requests per second per client.");
      refusal->set_header("Retry-After", "1");
    } else if (const WebSocketRoute* websocket_route = beast::websocket::is_upgrade(parser.get()) && parser.is_done()
                                                           ? router.match_websocket(request)
                                                           : nullptr) {
      // A WebSocket upgrade on one of the router's WebSocket routes (http/websocket.h): the origin check, then the
      // route's own decision on a handler thread; refused -> that answer and the connection closed.
      WebSocketAcceptance acceptance;
      auto origin = request.header("Origin");
      if (!origin || !same_origin(request, *origin)) {
        acceptance = WebSocketAcceptance::refuse(
            problem_response("forbidden", "A WebSocket is opened only by this site's own pages (Origin)."));
      } else {
        acceptance = co_await asio::co_spawn(
            handlers,
            [&]() -> asio::awaitable<WebSocketAcceptance> {
              try {
                co_return websocket_route->accept(request);
              } catch (const std::exception& error) {
                spdlog::error("request {}: websocket accept failed: {}", request.request_id, error.what());
                co_return WebSocketAcceptance::refuse(problem_response(
                    "internal", "The node could not answer; the request id is " + request.request_id + "."));
              }
            },
            asio::use_awaitable);
      }
      if (!acceptance.session) {
        co_await finish(socket, request, std::move(acceptance.refusal), started_at, version, false, head);
        break;
      }
      spdlog::info("{} GET {} 101 id={}", request.client_address, request.path, request.request_id);
      count(101);
      co_await serve_websocket(socket, parser.get(), std::move(acceptance));
      break;
    } else if (parser.is_done() && router.runs_inline(request)) {
      // A cheap, non-blocking route without credentials (Route::runs_inline): answered here, no thread hop at all.
      admitted = router.admit(request);
      Response response =
          admitted.body.refusal ? std::move(*admitted.body.refusal) : router.dispatch(request, admitted);
      if (!co_await finish(socket, request, std::move(response), started_at, version, keep_alive, head)) break;
      continue;
    } else if (parser.is_done()) {
      // No body follows the header (a GET, a HEAD, an empty POST): admission and the handler in ONE trip to the
      // handler pool instead of two — the same decisions in the same order, half the thread hand-offs.
      Response response = co_await asio::co_spawn(
          handlers,
          [&]() -> asio::awaitable<Response> {
            admitted = router.admit(request);
            if (admitted.body.refusal) co_return std::move(*admitted.body.refusal);
            co_return router.dispatch(request, admitted);
          },
          asio::use_awaitable);
      if (!co_await finish(socket, request, std::move(response), started_at, version, keep_alive, head)) break;
      continue;
    } else {
      admitted = co_await asio::co_spawn(
          handlers, [&]() -> asio::awaitable<Admitted> { co_return router.admit(request); }, asio::use_awaitable);
      if (admitted.body.refusal) refusal = std::move(admitted.body.refusal);
    }
    const std::size_t limit = admitted.body.limit;
    if (!refusal) {
      if (auto length = parser.content_length(); length && *length > limit)
        refusal = problem_response("payload-too-large", "This resource takes at most " + std::to_string(limit) +
                                                            " bytes; the body has " + std::to_string(*length) + ".");
    }
    if (refusal) {
      if (!parser.is_done()) {  // a body was announced and is not read: the connection cannot go on
        ++counters.refused_unread;
        keep_alive = false;
      }
      if (!co_await send(socket, std::move(*refusal), version, keep_alive, request.request_id, head) || !keep_alive)
        break;
      continue;
    }
    auto length = parser.content_length();
    if (admitted.route && admitted.route->spool_body && !options.spool_dir.empty() && !parser.is_done() &&
        (!length || *length > options.spool_threshold)) {
      bool spooled = false;
      try {
        request.body_file = std::make_shared<BodySpool>(options.spool_dir);
        spooled = true;
      } catch (const std::exception& error) {
        spdlog::error("request {}: no spool file: {}", request.request_id, error.what());
      }
      if (!spooled) {
        co_await send(socket, problem_response("unavailable", "The node cannot take the body now; try again later."),
                      version, false, request.request_id, head);
        break;
      }
    }
    std::optional<Response> unread = co_await read_body(socket, buffer, parser, timer, request, limit);
    if (unread) {
      co_await send(socket, std::move(*unread), version, false, request.request_id, head);
      break;
    }
    timer.cancel();
    GaugeShare held(counters.body_bytes_buffered, request.body.size(), &counters.body_bytes_buffered_peak);
    Response response = co_await asio::co_spawn(
        handlers, [&]() -> asio::awaitable<Response> { co_return router.dispatch(request, admitted); },
        asio::use_awaitable);
    request.body_file.reset();  // the spool file is removed unless the handler took it
    if (!co_await finish(socket, request, std::move(response), started_at, version, keep_alive, head)) break;
  }
}

Server::Server(ServerOptions options, const Router& router)
    : impl_(std::make_unique<Impl>(std::move(options), router)) {}

Server::~Server() {
  stop();
}

void Server::start() {
  if (const auto& files = impl_->options.tls) {
    namespace ssl = asio::ssl;
    auto& context = impl_->tls.emplace(ssl::context::tls_server);
    context.set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3 |
                        ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1 | ssl::context::single_dh_use);
    if (files->minimum_version == TlsVersion::tls1_3 &&
        SSL_CTX_set_min_proto_version(context.native_handle(), TLS1_3_VERSION) != 1)
      throw std::runtime_error("this OpenSSL cannot restrict the listener to TLS 1.3");
    context.use_certificate_chain_file(files->certificate_file.string());
    context.use_private_key_file(files->private_key_file.string(), ssl::context::pem);
    if (!files->client_ca_file.empty()) {
      context.load_verify_file(files->client_ca_file.string());
      context.set_verify_mode(ssl::verify_peer | ssl::verify_fail_if_no_peer_cert);
    }
  }
  if (!impl_->options.spool_dir.empty()) BodySpool::prepare_directory(impl_->options.spool_dir);
  auto address = asio::ip::make_address(impl_->options.host);
  impl_->acceptor.emplace(impl_->io);
  tcp::endpoint endpoint(address, impl_->options.port);
  impl_->acceptor->open(endpoint.protocol());
  impl_->acceptor->set_option(asio::socket_base::reuse_address(true));
  impl_->acceptor->bind(endpoint);
  impl_->acceptor->listen(asio::socket_base::max_listen_connections);
  asio::co_spawn(impl_->io, impl_->accept_loop(), asio::detached);
  impl_->started = true;
  for (int i = 0; i < std::max(1, impl_->options.io_threads); ++i)
    impl_->io_threads.emplace_back([this] { impl_->io.run(); });
}

void Server::stop() {
  {
    std::lock_guard lock(impl_->stop_mutex);
    if (impl_->stopped) return;
    impl_->stopped = true;
  }
  impl_->io.stop();
  for (auto& thread : impl_->io_threads)
    if (thread.joinable()) thread.join();
  if (impl_->acceptor) {
    beast::error_code ignored;
    impl_->acceptor->close(ignored);
  }
  impl_->handlers.join();
  impl_->stop_signal.notify_all();
}

void Server::wait() {
  std::unique_lock lock(impl_->stop_mutex);
  impl_->stop_signal.wait(lock, [this] { return impl_->stopped; });
}

std::uint16_t Server::port() const {
  return impl_->acceptor ? impl_->acceptor->local_endpoint().port() : 0;
}

const ServerCounters& Server::counters() const {
  return impl_->counters;
}

}  // namespace tongban::http
