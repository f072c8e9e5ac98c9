// NotificationSender: the thread of a running node that empties the notification outbox (store/store.h
// NotificationRecord) through the channel adapters — e-mail (SmtpMailer), SMS (SmsGateway).
//
// One pass: lease the due rows (status sending, attempts + 1, held until now + lease so a sender that dies loses
// them then and they are tried again: at-least-once), send each through its channel's adapter, and record the
// outcome: delivered and permanent-failure settle the row; temporary- and technical-failure are retried after
// domain::retry_backoff_ms(attempts) (30 s, 1 min, 2 min, … up to 1 h) until max_attempts, and then settle with
// that status. A channel without an adapter gives technical-failure (retried: the operator may configure it and
// restart). The thread runs a pass when woken (node::Notifier wakes it after each commit that wrote rows to send)
// and at least every `poll` (retries and rows released from quiet hours fall due by time).
//
// Ownership: borrows the Node (its store and clock), owns the adapters and the thread. stop() (or the destructor)
// ends the thread after the pass under way; detaches the wake hook first.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <thread>

#include "node/node.h"
#include "notify/delivery_outcome.h"

namespace tongban::notify {

struct SenderSettings {
  int batch = 20;
  std::int64_t lease_ms = 120'000;
  int max_attempts = 6;
  std::chrono::milliseconds poll{2000};
};

struct SenderCounts {
  std::int64_t attempts = 0;
  std::int64_t delivered = 0;
  std::int64_t failed = 0;  // attempts that did not deliver
};

class NotificationSender {
 public:
  NotificationSender(node::Node& node, SenderSettings settings, std::unique_ptr<ChannelAdapter> email,
                     std::unique_ptr<ChannelAdapter> sms);
  ~NotificationSender();
  NotificationSender(const NotificationSender&) = delete;
  NotificationSender& operator=(const NotificationSender&) = delete;

  // Starts the thread and attaches the wake hook to the node's Notifier.
  void start();
  void stop();
  // One pass now, on the caller's thread (tests; the thread calls it too). Returns how many rows it attempted.
  int run_once();
  void wake();
  SenderCounts counts() const;

 private:
  void loop();

  node::Node& node_;
  SenderSettings settings_;
  std::unique_ptr<ChannelAdapter> email_;
  std::unique_ptr<ChannelAdapter> sms_;
  std::mutex pass_mutex_;  // one pass at a time (thread and run_once)
  mutable std::mutex mutex_;
  std::condition_variable wakeup_;
  bool woken_ = false;
  bool stopping_ = false;
  SenderCounts counts_;
  std::thread thread_;
};

}  // namespace tongban::notify
