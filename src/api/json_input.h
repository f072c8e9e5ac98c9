// JsonInput: strict reading of a JSON request body.
//
// A handler names every field it reads; whatever the client sent that no handler read is an error
// ("unknown_field"), as is a wrong JSON type ("type") or a missing required field ("required"). Problems are
// collected, not thrown one at a time, and finish() throws one ProblemError "validation-failed" listing them all,
// so a client sees every mistake at once. A body that is not JSON, or not an object, or holds a number too large
// for a double (1e999: it could not be written back as JSON), is "malformed-json".
// Nothing is changed before finish() succeeds: handlers read everything first, then act.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "http/problem_response.h"

namespace tongban::api {

class JsonInput {
 public:
  // Parses body; throws ProblemError malformed-json when it is not a JSON object. `prefix` names nested objects in
  // field paths ("id_document.").
  explicit JsonInput(std::string_view body);
  JsonInput(const boost::json::object& object, std::string prefix, std::vector<domain::FieldError>* problems);

  std::optional<std::string> string(std::string_view name, bool required);
  std::optional<std::int64_t> integer(std::string_view name, bool required);
  std::optional<bool> boolean(std::string_view name, bool required);
  // A nested object read strictly too; its problems are reported with this input's.
  std::optional<JsonInput> object(std::string_view name, bool required);
  // Any JSON object, taken as is (e.g. form data validated against an item's fields elsewhere).
  std::optional<boost::json::object> raw_object(std::string_view name, bool required);
  std::optional<std::vector<boost::json::value>> array(std::string_view name, bool required);

  void add_problem(std::string field, std::string rule, std::string message);
  std::string path(std::string_view name) const { return prefix_ + std::string(name); }
  bool has_problems() const { return !problems_->empty(); }
  // For a nested input: records every field that was not read as "unknown_field" (call after reading it).
  void close_fields();
  // For the root input: close_fields(), then throws ProblemError validation-failed if any problem was found.
  void finish();

 private:
  const boost::json::value* lookup(std::string_view name, bool required);

  std::shared_ptr<boost::json::object> owned_;
  const boost::json::object* object_;
  std::string prefix_;
  std::set<std::string, std::less<>> read_;
  std::shared_ptr<std::vector<domain::FieldError>> own_problems_;
  std::vector<domain::FieldError>* problems_;
};

}  // namespace tongban::api
