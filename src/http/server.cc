#include "http/server.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <boost/asio.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/url/encoding_opts.hpp>
#include <boost/url/parse.hpp>
#include <condition_variable>
#include <limits>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "http/certificate_fingerprint.h"
#include "http/problem_response.h"
#include "http/rate_limiter.h"

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

bhttp::response<bhttp::string_body> to_beast(const Response& response, unsigned version, bool keep_alive,
                                             const std::string& request_id) {
  bhttp::response<bhttp::string_body> message{static_cast<bhttp::status>(response.status), version};
  for (const auto& [name, value] : response.headers) message.insert(name, value);  // Set-Cookie may repeat
  if (!response.header("Cache-Control")) message.set(bhttp::field::cache_control, "no-store");
  message.set("X-Content-Type-Options", "nosniff");
  if (!request_id.empty()) message.set("X-Request-Id", request_id);
  message.body() = response.body;
  message.keep_alive(keep_alive);
  message.prepare_payload();
  return message;
}

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
        handlers(static_cast<std::size_t>(options.handler_threads)),
        limiter(options.rate_per_second, options.rate_burst) {}

  asio::awaitable<void> accept_loop();
  asio::awaitable<void> serve_connection(tcp::socket socket);
  asio::awaitable<void> serve_tls_connection(tcp::socket socket);
  template <typename Stream>
  asio::awaitable<void> serve_requests(Stream& socket, const std::string& client,
                                       const std::string& client_certificate = {});
  template <typename Stream>
  asio::awaitable<bool> send(Stream& socket, const Response& response, unsigned version, bool keep_alive,
                             const std::string& request_id);
  void count(int status);

  ServerOptions options;
  const Router& router;
  asio::io_context io;
  asio::thread_pool handlers;
  std::optional<tcp::acceptor> acceptor;
  std::optional<asio::ssl::context> tls;
  std::vector<std::thread> io_threads;
  RateLimiter limiter;
  ServerCounters counters;
  std::atomic<std::uint64_t> next_request_id{1};
  std::mutex stop_mutex;
  std::condition_variable stop_signal;
  bool stopped = false;
  bool started = false;
};

void Server::Impl::count(int status) {
  if (status < 400)
    ++counters.responses_2xx;
  else if (status < 500)
    ++counters.responses_4xx;
  else
    ++counters.responses_5xx;
}

template <typename Stream>
asio::awaitable<bool> Server::Impl::send(Stream& socket, const Response& response, unsigned version, bool keep_alive,
                                         const std::string& request_id) {
  const bool safe = std::all_of(response.headers.begin(), response.headers.end(), [](const auto& header) {
    return header_value_safe(header.first) && header_value_safe(header.second);
  });
  if (!safe) spdlog::error("request {}: a response header held CR, LF or NUL; answered 500 instead", request_id);
  const Response& sent =
      safe ? response
           : problem_response("internal", "The node could not answer; the request id is " + request_id + ".");
  count(sent.status);
  auto message = to_beast(sent, version, keep_alive, request_id);
  beast::error_code ec;
  co_await bhttp::async_write(socket, message, asio::redirect_error(asio::use_awaitable, ec));
  co_return !ec;
}

asio::awaitable<void> Server::Impl::accept_loop() {
  for (;;) {
    beast::error_code ec;
    tcp::socket socket = co_await acceptor->async_accept(asio::redirect_error(asio::use_awaitable, ec));
    if (ec == asio::error::operation_aborted || !acceptor->is_open()) co_return;
    if (ec) continue;
    if (tls)
      asio::co_spawn(io, serve_tls_connection(std::move(socket)), asio::detached);
    else
      asio::co_spawn(io, serve_connection(std::move(socket)), asio::detached);
  }
}

asio::awaitable<void> Server::Impl::serve_connection(tcp::socket socket) {
  ++counters.open_connections;
  beast::error_code ec;
  std::string client = socket.remote_endpoint(ec).address().to_string();
  co_await serve_requests(socket, client);
  socket.shutdown(tcp::socket::shutdown_send, ec);
  socket.close(ec);
  --counters.open_connections;
}

asio::awaitable<void> Server::Impl::serve_tls_connection(tcp::socket socket) {
  ++counters.open_connections;
  beast::error_code ec;
  std::string client = socket.remote_endpoint(ec).address().to_string();
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
  --counters.open_connections;
}

template <typename Stream>
asio::awaitable<void> Server::Impl::serve_requests(Stream& socket, const std::string& client,
                                                   const std::string& client_certificate) {
  beast::error_code ec;
  beast::flat_buffer buffer;
  asio::steady_timer timer(socket.get_executor());
  bool first = true;
  for (;;) {
    bhttp::request_parser<bhttp::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(options.header_limit));
    // No body limit while the header is read: Beast would refuse a Content-Length over it as a malformed request
    // (400). The route's own limit is applied below, once the target is known (413).
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
    Request request;
    request.client_address = client;
    request.over_tls = !std::is_same_v<Stream, tcp::socket>;
    request.client_certificate_sha256 = client_certificate;
    request.request_id = std::to_string(next_request_id++);
    request.method = std::string(parser.get().method_string());
    request.target = std::string(parser.get().target());
    unsigned version = parser.get().version();
    if (!parse_target(request)) {
      co_await send(socket, problem_response("bad-request", "The request target is not a valid path."), version, false,
                    request.request_id);
      break;
    }
    std::size_t limit = router.body_limit(request.method, request.path);
    if (auto length = parser.content_length(); length && *length > limit) {
      co_await send(socket,
                    problem_response("payload-too-large", "This resource takes at most " + std::to_string(limit) +
                                                              " bytes; the body has " + std::to_string(*length) + "."),
                    version, false, request.request_id);
      break;
    }
    parser.body_limit(limit);
    if (!parser.is_done()) {
      auto body_read =
          co_await (bhttp::async_read(socket, buffer, parser, asio::redirect_error(asio::use_awaitable, ec)) ||
                    timer.async_wait(asio::use_awaitable));
      if (body_read.index() == 1) {
        co_await send(socket, problem_response("request-timeout", "The request body did not arrive in time."), version,
                      false, request.request_id);
        break;
      }
      if (ec == bhttp::error::body_limit) {
        co_await send(
            socket,
            problem_response("payload-too-large", "This resource takes at most " + std::to_string(limit) + " bytes."),
            version, false, request.request_id);
        break;
      }
      if (ec) {
        co_await send(socket, problem_response("bad-request", "The request body could not be read."), version, false,
                      request.request_id);
        break;
      }
    }
    timer.cancel();
    ++counters.requests;
    auto message = parser.release();
    bool keep_alive = message.keep_alive();
    for (const auto& field : message)
      request.headers.emplace(std::string(field.name_string()), std::string(field.value()));
    request.body = std::move(message.body());

    Response response;
    if (!limiter.allow(client, monotonic_ms())) {
      ++counters.rate_limited;
      response = problem_response("rate-limited", "Slow down: this node allows " +
                                                      std::to_string(static_cast<int>(options.rate_per_second)) +
                                                      " requests per second per client.");
      response.set_header("Retry-After", "1");
    } else {
      response = co_await asio::co_spawn(
          handlers, [&]() -> asio::awaitable<Response> { co_return router.dispatch(request); }, asio::use_awaitable);
    }
    auto micros =
        std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started_at).count();
    counters.latency_us_total += static_cast<std::uint64_t>(micros);
    spdlog::info("{} {} {} {} {}us id={}", client, request.method, request.path, response.status, micros,
                 request.request_id);
    if (!co_await send(socket, response, version, keep_alive, request.request_id) || !keep_alive) break;
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
