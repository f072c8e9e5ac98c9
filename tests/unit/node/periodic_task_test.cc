// PeriodicTask (node/periodic_task.h): runs at once and again every interval, keeps going after a run that throws,
// start is idempotent, stop waits for the run in progress and ends the thread.
#include "node/periodic_task.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>

namespace tongban::node {
namespace {

using namespace std::chrono_literals;

template <typename Predicate>
bool within(std::chrono::milliseconds limit, Predicate predicate) {
  auto until = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < until) {
    if (predicate()) return true;
    std::this_thread::sleep_for(5ms);
  }
  return predicate();
}

TEST(PeriodicTask, RunsAtOnceThenEveryIntervalAndKeepsGoingAfterARunThatThrows) {
  std::atomic<int> runs{0};
  PeriodicTask task(
      "test task",
      [&runs] {
        if (++runs == 2) throw std::runtime_error("a bad moment");
      },
      10ms);
  task.start();
  task.start();  // idempotent: still one thread
  EXPECT_TRUE(within(5s, [&] { return runs.load() >= 4; })) << runs.load();
  task.stop();
  const int after_stop = runs.load();
  std::this_thread::sleep_for(50ms);
  EXPECT_EQ(runs.load(), after_stop);  // nothing runs once stopped
  task.stop();                         // idempotent
}

TEST(PeriodicTask, StopWakesALongWaitAndWaitsForTheRunInProgress) {
  std::atomic<int> runs{0};
  std::atomic<bool> in_run{false};
  PeriodicTask task(
      "slow task",
      [&] {
        in_run = true;
        std::this_thread::sleep_for(50ms);
        ++runs;
        in_run = false;
      },
      std::chrono::hours(1));
  task.start();
  ASSERT_TRUE(within(5s, [&] { return in_run.load(); }));
  auto begin = std::chrono::steady_clock::now();
  task.stop();
  EXPECT_FALSE(in_run.load());  // the run in progress finished before stop returned
  EXPECT_EQ(runs.load(), 1);
  EXPECT_LT(std::chrono::steady_clock::now() - begin, 30s);  // the hour's wait was cut short
  task.start();                                              // a stopped task starts again
  EXPECT_TRUE(within(5s, [&] { return runs.load() == 2; }));
}

}  // namespace
}  // namespace tongban::node
