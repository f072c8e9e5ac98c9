#include "accounts/password_hashing_pool.h"

#include <utility>

namespace tongban::accounts {

PasswordHashingPool::PasswordHashingPool(PasswordHashingLimits limits) : limits_(limits) {
  if (limits_.threads < 1) limits_.threads = 1;
  threads_.reserve(static_cast<std::size_t>(limits_.threads));
  for (int i = 0; i < limits_.threads; ++i) threads_.emplace_back([this] { work_loop(); });
}

PasswordHashingPool::~PasswordHashingPool() {
  std::deque<std::packaged_task<void()>> abandoned;
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    abandoned.swap(queue_);
  }
  wake_.notify_all();
  // Destroying a packaged_task that never ran makes its caller's future throw broken_promise; enqueue turns that
  // into PoolBusy.
  abandoned.clear();
  for (auto& thread : threads_) thread.join();
}

void PasswordHashingPool::enqueue(const std::function<void()>& work) {
  std::packaged_task<void()> task(work);
  auto done = task.get_future();
  {
    std::lock_guard lock(mutex_);
    if (stopping_ || queue_.size() >= limits_.queue_limit) {
      ++refused_;
      throw PoolBusy(1);
    }
    queue_.push_back(std::move(task));
  }
  wake_.notify_one();
  try {
    done.get();
  } catch (const std::future_error&) {
    throw PoolBusy(1);  // the pool stopped before the job ran
  }
}

void PasswordHashingPool::work_loop() {
  for (;;) {
    std::packaged_task<void()> task;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;
      task = std::move(queue_.front());
      queue_.pop_front();
    }
    task();
    std::lock_guard lock(mutex_);
    ++ran_;
  }
}

std::size_t PasswordHashingPool::waiting() const {
  std::lock_guard lock(mutex_);
  return queue_.size();
}

std::size_t PasswordHashingPool::ran() const {
  std::lock_guard lock(mutex_);
  return ran_;
}

std::size_t PasswordHashingPool::refused() const {
  std::lock_guard lock(mutex_);
  return refused_;
}

}  // namespace tongban::accounts
