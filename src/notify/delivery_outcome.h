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

#include "domain/notification_policy.h"
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

// The address checks are the domain's (domain/notification_policy.h), used again here before each send.
using domain::e164_phone_number;
using domain::plain_email_address;

}  // namespace tongban::notify
