// Private to the HTTP adapter (server.cc and websocket_connection.cc; Beast and Asio stay out of the public
// headers): serves one accepted WebSocket upgrade on a connection the server has read the upgrade request from, for
// as long as it is open (http/websocket.h says what the application sees).
//
// Inside, three coroutines on one strand share the stream: the reader (messages to the session), the writer (the
// send queue, pings, the close frame) and a watchdog that cuts the connection off (closes the socket) when nothing
// was heard for idle_timeout — every frame counts, pongs too, and a ping goes out after half of it — or a write
// has not finished within idle_timeout. Beast's own timeout option is not used because its timer would run on the
// socket's executor, outside the strand, on the server's several I/O threads.
#pragma once

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include "http/websocket.h"

namespace tongban::http {

template <typename Stream>
boost::asio::awaitable<void> serve_websocket(Stream& socket,
                                             const boost::beast::http::request<boost::beast::http::empty_body>& upgrade,
                                             WebSocketAcceptance acceptance);

extern template boost::asio::awaitable<void> serve_websocket(
    boost::asio::ip::tcp::socket&, const boost::beast::http::request<boost::beast::http::empty_body>&,
    WebSocketAcceptance);
extern template boost::asio::awaitable<void> serve_websocket(
    boost::beast::ssl_stream<boost::asio::ip::tcp::socket>&,
    const boost::beast::http::request<boost::beast::http::empty_body>&, WebSocketAcceptance);

}  // namespace tongban::http
