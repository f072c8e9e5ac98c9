// Transaction::after_commit: a hook runs once its job's batch has committed — after the write is visible — and
// never for a job that throws (its savepoint rolled back), while the other jobs' hooks of the batch still run.
#include <gtest/gtest.h>

#include <atomic>
#include <future>

#include "temp_store.h"

namespace tongban::store {
namespace {

using testing::open_store;
using testing::TempDir;

TEST(AfterCommit, HooksRunAfterTheCommitAndNeverForAJobThatThrows) {
  TempDir dir;
  auto store = open_store(dir.path());
  std::atomic<int> ran{0};
  std::atomic<bool> saw_committed_row{false};
  store->write([&](Transaction& tx) {
    tx.put_calendar(CalendarRecord{"MO", "{}", 1});
    tx.after_commit([&] {
      ++ran;
      saw_committed_row = store->find_calendar("MO").has_value();  // a committed read from another connection
    });
  });
  EXPECT_EQ(ran.load(), 1);  // before write() returned
  EXPECT_TRUE(saw_committed_row.load());

  EXPECT_THROW(store->write([&](Transaction& tx) {
    tx.after_commit([&] { ran += 100; });
    throw std::runtime_error("rolled back");
  }),
               std::runtime_error);
  EXPECT_EQ(ran.load(), 1);

  // In one batch: the failing job's hook is dropped, the committed job's hook runs.
  std::promise<void> first, second;
  store->submit([&](Transaction& tx) { tx.after_commit([&] { ran += 10; }); },
                [&](std::exception_ptr) { first.set_value(); });
  store->submit(
      [&](Transaction& tx) {
        tx.after_commit([&] { ran += 1000; });
        throw std::runtime_error("this one fails");
      },
      [&](std::exception_ptr) { second.set_value(); });
  first.get_future().wait();
  second.get_future().wait();
  EXPECT_EQ(ran.load(), 11);
  store->close();
}

}  // namespace
}  // namespace tongban::store
