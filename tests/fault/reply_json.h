// Reading the JSON of a node's answer in the fault tests: the answer's object (empty when it is not JSON or not an
// object), and one member as text or as an integer, with a neutral value when it is absent or of another type, so
// a test that meets a node going down reads "" or -1 rather than throwing.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <string>
#include <string_view>

#include "loopback_http.h"

namespace tongban::fault_test {

boost::json::object parsed(const HttpReply& answer);
// object[key] when it is a string, else "".
std::string text(const boost::json::object& object, std::string_view key);
// object[key] when it is an integer, else -1.
std::int64_t integer(const boost::json::object& object, std::string_view key);
// The answer's member `key` when it is a string, else "".
std::string json_text(const HttpReply& answer, std::string_view key);

}  // namespace tongban::fault_test
