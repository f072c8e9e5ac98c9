// PeriodicTask: one thread that runs a piece of a node's work at once and then again every interval until it is
// stopped — the e-certificate status lists (certificates/certificate_service.h) and the region's daily figures
// (region/region_exchange.h). A run that throws is logged (as a warning naming the task) and the next run comes at
// the next interval: periodic work must outlive a bad moment of the store or the network.
//
// Ownership: owns its thread. start() is idempotent; stop() wakes the thread, waits for a run in progress to end,
// and joins; the destructor stops. The work must not call stop() (it would wait for itself). Thread-safe.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace tongban::node {

class PeriodicTask {
 public:
  // name: for the log ("certificates: status list"); work: one run; interval: between the end of a run and the next.
  PeriodicTask(std::string name, std::function<void()> work, std::chrono::milliseconds interval);
  ~PeriodicTask();
  PeriodicTask(const PeriodicTask&) = delete;
  PeriodicTask& operator=(const PeriodicTask&) = delete;

  void start();
  void stop();

 private:
  void run();

  std::string name_;
  std::function<void()> work_;
  std::chrono::milliseconds interval_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::thread thread_;
  bool running_ = false;
  bool stopping_ = false;
};

}  // namespace tongban::node
