#include "intake_workload.h"

#include <fmt/format.h>

#include <boost/json.hpp>
#include <chrono>
#include <optional>

#include "loopback_http.h"
#include "reply_json.h"

namespace tongban::fault_test {
namespace {

using namespace std::chrono_literals;

constexpr int kAttempts = 200;  // per request; a node that answers nothing for ~10 s fails the case

bool transient(const HttpReply& answer) {
  return answer.status == 0 || answer.status == 429 || answer.status >= 500;
}

std::string quoted(std::int64_t version) {
  return "\"" + std::to_string(version) + "\"";
}

std::string sign_in(std::uint16_t port, const std::string& login, const std::string& password) {
  boost::json::object body{{"login", login}, {"password", password}};
  auto answer = http_call(port, "POST", "/api/v1/sessions", boost::json::serialize(body));
  return answer.status == 201 ? text(parsed(answer), "token") : std::string();
}

}  // namespace

IntakeWorkload::IntakeWorkload(WorkloadSetup setup)
    : setup_(std::move(setup)), macao_port_(setup_.macao_port), outcomes_(static_cast<std::size_t>(setup_.cases)) {}

IntakeWorkload::~IntakeWorkload() {
  stop();
}

void IntakeWorkload::start() {
  for (int i = 0; i < setup_.clerks; ++i) clerks_.emplace_back([this] { clerk_loop(); });
  reviewer_ = std::thread([this] { reviewer_loop(); });
}

void IntakeWorkload::wait_for_clerks() {
  for (auto& clerk : clerks_)
    if (clerk.joinable()) clerk.join();
}

void IntakeWorkload::stop() {
  stopping_.store(true);
  wait_for_clerks();
  if (reviewer_.joinable()) reviewer_.join();
}

std::vector<CaseOutcome> IntakeWorkload::outcomes() const {
  std::lock_guard lock(mutex_);
  return outcomes_;
}

void IntakeWorkload::clerk_loop() {
  for (int number = next_++; number < setup_.cases && !stopping_.load(); number = next_++) open_and_forward(number);
}

void IntakeWorkload::open_and_forward(int number) {
  const std::uint16_t jm = setup_.jiangmen_port;
  auto fail = [&](const std::string& step, const HttpReply& answer) {
    std::lock_guard lock(mutex_);
    outcomes_[static_cast<std::size_t>(number)].error =
        fmt::format("{}: HTTP {} {}", step, answer.status, answer.body.substr(0, 300));
  };
  boost::json::object application{
      {"item_code", "MO-DSAL-002"},
      {"applicant_id", setup_.applicant_id},
      {"consent_to_transfer", true},
      {"delivery_method", "window_pickup"},
      {"form",
       {{"applicant_name", fmt::format("陳大文 {}", number)},
        {"id_number", {{"type", "MO_BIR"}, {"number", "1234567(8)"}}},
        {"phone", "+85366123456"},
        {"consent_transfer", true}}},
      {"materials", boost::json::array{{{"material_id", "mo_bir"}, {"blob", setup_.blob_bir}},
                                       {{"material_id", "application_form"}, {"blob", setup_.blob_form}}}}};
  const std::string body = boost::json::serialize(application);
  HttpReply answer;
  for (int attempt = 0; attempt < kAttempts; ++attempt) {
    answer = http_call_as(setup_.clerk_token, jm, "POST", "/api/v1/cases", body,
                          {{"Idempotency-Key", fmt::format("fault-case-{}", number)}});
    if (!transient(answer)) break;
    std::this_thread::sleep_for(50ms);
  }
  if (answer.status != 201 && answer.status != 200) return fail("open", answer);
  auto kase = parsed(answer);
  const std::string id = text(kase, "id");
  {
    std::lock_guard lock(mutex_);
    outcomes_[static_cast<std::size_t>(number)].case_id = id;
  }
  std::int64_t version = integer(kase, "version");
  for (auto [action, target] : {std::pair{"check_intake", "intake_checked"}, std::pair{"forward", "forwarded"}}) {
    boost::json::object request{{"action", action}};
    for (int attempt = 0; attempt < kAttempts; ++attempt) {
      answer = http_call_as(setup_.clerk_token, jm, "POST", "/api/v1/cases/" + id + "/actions",
                            boost::json::serialize(request), {{"If-Match", quoted(version)}});
      if (!transient(answer)) break;
      std::this_thread::sleep_for(50ms);
    }
    if (answer.status == 412 || answer.status == 409) {  // a retried action that had been applied after all
      auto current = http_call_as(setup_.clerk_token, jm, "GET", "/api/v1/cases/" + id);
      if (current.status == 200 && text(parsed(current), "state") == target) answer = current;
    }
    if (answer.status != 200) return fail(action, answer);
    version = integer(parsed(answer), "version");
  }
  ++forwarded_;
  std::lock_guard lock(mutex_);
  outcomes_[static_cast<std::size_t>(number)].forwarded = true;
}

void IntakeWorkload::reviewer_loop() {
  std::string token;
  while (!stopping_.load()) {
    const std::uint16_t mo = macao_port_.load();
    if (token.empty()) token = sign_in(mo, setup_.reviewer_login, setup_.reviewer_password);
    if (token.empty()) {
      std::this_thread::sleep_for(50ms);
      continue;
    }
    auto queue = http_call_as(token, mo, "GET", "/api/v1/cases?state=forwarded&limit=100");
    if (queue.status == 401) token.clear();
    if (queue.status != 200) {
      std::this_thread::sleep_for(50ms);
      continue;
    }
    const boost::json::object page = parsed(queue);
    const auto* cases = page.if_contains("cases");
    if (!cases || !cases->is_array() || cases->as_array().empty()) {
      std::this_thread::sleep_for(30ms);
      continue;
    }
    for (const auto& value : cases->as_array()) {
      if (stopping_.load()) break;
      const auto& kase = value.as_object();
      auto answer = http_call_as(token, mo, "POST", "/api/v1/cases/" + text(kase, "id") + "/actions",
                                 R"({"action":"accept"})", {{"If-Match", quoted(integer(kase, "version"))}});
      if (answer.status == 200) ++accepted_;
      if (answer.status == 0) break;  // the node went down: back to polling
    }
  }
}

}  // namespace tongban::fault_test
