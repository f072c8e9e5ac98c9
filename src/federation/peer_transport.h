// PeerTransport: the client side of the wire — one HTTP POST of an envelope to a peer's endpoint, returning the
// status and body. "http://host:port" uses plain HTTP (loopback tests); "https://host:port" uses TLS with the
// client certificate and the CA from the config's [tls] section (mutual TLS: the peer's server certificate must
// chain to that CA and carry the endpoint's host name). Beast/Asio/OpenSSL stay in peer_transport.cc.
// One connection per call (no pooling); thread-safe (no shared state besides the immutable TLS files).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "federation/trust_list.h"

namespace tongban::federation {

struct TransportResult {
  bool reached = false;  // false: no HTTP answer at all (refused, timed out, TLS failure); see error
  int status = 0;
  std::string body;
  std::string error;
};

using HeaderList = std::vector<std::pair<std::string, std::string>>;

// Sends one request (method, endpoint + path, extra headers, body) within timeout. Never throws.
TransportResult send_request(std::string_view endpoint, std::string_view method, std::string_view path,
                             const HeaderList& headers, std::string_view body, const std::optional<TlsFiles>& tls,
                             std::chrono::milliseconds timeout);

// POSTs body (Content-Type application/json) to endpoint + path within timeout. Never throws.
TransportResult post_json(std::string_view endpoint, std::string_view path, std::string_view body,
                          const std::optional<TlsFiles>& tls, std::chrono::milliseconds timeout);

}  // namespace tongban::federation
