// Group commit through the SQLite store's writer: batching, per-job rollback, async submit, close.
#include "store/sql/group_commit_writer.h"

#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <thread>

#include "temp_store.h"

namespace tongban::store {
namespace {

using testing::open_store;
using testing::sample_account;
using testing::TempDir;

// Queues a job that blocks the writer until release() is called, so the jobs submitted meanwhile are queued
// together and taken as one batch. The constructor returns once the writer runs the gate job (alone).
class WriterGate {
 public:
  explicit WriterGate(Store& store) {
    store.submit(
        [this](Transaction&) {
          running_.set_value();
          opened_.get_future().wait();
        },
        [this](std::exception_ptr) { done_.set_value(); });
    running_.get_future().wait();
  }
  void release() {
    opened_.set_value();
    done_.get_future().wait();
  }

 private:
  std::promise<void> running_;
  std::promise<void> opened_;
  std::promise<void> done_;
};

struct Outcome {
  std::promise<std::exception_ptr> promise;
  Store::Done callback() {
    return [this](std::exception_ptr error) { promise.set_value(error); };
  }
};

TEST(GroupCommitWriterTest, AThrowingJobRollsBackOnlyItselfAndTheOthersCommit) {
  TempDir dir;
  auto store = open_store(dir.path());
  WriterGate gate(*store);
  Outcome before, failing, after;
  store->submit([](Transaction& tx) { tx.insert_account(sample_account("u1", "one")); }, before.callback());
  store->submit(
      [](Transaction& tx) {
        tx.insert_account(sample_account("u2", "two"));
        throw std::runtime_error("validation failed after a write");
      },
      failing.callback());
  store->submit([](Transaction& tx) { tx.insert_account(sample_account("u3", "three")); }, after.callback());
  WriterStats at_gate = store->writer_stats();
  gate.release();

  auto failing_error = failing.promise.get_future().get();
  EXPECT_EQ(before.promise.get_future().get(), nullptr);
  EXPECT_EQ(after.promise.get_future().get(), nullptr);
  ASSERT_NE(failing_error, nullptr);
  EXPECT_THROW(std::rethrow_exception(failing_error), std::runtime_error);
  EXPECT_TRUE(store->find_account_by_id("u1"));
  EXPECT_FALSE(store->find_account_by_id("u2"));
  EXPECT_TRUE(store->find_account_by_id("u3"));

  WriterStats stats = store->writer_stats();
  EXPECT_EQ(stats.jobs - at_gate.jobs, 4);  // the gate and the three jobs
  EXPECT_EQ(stats.batches - at_gate.batches, 2);
  EXPECT_EQ(stats.largest_batch, 3);
  EXPECT_EQ(stats.jobs_failed, 1);
}

TEST(GroupCommitWriterTest, AUniqueViolationInOneJobIsThatCallersConflictOnly) {
  TempDir dir;
  auto store = open_store(dir.path());
  WriterGate gate(*store);
  Outcome first, duplicate;
  store->submit([](Transaction& tx) { tx.insert_account(sample_account("u1", "same")); }, first.callback());
  store->submit([](Transaction& tx) { tx.insert_account(sample_account("u2", "same")); }, duplicate.callback());
  gate.release();
  EXPECT_EQ(first.promise.get_future().get(), nullptr);
  auto error = duplicate.promise.get_future().get();
  ASSERT_NE(error, nullptr);
  EXPECT_THROW(std::rethrow_exception(error), Conflict);
  EXPECT_EQ(store->find_account_by_login("same")->id, "u1");
}

TEST(GroupCommitWriterTest, ConcurrentWritersShareCommits) {
  TempDir dir;
  auto store = open_store(dir.path());
  constexpr int kThreads = 64;
  constexpr int kWritesPerThread = 5;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kWritesPerThread; ++i) {
        std::string id = "u" + std::to_string(t) + "-" + std::to_string(i);
        try {
          store->write([&](Transaction& tx) { tx.insert_account(sample_account(id, id)); });
        } catch (...) {
          ++failures;
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  WriterStats stats = store->writer_stats();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(store->counts(0).accounts, kThreads * kWritesPerThread);
  EXPECT_EQ(stats.jobs, kThreads * kWritesPerThread);
  EXPECT_LT(stats.batches, stats.jobs / 2) << "batches=" << stats.batches << " jobs=" << stats.jobs;
  EXPECT_GT(stats.largest_batch, 1);
}

TEST(GroupCommitWriterTest, BatchesRespectTheLimit) {
  TempDir dir;
  auto store = open_store(dir.path(), 4);
  WriterGate gate(*store);
  std::vector<Outcome> outcomes(10);
  for (std::size_t i = 0; i < outcomes.size(); ++i) {
    std::string id = "u" + std::to_string(i);
    store->submit([id](Transaction& tx) { tx.insert_account(sample_account(id, id)); }, outcomes[i].callback());
  }
  gate.release();
  for (auto& outcome : outcomes) EXPECT_EQ(outcome.promise.get_future().get(), nullptr);
  WriterStats stats = store->writer_stats();
  EXPECT_EQ(stats.largest_batch, 4);
  EXPECT_EQ(stats.batches, 1 + 3);  // the gate alone, then 4 + 4 + 2
}

TEST(GroupCommitWriterTest, WriteFromInsideAJobIsRefusedInsteadOfDeadlocking) {
  TempDir dir;
  auto store = open_store(dir.path());
  EXPECT_THROW(store->write([&](Transaction&) { store->write([](Transaction&) {}); }), std::logic_error);
  store->write([](Transaction& tx) { tx.insert_account(sample_account("u1", "one")); });
  EXPECT_TRUE(store->find_account_by_id("u1"));
}

TEST(GroupCommitWriterTest, CloseFinishesQueuedJobsThenRefusesNewOnes) {
  TempDir dir;
  auto store = open_store(dir.path());
  Outcome queued;
  store->submit([](Transaction& tx) { tx.insert_account(sample_account("u1", "one")); }, queued.callback());
  store->close();
  EXPECT_EQ(queued.promise.get_future().get(), nullptr);
  EXPECT_THROW(store->submit([](Transaction&) {}, nullptr), StoreUnavailable);
  EXPECT_TRUE(store->find_account_by_id("u1"));
}

}  // namespace
}  // namespace tongban::store
