// The notification settings of `tongban serve` / `demo` (docs/notifications.md "Operator settings") and the sender
// they start: flags, or the [notifications] section of --config.
//
//   --smtp-url smtp://HOST:PORT | smtps://HOST:PORT   --smtp-from ADDRESS   --smtp-user NAME
//   --smtp-password-file FILE   --smtp-require-tls     (STARTTLS required on smtp://)
//   --sms-gateway-url URL       --sms-gateway-key-file FILE
//   --notify-quiet-hours HH:MM-HH:MM | off             (default 22:00-08:00, recipient's local time)
//   --notify-max-per-hour N                            (optional notices per recipient and channel; default 5)
//
// Secrets are read from files, never from flags (which show in the process list): the file must belong to the
// user running the node and be readable by it alone (mode 0600 or stricter), else the node refuses to start
// (UsageError). No --smtp-url: e-mail notifications stay in the outbox as technical-failure ("no adapter"), the
// in-app inbox works regardless; the same for SMS.
#pragma once

#include <CLI/App.hpp>
#include <memory>
#include <string>

#include "domain/notification_policy.h"
#include "node/node.h"
#include "notify/notification_sender.h"

namespace tongban::cli {

struct NotificationOptions {
  std::string smtp_url;
  std::string smtp_from = "notices@tongban.invalid";
  std::string smtp_user;
  std::string smtp_password_file;
  bool smtp_require_tls = false;
  std::string sms_gateway_url;
  std::string sms_gateway_key_file;
  std::string quiet_hours = "22:00-08:00";
  int max_per_hour = 5;
};

void add_notification_options(CLI::App* command, NotificationOptions& options);
// "22:00-08:00" -> QuietHours; "off" -> none. UsageError otherwise.
domain::QuietHours parse_quiet_hours(const std::string& text);
// Sets the node's notification policy and makes (not starts) the sender with the configured adapters.
// UsageError for a bad URL, a missing or unprivate secret file.
std::unique_ptr<notify::NotificationSender> make_notification_sender(node::Node& node,
                                                                     const NotificationOptions& options);

}  // namespace tongban::cli
