// Signed carrier webhooks: a good signature passes; unsigned, malformed, stale (either side of the replay window)
// and badly signed calls are each refused with their own verdict; the MAC covers both the timestamp and the body.
#include "post/webhook_signature.h"

#include <gtest/gtest.h>

namespace tongban::post {
namespace {

constexpr std::string_view kSecret = "0123456789abcdef0123456789abcdef";
constexpr std::int64_t kNowMs = 1'790'000'000'000;
constexpr std::int64_t kNowS = kNowMs / 1000;
constexpr std::string_view kBody = R"({"events":[]})";

TEST(WebhookSignature, MatchesAnIndependentHmacSha256) {
  // printf '%s' '1790000000.{"events":[]}' | openssl dgst -sha256 -hmac 0123456789abcdef0123456789abcdef
  EXPECT_EQ(webhook_signature(kSecret, kNowS, kBody),
            "v1=75ce881acede6fab3d6f6a8529d23ed44aa1e636e5af639bf7b0584b33a9da0f");
}

TEST(WebhookSignature, AFreshCorrectSignatureIsValid) {
  auto signature = webhook_signature(kSecret, kNowS, kBody);
  EXPECT_EQ(verify_webhook(kSecret, std::to_string(kNowS), signature, kBody, kNowMs), WebhookVerdict::valid);
  // Anywhere inside the window, on either side of the node's clock.
  auto early = webhook_signature(kSecret, kNowS - 299, kBody);
  EXPECT_EQ(verify_webhook(kSecret, std::to_string(kNowS - 299), early, kBody, kNowMs), WebhookVerdict::valid);
  auto ahead = webhook_signature(kSecret, kNowS + 299, kBody);
  EXPECT_EQ(verify_webhook(kSecret, std::to_string(kNowS + 299), ahead, kBody, kNowMs), WebhookVerdict::valid);
}

TEST(WebhookSignature, UnsignedAndMalformedCallsAreRefused) {
  auto signature = webhook_signature(kSecret, kNowS, kBody);
  EXPECT_EQ(verify_webhook(kSecret, "", signature, kBody, kNowMs), WebhookVerdict::unsigned_call);
  EXPECT_EQ(verify_webhook(kSecret, std::to_string(kNowS), "", kBody, kNowMs), WebhookVerdict::unsigned_call);
  EXPECT_EQ(verify_webhook(kSecret, "17900000x0", signature, kBody, kNowMs), WebhookVerdict::malformed);
  EXPECT_EQ(verify_webhook(kSecret, "-1", signature, kBody, kNowMs), WebhookVerdict::malformed);
  EXPECT_EQ(verify_webhook(kSecret, std::to_string(kNowS), signature.substr(3), kBody, kNowMs),
            WebhookVerdict::malformed);
  EXPECT_EQ(verify_webhook(kSecret, std::to_string(kNowS), "v1=" + std::string(64, 'G'), kBody, kNowMs),
            WebhookVerdict::malformed);
}

TEST(WebhookSignature, StaleCallsAreRefusedEvenWhenCorrectlySigned) {
  auto old = webhook_signature(kSecret, kNowS - 301, kBody);
  EXPECT_EQ(verify_webhook(kSecret, std::to_string(kNowS - 301), old, kBody, kNowMs), WebhookVerdict::stale);
  auto future = webhook_signature(kSecret, kNowS + 301, kBody);
  EXPECT_EQ(verify_webhook(kSecret, std::to_string(kNowS + 301), future, kBody, kNowMs), WebhookVerdict::stale);
}

TEST(WebhookSignature, AnyChangeBreaksTheSignature) {
  auto signature = webhook_signature(kSecret, kNowS, kBody);
  // Another body, another timestamp under the same MAC, another carrier's secret, one flipped hex digit.
  EXPECT_EQ(verify_webhook(kSecret, std::to_string(kNowS), signature, R"({"events":[1]})", kNowMs),
            WebhookVerdict::bad_signature);
  EXPECT_EQ(verify_webhook(kSecret, std::to_string(kNowS + 1), signature, kBody, kNowMs),
            WebhookVerdict::bad_signature);
  EXPECT_EQ(verify_webhook("another-carrier-secret-0123456789", std::to_string(kNowS), signature, kBody, kNowMs),
            WebhookVerdict::bad_signature);
  std::string flipped = signature;
  flipped.back() = flipped.back() == '0' ? '1' : '0';
  EXPECT_EQ(verify_webhook(kSecret, std::to_string(kNowS), flipped, kBody, kNowMs), WebhookVerdict::bad_signature);
}

}  // namespace
}  // namespace tongban::post
