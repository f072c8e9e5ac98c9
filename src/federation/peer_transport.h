// PeerTransport: the client side of the wire — HTTP/1.1 POSTs of envelopes to one peer's endpoint, asynchronous
// (Boost.Asio/Beast C++20 coroutines) so that a slow or silent peer only ever holds its own connection.
//
// PeerConnection is one keep-alive connection to one endpoint, used by one send at a time. Every step is bounded by
// the request timeout given to post(): resolving the host, the TCP connect, the TLS handshake, writing the request
// and reading the answer each get their own deadline (beast::tcp_stream::expires_after on the async operations, a
// timer cancelling the resolver). After an answer with keep-alive the connection stays open for the next post();
// after any error it is closed and the next post() reconnects. close() aborts whatever is in flight (the awaiting
// post() completes at once with an error): that is how the relay stops within one request timeout.
//
// Endpoints and transport security (check_endpoint, applied before anything is sent):
//   - "https://host[:port]": TLS 1.3 at least, presenting the client certificate from the config's [tls]; the
//     server certificate must chain to [tls] ca_file and match the host name (DNS name or IP address), and when the
//     peer's tls_fingerprint is set ("sha256:<hex of the DER leaf certificate>") the server's leaf certificate must
//     have exactly that fingerprint — otherwise the handshake result is refused and the request is not written.
//   - "http://host[:port]": only when the config has [node] insecure_loopback = true AND the host is a loopback
//     address (127.0.0.0/8, ::1, "localhost"); anything else is refused with a clear error and nothing is sent.
//
// Thread-safety: a PeerConnection lives on one io_context thread (or strand); post() must not overlap on one
// connection. post_json() is a blocking one-shot helper (its own io_context and connection) for tools and tests.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <memory>
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
  // The request failed on a kept-alive connection before any byte of an answer came back (the peer had closed it
  // while idle): the caller may retry at once on a fresh connection.
  bool stale_connection = false;
};

// Why this endpoint may not be used under this policy, or nullopt if it may. insecure_loopback: see above.
std::optional<std::string> check_endpoint(std::string_view endpoint, bool insecure_loopback);

// The client side's TLS settings for one peer.
struct ClientTls {
  std::optional<TlsFiles> files;   // [tls]; required for https:// endpoints
  std::string pinned_fingerprint;  // Peer::tls_fingerprint ("" = not pinned)
};

// One request: method ("POST", "PUT", …), path, extra headers (they replace the defaults of the same name) and body.
struct OutgoingRequest {
  std::string method;
  std::string path;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
};

class PeerConnection {
 public:
  PeerConnection(boost::asio::any_io_executor executor, std::string endpoint, ClientTls tls);
  ~PeerConnection();
  PeerConnection(const PeerConnection&) = delete;
  PeerConnection& operator=(const PeerConnection&) = delete;

  // POSTs body (Content-Type application/json) to endpoint + path. Never throws; errors are in the result.
  boost::asio::awaitable<TransportResult> post(std::string path, std::string body, std::chrono::milliseconds timeout);
  // Any request (a blob upload: PUT with its own headers), with the same deadlines. Never throws.
  boost::asio::awaitable<TransportResult> send(OutgoingRequest request, std::chrono::milliseconds timeout);
  // Closes the connection, aborting any operation in flight.
  void close();
  const std::string& endpoint() const;
  // True if this connection was made for exactly these settings (the trust list may have changed since).
  bool made_for(std::string_view endpoint, const ClientTls& tls) const;
  // TCP connections this object has opened so far (tests check reuse with it).
  int connections_opened() const;

 private:
  struct State;
  std::shared_ptr<State> state_;
};

// One POST on a fresh connection, blocking the caller for at most about 5 × timeout. Plain http:// is allowed to
// loopback hosts only (as with insecure_loopback = true). Never throws.
TransportResult post_json(std::string_view endpoint, std::string_view path, std::string_view body,
                          const std::optional<TlsFiles>& tls, std::chrono::milliseconds timeout,
                          std::string pinned_fingerprint = "");
// The same for any request.
TransportResult send_request(std::string_view endpoint, OutgoingRequest request, const std::optional<TlsFiles>& tls,
                             std::chrono::milliseconds timeout, std::string pinned_fingerprint = "");

}  // namespace tongban::federation
