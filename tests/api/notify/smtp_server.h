// A real local SMTP server for the tests: Debian's python3-aiosmtpd, started as its own process on 127.0.0.1 at a
// free port with the Maildir handler (`python3 -m aiosmtpd -n -l 127.0.0.1:PORT -c aiosmtpd.handlers.Mailbox DIR`),
// stopped (SIGTERM, then SIGKILL) and its folder removed by the destructor. messages() reads what it delivered.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace tongban::notify_test {

struct ReceivedMail {
  std::string to;
  std::string subject;           // decoded (RFC 2047)
  std::string content_language;  // Content-Language header
  std::string notification_id;   // X-Tongban-Notification
  std::string case_id;           // X-Tongban-Case
  std::string body;              // decoded (base64)
};

class SmtpServer {
 public:
  SmtpServer();
  ~SmtpServer();
  SmtpServer(const SmtpServer&) = delete;
  SmtpServer& operator=(const SmtpServer&) = delete;

  std::uint16_t port() const { return port_; }
  std::string url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }
  std::vector<ReceivedMail> messages() const;

 private:
  std::filesystem::path dir_;
  std::uint16_t port_ = 0;
  pid_t pid_ = -1;
};

// Parses one delivered message (headers, then a base64 text body).
ReceivedMail parse_mail(const std::string& raw);

}  // namespace tongban::notify_test
