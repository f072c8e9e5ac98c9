// LoopbackHttp: the fault test's HTTP/1.1 client for the node processes on 127.0.0.1 — one request per connection
// (Connection: close), blocking, with a deadline. Unlike the API tests' client it treats a node that is down as an
// ordinary answer (status 0), because in this test nodes are down on purpose. Stateless; any thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tongban::fault_test {

struct HttpReply {
  int status = 0;  // 0: no complete answer (refused, reset, timed out)
  std::string body;
};

using HttpHeaders = std::vector<std::pair<std::string, std::string>>;

HttpReply http_call(std::uint16_t port, std::string_view method, std::string_view target, std::string_view body = {},
                    const HttpHeaders& headers = {}, std::chrono::milliseconds deadline = std::chrono::seconds(30));

// The same with "Authorization: Bearer <token>" added when the token is not empty.
HttpReply http_call_as(const std::string& token, std::uint16_t port, std::string_view method, std::string_view target,
                       std::string_view body = {}, HttpHeaders headers = {});

}  // namespace tongban::fault_test
