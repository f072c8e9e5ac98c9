#include "http/websocket_connection.h"

#include <spdlog/spdlog.h>

#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>
#include <deque>

namespace tongban::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using namespace asio::experimental::awaitable_operators;
using Clock = std::chrono::steady_clock;

// What the three coroutines of one connection and its channel share. Touched only on the strand.
struct Shared {
  explicit Shared(asio::strand<asio::any_io_executor> s) : strand(s), wake(s), tick(s) {}
  asio::strand<asio::any_io_executor> strand;
  asio::steady_timer wake;  // the writer waits on it; cancelled to wake it
  asio::steady_timer tick;  // the watchdog's
  std::deque<std::string> queue;
  std::size_t queued_bytes = 0;
  bool close_requested = false;
  bool policy_close = false;
  bool ping_due = false;
  bool done = false;  // the connection is over: nothing more is sent
  Clock::time_point last_heard = Clock::now();
  std::optional<Clock::time_point> writing_since;
};

class Channel final : public WebSocketChannel {
 public:
  explicit Channel(std::shared_ptr<Shared> shared) : shared_(std::move(shared)) {}
  void send(std::string text) override {
    asio::post(shared_->strand, [shared = shared_, text = std::move(text)]() mutable {
      if (shared->done || shared->close_requested) return;
      shared->queued_bytes += text.size();
      if (shared->queued_bytes > kWebSocketSendQueueLimit) {  // a peer that does not read: cut off
        shared->queue.clear();
        shared->close_requested = true;
        shared->policy_close = true;
      } else {
        shared->queue.push_back(std::move(text));
      }
      shared->wake.cancel();
    });
  }
  void close(bool policy) override {
    asio::post(shared_->strand, [shared = shared_, policy] {
      if (shared->done) return;
      shared->close_requested = true;
      shared->policy_close = shared->policy_close || policy;
      shared->wake.cancel();
    });
  }

 private:
  std::shared_ptr<Shared> shared_;
};

// Calls on_close once, whatever ends the connection (also the server's shutdown destroying the coroutine).
struct CloseNotice {
  std::shared_ptr<WebSocketSession> session;
  ~CloseNotice() {
    try {
      session->on_close();
    } catch (const std::exception& error) {
      spdlog::error("websocket on_close: {}", error.what());
    }
  }
};

template <typename Ws>
void cut_off(Ws& ws) {
  beast::error_code ignored;
  beast::get_lowest_layer(ws).cancel(ignored);
  beast::get_lowest_layer(ws).close(ignored);
}

template <typename Ws>
asio::awaitable<void> read_loop(Ws& ws, Shared& shared, WebSocketSession& session) {
  beast::flat_buffer buffer;
  for (;;) {
    beast::error_code ec;
    buffer.clear();
    co_await ws.async_read(buffer, asio::redirect_error(asio::use_awaitable, ec));
    if (ec) break;  // closed by the peer, too big (Beast answers 1009), cut off
    shared.last_heard = Clock::now();
    if (!ws.got_text()) {
      shared.close_requested = true;
      shared.policy_close = true;
      shared.wake.cancel();
      continue;  // the writer sends the close frame; the next read ends
    }
    try {
      session.on_message(beast::buffers_to_string(buffer.data()));
    } catch (const std::exception& error) {
      spdlog::error("websocket on_message: {}", error.what());
      shared.close_requested = true;
      shared.wake.cancel();
    }
  }
  shared.done = true;
  shared.wake.cancel();
  shared.tick.cancel();
}

template <typename Ws>
asio::awaitable<void> write_loop(Ws& ws, Shared& shared) {
  while (!shared.done) {
    beast::error_code ec;
    if (!shared.queue.empty()) {
      std::string message = std::move(shared.queue.front());
      shared.queue.pop_front();
      shared.queued_bytes -= message.size();
      shared.writing_since = Clock::now();
      co_await ws.async_write(asio::buffer(message), asio::redirect_error(asio::use_awaitable, ec));
      shared.writing_since.reset();
      if (ec) break;
      continue;
    }
    if (shared.close_requested) {
      shared.writing_since = Clock::now();
      co_await ws.async_close(shared.policy_close ? websocket::close_code::policy_error : websocket::close_code::normal,
                              asio::redirect_error(asio::use_awaitable, ec));
      shared.writing_since.reset();
      break;  // the reader ends when the peer's close frame arrives (or the watchdog cuts the connection off)
    }
    if (shared.ping_due) {
      shared.ping_due = false;
      shared.writing_since = Clock::now();
      co_await ws.async_ping({}, asio::redirect_error(asio::use_awaitable, ec));
      shared.writing_since.reset();
      if (ec) break;
      continue;
    }
    shared.wake.expires_at(Clock::time_point::max());
    co_await shared.wake.async_wait(asio::redirect_error(asio::use_awaitable, ec));
  }
  if (!shared.done && !shared.close_requested) cut_off(ws);  // a failed write: end the reader too
}

template <typename Ws>
asio::awaitable<void> watchdog(Ws& ws, Shared& shared, std::chrono::milliseconds idle) {
  auto last_ping = Clock::now();
  const auto step = std::max<std::chrono::milliseconds>(idle / 8, std::chrono::milliseconds(50));
  while (!shared.done) {
    beast::error_code ec;
    shared.tick.expires_after(step);
    co_await shared.tick.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    if (shared.done) break;
    auto now = Clock::now();
    const bool silent = now - shared.last_heard > idle;
    const bool stuck = shared.writing_since && now - *shared.writing_since > idle;
    if (silent || stuck) {
      spdlog::info("websocket cut off: {}", silent ? "nothing heard within the idle timeout" : "a write is stuck");
      cut_off(ws);
      break;
    }
    if (now - shared.last_heard > idle / 2 && now - last_ping > idle / 2) {
      last_ping = now;
      shared.ping_due = true;
      shared.wake.cancel();
    }
  }
}

template <typename Stream>
asio::awaitable<void> run_session(Stream& socket, const beast::http::request<beast::http::empty_body>& upgrade,
                                  WebSocketAcceptance acceptance, std::shared_ptr<Shared> shared) {
  websocket::stream<Stream&> ws(socket);
  ws.read_message_max(acceptance.message_limit);
  ws.auto_fragment(false);
  ws.set_option(websocket::stream_base::decorator(
      [](websocket::response_type& response) { response.set(beast::http::field::cache_control, "no-store"); }));
  ws.control_callback([&shared = *shared](websocket::frame_type, beast::string_view) {
    shared.last_heard = Clock::now();  // pings, pongs and close frames all say the peer is there
  });
  beast::error_code ec;
  asio::steady_timer handshake_timer(shared->strand);
  handshake_timer.expires_after(acceptance.idle_timeout);
  auto accepted = co_await (ws.async_accept(upgrade, asio::redirect_error(asio::use_awaitable, ec)) ||
                            handshake_timer.async_wait(asio::use_awaitable));
  if (accepted.index() == 1 || ec) co_return;
  CloseNotice notice{acceptance.session};
  acceptance.session->on_open(std::make_shared<Channel>(shared));
  shared->last_heard = Clock::now();
  co_await (read_loop(ws, *shared, *acceptance.session) && write_loop(ws, *shared) &&
            watchdog(ws, *shared, acceptance.idle_timeout));
  ws.control_callback();
}

}  // namespace

template <typename Stream>
asio::awaitable<void> serve_websocket(Stream& socket, const beast::http::request<beast::http::empty_body>& upgrade,
                                      WebSocketAcceptance acceptance) {
  auto strand = asio::make_strand(socket.get_executor());
  auto shared = std::make_shared<Shared>(strand);
  co_await asio::co_spawn(strand, run_session(socket, upgrade, std::move(acceptance), shared), asio::use_awaitable);
  co_await asio::post(socket.get_executor(), asio::use_awaitable);  // back on the connection's executor
  shared->done = true;
}

template asio::awaitable<void> serve_websocket(asio::ip::tcp::socket&,
                                               const beast::http::request<beast::http::empty_body>&,
                                               WebSocketAcceptance);
template asio::awaitable<void> serve_websocket(beast::ssl_stream<asio::ip::tcp::socket>&,
                                               const beast::http::request<beast::http::empty_body>&,
                                               WebSocketAcceptance);

}  // namespace tongban::http
