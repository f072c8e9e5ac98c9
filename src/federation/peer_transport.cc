#include "federation/peer_transport.h"

#include <openssl/ssl.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/url/parse.hpp>

namespace tongban::federation {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;

struct Target {
  bool tls = false;
  std::string host;
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
  target.host = std::string(url->host());
  target.port = url->has_port() ? std::string(url->port()) : (target.tls ? "443" : "80");
  if (target.host.empty()) return std::nullopt;
  return target;
}

struct Outgoing {
  bhttp::verb method;
  std::string_view path;
  const HeaderList& headers;
  std::string_view body;
};

bhttp::request<bhttp::string_body> make_request(const Target& target, const Outgoing& out) {
  bhttp::request<bhttp::string_body> request{out.method, out.path, 11};
  request.set(bhttp::field::host, target.host + ":" + target.port);
  request.set(bhttp::field::content_type, "application/json");
  request.set(bhttp::field::accept, "application/json, application/problem+json");
  request.set(bhttp::field::user_agent, "tongban-federation/1");
  for (const auto& [name, value] : out.headers) request.set(name, value);
  std::string_view body = out.body;
  request.body() = std::string(body);
  request.prepare_payload();
  return request;
}

template <typename Stream>
TransportResult exchange(Stream& stream, beast::tcp_stream& tcp_layer, const Target& target, const Outgoing& out,
                         std::chrono::milliseconds timeout) {
  TransportResult result;
  auto request = make_request(target, out);
  tcp_layer.expires_after(timeout);
  bhttp::write(stream, request);
  beast::flat_buffer buffer;
  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(4 * 1024 * 1024);
  tcp_layer.expires_after(timeout);
  bhttp::read(stream, buffer, parser);
  result.reached = true;
  result.status = static_cast<int>(parser.get().result_int());
  result.body = std::move(parser.get().body());
  return result;
}

}  // namespace

TransportResult post_json(std::string_view endpoint, std::string_view path, std::string_view body,
                          const std::optional<TlsFiles>& tls, std::chrono::milliseconds timeout) {
  return send_request(endpoint, "POST", path, {}, body, tls, timeout);
}

TransportResult send_request(std::string_view endpoint, std::string_view method, std::string_view path,
                             const HeaderList& headers, std::string_view body, const std::optional<TlsFiles>& tls,
                             std::chrono::milliseconds timeout) {
  const bhttp::verb verb = bhttp::string_to_verb(method);
  if (verb == bhttp::verb::unknown) return TransportResult{false, 0, "", "unknown method " + std::string(method)};
  const Outgoing out{verb, path, headers, body};
  auto target = parse_endpoint(endpoint);
  if (!target) return TransportResult{false, 0, "", "endpoint is not an http(s) URL: " + std::string(endpoint)};
  try {
    asio::io_context io;
    tcp::resolver resolver(io);
    auto addresses = resolver.resolve(target->host, target->port);
    if (!target->tls) {
      beast::tcp_stream stream(io);
      stream.expires_after(timeout);
      stream.connect(addresses);
      auto result = exchange(stream, stream, *target, out, timeout);
      beast::error_code ignored;
      stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
      return result;
    }
    if (!tls) return TransportResult{false, 0, "", "https peer but no [tls] section in the federation config"};
    ssl::context context(ssl::context::tls_client);
    context.set_options(ssl::context::no_sslv2 | ssl::context::no_sslv3 | ssl::context::no_tlsv1 |
                        ssl::context::no_tlsv1_1);
    context.load_verify_file(tls->ca_file.string());
    context.use_certificate_chain_file(tls->certificate_file.string());
    context.use_private_key_file(tls->private_key_file.string(), ssl::context::pem);
    context.set_verify_mode(ssl::verify_peer);
    beast::ssl_stream<beast::tcp_stream> stream(io, context);
    if (!SSL_set_tlsext_host_name(stream.native_handle(), target->host.c_str()))
      return TransportResult{false, 0, "", "cannot set TLS server name"};
    stream.set_verify_callback(ssl::host_name_verification(target->host));
    beast::get_lowest_layer(stream).expires_after(timeout);
    beast::get_lowest_layer(stream).connect(addresses);
    stream.handshake(ssl::stream_base::client);
    auto result = exchange(stream, beast::get_lowest_layer(stream), *target, out, timeout);
    beast::error_code ignored;
    beast::get_lowest_layer(stream).socket().shutdown(tcp::socket::shutdown_both, ignored);
    return result;
  } catch (const std::exception& error) {
    return TransportResult{false, 0, "", error.what()};
  }
}

}  // namespace tongban::federation
