#include "web/video_help_log.h"

#include <fcntl.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <fstream>
#include <stdexcept>

#include "domain/audit_chain.h"
#include "domain/canonical_bytes.h"

namespace tongban::web {
namespace {

std::string text(const boost::json::object& object, std::string_view key) {
  return std::string(object.at(key).as_string());
}

std::string line_hash(const std::string& prev, const boost::json::object& without_hash) {
  return domain::sha256_hex(prev + boost::json::serialize(without_hash));
}

}  // namespace

VideoHelpLog::VideoHelpLog(std::filesystem::path file) : file_(std::move(file)), head_(domain::kGenesisHash) {
  std::ifstream in(file_);
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.empty()) continue;
    try {
      auto object = boost::json::parse(line).as_object();
      std::string hash = text(object, "hash");
      object.erase("hash");
      if (text(object, "prev") != head_ || line_hash(head_, object) != hash) throw std::runtime_error("chain");
      head_ = hash;
      std::string kind = text(object, "kind");
      if (kind == "ended") {
        LoggedCall call;
        call.call_id = text(object, "call");
        call.kiosk_id = text(object, "kiosk");
        call.service_point = text(object, "service_point");
        call.clerk_id = text(object, "clerk");
        call.holder = text(object, "holder");
        call.reason = text(object, "reason");
        call.requested_at_ms = object.at("requested_at_ms").as_int64();
        call.ended_at_ms = object.at("ended_at_ms").as_int64();
        call.record_sha256 = text(object, "record_sha256");
        call.entries = object.at("entries").as_int64();
        calls_[call.call_id] = call;
      } else if (kind == "case") {
        auto found = calls_.find(text(object, "call"));
        if (found == calls_.end()) throw std::runtime_error("case line before its call");
        found->second.case_id = text(object, "case");
        found->second.recorded_at_ms = object.at("at_ms").as_int64();
        case_order_.push_back(found->first);
      } else {
        throw std::runtime_error("kind");
      }
    } catch (const std::exception&) {
      throw std::runtime_error(file_.string() + " line " + std::to_string(number) +
                               " is not a video-help line of an unbroken chain");
    }
  }
}

void VideoHelpLog::append(boost::json::object object) {
  object["prev"] = head_;
  std::string hash = line_hash(head_, object);
  object["hash"] = hash;
  std::string line = boost::json::serialize(object) + "\n";
  int fd = ::open(file_.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (fd < 0) throw std::runtime_error("cannot open " + file_.string());
  bool written = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size()) && ::fsync(fd) == 0;
  ::close(fd);
  if (!written) throw std::runtime_error("cannot write " + file_.string());
  head_ = hash;
}

void VideoHelpLog::ended(const domain::HelpCall& call, const std::string& record_sha256, std::size_t entries) {
  std::lock_guard lock(mutex_);
  boost::json::object object{{"kind", "ended"},
                             {"call", call.id},
                             {"kiosk", call.kiosk_id},
                             {"service_point", call.service_point},
                             {"clerk", call.clerk_id},
                             {"holder", call.holder},
                             {"reason", domain::to_string(call.end_reason)},
                             {"requested_at_ms", call.requested_at_ms},
                             {"ended_at_ms", call.ended_at_ms},
                             {"record_sha256", record_sha256},
                             {"entries", static_cast<std::int64_t>(entries)}};
  append(std::move(object));
  LoggedCall logged{call.id,
                    call.kiosk_id,
                    call.service_point,
                    call.clerk_id,
                    call.holder,
                    std::string(domain::to_string(call.end_reason)),
                    call.requested_at_ms,
                    call.ended_at_ms,
                    record_sha256,
                    static_cast<std::int64_t>(entries),
                    "",
                    0};
  calls_[call.id] = logged;
}

bool VideoHelpLog::recorded_on_case(std::string_view call_id, const std::string& case_id, const std::string& clerk_id,
                                    std::int64_t at_ms) {
  std::lock_guard lock(mutex_);
  auto found = calls_.find(call_id);
  if (found == calls_.end() || !found->second.case_id.empty()) return false;
  boost::json::object object{
      {"kind", "case"}, {"call", found->first}, {"case", case_id}, {"clerk", clerk_id}, {"at_ms", at_ms}};
  append(std::move(object));
  found->second.case_id = case_id;
  found->second.recorded_at_ms = at_ms;
  case_order_.push_back(found->first);
  return true;
}

std::optional<LoggedCall> VideoHelpLog::call(std::string_view call_id) const {
  std::lock_guard lock(mutex_);
  auto found = calls_.find(call_id);
  if (found == calls_.end()) return std::nullopt;
  return found->second;
}

std::vector<LoggedCall> VideoHelpLog::of_case(std::string_view case_id) const {
  std::lock_guard lock(mutex_);
  std::vector<LoggedCall> out;
  for (const auto& id : case_order_)
    if (auto found = calls_.find(id); found != calls_.end() && found->second.case_id == case_id)
      out.push_back(found->second);
  return out;
}

}  // namespace tongban::web
