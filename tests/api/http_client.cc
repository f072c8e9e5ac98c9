#include "http_client.h"

#include <gtest/gtest.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json/parse.hpp>

namespace tongban::api_test {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;

constexpr std::chrono::seconds kAnswerDeadline{60};

// Whether a validating proxy passes this request on as sent: not a binary body (Prism re-encodes those), and not a
// body labelled JSON that is not JSON (Prism answers those itself with its own 400 invalid_json, so the node's own
// refusal would never be tested).
bool proxy_forwards_faithfully(const Headers& headers, std::string_view body) {
  if (body.empty()) return true;
  for (const auto& [name, value] : headers) {
    if (!beast::iequals(name, "Content-Type")) continue;
    if (value.find("json") != std::string::npos) {
      boost::system::error_code ec;
      boost::json::parse(body, ec);
      return !ec;
    }
    if (value.rfind("text/", 0) != 0) return false;
  }
  return true;
}

}  // namespace

std::string HttpAnswer::header(std::string_view name) const {
  auto found = headers.find(name);
  return found == headers.end() ? std::string() : found->second;
}

boost::json::value HttpAnswer::json() const {
  boost::system::error_code ec;
  auto value = boost::json::parse(body, ec);
  if (ec) {
    ADD_FAILURE() << "the answer (status " << status << ") is not JSON: " << body.substr(0, 300);
    return nullptr;
  }
  return value;
}

std::string HttpAnswer::problem_type() const {
  boost::system::error_code ec;
  auto value = boost::json::parse(body, ec);
  if (ec || !value.is_object()) return "";
  const auto* type = value.as_object().if_contains("type");
  return type && type->is_string() ? std::string(type->as_string()) : std::string();
}

HttpAnswer HttpClient::request(std::string_view method, std::string_view target, const Headers& headers,
                               std::string_view body) const {
  std::uint16_t port = proxy_forwards_faithfully(headers, body) ? port_ : direct_port_;
  asio::io_context io;
  beast::tcp_stream stream(io);
  stream.expires_after(kAnswerDeadline);
  beast::error_code ec;
  stream.connect(tcp::endpoint(asio::ip::make_address(host_), port), ec);
  if (ec) {
    ADD_FAILURE() << "cannot connect to " << host_ << ":" << port << ": " << ec.message();
    return {};
  }
  bhttp::request<bhttp::string_body> message;
  message.method_string(method);
  message.target(target);
  message.version(11);
  message.set(bhttp::field::host, host_ + ":" + std::to_string(port));
  message.set(bhttp::field::connection, "close");
  for (const auto& [name, value] : headers) message.set(name, value);
  message.body() = std::string(body);
  if (!body.empty() || method == "POST" || method == "PUT" || method == "PATCH") message.prepare_payload();

  // A server may answer (413, 431) and close before reading the whole request: keep reading after a failed write.
  beast::error_code write_error;
  bhttp::write(stream, message, write_error);
  beast::flat_buffer buffer;
  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(64 * 1024 * 1024);
  bhttp::read(stream, buffer, parser, ec);
  if (ec && !parser.is_header_done()) return {};
  HttpAnswer answer;
  const auto& response = parser.get();
  answer.status = static_cast<int>(response.result_int());
  for (const auto& field : response)
    answer.headers.emplace(std::string(field.name_string()), std::string(field.value()));
  answer.body = response.body();
  beast::error_code ignored;
  stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
  return answer;
}

HttpAnswer HttpClient::get(std::string_view target, const std::string& token) const {
  return request("GET", target, bearer(token));
}

HttpAnswer HttpClient::post(std::string_view target, std::string_view body, const std::string& token,
                            Headers extra) const {
  extra.emplace_back("Content-Type", "application/json");
  return request("POST", target, bearer(token, std::move(extra)), body);
}

Headers bearer(const std::string& token, Headers extra) {
  if (!token.empty()) extra.emplace_back("Authorization", "Bearer " + token);
  return extra;
}

struct RawConnection::Impl {
  asio::io_context io;
  tcp::socket socket{io};
};

RawConnection::RawConnection(const std::string& host, std::uint16_t port) : impl_(std::make_unique<Impl>()) {
  impl_->socket.connect(tcp::endpoint(asio::ip::make_address(host), port));
}

RawConnection::~RawConnection() {
  beast::error_code ignored;
  impl_->socket.close(ignored);
}

bool RawConnection::send(std::string_view bytes) {
  beast::error_code ec;
  asio::write(impl_->socket, asio::buffer(bytes.data(), bytes.size()), ec);
  return !ec;
}

std::string RawConnection::read_until_closed(std::chrono::milliseconds timeout, bool* closed) {
  std::string received;
  bool peer_closed = false;
  std::array<char, 4096> chunk{};
  asio::steady_timer timer(impl_->io);
  timer.expires_after(timeout);
  bool timed_out = false;
  timer.async_wait([&](beast::error_code ec) {
    if (ec) return;
    timed_out = true;
    beast::error_code ignored;
    impl_->socket.cancel(ignored);
  });
  std::function<void()> read_more = [&] {
    impl_->socket.async_read_some(asio::buffer(chunk), [&](beast::error_code ec, std::size_t n) {
      received.append(chunk.data(), n);
      if (!ec) return read_more();
      if (!timed_out) peer_closed = true;  // eof, reset: the server closed the connection
      timer.cancel();
    });
  };
  read_more();
  impl_->io.restart();
  impl_->io.run();
  if (closed) *closed = peer_closed;
  return received;
}

int raw_status(std::string_view response) {
  if (!response.starts_with("HTTP/1.") || response.size() < 12) return 0;
  try {
    return std::stoi(std::string(response.substr(9, 3)));
  } catch (const std::exception&) {
    return 0;
  }
}

std::string raw_body(std::string_view response) {
  auto blank = response.find("\r\n\r\n");
  return blank == std::string_view::npos ? std::string() : std::string(response.substr(blank + 4));
}

}  // namespace tongban::api_test
