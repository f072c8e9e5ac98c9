// WebSocket endpoints on the node's HTTP server (RFC 6455, Boost.Beast websocket; docs/video-help.md).
//
// A route registered with Router::add_websocket() takes an upgrade request (GET with Upgrade: websocket) on its
// path pattern. Deny by default, in this order, before the handshake is answered:
//   1. the server: the request must carry an Origin header naming this very site (scheme, host and port equal to
//      the request's own: Host header, TLS or a trusted proxy's X-Forwarded-Proto) — else 403 "forbidden"; a
//      browser always sends Origin on a WebSocket handshake, so a page of another site cannot open one with the
//      visitor's cookies (cross-site WebSocket hijacking);
//   2. the route's accept(), run on a handler thread with the request's header (cookies included): it returns a
//      session, or the Response to answer instead (then nothing is opened).
// Once open, text messages over `message_limit` bytes close the connection (1009, "message too big"), binary
// messages are refused (1003), a peer that answers no ping for `idle_timeout` is cut off, and a peer that lets
// more than kWebSocketSendQueueLimit bytes of outgoing messages pile up is cut off too.
//
// Threads: the session's on_open/on_message/on_close are called on the server's I/O threads, one at a time per
// connection, and must not block (no store access: keep to memory and locks). WebSocketChannel::send() and close()
// may be called from any thread, also from another connection's callbacks; messages leave in the order sent.
// on_close is called exactly once per opened session, also when the server stops.
// Beast and Asio stay in server.cc.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "http/message.h"

namespace tongban::http {

inline constexpr std::size_t kWebSocketSendQueueLimit = std::size_t{1} << 20;

// The server's end of one open WebSocket.
class WebSocketChannel {
 public:
  virtual ~WebSocketChannel() = default;
  virtual void send(std::string text) = 0;
  // Sends a close frame (1000 normal, or 1008 policy violation when `policy` is set) after what is queued.
  virtual void close(bool policy = false) = 0;
};

// The application's end of one open WebSocket.
class WebSocketSession {
 public:
  virtual ~WebSocketSession() = default;
  virtual void on_open(std::shared_ptr<WebSocketChannel> channel) = 0;
  virtual void on_message(std::string_view text) = 0;
  virtual void on_close() = 0;
};

struct WebSocketAcceptance {
  std::shared_ptr<WebSocketSession> session;  // null: refused, answer `refusal`
  Response refusal;
  std::size_t message_limit = 64 * 1024;
  std::chrono::milliseconds idle_timeout{30'000};

  static WebSocketAcceptance refuse(Response response) { return {nullptr, std::move(response)}; }
};

struct WebSocketRoute {
  std::string pattern;  // "/ws/video-help/{call}"; path_params are filled before accept() runs
  std::function<WebSocketAcceptance(const Request& upgrade)> accept;
  std::string summary;
};

// Whether `origin` (an Origin header) names the same site as the request: "<scheme>://<Host>", scheme https when the
// request came over TLS or from a trusted proxy that said so, http otherwise. Exposed for the tests.
bool same_origin(const Request& request, std::string_view origin);

}  // namespace tongban::http
