// HEAD: every GET route answers HEAD with the GET's status and headers, Content-Length of the GET body included,
// and no body; 405 lists HEAD next to GET in Allow.
#include <gtest/gtest.h>

#include "raw_connection.h"
#include "running_server.h"

namespace tongban::http {
namespace {

using testing::RawConnection;
using testing::RunningServer;

std::string exchange(std::uint16_t port, const std::string& method, const std::string& target) {
  RawConnection client(port);
  client.send(method + " " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  return client.read_to_end();
}

std::string header_of(const std::string& answer, const std::string& name) {
  auto at = answer.find("\r\n" + name + ": ");
  if (at == std::string::npos) return "";
  at += name.size() + 4;
  return answer.substr(at, answer.find("\r\n", at) - at);
}

TEST(Head, EveryGetRouteAnswersHeadWithTheGetsHeadersAndNoBody) {
  Router router;
  router.add({"GET", "/healthz", Access::everyone(),
              [](const Request&, const Caller&) { return Response::text(200, "ok\n"); }, "Probe"});
  router.add({"GET", "/items/{code}", Access::everyone(),
              [](const Request& request, const Caller&) {
                return Response::json_text(200, R"({"code":")" + request.path_params.at("code") + R"("})")
                    .set_header("ETag", "\"v1\"");
              },
              "An item"});
  router.add({"POST", "/items/{code}", Access::everyone(),
              [](const Request&, const Caller&) { return Response::text(201, ""); }, "Change an item"});
  RunningServer server(router, testing::quiet_options());
  for (const auto& route : router.routes()) {
    if (route.method != "GET") continue;
    std::string target = route.pattern == "/items/{code}" ? "/items/JM-1" : route.pattern;
    std::string get = exchange(server.port(), "GET", target);
    std::string head = exchange(server.port(), "HEAD", target);
    SCOPED_TRACE(target);
    EXPECT_EQ(head.substr(0, head.find("\r\n")), get.substr(0, get.find("\r\n")));
    EXPECT_EQ(header_of(head, "Content-Length"), header_of(get, "Content-Length"));
    EXPECT_EQ(header_of(head, "Content-Type"), header_of(get, "Content-Type"));
    EXPECT_EQ(header_of(head, "ETag"), header_of(get, "ETag"));
    EXPECT_EQ(head.size(), head.find("\r\n\r\n") + 4) << "a HEAD answer has no body";
  }
  std::string unknown = exchange(server.port(), "HEAD", "/nowhere");
  EXPECT_EQ(unknown.rfind("HTTP/1.1 404", 0), 0u);
  EXPECT_EQ(unknown.size(), unknown.find("\r\n\r\n") + 4);
  std::string wrong = exchange(server.port(), "DELETE", "/items/JM-1");
  EXPECT_EQ(wrong.rfind("HTTP/1.1 405", 0), 0u);
  EXPECT_EQ(header_of(wrong, "Allow"), "GET, HEAD, POST");
}

}  // namespace
}  // namespace tongban::http
