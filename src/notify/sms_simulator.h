// SmsSimulator: a small HTTP SMS gateway for the tests and the demo, speaking what notify/sms_gateway.h sends. It
// listens on 127.0.0.1 (any free port by default), checks the bearer key, records every message it accepts, and can
// be told to refuse the next messages to a number with a given HTTP status (503 or 429: a temporary failure the
// sender retries; 400: a permanent one). Numbers that are not E.164 are refused 400, as a real gateway would.
//
//   POST /v1/messages  {"to", "text", "reference"} -> 202 {"id": "SIM-<n>"} | 400 | 401 | the status set by fail_next
//   GET  /v1/messages  -> 200 {"messages": [{"id", "to", "text", "reference"}, …]}  (with the key too)
//
// Owns its router and server; the destructor stops the server. Thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "http/router.h"
#include "http/server.h"

namespace tongban::notify {

struct SimulatedSms {
  std::string id;
  std::string to;
  std::string text;
  std::string reference;
};

class SmsSimulator {
 public:
  explicit SmsSimulator(std::string api_key, std::uint16_t port = 0);
  ~SmsSimulator();
  SmsSimulator(const SmsSimulator&) = delete;
  SmsSimulator& operator=(const SmsSimulator&) = delete;

  std::uint16_t port() const { return server_->port(); }
  std::string url() const;  // http://127.0.0.1:<port>/v1/messages

  // The next `times` messages to `to` are answered `status` instead of being accepted.
  void fail_next(const std::string& to, int status, int times = 1);
  std::vector<SimulatedSms> messages() const;
  // Requests answered with a refusal (fail_next, bad number), in order: "<status> <to>".
  std::vector<std::string> refusals() const;

 private:
  http::Response receive(const http::Request& request);

  std::string api_key_;
  mutable std::mutex mutex_;
  std::vector<SimulatedSms> messages_;
  std::vector<std::string> refusals_;
  std::map<std::string, std::vector<int>> failures_;  // per number, the statuses still to answer
  http::Router router_;
  std::unique_ptr<http::Server> server_;
};

}  // namespace tongban::notify
