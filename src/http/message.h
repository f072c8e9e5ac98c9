// Request and Response: the HTTP exchange as plain values, so handlers (src/api) never see Beast or Asio.
//
// The server (server.cc) converts Beast messages to and from these. Header names are matched case-insensitively.
// A Request owns its body; `path_params` is filled by the Router from the route pattern ("/cases/{id}").
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tongban::http {

struct CaseInsensitiveLess {
  using is_transparent = void;
  bool operator()(std::string_view a, std::string_view b) const;
};

using HeaderMap = std::map<std::string, std::string, CaseInsensitiveLess>;

struct Request {
  std::string method;                             // "GET", "POST", …
  std::string target;                             // as received: path and query
  std::string path;                               // decoded path without the query
  std::multimap<std::string, std::string> query;  // decoded query parameters
  HeaderMap headers;
  std::string body;
  std::string client_address;  // remote IP
  bool over_tls = false;       // the connection is TLS (the server's own; a proxy says so in X-Forwarded-Proto)
  // Set by the server on a TLS connection whose client presented a verified certificate (mutual TLS):
  // "sha256:<64 lowercase hex>" of that certificate (DER), see http/certificate_fingerprint.h; "" otherwise.
  std::string client_certificate_sha256;
  std::map<std::string, std::string> path_params;
  std::string request_id;  // assigned by the server, echoed as X-Request-Id

  std::optional<std::string_view> header(std::string_view name) const;
  std::optional<std::string> query_param(std::string_view name) const;  // first value
};

// True when a header value can be written as it is: no CR, LF or NUL (which would end the header and let the rest
// be read as headers of its own: response splitting). The server answers 500 instead of writing a response that
// carries an unsafe value (http/server.cc), so no handler can inject a header, whatever it copies into one.
bool header_value_safe(std::string_view value);

struct Response {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  Response& set_header(std::string name, std::string value);
  std::optional<std::string_view> header(std::string_view name) const;

  static Response text(int status, std::string body, std::string content_type = "text/plain; charset=utf-8");
  static Response json_text(int status, std::string json_body, std::string content_type = "application/json");
};

}  // namespace tongban::http
