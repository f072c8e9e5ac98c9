#include "notify/delivery_outcome.h"

#include <curl/curl.h>

#include <algorithm>

namespace tongban::notify {

using store::NotificationStatus;

NotificationStatus classify_smtp(int curl_code, long smtp_reply) {
  if (curl_code == CURLE_OK) return NotificationStatus::delivered;
  if (curl_code == CURLE_LOGIN_DENIED || curl_code == CURLE_USE_SSL_FAILED || curl_code == CURLE_SSL_CONNECT_ERROR)
    return NotificationStatus::technical_failure;  // our credentials or TLS set-up
  if (smtp_reply >= 500 && smtp_reply < 600) return NotificationStatus::permanent_failure;
  if (smtp_reply >= 400 && smtp_reply < 500) return NotificationStatus::temporary_failure;
  return NotificationStatus::technical_failure;  // no answer from the server: connection, timeout
}

NotificationStatus classify_sms_gateway(int curl_code, long http_status) {
  if (curl_code != CURLE_OK || http_status == 0) return NotificationStatus::technical_failure;
  if (http_status >= 200 && http_status < 300) return NotificationStatus::delivered;
  if (http_status == 401 || http_status == 403) return NotificationStatus::technical_failure;
  if (http_status == 408 || http_status == 429 || http_status >= 500) return NotificationStatus::temporary_failure;
  return NotificationStatus::permanent_failure;
}

bool plain_email_address(std::string_view address) {
  if (address.empty() || address.size() > 254) return false;
  auto at = address.find('@');
  if (at == std::string_view::npos || at == 0 || at + 1 >= address.size() || address.find('@', at + 1) != address.npos)
    return false;
  return std::none_of(address.begin(), address.end(), [](unsigned char c) {
    return c <= ' ' || c == 0x7f || c == '<' || c == '>' || c == '"' || c == ',' || c == ';' || c == '(' || c == ')' ||
           c == '\\' || c == '[' || c == ']';
  });
}

bool e164_phone_number(std::string_view phone) {
  if (phone.size() < 9 || phone.size() > 16 || phone[0] != '+') return false;
  return std::all_of(phone.begin() + 1, phone.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace tongban::notify
