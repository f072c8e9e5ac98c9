#include "node/strict_json.h"

#include <boost/json/parse.hpp>

#include "domain/utf8_text.h"

namespace tongban::node {

boost::json::value parse_strict_json(std::string_view text, std::size_t max_bytes, const std::string& what) {
  if (text.size() > max_bytes) throw JsonShapeError(what, "larger than " + std::to_string(max_bytes) + " bytes");
  boost::json::error_code error;
  boost::json::value value = boost::json::parse(text, error);
  if (error) throw JsonShapeError(what, "not JSON (" + error.message() + ")");
  return value;
}

StrictObject::StrictObject(const boost::json::value& value, std::string path,
                           std::initializer_list<std::string_view> allowed)
    : path_(std::move(path)) {
  if (!value.is_object()) throw JsonShapeError(path_, "must be an object");
  object_ = &value.as_object();
  for (const auto& member : *object_) {
    bool known = false;
    for (std::string_view name : allowed) known = known || member.key() == name;
    if (!known) throw JsonShapeError(path_ + "." + std::string(member.key()), "unknown member");
  }
}

bool StrictObject::has(std::string_view key) const {
  return object_->if_contains(key) != nullptr;
}

const boost::json::value& StrictObject::at(std::string_view key) const {
  const boost::json::value* value = object_->if_contains(key);
  if (!value) throw JsonShapeError(path(key), "missing");
  return *value;
}

std::string StrictObject::text(std::string_view key) const {
  const auto& value = at(key);
  if (!value.is_string()) throw JsonShapeError(path(key), "must be a string");
  std::string text(value.as_string());
  if (!domain::decode_utf8(text)) throw JsonShapeError(path(key), "not valid UTF-8");
  return text;
}

std::int64_t StrictObject::integer(std::string_view key) const {
  const auto& value = at(key);
  if (value.is_int64()) return value.as_int64();
  if (value.is_uint64() && value.as_uint64() <= static_cast<std::uint64_t>(INT64_MAX))
    return static_cast<std::int64_t>(value.as_uint64());
  throw JsonShapeError(path(key), "must be an integer");
}

const boost::json::array& StrictObject::array(std::string_view key) const {
  const auto& value = at(key);
  if (!value.is_array()) throw JsonShapeError(path(key), "must be an array");
  return value.as_array();
}

StrictObject StrictObject::object(std::string_view key, std::initializer_list<std::string_view> allowed) const {
  return StrictObject(at(key), path(key), allowed);
}

}  // namespace tongban::node
