#include "notify/sms_gateway.h"

#include <curl/curl.h>
#include <fmt/format.h>

#include <boost/json.hpp>
#include <memory>
#include <mutex>
#include <stdexcept>

namespace tongban::notify {
namespace {

std::size_t collect(char* data, std::size_t size, std::size_t count, void* user) {
  auto* out = static_cast<std::string*>(user);
  if (out->size() + size * count > 64 * 1024) return 0;  // a gateway's answer is small; refuse a flood
  out->append(data, size * count);
  return size * count;
}

bool loopback_http(const std::string& url) {
  for (std::string_view prefix : {"http://127.0.0.1:", "http://127.0.0.1/", "http://[::1]:", "http://localhost:"})
    if (url.starts_with(prefix)) return true;
  return false;
}

}  // namespace

SmsGateway::SmsGateway(SmsGatewaySettings settings) : settings_(std::move(settings)) {
  if (!settings_.url.starts_with("https://") && !loopback_http(settings_.url))
    throw std::invalid_argument("the SMS gateway must be an https:// URL (http:// only on loopback)");
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

DeliveryOutcome SmsGateway::send(const store::NotificationRecord& notification) {
  if (!e164_phone_number(notification.address))
    return {store::NotificationStatus::permanent_failure, "not an E.164 phone number", ""};
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), &curl_easy_cleanup);
  if (!curl) return {store::NotificationStatus::technical_failure, "libcurl could not start", ""};
  std::string body = boost::json::serialize(
      boost::json::object{{"to", notification.address}, {"text", notification.body}, {"reference", notification.id}});
  std::string authorization = "Authorization: Bearer " + settings_.api_key;
  curl_slist* raw = curl_slist_append(nullptr, "Content-Type: application/json");
  raw = curl_slist_append(raw, authorization.c_str());
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> headers(raw, &curl_slist_free_all);
  std::string answer;
  char error[CURL_ERROR_SIZE] = {0};
  CURL* c = curl.get();
  curl_easy_setopt(c, CURLOPT_URL, settings_.url.c_str());
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(c, CURLOPT_POSTFIELDS, body.c_str());
  curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, &collect);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &answer);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, static_cast<long>(settings_.timeout.count()));
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
  CURLcode result = curl_easy_perform(c);
  long status = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
  DeliveryOutcome outcome;
  outcome.status = classify_sms_gateway(result, status);
  if (result != CURLE_OK) {
    outcome.detail = fmt::format("gateway: {}", error[0] != 0 ? error : curl_easy_strerror(result));
    return outcome;
  }
  if (outcome.status == store::NotificationStatus::delivered) {
    boost::system::error_code parse_error;
    auto parsed = boost::json::parse(answer, parse_error);
    if (!parse_error && parsed.is_object())
      if (const auto* id = parsed.as_object().if_contains("id"); id && id->is_string())
        outcome.reference = std::string(id->as_string()).substr(0, 200);
  } else {
    outcome.detail = fmt::format("gateway HTTP {}: {}", status, answer.substr(0, 200));
  }
  return outcome;
}

}  // namespace tongban::notify
