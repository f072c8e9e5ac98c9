// Write deadlines: a client that sends requests and never reads its answers is cut off after write_timeout, the
// memory of the answer is given back (ServerCounters::pending_write_bytes), and its pipelined requests are not read
// while the first answer waits. A real server on loopback, a raw client with a small receive buffer.
#include <gtest/gtest.h>

#include "raw_connection.h"
#include "running_server.h"

namespace tongban::http {
namespace {

using testing::eventually;
using testing::RawConnection;
using testing::RunningServer;

constexpr std::size_t kBigAnswer = std::size_t{32} << 20;  // far more than loopback socket buffers hold

Router big_answer_router() {
  Router router;
  router.add({"GET", "/big", Access::everyone(),
              [](const Request&, const Caller&) { return Response::text(200, std::string(kBigAnswer, 'x')); },
              "A large answer"});
  router.add({"GET", "/small", Access::everyone(),
              [](const Request&, const Caller&) { return Response::text(200, "ok"); }, "A small answer"});
  return router;
}

TEST(WriteDeadline, AClientThatDoesNotReadIsCutOffAndTheAnswerIsFreed) {
  Router router = big_answer_router();
  auto options = testing::quiet_options();
  options.write_timeout = std::chrono::milliseconds(1000);
  RunningServer server(router, options);
  RawConnection client(server.port(), "127.0.0.1", 4096);
  std::string request = "GET /big HTTP/1.1\r\nHost: x\r\n\r\n";
  client.send(request + request + request);  // pipelined, and never read

  ASSERT_TRUE(
      eventually([&] { return server.counters().pending_write_bytes.load() >= kBigAnswer; }, std::chrono::seconds(10)));
  // Cut off within the deadline and a generous margin; the answer's bytes and the connection are given back.
  EXPECT_TRUE(eventually(
      [&] {
        return server.counters().write_timeouts.load() == 1 && server.counters().pending_write_bytes.load() == 0 &&
               server.counters().open_connections.load() == 0;
      },
      options.write_timeout + std::chrono::seconds(5)));
  // Only the first request was read: the next ones were not taken while its answer was pending.
  EXPECT_EQ(server.counters().requests.load(), 1u);
  std::string received = client.read_to_end();
  EXPECT_LT(received.size(), kBigAnswer);
}

TEST(WriteDeadline, AClientThatReadsSlowlyButSteadilyGetsItsAnswer) {
  Router router = big_answer_router();
  auto options = testing::quiet_options();
  options.write_timeout = std::chrono::milliseconds(2000);
  RunningServer server(router, options);
  RawConnection client(server.port());
  client.send("GET /big HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  std::string answer = client.read_to_end();
  EXPECT_EQ(answer.rfind("HTTP/1.1 200", 0), 0u);
  EXPECT_GT(answer.size(), kBigAnswer);
  EXPECT_EQ(server.counters().write_timeouts.load(), 0u);
}

TEST(IdleTimeout, AKeptAliveConnectionWithoutANextRequestIsClosed) {
  Router router = big_answer_router();
  auto options = testing::quiet_options();
  options.idle_timeout = std::chrono::milliseconds(500);
  RunningServer server(router, options);
  RawConnection client(server.port());
  client.send("GET /small HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(client.read_answer().rfind("HTTP/1.1 200", 0), 0u);
  EXPECT_TRUE(eventually([&] { return server.counters().open_connections.load() == 0; },
                         options.idle_timeout + std::chrono::seconds(5)));
}

}  // namespace
}  // namespace tongban::http
