// RawConnection: a blocking TCP client for the server tests that does exactly what it is told — it can send a
// header without its body, never read, or read an answer to the end — so the tests can act as a misbehaving client.
#pragma once

#include <boost/asio.hpp>
#include <chrono>
#include <functional>
#include <string>
#include <thread>

namespace tongban::http::testing {

class RawConnection {
 public:
  // receive_buffer > 0 shrinks the socket's receive buffer before connecting (a client that holds little).
  explicit RawConnection(std::uint16_t port, const std::string& from = "127.0.0.1", int receive_buffer = 0)
      : socket_(io_) {
    namespace asio = boost::asio;
    socket_.open(asio::ip::tcp::v4());
    if (receive_buffer > 0) socket_.set_option(asio::socket_base::receive_buffer_size(receive_buffer));
    socket_.bind({asio::ip::make_address(from), 0});
    socket_.connect({asio::ip::make_address("127.0.0.1"), port});
  }
  void send(const std::string& bytes) { boost::asio::write(socket_, boost::asio::buffer(bytes)); }
  // Reads until the server closes the connection (or resets it).
  std::string read_to_end() {
    std::string answer;
    boost::system::error_code error;
    char buffer[65536];
    for (;;) {
      std::size_t n = socket_.read_some(boost::asio::buffer(buffer), error);
      answer.append(buffer, n);
      if (error) break;
    }
    return answer;
  }
  // Reads one answer whose end is the blank line after the header plus Content-Length bytes.
  std::string read_answer() {
    std::string answer;
    char buffer[4096];
    for (;;) {
      auto end = answer.find("\r\n\r\n");
      if (end != std::string::npos) {
        std::size_t length = 0;
        auto at = answer.find("Content-Length: ");
        if (at != std::string::npos && at < end) length = std::stoul(answer.substr(at + 16));
        if (answer.size() >= end + 4 + length) return answer;
      }
      boost::system::error_code error;
      std::size_t n = socket_.read_some(boost::asio::buffer(buffer), error);
      answer.append(buffer, n);
      if (error) return answer;
    }
  }
  void close() {
    boost::system::error_code ignored;
    socket_.close(ignored);
  }

 private:
  boost::asio::io_context io_;
  boost::asio::ip::tcp::socket socket_;
};

// Waits for a condition, polling, up to `limit`; true when it held.
inline bool eventually(const std::function<bool()>& condition, std::chrono::milliseconds limit) {
  auto until = std::chrono::steady_clock::now() + limit;
  while (!condition()) {
    if (std::chrono::steady_clock::now() > until) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return true;
}

}  // namespace tongban::http::testing
