#include "case_workload.h"

#include <fmt/format.h>

#include <boost/json.hpp>
#include <span>
#include <utility>

#include "loopback_http.h"
#include "reply_json.h"

namespace tongban::fault_test {
namespace {

using namespace std::chrono_literals;

bool transient(const HttpReply& answer) {
  return answer.status == 0 || answer.status == 429 || answer.status >= 500;
}

struct Step {
  const char* action;
  const char* target;
  const char* note;
};

constexpr Step kApprove[] = {{"accept", "accepted", nullptr},   {"start_review", "in_review", nullptr},
                             {"approve", "approved", nullptr},  {"issue_result", "result_issued", nullptr},
                             {"deliver", "delivered", nullptr}, {"close", "closed", nullptr}};
constexpr Step kReject[] = {{"accept", "accepted", nullptr},
                            {"reject", "rejected", "The marriage record does not match the register."},
                            {"close", "closed", nullptr}};

}  // namespace

CaseWorkload::CaseWorkload(CaseWorkloadSetup setup) : setup_(std::move(setup)), port_(setup_.port) {}

CaseWorkload::~CaseWorkload() {
  stop();
}

void CaseWorkload::start() {
  for (int i = 0; i < setup_.clients; ++i) clients_.emplace_back([this] { client_loop(); });
}

void CaseWorkload::stop() {
  stopping_.store(true);
  for (auto& client : clients_)
    if (client.joinable()) client.join();
}

std::vector<Acknowledged> CaseWorkload::acknowledged() const {
  std::lock_guard lock(mutex_);
  return acknowledged_;
}

std::vector<std::string> CaseWorkload::errors() const {
  std::lock_guard lock(mutex_);
  return errors_;
}

void CaseWorkload::record(Acknowledged ack) {
  std::lock_guard lock(mutex_);
  acknowledged_.push_back(std::move(ack));
}

void CaseWorkload::error(std::string text) {
  std::lock_guard lock(mutex_);
  errors_.push_back(std::move(text));
}

void CaseWorkload::client_loop() {
  while (!stopping_.load()) walk(next_++);
}

void CaseWorkload::walk(int number) {
  std::string id;
  std::int64_t version = 0;
  if (!open_case(number, id, version)) return;
  for (const Step& step : number % 3 == 2 ? std::span<const Step>(kReject) : std::span<const Step>(kApprove)) {
    boost::json::object request{{"action", step.action}};
    if (step.note) request["note"] = step.note;
    if (!act(id, boost::json::serialize(request), step.target, version)) return;
  }
}

bool CaseWorkload::open_case(int number, std::string& id, std::int64_t& version) {
  boost::json::array materials;
  for (const auto& [material, sha256] : setup_.materials)
    materials.push_back({{"material_id", material}, {"blob", sha256}});
  boost::json::object application{{"item_code", "JM-CA-006"},
                                  {"applicant_id", setup_.applicant_id},
                                  {"form",
                                   {{"applicant_name", fmt::format("陈大文 {}", number)},
                                    {"id_number", {{"type", "CN_RIC"}, {"number", setup_.applicant_id_number}}},
                                    {"phone", "+8613812345678"},
                                    {"purpose", "employment"},
                                    {"consent_transfer", true}}},
                                  {"materials", std::move(materials)},
                                  {"delivery_method", "electronic"}};
  const std::string body = boost::json::serialize(application);
  const std::string key = fmt::format("crash-case-{}", number);
  HttpReply answer;
  do {
    if (stopping_.load()) return false;
    answer = http_call_as(setup_.clerk_token, port_.load(), "POST", "/api/v1/cases", body, {{"Idempotency-Key", key}});
    if (transient(answer)) std::this_thread::sleep_for(20ms);
  } while (transient(answer));
  if (answer.status != 201 && answer.status != 200) {
    error(fmt::format("open {}: HTTP {} {}", key, answer.status, answer.body.substr(0, 300)));
    return false;
  }
  auto kase = parsed(answer);
  id = text(kase, "id");
  version = integer(kase, "version");
  record({id, "submit", version, text(kase, "state")});
  return true;
}

bool CaseWorkload::act(const std::string& id, const std::string& body, const std::string& target,
                       std::int64_t& version) {
  const std::string path = "/api/v1/cases/" + id;
  HttpReply answer;
  bool retried = false;
  do {
    if (stopping_.load()) return false;
    answer = http_call_as(setup_.reviewer_token, port_.load(), "POST", path + "/actions", body,
                          {{"If-Match", "\"" + std::to_string(version) + "\""}});
    if (transient(answer)) {
      retried = true;
      std::this_thread::sleep_for(20ms);
    }
  } while (transient(answer));
  if (answer.status == 200) {
    auto kase = parsed(answer);
    version = integer(kase, "version");
    record({id, text(boost::json::parse(body).as_object(), "action"), version, text(kase, "state")});
    return true;
  }
  if (retried && (answer.status == 412 || answer.status == 409)) {  // an unanswered attempt was applied after all
    HttpReply current;
    do {
      if (stopping_.load()) return false;
      current = http_call_as(setup_.reviewer_token, port_.load(), "GET", path);
      if (transient(current)) std::this_thread::sleep_for(20ms);
    } while (transient(current));
    auto kase = parsed(current);
    if (current.status == 200 && text(kase, "state") == target && integer(kase, "version") == version + 1) {
      version += 1;
      return true;
    }
  }
  error(fmt::format("{} {}: HTTP {} {}", id, body, answer.status, answer.body.substr(0, 300)));
  return false;
}

}  // namespace tongban::fault_test
