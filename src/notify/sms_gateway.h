// SmsGateway: the SMS adapter. Posts one notification to an HTTP SMS gateway through libcurl:
//
//   POST <url>   Authorization: Bearer <key>   Content-Type: application/json
//   {"to": "+85361234567", "text": "…", "reference": "N-…"}
//   -> 2xx {"id": "<gateway's message id>"}  delivered; 400/404/422 permanent; 408/429/5xx temporary;
//      401/403, no answer: technical (notify/delivery_outcome.h)
//
// The request shape is this project's own (each commercial gateway has its own; an operator puts a small bridge in
// front, or a new adapter is written against this interface). The key is read from a file by the CLI and never
// logged. The simulator the tests use speaks the same (notify/sms_simulator.h).
#pragma once

#include <chrono>
#include <string>

#include "notify/delivery_outcome.h"

namespace tongban::notify {

struct SmsGatewaySettings {
  std::string url;  // "https://sms.example.org/v1/messages"; http:// only for a gateway on loopback
  std::string api_key;
  std::chrono::seconds timeout{15};
};

class SmsGateway final : public ChannelAdapter {
 public:
  // std::invalid_argument when the URL is neither https:// nor http://127.0.0.1 / http://[::1] / http://localhost.
  explicit SmsGateway(SmsGatewaySettings settings);
  DeliveryOutcome send(const store::NotificationRecord& notification) override;

 private:
  SmsGatewaySettings settings_;
};

}  // namespace tongban::notify
