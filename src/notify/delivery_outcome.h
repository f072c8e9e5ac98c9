// What a provider adapter answers for one notification, and how the sender classifies providers' answers into the
// GOV.UK Notify statuses (store/store.h NotificationStatus). Pure functions, no I/O: the adapters pass in what
// libcurl and the provider said.
//
//   delivered          the provider took the message (SMTP: the transfer completed with 250; gateway: 2xx)
//   permanent-failure  the provider refused it for good: SMTP 5xx (e.g. 550 no such mailbox), gateway 400/404/422,
//                      or an address we refuse to send to (not a plain address, control characters)
//   temporary-failure  the provider refused it for now: SMTP 4xx (e.g. 451, 452), gateway 408/429/5xx
//   technical-failure  our side: cannot connect, timed out, TLS or login failure, gateway 401/403 (our key), no
//                      adapter configured for the channel
#pragma once

#include <string>
#include <string_view>

#include "store/store.h"

namespace tongban::notify {

struct DeliveryOutcome {
  store::NotificationStatus status = store::NotificationStatus::technical_failure;
  std::string detail;     // the provider's answer or our error, for the operator; never a secret
  std::string reference;  // the provider's id of the message, when it gave one
};

// An adapter for one channel. send() blocks for at most the adapter's timeout and never throws.
class ChannelAdapter {
 public:
  virtual ~ChannelAdapter() = default;
  virtual DeliveryOutcome send(const store::NotificationRecord& notification) = 0;
};

// The outcome of an SMTP transfer from libcurl's result code (CURLE_OK = 0) and the last SMTP reply code (0 when
// none was read).
store::NotificationStatus classify_smtp(int curl_code, long smtp_reply);
// The outcome of a gateway request from libcurl's result code and the HTTP status (0 when none was read).
store::NotificationStatus classify_sms_gateway(int curl_code, long http_status);

// Whether an e-mail address is safe and plain enough to put in an SMTP envelope and a header: local@domain, at most
// 254 bytes, no spaces, control characters, angle brackets, quotes, commas or semicolons.
bool plain_email_address(std::string_view address);
// Whether a phone number is E.164: '+' and 8 to 15 digits.
bool e164_phone_number(std::string_view phone);

}  // namespace tongban::notify
