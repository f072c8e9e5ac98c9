#include "federation/directory_fetch.h"

#include <openssl/ssl.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/use_awaitable.hpp>
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

template <typename Stream>
asio::awaitable<void> exchange(Stream& stream, beast::tcp_stream& tcp_layer, std::string host, std::string path,
                               std::chrono::milliseconds timeout, TransportResult& result) {
  bhttp::request<bhttp::empty_body> request{bhttp::verb::get, path, 11};
  request.set(bhttp::field::host, host);
  request.set(bhttp::field::accept, "application/json");
  request.set(bhttp::field::user_agent, "tongban-federation/1");
  tcp_layer.expires_after(timeout);
  co_await bhttp::async_write(stream, request, asio::use_awaitable);
  beast::flat_buffer buffer;
  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(4 * 1024 * 1024);
  tcp_layer.expires_after(timeout);
  co_await bhttp::async_read(stream, buffer, parser, asio::use_awaitable);
  result.reached = true;
  result.status = static_cast<int>(parser.get().result_int());
  result.body = std::move(parser.get().body());
}

}  // namespace

TransportResult fetch_text(std::string_view endpoint, std::string_view path, const std::optional<TlsFiles>& tls,
                           std::chrono::milliseconds timeout) {
  auto url = boost::urls::parse_absolute_uri(endpoint);
  if (!url || (url->scheme() != "http" && url->scheme() != "https") || url->host().empty())
    return TransportResult{false, 0, "", "endpoint is not an http(s) URL: " + std::string(endpoint)};
  const bool secure = url->scheme() == "https";
  const std::string host(url->host());
  const std::string port = url->has_port() ? std::string(url->port()) : (secure ? "443" : "80");
  if (secure && !tls)
    return TransportResult{false, 0, "", "https source but no [tls] section in the federation config"};
  TransportResult result;
  try {
    asio::io_context io;
    std::optional<ssl::context> context;
    if (secure) {
      context.emplace(ssl::context::tls_client);
      context->set_options(ssl::context::no_sslv2 | ssl::context::no_sslv3 | ssl::context::no_tlsv1 |
                           ssl::context::no_tlsv1_1);
      context->load_verify_file(tls->ca_file.string());
      context->use_certificate_chain_file(tls->certificate_file.string());
      context->use_private_key_file(tls->private_key_file.string(), ssl::context::pem);
      context->set_verify_mode(ssl::verify_peer);
    }
    auto run = [&]() -> asio::awaitable<void> {
      tcp::resolver resolver(io);
      auto addresses = co_await resolver.async_resolve(host, port, asio::use_awaitable);
      if (!secure) {
        beast::tcp_stream stream(io);
        stream.expires_after(timeout);
        co_await stream.async_connect(addresses, asio::use_awaitable);
        co_await exchange(stream, stream, host + ":" + port, std::string(path), timeout, result);
        beast::error_code ignored;
        stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
        co_return;
      }
      beast::ssl_stream<beast::tcp_stream> stream(io, *context);
      if (!SSL_set_tlsext_host_name(stream.native_handle(), host.c_str()))
        throw std::runtime_error("cannot set TLS server name");
      stream.set_verify_callback(ssl::host_name_verification(host));
      auto& layer = beast::get_lowest_layer(stream);
      layer.expires_after(timeout);
      co_await layer.async_connect(addresses, asio::use_awaitable);
      layer.expires_after(timeout);
      co_await stream.async_handshake(ssl::stream_base::client, asio::use_awaitable);
      co_await exchange(stream, layer, host + ":" + port, std::string(path), timeout, result);
      beast::error_code ignored;
      layer.socket().shutdown(tcp::socket::shutdown_both, ignored);
    };
    std::exception_ptr failure;
    asio::co_spawn(io, run(), [&](std::exception_ptr error) { failure = error; });
    io.run_for(timeout * 4);  // every step has its own expiry; this bounds the resolver too
    if (failure) std::rethrow_exception(failure);
    if (!result.reached) result.error = "no answer within " + std::to_string(timeout.count()) + " ms";
  } catch (const boost::system::system_error& error) {
    result = TransportResult{false, 0, "", error.code().message()};  // without Boost's source location
  } catch (const std::exception& error) {
    result = TransportResult{false, 0, "", error.what()};
  }
  return result;
}

}  // namespace tongban::federation
