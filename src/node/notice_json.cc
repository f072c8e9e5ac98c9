#include "node/notice_json.h"

#include <boost/json.hpp>

#include "node/strict_json.h"

namespace tongban::node {
namespace {

namespace json = boost::json;

constexpr std::string_view kFormat = "tongban.notice.v1";

json::object texts_object(const domain::LocalizedText& text) {
  json::object object;
  for (domain::Language language : domain::kAllLanguages) object[domain::language_tag(language)] = text.in(language);
  return object;
}

json::array codes_array(const std::vector<std::string>& codes) {
  json::array array;
  for (const std::string& code : codes) array.emplace_back(code);
  return array;
}

domain::LocalizedText read_texts(const StrictObject& parent, std::string_view key) {
  StrictObject texts = parent.object(key, {"zh-Hans", "zh-Hant", "pt", "en"});
  domain::LocalizedText text;
  for (domain::Language language : domain::kAllLanguages)
    text.in(language) = texts.text(domain::language_tag(language));
  return text;
}

std::vector<std::string> read_codes(const StrictObject& parent, std::string_view key) {
  std::vector<std::string> codes;
  std::size_t i = 0;
  for (const json::value& value : parent.array(key)) {
    if (!value.is_string()) throw JsonShapeError(parent.path(key) + "[" + std::to_string(i) + "]", "must be a string");
    codes.emplace_back(value.as_string());
    ++i;
  }
  return codes;
}

domain::CalendarDate read_date(const StrictObject& parent, std::string_view key) {
  auto date = domain::parse_date(parent.text(key));
  if (!date) throw JsonShapeError(parent.path(key), "must be a date YYYY-MM-DD");
  return *date;
}

}  // namespace

std::string notice_json(const domain::Notice& notice) {
  json::object object{
      {"format", kFormat},
      {"id", notice.id},
      {"origin_node", notice.origin_node},
      {"origin_jurisdiction", notice.origin_jurisdiction},
      {"topic", domain::to_string(notice.topic)},
      {"state", domain::to_string(notice.state)},
      {"title", texts_object(notice.title)},
      {"body", texts_object(notice.body)},
      {"item_codes", codes_array(notice.item_codes)},
      {"zone_codes", codes_array(notice.zone_codes)},
      {"valid_from", domain::format_date(notice.valid_from)},
      {"valid_until", nullptr},
      {"author", notice.author},
      {"approver", notice.approver},
      {"created_at_ms", notice.created_at_ms},
      {"published_at_ms", notice.published_at_ms},
      {"updated_at_ms", notice.updated_at_ms},
      {"revision", notice.revision},
  };
  if (notice.valid_until) object["valid_until"] = domain::format_date(*notice.valid_until);
  return json::serialize(object);
}

domain::Notice parse_notice_json(std::string_view text) {
  json::value value = parse_strict_json(text, kMaxNoticeJsonBytes, "notice");
  StrictObject top(value, "notice",
                   {"format", "id", "origin_node", "origin_jurisdiction", "topic", "state", "title", "body",
                    "item_codes", "zone_codes", "valid_from", "valid_until", "author", "approver", "created_at_ms",
                    "published_at_ms", "updated_at_ms", "revision"});
  if (top.text("format") != kFormat) throw JsonShapeError(top.path("format"), "must be \"tongban.notice.v1\"");
  domain::Notice notice;
  notice.id = top.text("id");
  notice.origin_node = top.text("origin_node");
  notice.origin_jurisdiction = top.text("origin_jurisdiction");
  auto topic = domain::parse_notice_topic(top.text("topic"));
  if (!topic) throw JsonShapeError(top.path("topic"), "not a notice topic");
  notice.topic = *topic;
  auto state = domain::parse_notice_state(top.text("state"));
  if (!state) throw JsonShapeError(top.path("state"), "not a notice state");
  notice.state = *state;
  notice.title = read_texts(top, "title");
  notice.body = read_texts(top, "body");
  notice.item_codes = read_codes(top, "item_codes");
  notice.zone_codes = read_codes(top, "zone_codes");
  notice.valid_from = read_date(top, "valid_from");
  if (!top.at("valid_until").is_null()) notice.valid_until = read_date(top, "valid_until");
  notice.author = top.text("author");
  notice.approver = top.text("approver");
  notice.created_at_ms = top.integer("created_at_ms");
  notice.published_at_ms = top.integer("published_at_ms");
  notice.updated_at_ms = top.integer("updated_at_ms");
  std::int64_t revision = top.integer("revision");
  if (revision < 0 || revision > 1'000'000) throw JsonShapeError(top.path("revision"), "out of range");
  notice.revision = static_cast<int>(revision);
  return notice;
}

}  // namespace tongban::node
