#include "federation/peer_transport.h"

#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/url/parse.hpp>

#include "federation/node_key.h"

namespace tongban::federation {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;
using asio::awaitable;
using asio::redirect_error;
using asio::use_awaitable;

constexpr std::size_t kAnswerLimit = std::size_t{4} * 1024 * 1024;

struct Target {
  bool tls = false;
  std::string host;  // without brackets for IPv6
  std::string port;
};

std::optional<Target> parse_endpoint(std::string_view endpoint) {
  auto url = boost::urls::parse_absolute_uri(endpoint);
  if (!url) return std::nullopt;
  Target target;
  if (url->scheme() == "https")
    target.tls = true;
  else if (url->scheme() != "http")
    return std::nullopt;
  target.host = url->host_type() == boost::urls::host_type::ipv6 ? url->host_ipv6_address().to_string()
                                                                 : std::string(url->host());
  target.port = url->has_port() ? std::string(url->port()) : (target.tls ? "443" : "80");
  if (target.host.empty()) return std::nullopt;
  return target;
}

bool is_ip_address(const std::string& host) {
  boost::system::error_code error;
  asio::ip::make_address(host, error);
  return !error;
}

bool is_loopback(const std::string& host) {
  std::string lower;
  for (char c : host) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower == "localhost") return true;
  boost::system::error_code error;
  auto address = asio::ip::make_address(host, error);
  return !error && address.is_loopback();
}

std::string describe(const beast::error_code& error, std::string_view step, std::chrono::milliseconds timeout) {
  if (error == beast::error::timeout)
    return "timed out " + std::string(step) + " (request_timeout_ms = " + std::to_string(timeout.count()) + ")";
  return std::string(step) + " failed: " + error.message();
}

bool connection_lost(const beast::error_code& error) {
  return error == bhttp::error::end_of_stream || error == asio::error::eof || error == asio::error::connection_reset ||
         error == asio::error::broken_pipe || error == asio::error::connection_aborted;
}

TransportResult failure(std::string error, bool stale = false) {
  TransportResult result;
  result.error = std::move(error);
  result.stale_connection = stale;
  return result;
}

std::string leaf_fingerprint(SSL* ssl) {
  X509* certificate = SSL_get1_peer_certificate(ssl);
  if (!certificate) return "";
  unsigned char* der = nullptr;
  int length = i2d_X509(certificate, &der);
  std::string fingerprint;
  if (length > 0) fingerprint = "sha256:" + sha256_hex(std::string(reinterpret_cast<const char*>(der), length));
  OPENSSL_free(der);
  X509_free(certificate);
  return fingerprint;
}

}  // namespace

std::optional<std::string> check_endpoint(std::string_view endpoint, bool insecure_loopback) {
  auto target = parse_endpoint(endpoint);
  if (!target) return "endpoint is not an http(s) URL: " + std::string(endpoint);
  if (target->tls) return std::nullopt;
  if (!insecure_loopback)
    return "plain http:// to " + std::string(endpoint) +
           " refused: peers must use https:// (set [node] insecure_loopback = true only for loopback tests)";
  if (!is_loopback(target->host))
    return "plain http:// to " + std::string(endpoint) +
           " refused: insecure_loopback allows loopback hosts only (127.0.0.0/8, ::1, localhost)";
  return std::nullopt;
}

struct PeerConnection::State : std::enable_shared_from_this<State> {
  asio::any_io_executor executor;
  std::string endpoint;
  ClientTls tls;
  std::optional<Target> target;
  std::unique_ptr<beast::tcp_stream> plain;
  std::shared_ptr<ssl::context> context;
  std::unique_ptr<beast::ssl_stream<beast::tcp_stream>> secure;
  std::shared_ptr<tcp::resolver> resolver;
  int opened = 0;

  bool open() const { return plain || secure; }

  void close() {
    beast::error_code ignored;
    if (resolver) resolver->cancel();
    if (plain) plain->socket().close(ignored);
    if (secure) beast::get_lowest_layer(*secure).socket().close(ignored);
  }

  void reset() {
    close();
    plain.reset();
    secure.reset();
  }

  // The TLS context for one connection: TLS 1.3 at least, our certificate, the CA, peer verification.
  std::string make_context() {
    if (!tls.files) return "https peer but no [tls] section in the federation config";
    try {
      auto made = std::make_shared<ssl::context>(ssl::context::tls_client);
      if (SSL_CTX_set_min_proto_version(made->native_handle(), TLS1_3_VERSION) != 1) return "cannot require TLS 1.3";
      made->load_verify_file(tls.files->ca_file.string());
      made->use_certificate_chain_file(tls.files->certificate_file.string());
      made->use_private_key_file(tls.files->private_key_file.string(), ssl::context::pem);
      made->set_verify_mode(ssl::verify_peer);
      context = std::move(made);
      return "";
    } catch (const std::exception& error) {
      return std::string("cannot load the [tls] files: ") + error.what();
    }
  }

  awaitable<std::string> resolve(std::chrono::milliseconds timeout, tcp::resolver::results_type& results) {
    auto self = shared_from_this();
    resolver = std::make_shared<tcp::resolver>(executor);
    auto timed_out = std::make_shared<bool>(false);
    asio::steady_timer timer(executor);
    timer.expires_after(timeout);
    timer.async_wait([r = resolver, timed_out](const boost::system::error_code& error) {
      if (error) return;
      *timed_out = true;
      r->cancel();
    });
    beast::error_code error;
    results = co_await resolver->async_resolve(target->host, target->port, redirect_error(use_awaitable, error));
    timer.cancel();
    resolver.reset();
    if (*timed_out) co_return "timed out resolving " + target->host;
    if (error) co_return "cannot resolve " + target->host + ": " + error.message();
    co_return "";
  }

  awaitable<std::string> connect(std::chrono::milliseconds timeout) {
    auto self = shared_from_this();
    tcp::resolver::results_type results;
    if (std::string error = co_await resolve(timeout, results); !error.empty()) co_return error;
    beast::error_code error;
    const std::string where = target->host + ":" + target->port;
    if (!target->tls) {
      plain = std::make_unique<beast::tcp_stream>(executor);
      plain->expires_after(timeout);
      co_await plain->async_connect(results, redirect_error(use_awaitable, error));
      if (error) co_return describe(error, "connecting to " + where, timeout);
      ++opened;
      co_return "";
    }
    if (std::string problem = make_context(); !problem.empty()) co_return problem;
    secure = std::make_unique<beast::ssl_stream<beast::tcp_stream>>(executor, *context);
    if (!is_ip_address(target->host) && !SSL_set_tlsext_host_name(secure->native_handle(), target->host.c_str()))
      co_return "cannot set the TLS server name";
    secure->set_verify_callback(ssl::host_name_verification(target->host));
    auto& lowest = beast::get_lowest_layer(*secure);
    lowest.expires_after(timeout);
    co_await lowest.async_connect(results, redirect_error(use_awaitable, error));
    if (error) co_return describe(error, "connecting to " + where, timeout);
    ++opened;
    lowest.expires_after(timeout);
    co_await secure->async_handshake(ssl::stream_base::client, redirect_error(use_awaitable, error));
    if (error) co_return describe(error, "TLS handshake with " + where, timeout);
    if (!tls.pinned_fingerprint.empty()) {
      std::string presented = leaf_fingerprint(secure->native_handle());
      if (presented != tls.pinned_fingerprint)
        co_return "the TLS certificate of " + where + " does not match the pinned fingerprint (pinned " +
            tls.pinned_fingerprint + ", presented " + (presented.empty() ? "none" : presented) + ")";
    }
    co_return "";
  }

  template <typename Stream>
  awaitable<TransportResult> exchange(Stream& stream, beast::tcp_stream& lowest, OutgoingRequest out,
                                      std::chrono::milliseconds timeout, bool reused) {
    auto self = shared_from_this();
    bhttp::request<bhttp::string_body> request{bhttp::string_to_verb(out.method), out.path, 11};
    request.set(bhttp::field::host, target->host + ":" + target->port);
    request.set(bhttp::field::content_type, "application/json");
    request.set(bhttp::field::accept, "application/json, application/problem+json");
    request.set(bhttp::field::user_agent, "tongban-federation/1");
    for (const auto& header : out.headers) request.set(header.first, header.second);
    request.keep_alive(true);
    request.body() = std::move(out.body);
    request.prepare_payload();

    beast::error_code error;
    lowest.expires_after(timeout);
    co_await bhttp::async_write(stream, request, redirect_error(use_awaitable, error));
    if (error) {
      reset();
      co_return failure(describe(error, "writing the request", timeout), reused && connection_lost(error));
    }
    beast::flat_buffer buffer;
    bhttp::response_parser<bhttp::string_body> parser;
    parser.body_limit(kAnswerLimit);
    lowest.expires_after(timeout);
    co_await bhttp::async_read(stream, buffer, parser, redirect_error(use_awaitable, error));
    if (error) {
      const bool stale = reused && !parser.got_some() && connection_lost(error);
      reset();
      co_return failure(describe(error, "waiting for the answer", timeout), stale);
    }
    lowest.expires_never();
    TransportResult result;
    result.reached = true;
    result.status = static_cast<int>(parser.get().result_int());
    const bool keep = parser.get().keep_alive();
    result.body = std::move(parser.get().body());
    if (!keep) reset();
    co_return result;
  }
};

PeerConnection::PeerConnection(asio::any_io_executor executor, std::string endpoint, ClientTls tls)
    : state_(std::make_shared<State>()) {
  state_->executor = std::move(executor);
  state_->endpoint = std::move(endpoint);
  state_->tls = std::move(tls);
  state_->target = parse_endpoint(state_->endpoint);
}

PeerConnection::~PeerConnection() {
  state_->close();
}

void PeerConnection::close() {
  state_->close();
}

const std::string& PeerConnection::endpoint() const {
  return state_->endpoint;
}

bool PeerConnection::made_for(std::string_view endpoint, const ClientTls& tls) const {
  const ClientTls& mine = state_->tls;
  auto same_files = [](const std::optional<TlsFiles>& a, const std::optional<TlsFiles>& b) {
    if (!a || !b) return !a && !b;
    return a->certificate_file == b->certificate_file && a->private_key_file == b->private_key_file &&
           a->ca_file == b->ca_file;
  };
  return state_->endpoint == endpoint && mine.pinned_fingerprint == tls.pinned_fingerprint &&
         same_files(mine.files, tls.files);
}

int PeerConnection::connections_opened() const {
  return state_->opened;
}

awaitable<TransportResult> PeerConnection::post(std::string path, std::string body, std::chrono::milliseconds timeout) {
  OutgoingRequest request;
  request.method = "POST";
  request.path = std::move(path);
  request.body = std::move(body);
  TransportResult result = co_await send(std::move(request), timeout);
  co_return result;
}

awaitable<TransportResult> PeerConnection::send(OutgoingRequest out, std::chrono::milliseconds timeout) {
  auto s = state_;
  if (!s->target) co_return failure("endpoint is not an http(s) URL: " + s->endpoint);
  if (bhttp::string_to_verb(out.method) == bhttp::verb::unknown) co_return failure("unknown method " + out.method);
  const bool reused = s->open();
  if (!reused) {
    std::string error = co_await s->connect(timeout);
    if (!error.empty()) {
      s->reset();
      co_return failure(std::move(error));
    }
  }
  if (s->secure)
    co_return co_await s->exchange(*s->secure, beast::get_lowest_layer(*s->secure), std::move(out), timeout, reused);
  co_return co_await s->exchange(*s->plain, *s->plain, std::move(out), timeout, reused);
}

TransportResult post_json(std::string_view endpoint, std::string_view path, std::string_view body,
                          const std::optional<TlsFiles>& tls, std::chrono::milliseconds timeout,
                          std::string pinned_fingerprint) {
  return send_request(endpoint, OutgoingRequest{"POST", std::string(path), {}, std::string(body)}, tls, timeout,
                      std::move(pinned_fingerprint));
}

TransportResult send_request(std::string_view endpoint, OutgoingRequest request, const std::optional<TlsFiles>& tls,
                             std::chrono::milliseconds timeout, std::string pinned_fingerprint) {
  if (auto refused = check_endpoint(endpoint, true)) return failure(*refused);
  asio::io_context io;
  PeerConnection connection(io.get_executor(), std::string(endpoint), ClientTls{tls, std::move(pinned_fingerprint)});
  TransportResult result = failure("no answer");
  asio::co_spawn(io, connection.send(std::move(request), timeout),
                 [&result](const std::exception_ptr& error, TransportResult answer) {
                   result = error ? failure("internal error in the transport") : std::move(answer);
                 });
  io.run();
  return result;
}

}  // namespace tongban::federation
