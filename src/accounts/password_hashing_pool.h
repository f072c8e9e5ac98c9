// PasswordHashingPool: the few threads that run Argon2id for sign-in, registration and password changes, with a
// bounded queue in front of them.
//
// Why: one Argon2id at the interactive cost takes 64 MiB and tens of milliseconds. Run on the HTTP handler
// threads, a flood of wrong sign-ins multiplied that by every handler thread (memory from 52 MB to 1.7 GB, item
// reads from 1.6 ms to 6 s). Here at most `threads` hashes run at once (memory bounded by threads × memlimit) and
// at most `queue_limit` wait; a job beyond that is refused at once with PoolBusy, which the desks answer 429 with
// Retry-After, so the cost of a flood falls on the flood.
//
// Ownership: the pool owns its threads; the destructor lets running jobs finish, refuses queued ones (their callers
// get PoolBusy) and joins. run() blocks the calling thread until its job is done; it is thread-safe.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <future>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

namespace tongban::accounts {

// The pool's queue is full (or the pool is stopping): try again after `retry_after_seconds`.
class PoolBusy : public std::runtime_error {
 public:
  explicit PoolBusy(int retry_after_seconds)
      : std::runtime_error("password hashing is at capacity"), retry_after_seconds_(retry_after_seconds) {}
  int retry_after_seconds() const { return retry_after_seconds_; }

 private:
  int retry_after_seconds_;
};

struct PasswordHashingLimits {
  int threads = 2;              // hashes that run at once
  std::size_t queue_limit = 8;  // hashes that may wait for a thread
};

class PasswordHashingPool {
 public:
  explicit PasswordHashingPool(PasswordHashingLimits limits = {});
  ~PasswordHashingPool();
  PasswordHashingPool(const PasswordHashingPool&) = delete;
  PasswordHashingPool& operator=(const PasswordHashingPool&) = delete;

  // Runs `job` on a pool thread and returns its result (or rethrows its exception). Throws PoolBusy without
  // running it when `queue_limit` jobs wait already.
  template <typename Job>
  auto run(Job job) -> decltype(job()) {
    std::packaged_task<decltype(job())()> task(std::move(job));
    auto result = task.get_future();
    enqueue([&task] { task(); });
    return result.get();
  }

  // Jobs waiting for a thread, jobs run and jobs refused so far (for /metrics and tests).
  std::size_t waiting() const;
  std::size_t ran() const;
  std::size_t refused() const;
  const PasswordHashingLimits& limits() const { return limits_; }

 private:
  // Queues `work` (which must not throw) and returns once it has run. Throws PoolBusy when the queue is full.
  void enqueue(const std::function<void()>& work);
  void work_loop();

  PasswordHashingLimits limits_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::packaged_task<void()>> queue_;
  std::size_t ran_ = 0;
  std::size_t refused_ = 0;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace tongban::accounts
