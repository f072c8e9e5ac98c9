#include "loopback_http.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <array>

namespace tongban::fault_test {

HttpReply http_call(std::uint16_t port, std::string_view method, std::string_view target, std::string_view body,
                    const HttpHeaders& headers, std::chrono::milliseconds deadline) {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return {};
  timeval limit{static_cast<time_t>(deadline.count() / 1000), static_cast<suseconds_t>(deadline.count() % 1000 * 1000)};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
  setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &limit, sizeof limit);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  HttpReply reply;
  if (connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0) {
    std::string request = std::string(method) + " " + std::string(target) +
                          " HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port) +
                          "\r\nConnection: close\r\nContent-Length: " + std::to_string(body.size()) + "\r\n";
    bool typed = false;
    for (const auto& [name, value] : headers) {
      request += name + ": " + value + "\r\n";
      typed = typed || name == "Content-Type";
    }
    if (!typed && !body.empty()) request += "Content-Type: application/json\r\n";
    request += "\r\n";
    request += body;
    std::size_t sent = 0;
    while (sent < request.size()) {
      ssize_t n = send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) break;
      sent += static_cast<std::size_t>(n);
    }
    std::string answer;
    std::array<char, 16384> buffer{};
    bool clean_end = false;
    while (sent == request.size()) {
      ssize_t n = recv(fd, buffer.data(), buffer.size(), 0);
      if (n == 0) clean_end = true;
      if (n <= 0) break;
      answer.append(buffer.data(), static_cast<std::size_t>(n));
    }
    auto head_end = answer.find("\r\n\r\n");
    if (clean_end && answer.rfind("HTTP/1.", 0) == 0 && head_end != std::string::npos && answer.size() > 12) {
      reply.status = std::stoi(answer.substr(9, 3));
      reply.body = answer.substr(head_end + 4);
    }
  }
  close(fd);
  return reply;
}

HttpReply http_call_as(const std::string& token, std::uint16_t port, std::string_view method, std::string_view target,
                       std::string_view body, HttpHeaders headers) {
  if (!token.empty()) headers.emplace_back("Authorization", "Bearer " + token);
  return http_call(port, method, target, body, headers);
}

}  // namespace tongban::fault_test
