#include "api/json_input.h"

#include <boost/json/parse.hpp>
#include <cmath>

namespace tongban::api {
namespace {

// False when a number anywhere in value is not finite: Boost.JSON reads 1e999 as infinity, which no JSON writer can
// write back (it would come out as "Infinity"), so a stored form or a forwarded payload would no longer parse.
// Nesting is bounded by the parser's maximum depth.
bool numbers_finite(const boost::json::value& value) {
  if (value.is_double()) return std::isfinite(value.get_double());
  if (const auto* array = value.if_array()) {
    for (const auto& element : *array)
      if (!numbers_finite(element)) return false;
  } else if (const auto* object = value.if_object()) {
    for (const auto& member : *object)
      if (!numbers_finite(member.value())) return false;
  }
  return true;
}

}  // namespace

JsonInput::JsonInput(std::string_view body)
    : owned_(std::make_shared<boost::json::object>()),
      own_problems_(std::make_shared<std::vector<domain::FieldError>>()),
      problems_(own_problems_.get()) {
  boost::system::error_code ec;
  boost::json::value parsed = boost::json::parse(body, ec);
  if (ec) throw domain::ProblemError("malformed-json", "The body is not valid JSON: " + ec.message() + ".");
  if (!parsed.is_object()) throw domain::ProblemError("malformed-json", "The body must be a JSON object.");
  if (!numbers_finite(parsed))
    throw domain::ProblemError("malformed-json", "The body is not valid JSON: a number is too large to represent.");
  *owned_ = std::move(parsed.as_object());
  object_ = owned_.get();
}

JsonInput::JsonInput(const boost::json::object& object, std::string prefix, std::vector<domain::FieldError>* problems)
    : object_(&object), prefix_(std::move(prefix)), problems_(problems) {}

void JsonInput::add_problem(std::string field, std::string rule, std::string message) {
  problems_->push_back({std::move(field), std::move(rule), std::move(message)});
}

const boost::json::value* JsonInput::lookup(std::string_view name, bool required) {
  read_.emplace(name);
  auto it = object_->find(name);
  if (it == object_->end() || it->value().is_null()) {
    if (required) add_problem(path(name), "required", "This field is required.");
    return nullptr;
  }
  return &it->value();
}

std::optional<std::string> JsonInput::string(std::string_view name, bool required) {
  const auto* value = lookup(name, required);
  if (!value) return std::nullopt;
  if (!value->is_string()) {
    add_problem(path(name), "type", "Must be a string.");
    return std::nullopt;
  }
  return std::string(value->as_string());
}

std::optional<std::int64_t> JsonInput::integer(std::string_view name, bool required) {
  const auto* value = lookup(name, required);
  if (!value) return std::nullopt;
  if (value->is_int64()) return value->as_int64();
  if (value->is_uint64() && value->as_uint64() <= static_cast<std::uint64_t>(INT64_MAX))
    return static_cast<std::int64_t>(value->as_uint64());
  add_problem(path(name), "type", "Must be a whole number.");
  return std::nullopt;
}

std::optional<bool> JsonInput::boolean(std::string_view name, bool required) {
  const auto* value = lookup(name, required);
  if (!value) return std::nullopt;
  if (!value->is_bool()) {
    add_problem(path(name), "type", "Must be true or false.");
    return std::nullopt;
  }
  return value->as_bool();
}

std::optional<JsonInput> JsonInput::object(std::string_view name, bool required) {
  const auto* value = lookup(name, required);
  if (!value) return std::nullopt;
  if (!value->is_object()) {
    add_problem(path(name), "type", "Must be an object.");
    return std::nullopt;
  }
  return JsonInput(value->as_object(), path(name) + ".", problems_);
}

std::optional<boost::json::object> JsonInput::raw_object(std::string_view name, bool required) {
  const auto* value = lookup(name, required);
  if (!value) return std::nullopt;
  if (!value->is_object()) {
    add_problem(path(name), "type", "Must be an object.");
    return std::nullopt;
  }
  return value->as_object();
}

std::optional<std::vector<boost::json::value>> JsonInput::array(std::string_view name, bool required) {
  const auto* value = lookup(name, required);
  if (!value) return std::nullopt;
  if (!value->is_array()) {
    add_problem(path(name), "type", "Must be an array.");
    return std::nullopt;
  }
  return std::vector<boost::json::value>(value->as_array().begin(), value->as_array().end());
}

void JsonInput::close_fields() {
  for (const auto& entry : *object_)
    if (!read_.count(std::string_view(entry.key())))
      add_problem(path(entry.key()), "unknown_field", "This field is not part of the request.");
}

void JsonInput::finish() {
  close_fields();
  if (!problems_->empty())
    throw domain::ProblemError("validation-failed", std::to_string(problems_->size()) + " field(s) need attention.",
                               *problems_);
}

}  // namespace tongban::api
