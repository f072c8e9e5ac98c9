#include "post/carrier_adapter.h"

#include <openssl/rand.h>
#include <sys/stat.h>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <fstream>
#include <set>
#include <sstream>

#include "domain/s10_item_id.h"
#include "store/private_files.h"

namespace tongban::post {
namespace {

constexpr std::size_t kMaxEvents = 100;

[[noreturn]] void bad(const std::string& what) {
  throw CarrierPayloadError(what);
}

std::string text_member(const boost::json::object& object, std::string_view name, bool required, std::size_t index) {
  const auto* value = object.if_contains(name);
  if (!value) {
    if (required) bad("events[" + std::to_string(index) + "]." + std::string(name) + " is missing");
    return "";
  }
  if (!value->is_string()) bad("events[" + std::to_string(index) + "]." + std::string(name) + " must be a string");
  return std::string(value->as_string());
}

}  // namespace

std::vector<CarrierReport> UpuJsonCarrier::parse_webhook(std::string_view body) const {
  boost::system::error_code error;
  boost::json::value document = boost::json::parse(body, error);
  if (error || !document.is_object()) bad("the body is not a JSON object");
  static const std::set<std::string_view> kTop = {"events"};
  for (const auto& [key, value] : document.as_object())
    if (!kTop.count(key)) bad("unknown member '" + std::string(key) + "'");
  const auto* events = document.as_object().if_contains("events");
  if (!events || !events->is_array()) bad("'events' must be an array");
  if (events->as_array().empty() || events->as_array().size() > kMaxEvents)
    bad("'events' must hold 1 to " + std::to_string(kMaxEvents) + " events");
  static const std::set<std::string_view> kMembers = {"item_id", "event_id", "code",   "event",
                                                      "at_ms",   "location", "reason", "proof"};
  std::vector<CarrierReport> reports;
  std::size_t index = 0;
  for (const auto& entry : events->as_array()) {
    const std::string where = "events[" + std::to_string(index) + "]";
    if (!entry.is_object()) bad(where + " must be an object");
    const auto& object = entry.as_object();
    for (const auto& [key, value] : object)
      if (!kMembers.count(key)) bad(where + " has an unknown member '" + std::string(key) + "'");
    CarrierReport report;
    report.item_id = text_member(object, "item_id", true, index);
    if (auto problem = domain::s10_problem(report.item_id); !problem.empty())
      bad(where + ".item_id is not an S10 item id (" + problem + ")");
    report.event.event_id = text_member(object, "event_id", true, index);
    const std::string code = text_member(object, "code", false, index);
    const std::string word = text_member(object, "event", false, index);
    if (code.empty() == word.empty()) bad(where + " needs exactly one of 'code' (EMSEVT) and 'event'");
    auto event = code.empty() ? domain::parse_postal_event(word) : domain::postal_event_of_upu_code(code);
    if (!event) bad(where + " names an unknown event '" + (code.empty() ? word : code) + "'");
    report.event.event = *event;
    const auto* at = object.if_contains("at_ms");
    if (!at || !at->is_int64()) bad(where + ".at_ms must be an integer");
    report.event.at_ms = at->as_int64();
    report.event.location = text_member(object, "location", false, index);
    report.event.reason = text_member(object, "reason", false, index);
    report.event.proof = text_member(object, "proof", false, index);
    if (auto problem = domain::shipment_event_problem(report.event); !problem.empty())
      bad(where + "." + problem + " is not acceptable for a '" + std::string(domain::to_string(*event)) + "' event");
    reports.push_back(std::move(report));
    ++index;
  }
  return reports;
}

std::string upu_json_body(const std::vector<CarrierReport>& reports) {
  boost::json::array events;
  for (const auto& report : reports) {
    boost::json::object event{
        {"item_id", report.item_id}, {"event_id", report.event.event_id}, {"at_ms", report.event.at_ms}};
    std::string_view code = domain::upu_code_of(report.event.event);
    if (code.empty() || domain::postal_event_of_upu_code(code) != report.event.event)
      event["event"] = domain::to_string(report.event.event);
    else
      event["code"] = code;
    if (!report.event.location.empty()) event["location"] = report.event.location;
    if (!report.event.reason.empty()) event["reason"] = report.event.reason;
    if (!report.event.proof.empty()) event["proof"] = report.event.proof;
    events.push_back(std::move(event));
  }
  return boost::json::serialize(boost::json::object{{"events", events}});
}

bool valid_carrier_name(std::string_view name) {
  if (name.empty() || name.size() > 32) return false;
  for (char c : name)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  return true;
}

const CarrierAdapter& adapter_for(std::string_view carrier) {
  (void)carrier;
  static const UpuJsonCarrier upu_json;
  return upu_json;
}

std::filesystem::path carrier_secret_path(const std::filesystem::path& data_dir, std::string_view carrier) {
  return data_dir / "carriers" / (std::string(carrier) + ".secret");
}

std::optional<std::string> load_carrier_secret(const std::filesystem::path& data_dir, std::string_view carrier) {
  if (!valid_carrier_name(carrier)) return std::nullopt;
  return load_secret_file(carrier_secret_path(data_dir, carrier));
}

std::optional<std::string> load_secret_file(const std::filesystem::path& path) {
  struct stat status {};
  if (::stat(path.c_str(), &status) != 0 || !S_ISREG(status.st_mode) || (status.st_mode & 077) != 0)
    return std::nullopt;
  std::ifstream in(path);
  std::string secret;
  if (!std::getline(in, secret) || secret.size() < 32) return std::nullopt;
  return secret;
}

std::string ensure_carrier_secret(const std::filesystem::path& data_dir, std::string_view carrier) {
  if (!valid_carrier_name(carrier)) throw std::invalid_argument("a carrier name is [a-z0-9-]{1,32}");
  if (auto existing = load_carrier_secret(data_dir, carrier)) return *existing;
  store::make_private_directory(data_dir / "carriers");
  const auto path = carrier_secret_path(data_dir, carrier);
  unsigned char bytes[32];
  if (RAND_bytes(bytes, sizeof bytes) != 1) throw std::runtime_error("no randomness for a carrier secret");
  std::ostringstream hex;
  for (unsigned char b : bytes) hex << "0123456789abcdef"[b >> 4] << "0123456789abcdef"[b & 0xf];
  store::make_private_file(path);
  std::ofstream(path, std::ios::trunc) << hex.str() << "\n";
  return hex.str();
}

}  // namespace tongban::post
