#include "reply_json.h"

#include <boost/json/parse.hpp>

namespace tongban::fault_test {

boost::json::object parsed(const HttpReply& answer) {
  boost::system::error_code error;
  auto value = boost::json::parse(answer.body, error);
  return !error && value.is_object() ? value.as_object() : boost::json::object{};
}

std::string text(const boost::json::object& object, std::string_view key) {
  const auto* value = object.if_contains(key);
  return value && value->is_string() ? std::string(value->as_string()) : std::string();
}

std::int64_t integer(const boost::json::object& object, std::string_view key) {
  const auto* value = object.if_contains(key);
  return value && value->is_int64() ? value->as_int64() : -1;
}

std::string json_text(const HttpReply& answer, std::string_view key) {
  return text(parsed(answer), key);
}

}  // namespace tongban::fault_test
