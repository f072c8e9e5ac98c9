// Route::runs_inline: a cheap route answered on the I/O thread needs no handler thread. With the only handler
// thread held by a slow request, an inline route without credentials is still answered at once; with a bearer
// token (resolving it reads the store) or a cookie it waits for the pool like every other route.
#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <thread>

#include "raw_connection.h"
#include "running_server.h"

namespace tongban::http {
namespace {

using testing::RawConnection;
using testing::RunningServer;

std::string exchange(std::uint16_t port, const std::string& request) {
  RawConnection client(port);
  client.send(request);
  return client.read_to_end();
}

class InlineRoute : public ::testing::Test {
 protected:
  void SetUp() override {
    router_.add({"GET", "/slow", Access::everyone(),
                 [this](const Request&, const Caller&) {
                   slow_started_.set_value();
                   release_.get_future().wait();
                   return Response::text(200, "slow\n");
                 },
                 "Holds the only handler thread"});
    Route cached{"GET", "/items/{code}", Access::everyone(),
                 [](const Request& request, const Caller&) {
                   return Response::text(200, "item " + request.path_params.at("code") + "\n");
                 },
                 "A cached document"};
    cached.runs_inline = true;
    router_.add(std::move(cached));
    router_.add({"GET", "/pooled", Access::everyone(),
                 [](const Request&, const Caller&) { return Response::text(200, "pooled\n"); }, "Not inline"});
    auto options = testing::quiet_options();
    options.handler_threads = 1;
    server_ = std::make_unique<RunningServer>(router_, options);
    slow_ = std::thread(
        [this] { exchange(server_->port(), "GET /slow HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"); });
    slow_started_.get_future().wait();  // the one handler thread is busy from here on
  }
  void TearDown() override {
    release_.set_value();
    slow_.join();
    server_.reset();
  }

  // Sends `request` and says whether it was answered before the slow request is released.
  bool answered_while_pool_busy(const std::string& request, std::string* answer) {
    auto pending = std::async(std::launch::async, [&] { return exchange(server_->port(), request); });
    if (pending.wait_for(std::chrono::seconds(3)) != std::future_status::ready) {
      release_.set_value();
      released_ = true;
      *answer = pending.get();
      return false;
    }
    *answer = pending.get();
    return true;
  }

  Router router_;
  std::unique_ptr<RunningServer> server_;
  std::promise<void> slow_started_;
  std::promise<void> release_;
  bool released_ = false;
  std::thread slow_;
};

TEST_F(InlineRoute, IsAnsweredWithoutAHandlerThread) {
  std::string answer;
  EXPECT_TRUE(answered_while_pool_busy("GET /items/JM-1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", &answer));
  EXPECT_EQ(answer.rfind("HTTP/1.1 200", 0), 0u) << answer;
  EXPECT_NE(answer.find("item JM-1"), std::string::npos);
  EXPECT_TRUE(answered_while_pool_busy("HEAD /items/JM-2 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", &answer));
  EXPECT_EQ(answer.rfind("HTTP/1.1 200", 0), 0u) << answer;
}

TEST_F(InlineRoute, WithCredentialsItWaitsForThePoolLikeAnyRoute) {
  std::string answer;
  EXPECT_FALSE(answered_while_pool_busy(
      "GET /items/JM-1 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer tb_x\r\nConnection: close\r\n\r\n", &answer));
  EXPECT_EQ(answer.rfind("HTTP/1.1 ", 0), 0u) << "answered once the pool is free";
  if (released_) {
    release_ = std::promise<void>();  // TearDown releases a promise nobody waits on any more
  }
}

TEST_F(InlineRoute, AnOrdinaryRouteWaitsForThePool) {
  std::string answer;
  EXPECT_FALSE(answered_while_pool_busy("GET /pooled HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", &answer));
  EXPECT_EQ(answer.rfind("HTTP/1.1 200", 0), 0u) << answer;
  if (released_) release_ = std::promise<void>();
}

}  // namespace
}  // namespace tongban::http
