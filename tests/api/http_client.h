// HttpClient and RawConnection: the test side of the wire for the API tests, talking to a node on loopback.
//
// HttpClient sends one well-formed HTTP/1.1 request per call on its own connection (Connection: close), waits for
// the whole answer and returns it as plain values; it keeps no state, so one client may be used from many threads.
// RawConnection is a bare TCP connection for what a well-behaved client never sends: malformed, partial or huge
// requests, written byte for byte. Every read has a deadline, so a test never hangs on a silent server.
// Beast and Asio stay in http_client.cc.
#pragma once

#include <boost/json/value.hpp>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "http/message.h"

namespace tongban::api_test {

using Headers = std::vector<std::pair<std::string, std::string>>;

struct HttpAnswer {
  int status = 0;  // 0: no answer arrived (the connection failed or was closed first)
  http::HeaderMap headers;
  std::string body;

  std::string header(std::string_view name) const;  // "" when absent
  // The body parsed as JSON; a test failure is recorded (and null returned) when it is not JSON.
  boost::json::value json() const;
  // The problem `type` of a problem+json answer ("/problems/<slug>"), "" when the body is not one.
  std::string problem_type() const;
};

class HttpClient {
 public:
  HttpClient(std::string host, std::uint16_t port) : host_(std::move(host)), port_(port), direct_port_(port) {}
  // Through a validating proxy (validating_proxy.h) at `port`, except what the proxy would not pass on as sent,
  // which goes straight to the node at `direct_port`: a binary body (Content-Type neither JSON nor text; Prism
  // re-encodes binary bodies it forwards, stoplightio/prism#2349, so an upload would reach the node corrupted) and a
  // body labelled JSON that is not JSON (Prism answers it itself, so the node's refusal would go untested).
  HttpClient(std::string host, std::uint16_t port, std::uint16_t direct_port)
      : host_(std::move(host)), port_(port), direct_port_(direct_port) {}

  HttpAnswer request(std::string_view method, std::string_view target, const Headers& headers = {},
                     std::string_view body = {}) const;

  HttpAnswer get(std::string_view target, const std::string& token = {}) const;
  // POST with a JSON (or any) body and an optional bearer token.
  HttpAnswer post(std::string_view target, std::string_view body, const std::string& token = {},
                  Headers extra = {}) const;

  std::uint16_t port() const { return port_; }

 private:
  std::string host_;
  std::uint16_t port_;
  std::uint16_t direct_port_;
};

// Headers with "Authorization: Bearer <token>" when the token is not empty.
Headers bearer(const std::string& token, Headers extra = {});

class RawConnection {
 public:
  RawConnection(const std::string& host, std::uint16_t port);
  ~RawConnection();
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  // Writes the bytes; false when the peer has closed the connection (a write error).
  bool send(std::string_view bytes);
  // Reads until the peer closes the connection or `timeout` passes. `closed` tells which happened.
  std::string read_until_closed(std::chrono::milliseconds timeout, bool* closed = nullptr);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The status code of a raw HTTP/1.1 response ("HTTP/1.1 408 Request Timeout…"), 0 when there is none.
int raw_status(std::string_view response);
// The body of a raw response (everything after the blank line), "" when there is none.
std::string raw_body(std::string_view response);

}  // namespace tongban::api_test
