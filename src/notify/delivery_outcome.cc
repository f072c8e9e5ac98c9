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

}  // namespace tongban::notify
