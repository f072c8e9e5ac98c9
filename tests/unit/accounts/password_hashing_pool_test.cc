#include "accounts/password_hashing_pool.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <latch>
#include <stdexcept>
#include <thread>

#include "accounts/password.h"

namespace tongban::accounts {
namespace {

void wait_until(const std::function<bool()>& condition) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (!condition() && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  ASSERT_TRUE(condition());
}

TEST(PasswordHashingPool, RunsTheJobAndReturnsItsResult) {
  PasswordHashingPool pool({1, 4});
  std::string hash = pool.run([] { return hash_password("correct horse 9", PasswordCost::minimum()); });
  EXPECT_TRUE(pool.run([&] { return verify_password("correct horse 9", hash); }));
  EXPECT_FALSE(pool.run([&] { return verify_password("wrong horse 9", hash); }));
}

TEST(PasswordHashingPool, RethrowsTheJobsException) {
  PasswordHashingPool pool({1, 4});
  EXPECT_THROW(pool.run([]() -> int { throw std::invalid_argument("bad"); }), std::invalid_argument);
}

TEST(PasswordHashingPool, RefusesBeyondItsQueueWithoutRunningTheJob) {
  PasswordHashingPool pool({1, 1});
  std::latch release(1);
  std::atomic<bool> started{false};
  auto running = std::async(std::launch::async, [&] {
    return pool.run([&] {
      started = true;
      release.wait();
      return 1;
    });
  });
  wait_until([&] { return started.load(); });
  auto queued = std::async(std::launch::async, [&] { return pool.run([] { return 2; }); });
  wait_until([&] { return pool.waiting() == 1; });

  bool ran = false;
  try {
    pool.run([&] {
      ran = true;
      return 3;
    });
    FAIL() << "a third job was accepted beyond one thread and a queue of one";
  } catch (const PoolBusy& busy) {
    EXPECT_GE(busy.retry_after_seconds(), 1);
  }
  EXPECT_FALSE(ran);
  EXPECT_EQ(pool.refused(), 1U);

  release.count_down();
  EXPECT_EQ(running.get(), 1);
  EXPECT_EQ(queued.get(), 2);
}

TEST(PasswordHashingPool, NeverRunsMoreJobsAtOnceThanItHasThreads) {
  PasswordHashingPool pool({2, 64});
  std::atomic<int> inside{0};
  std::atomic<int> most{0};
  std::vector<std::future<int>> callers;
  for (int i = 0; i < 16; ++i) {
    callers.push_back(std::async(std::launch::async, [&] {
      return pool.run([&] {
        int now = ++inside;
        int seen = most.load();
        while (now > seen && !most.compare_exchange_weak(seen, now)) {
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
        --inside;
        return 1;
      });
    }));
  }
  int done = 0;
  for (auto& caller : callers) done += caller.get();
  EXPECT_EQ(done, 16);
  EXPECT_LE(most.load(), 2);
  EXPECT_GE(most.load(), 1);
}

}  // namespace
}  // namespace tongban::accounts
