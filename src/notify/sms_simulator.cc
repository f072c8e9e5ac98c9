#include "notify/sms_simulator.h"

#include <boost/json.hpp>

#include "domain/problem.h"
#include "notify/delivery_outcome.h"

namespace tongban::notify {

SmsSimulator::SmsSimulator(std::string api_key, std::uint16_t port) : api_key_(std::move(api_key)) {
  router_.set_authenticator([this](std::string_view token) -> std::optional<domain::Actor> {
    if (token != api_key_) return std::nullopt;
    return domain::Actor{"sms-client", domain::Role::admin, "", ""};
  });
  router_.add({"POST", "/v1/messages", http::Access::signed_in(),
               [this](const http::Request& request, const http::Caller&) { return receive(request); },
               "Send one SMS (simulated)", 64 * 1024});
  router_.add({"GET", "/v1/messages", http::Access::signed_in(),
               [this](const http::Request&, const http::Caller&) {
                 boost::json::array list;
                 for (const auto& m : messages())
                   list.push_back({{"id", m.id}, {"to", m.to}, {"text", m.text}, {"reference", m.reference}});
                 return http::Response::json_text(200, boost::json::serialize(boost::json::object{{"messages", list}}));
               },
               "The messages accepted so far"});
  http::ServerOptions options;
  options.host = "127.0.0.1";
  options.port = port;
  options.handler_threads = 2;
  options.rate_per_second = 0;
  server_ = std::make_unique<http::Server>(options, router_);
  server_->start();
}

SmsSimulator::~SmsSimulator() {
  server_->stop();
}

std::string SmsSimulator::url() const {
  return "http://127.0.0.1:" + std::to_string(port()) + "/v1/messages";
}

void SmsSimulator::fail_next(const std::string& to, int status, int times) {
  std::lock_guard lock(mutex_);
  for (int i = 0; i < times; ++i) failures_[to].push_back(status);
}

std::vector<SimulatedSms> SmsSimulator::messages() const {
  std::lock_guard lock(mutex_);
  return messages_;
}

std::vector<std::string> SmsSimulator::refusals() const {
  std::lock_guard lock(mutex_);
  return refusals_;
}

http::Response SmsSimulator::receive(const http::Request& request) {
  boost::system::error_code error;
  auto parsed = boost::json::parse(request.body, error);
  const boost::json::object* body = !error && parsed.is_object() ? &parsed.as_object() : nullptr;
  auto field = [&](const char* name) -> std::string {
    const auto* value = body ? body->if_contains(name) : nullptr;
    return value && value->is_string() ? std::string(value->as_string()) : std::string();
  };
  SimulatedSms sms{"", field("to"), field("text"), field("reference")};
  std::lock_guard lock(mutex_);
  auto refuse = [&](int status, const std::string& why) {
    refusals_.push_back(std::to_string(status) + " " + sms.to);
    return http::Response::json_text(status, boost::json::serialize(boost::json::object{{"error", why}}));
  };
  if (!body || sms.text.empty()) return refuse(400, "a message needs \"to\" and \"text\"");
  if (!e164_phone_number(sms.to)) return refuse(400, "not an E.164 number");
  if (auto failing = failures_.find(sms.to); failing != failures_.end() && !failing->second.empty()) {
    int status = failing->second.front();
    failing->second.erase(failing->second.begin());
    return refuse(status, "simulated refusal");
  }
  sms.id = "SIM-" + std::to_string(messages_.size() + 1);
  messages_.push_back(sms);
  return http::Response::json_text(202, boost::json::serialize(boost::json::object{{"id", sms.id}}));
}

}  // namespace tongban::notify
