#include "cli/notification_options.h"

#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <regex>
#include <sstream>

#include "cli/commands.h"
#include "notify/sms_gateway.h"
#include "notify/smtp_mailer.h"

namespace tongban::cli {
namespace {

std::string read_secret(const std::string& path, const char* flag) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) throw UsageError(std::string(flag) + " " + path + ": no such file");
  if ((info.st_mode & 077) != 0 || info.st_uid != ::geteuid())
    throw UsageError(std::string(flag) + " " + path + ": must be yours and private (chmod 600)");
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  std::string secret = text.str();
  while (!secret.empty() && (secret.back() == '\n' || secret.back() == '\r')) secret.pop_back();
  if (secret.empty()) throw UsageError(std::string(flag) + " " + path + ": is empty");
  return secret;
}

}  // namespace

void add_notification_options(CLI::App* command, NotificationOptions& options) {
  command->add_option("--smtp-url", options.smtp_url,
                      "SMTP server for e-mail notifications: smtp://HOST:PORT or smtps://HOST:PORT (none: no e-mail)");
  command->add_option("--smtp-from", options.smtp_from, "Envelope and From address of notification mails")
      ->capture_default_str();
  command->add_option("--smtp-user", options.smtp_user, "SMTP user name (with --smtp-password-file)");
  command->add_option("--smtp-password-file", options.smtp_password_file, "File holding the SMTP password (mode 0600)");
  command->add_flag("--smtp-require-tls", options.smtp_require_tls, "Require STARTTLS on an smtp:// server");
  command->add_option("--sms-gateway-url", options.sms_gateway_url,
                      "HTTP SMS gateway for SMS notifications (https://; http:// only on loopback)");
  command->add_option("--sms-gateway-key-file", options.sms_gateway_key_file,
                      "File holding the SMS gateway's bearer key (mode 0600)");
  command
      ->add_option("--notify-quiet-hours", options.quiet_hours,
                   "Quiet hours for optional notices in the recipient's local time, HH:MM-HH:MM, or off")
      ->check([](const std::string& text) {
        try {
          parse_quiet_hours(text);
          return std::string();
        } catch (const UsageError& error) {
          return std::string(error.what());
        }
      })
      ->capture_default_str();
  command
      ->add_option("--notify-max-per-hour", options.max_per_hour,
                   "Optional notices per recipient and channel in any hour; more wait (0: no limit)")
      ->check(CLI::Range(0, 1000))
      ->capture_default_str();
}

domain::QuietHours parse_quiet_hours(const std::string& text) {
  if (text == "off") return domain::QuietHours{0, 0};
  static const std::regex pattern(R"(([01][0-9]|2[0-3]):([0-5][0-9])-([01][0-9]|2[0-3]):([0-5][0-9]))");
  std::smatch m;
  if (!std::regex_match(text, m, pattern)) throw UsageError("quiet hours must be HH:MM-HH:MM or off");
  return domain::QuietHours{std::stoi(m[1]) * 60 + std::stoi(m[2]), std::stoi(m[3]) * 60 + std::stoi(m[4])};
}

std::unique_ptr<notify::NotificationSender> make_notification_sender(node::Node& node,
                                                                     const NotificationOptions& options) {
  domain::NotificationPolicy policy;
  policy.quiet_hours = parse_quiet_hours(options.quiet_hours);
  policy.rate_limit = {options.max_per_hour, 3'600'000};
  node.notifier().set_policy(policy);
  std::unique_ptr<notify::ChannelAdapter> email;
  std::unique_ptr<notify::ChannelAdapter> sms;
  try {
    if (!options.smtp_url.empty()) {
      notify::SmtpSettings settings;
      settings.url = options.smtp_url;
      settings.from = options.smtp_from;
      settings.username = options.smtp_user;
      if (!options.smtp_password_file.empty())
        settings.password = read_secret(options.smtp_password_file, "--smtp-password-file");
      settings.require_tls = options.smtp_require_tls;
      email = std::make_unique<notify::SmtpMailer>(settings);
    }
    if (!options.sms_gateway_url.empty()) {
      if (options.sms_gateway_key_file.empty()) throw UsageError("--sms-gateway-url needs --sms-gateway-key-file");
      notify::SmsGatewaySettings settings;
      settings.url = options.sms_gateway_url;
      settings.api_key = read_secret(options.sms_gateway_key_file, "--sms-gateway-key-file");
      sms = std::make_unique<notify::SmsGateway>(settings);
    }
  } catch (const std::invalid_argument& error) {
    throw UsageError(error.what());
  }
  return std::make_unique<notify::NotificationSender>(node, notify::SenderSettings{}, std::move(email), std::move(sms));
}

}  // namespace tongban::cli
