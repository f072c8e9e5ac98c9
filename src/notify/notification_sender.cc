#include "notify/notification_sender.h"

#include <spdlog/spdlog.h>

#include "domain/notification_policy.h"

namespace tongban::notify {

using store::NotificationStatus;

NotificationSender::NotificationSender(node::Node& node, SenderSettings settings, std::unique_ptr<ChannelAdapter> email,
                                       std::unique_ptr<ChannelAdapter> sms)
    : node_(node), settings_(settings), email_(std::move(email)), sms_(std::move(sms)) {}

NotificationSender::~NotificationSender() {
  stop();
}

void NotificationSender::start() {
  if (thread_.joinable()) return;
  node_.notifier().set_wake([this] { wake(); });
  thread_ = std::thread([this] { loop(); });
}

void NotificationSender::stop() {
  node_.notifier().set_wake(nullptr);
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wakeup_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void NotificationSender::wake() {
  {
    std::lock_guard lock(mutex_);
    woken_ = true;
  }
  wakeup_.notify_all();
}

SenderCounts NotificationSender::counts() const {
  std::lock_guard lock(mutex_);
  return counts_;
}

void NotificationSender::loop() {
  while (true) {
    {
      std::unique_lock lock(mutex_);
      wakeup_.wait_for(lock, settings_.poll, [this] { return woken_ || stopping_; });
      if (stopping_) return;
      woken_ = false;
    }
    try {
      while (run_once() == settings_.batch) {
        std::lock_guard lock(mutex_);
        if (stopping_) return;
      }
    } catch (const std::exception& error) {
      spdlog::warn("notification sender: {}", error.what());  // the store is closing or failed; try again later
    }
  }
}

int NotificationSender::run_once() {
  std::lock_guard pass(pass_mutex_);
  std::int64_t now = node_.now_ms();
  auto leased = node_.store().transact([&](store::Transaction& tx) {
    return tx.lease_due_notifications(now, settings_.batch, now + settings_.lease_ms);
  });
  for (const auto& notification : leased) {
    ChannelAdapter* adapter = notification.channel == "email" ? email_.get()
                              : notification.channel == "sms" ? sms_.get()
                                                              : nullptr;
    DeliveryOutcome outcome =
        adapter ? adapter->send(notification)
                : DeliveryOutcome{NotificationStatus::technical_failure, "no adapter for " + notification.channel, ""};
    std::int64_t done_at = node_.now_ms();
    bool retry = outcome.status == NotificationStatus::temporary_failure ||
                 outcome.status == NotificationStatus::technical_failure;
    bool settled =
        outcome.status != NotificationStatus::delivered && (!retry || notification.attempts >= settings_.max_attempts);
    std::int64_t next = retry && !settled ? done_at + domain::retry_backoff_ms(notification.attempts) : 0;
    node_.store().write([&](store::Transaction& tx) {
      tx.record_notification_result(notification.id, outcome.status, settled, next, outcome.detail, outcome.reference,
                                    done_at);
    });
    {
      std::lock_guard lock(mutex_);
      ++counts_.attempts;
      if (outcome.status == NotificationStatus::delivered)
        ++counts_.delivered;
      else
        ++counts_.failed;
    }
    if (outcome.status != NotificationStatus::delivered)
      spdlog::info("notification {} ({} to {}): {} — {}", notification.id, notification.channel, notification.recipient,
                   store::to_string(outcome.status), outcome.detail);
  }
  return static_cast<int>(leased.size());
}

}  // namespace tongban::notify
