// SmtpMailer: the e-mail adapter. Sends one notification as one plain-text UTF-8 message through libcurl's SMTP
// support (RFC 5321 dialogue, STARTTLS, AUTH): we build only the message itself (RFC 5322 headers, the subject as
// an RFC 2047 encoded word, the body base64), which libcurl has no builder for that keeps our header order.
//
// Settings (docs/notifications.md "Operator settings"): the server URL — smtp://HOST:PORT (plain, for a relay on
// loopback), smtp://… with require_tls (STARTTLS required) or smtps://HOST:PORT (TLS from the start) — the
// envelope and From address, an optional user name and password (the password is read from a file by the CLI and
// never logged), and a timeout. Classification of the answers: notify/delivery_outcome.h.
//
// Thread-safety: send() may be called from one thread at a time (the sender's).
#pragma once

#include <chrono>
#include <string>

#include "notify/delivery_outcome.h"

namespace tongban::notify {

struct SmtpSettings {
  std::string url;   // "smtp://127.0.0.1:2525", "smtps://mail.example.org:465"
  std::string from;  // "notices@tongban.example"
  std::string from_name = "Tongban 通办";
  std::string username;
  std::string password;
  bool require_tls = false;  // STARTTLS required on smtp://
  std::chrono::seconds timeout{30};
};

class SmtpMailer final : public ChannelAdapter {
 public:
  // std::invalid_argument when the URL is not smtp:// or smtps:// or `from` is not a plain address.
  explicit SmtpMailer(SmtpSettings settings);
  DeliveryOutcome send(const store::NotificationRecord& notification) override;

 private:
  SmtpSettings settings_;
};

// The RFC 5322 message of a notification (CRLF line ends), for the mailer and its tests. `date` is the Date header.
std::string smtp_message(const store::NotificationRecord& notification, const SmtpSettings& settings,
                         const std::string& date);

}  // namespace tongban::notify
