#include "node/periodic_task.h"

#include <spdlog/spdlog.h>

#include <exception>

namespace tongban::node {

PeriodicTask::PeriodicTask(std::string name, std::function<void()> work, std::chrono::milliseconds interval)
    : name_(std::move(name)), work_(std::move(work)), interval_(interval) {}

PeriodicTask::~PeriodicTask() {
  stop();
}

void PeriodicTask::start() {
  std::lock_guard lock(mutex_);
  if (running_) return;
  running_ = true;
  stopping_ = false;
  thread_ = std::thread([this] { run(); });
}

void PeriodicTask::stop() {
  {
    std::lock_guard lock(mutex_);
    if (!running_) return;
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
  std::lock_guard lock(mutex_);
  running_ = false;
}

void PeriodicTask::run() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    lock.unlock();
    try {
      work_();
    } catch (const std::exception& error) {
      spdlog::warn("{}: failed: {}", name_, error.what());
    }
    lock.lock();
    wake_.wait_for(lock, interval_, [this] { return stopping_; });
  }
}

}  // namespace tongban::node
