// Request and Response: the HTTP exchange as plain values, so handlers (src/api) never see Beast or Asio.
//
// The server (server.cc) converts Beast messages to and from these. Header names are matched case-insensitively.
// A Request owns its body; `path_params` is filled by the Router from the route pattern ("/cases/{id}").
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tongban::http {

class BodySpool;  // http/body_spool.h

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
  // A body the server wrote to a private temporary file instead of `body` (routes with spool_body, bodies over the
  // server's spool threshold); null otherwise. The file is removed when the last holder lets go, unless the
  // handler moved it away (BodySpool::moved_away).
  std::shared_ptr<BodySpool> body_file;
  // The client: the TCP peer, or, when the peer is a trusted proxy (ServerOptions::trusted_proxies), the rightmost
  // address of X-Forwarded-For that is not a trusted proxy. Rate limits apply to it.
  std::string client_address;
  std::string peer_address;  // the TCP peer as it is
  bool over_tls = false;     // the connection to this server is TLS
  // A trusted proxy said the client's connection to it was HTTPS (X-Forwarded-Proto: https). From any other peer
  // the X-Forwarded-* headers are removed before a handler sees the request.
  bool forwarded_https = false;
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
