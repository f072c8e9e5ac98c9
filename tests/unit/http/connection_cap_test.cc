// Connection caps: beyond max_connections_per_client from one address, or max_connections in all, a new connection
// is answered 503 with Retry-After and closed at once, and counted (ServerCounters::connections_refused); another
// address is not affected by one address's cap, and a freed slot is usable again.
#include <gtest/gtest.h>

#include <vector>

#include "raw_connection.h"
#include "running_server.h"

namespace tongban::http {
namespace {

using testing::eventually;
using testing::RawConnection;
using testing::RunningServer;

Router small_router() {
  Router router;
  router.add({"GET", "/small", Access::everyone(),
              [](const Request&, const Caller&) { return Response::text(200, "ok"); }, "A small answer"});
  return router;
}

// Opens a connection and makes sure it is being served (one kept-alive exchange).
std::unique_ptr<RawConnection> served_connection(std::uint16_t port, const std::string& from = "127.0.0.1") {
  auto connection = std::make_unique<RawConnection>(port, from);
  connection->send("GET /small HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(connection->read_answer().rfind("HTTP/1.1 200", 0), 0u);
  return connection;
}

std::string refused_answer(std::uint16_t port, const std::string& from = "127.0.0.1") {
  RawConnection extra(port, from);
  return extra.read_to_end();
}

TEST(ConnectionCap, OneAddressGetsAtMostItsShare) {
  Router router = small_router();
  auto options = testing::quiet_options();
  options.max_connections_per_client = 3;
  RunningServer server(router, options);
  std::vector<std::unique_ptr<RawConnection>> open;
  for (int i = 0; i < 3; ++i) open.push_back(served_connection(server.port()));

  std::string answer = refused_answer(server.port());
  EXPECT_EQ(answer.rfind("HTTP/1.1 503", 0), 0u) << answer;
  EXPECT_NE(answer.find("Retry-After: 1"), std::string::npos) << answer;
  EXPECT_EQ(server.counters().connections_refused.load(), 1u);
  // Another address is not held back by this one's cap.
  auto other = served_connection(server.port(), "127.0.0.2");
  // A freed slot is usable again.
  open.pop_back();
  ASSERT_TRUE(eventually([&] { return server.counters().open_connections.load() == 3; }, std::chrono::seconds(10)));
  open.push_back(served_connection(server.port()));
  EXPECT_EQ(server.counters().connections_refused.load(), 1u);
}

TEST(ConnectionCap, AllAddressesTogetherGetAtMostTheTotal) {
  Router router = small_router();
  auto options = testing::quiet_options();
  options.max_connections = 2;
  RunningServer server(router, options);
  auto first = served_connection(server.port(), "127.0.0.1");
  auto second = served_connection(server.port(), "127.0.0.2");
  std::string answer = refused_answer(server.port(), "127.0.0.3");
  EXPECT_EQ(answer.rfind("HTTP/1.1 503", 0), 0u) << answer;
  EXPECT_EQ(server.counters().connections_refused.load(), 1u);
  EXPECT_EQ(server.counters().open_connections.load(), 2u);
}

}  // namespace
}  // namespace tongban::http
