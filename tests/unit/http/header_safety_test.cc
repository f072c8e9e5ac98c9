// Response splitting, at the server: whatever a handler copies into a header, a value holding CR, LF or NUL is never
// written; the server answers 500 instead (http/message.h header_value_safe). A real server on a loopback port and a
// raw TCP client that reads every byte of the answer.
#include <gtest/gtest.h>

#include <boost/asio.hpp>
#include <string>

#include "http/router.h"
#include "http/server.h"

namespace tongban::http {
namespace {

namespace asio = boost::asio;

std::string raw_exchange(std::uint16_t port, const std::string& request) {
  asio::io_context io;
  asio::ip::tcp::socket socket(io);
  socket.connect({asio::ip::make_address("127.0.0.1"), port});
  asio::write(socket, asio::buffer(request));
  std::string answer;
  boost::system::error_code error;
  char buffer[4096];
  for (;;) {
    std::size_t n = socket.read_some(asio::buffer(buffer), error);
    answer.append(buffer, n);
    if (error) break;
  }
  return answer;
}

class HeaderSafetyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    router.add({"GET", "/echo", Access::everyone(),
                [](const Request& request, const Caller&) {
                  return Response::text(303, "").set_header("Location", request.query_param("to").value_or("/"));
                },
                "Echoes a query parameter into Location, as a careless handler would"});
    ServerOptions options;
    options.port = 0;
    options.io_threads = 1;
    options.handler_threads = 2;
    options.rate_per_second = 0;
    server = std::make_unique<Server>(options, router);
    server->start();
  }
  void TearDown() override { server->stop(); }

  std::string get(const std::string& target) {
    return raw_exchange(server->port(), "GET " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  }

  Router router;
  std::unique_ptr<Server> server;
};

TEST_F(HeaderSafetyTest, AHeaderValueWithCrLfIsNeverWritten) {
  std::string answer = get("/echo?to=/home%0D%0ASet-Cookie:%20tb_session=planted");
  EXPECT_EQ(answer.rfind("HTTP/1.1 500", 0), 0u) << answer;
  EXPECT_EQ(answer.find("Set-Cookie"), std::string::npos) << answer;
  EXPECT_EQ(answer.find("planted"), std::string::npos) << answer;
}

TEST_F(HeaderSafetyTest, ALoneLineFeedOrNulIsRefusedToo) {
  EXPECT_EQ(get("/echo?to=/a%0AX-Injected:%201").rfind("HTTP/1.1 500", 0), 0u);
  EXPECT_EQ(get("/echo?to=/a%00b").rfind("HTTP/1.1 500", 0), 0u);
}

TEST_F(HeaderSafetyTest, ASafeValueIsWrittenAsItIs) {
  std::string answer = get("/echo?to=/cases/JM-2026-000001");
  EXPECT_EQ(answer.rfind("HTTP/1.1 303", 0), 0u) << answer;
  EXPECT_NE(answer.find("Location: /cases/JM-2026-000001\r\n"), std::string::npos) << answer;
}

TEST(HeaderValueSafe, RefusesCrLfAndNulOnly) {
  EXPECT_TRUE(header_value_safe("/sign-in?next=%2Fcases"));
  EXPECT_TRUE(header_value_safe("tb_session=abc; Path=/; HttpOnly"));
  EXPECT_FALSE(header_value_safe("a\rb"));
  EXPECT_FALSE(header_value_safe("a\nb"));
  EXPECT_FALSE(header_value_safe(std::string("a\0b", 3)));
}

}  // namespace
}  // namespace tongban::http
