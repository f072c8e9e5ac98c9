#include "post/webhook_signature.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <charconv>
#include <stdexcept>

namespace tongban::post {
namespace {

std::string hmac_hex(std::string_view secret, std::int64_t timestamp_s, std::string_view body) {
  std::string message = std::to_string(timestamp_s) + "." + std::string(body);
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
           reinterpret_cast<const unsigned char*>(message.data()), message.size(), mac, &length) == nullptr)
    throw std::runtime_error("HMAC-SHA256 failed");
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(length * 2);
  for (unsigned int i = 0; i < length; ++i) {
    hex += kHex[mac[i] >> 4];
    hex += kHex[mac[i] & 0xf];
  }
  return hex;
}

bool lower_hex(std::string_view text) {
  for (char c : text)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

}  // namespace

std::string webhook_signature(std::string_view secret, std::int64_t timestamp_s, std::string_view body) {
  return "v1=" + hmac_hex(secret, timestamp_s, body);
}

std::string_view to_string(WebhookVerdict verdict) {
  switch (verdict) {
    case WebhookVerdict::valid: return "valid";
    case WebhookVerdict::unsigned_call: return "unsigned";
    case WebhookVerdict::malformed: return "malformed";
    case WebhookVerdict::stale: return "stale";
    case WebhookVerdict::bad_signature: return "bad_signature";
  }
  return "unknown";
}

WebhookVerdict verify_webhook(std::string_view secret, std::string_view timestamp_header,
                              std::string_view signature_header, std::string_view body, std::int64_t now_ms) {
  if (timestamp_header.empty() || signature_header.empty()) return WebhookVerdict::unsigned_call;
  std::int64_t timestamp = 0;
  auto [end, error] =
      std::from_chars(timestamp_header.data(), timestamp_header.data() + timestamp_header.size(), timestamp);
  if (error != std::errc() || end != timestamp_header.data() + timestamp_header.size() ||
      timestamp_header.size() > 12 || timestamp_header.front() == '-' || timestamp_header.front() == '+')
    return WebhookVerdict::malformed;
  if (!signature_header.starts_with("v1=") || signature_header.size() != 3 + 64 ||
      !lower_hex(signature_header.substr(3)))
    return WebhookVerdict::malformed;
  const std::int64_t now_s = now_ms / 1000;
  if (timestamp < now_s - kReplayWindowSeconds || timestamp > now_s + kReplayWindowSeconds)
    return WebhookVerdict::stale;
  const std::string expected = hmac_hex(secret, timestamp, body);
  if (CRYPTO_memcmp(expected.data(), signature_header.data() + 3, expected.size()) != 0)
    return WebhookVerdict::bad_signature;
  return WebhookVerdict::valid;
}

}  // namespace tongban::post
