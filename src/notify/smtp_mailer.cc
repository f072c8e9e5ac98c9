#include "notify/smtp_mailer.h"

#include <curl/curl.h>
#include <fmt/format.h>
#include <sodium.h>

#include <cstring>
#include <ctime>
#include <memory>
#include <mutex>
#include <stdexcept>

namespace tongban::notify {
namespace {

std::string base64(std::string_view bytes) {
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                    sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

// RFC 2047 "B" encoded words, each at most 75 characters, split on UTF-8 character boundaries.
std::string encoded_words(std::string_view text) {
  std::string out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = std::min(text.size(), start + 45);  // 45 bytes -> 60 base64 characters
    while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + base64(text.substr(start, end - start)) + "?=";
    start = end;
  }
  return out;
}

std::string rfc5322_date_now() {
  std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char buffer[64];
  std::strftime(buffer, sizeof buffer, "%a, %d %b %Y %H:%M:%S +0000", &utc);
  return buffer;
}

struct Upload {
  std::string data;
  std::size_t offset = 0;
};

std::size_t read_upload(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* upload = static_cast<Upload*>(user);
  std::size_t n = std::min(size * count, upload->data.size() - upload->offset);
  std::memcpy(buffer, upload->data.data() + upload->offset, n);
  upload->offset += n;
  return n;
}

void global_init() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

}  // namespace

SmtpMailer::SmtpMailer(SmtpSettings settings) : settings_(std::move(settings)) {
  if (!settings_.url.starts_with("smtp://") && !settings_.url.starts_with("smtps://"))
    throw std::invalid_argument("the SMTP server must be an smtp:// or smtps:// URL");
  if (!plain_email_address(settings_.from)) throw std::invalid_argument("the From address is not a plain address");
  global_init();
}

std::string smtp_message(const store::NotificationRecord& n, const SmtpSettings& settings, const std::string& date) {
  std::string body = base64(n.body);
  std::string wrapped;
  for (std::size_t i = 0; i < body.size(); i += 76) wrapped += body.substr(i, 76) + "\r\n";
  return fmt::format(
      "Date: {}\r\nFrom: {} <{}>\r\nTo: <{}>\r\nSubject: {}\r\nMessage-ID: <{}@tongban>\r\nMIME-Version: 1.0\r\n"
      "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\nContent-Language: {}\r\n"
      "X-Tongban-Notification: {}\r\nX-Tongban-Case: {}\r\n\r\n{}",
      date, encoded_words(settings.from_name), settings.from, n.address, encoded_words(n.subject), n.id, n.language,
      n.id, n.case_id, wrapped);
}

DeliveryOutcome SmtpMailer::send(const store::NotificationRecord& notification) {
  if (!plain_email_address(notification.address))
    return {store::NotificationStatus::permanent_failure, "not a plain e-mail address", ""};
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), &curl_easy_cleanup);
  if (!curl) return {store::NotificationStatus::technical_failure, "libcurl could not start", ""};
  Upload upload{smtp_message(notification, settings_, rfc5322_date_now())};
  std::string from = "<" + settings_.from + ">";
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> recipients(
      curl_slist_append(nullptr, ("<" + notification.address + ">").c_str()), &curl_slist_free_all);
  char error[CURL_ERROR_SIZE] = {0};
  CURL* c = curl.get();
  curl_easy_setopt(c, CURLOPT_URL, settings_.url.c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_RCPT, recipients.get());
  curl_easy_setopt(c, CURLOPT_READFUNCTION, &read_upload);
  curl_easy_setopt(c, CURLOPT_READDATA, &upload);
  curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, static_cast<long>(settings_.timeout.count()));
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
  if (settings_.require_tls) curl_easy_setopt(c, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
  if (!settings_.username.empty()) {
    curl_easy_setopt(c, CURLOPT_USERNAME, settings_.username.c_str());
    curl_easy_setopt(c, CURLOPT_PASSWORD, settings_.password.c_str());
  }
  CURLcode result = curl_easy_perform(c);
  long reply = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &reply);
  DeliveryOutcome outcome;
  outcome.status = classify_smtp(result, reply);
  if (result == CURLE_OK) {
    outcome.reference = "smtp " + std::to_string(reply);
  } else {
    outcome.detail = fmt::format("SMTP {}: {}", reply, error[0] != 0 ? error : curl_easy_strerror(result));
  }
  return outcome;
}

}  // namespace tongban::notify
