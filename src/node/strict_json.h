// StrictObject: reading one JSON object of a document another party wrote (a peer node's notice or daily
// aggregate) member by member, refusing what a loose reader would let through — a member not in the allowed list,
// a missing member, a wrong type, an integer outside int64, a string that is not valid UTF-8. Each refusal is a
// JsonShapeError naming the member's path ("notice.title.en", "by_item[3].received"), so the receiver can say
// exactly what was wrong. Holds a pointer into the parsed value: the value must outlive the StrictObject.
// parse_strict_json() parses a document within a size bound first.
#pragma once

#include <boost/json/value.hpp>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <stdexcept>
#include <string>
#include <string_view>

namespace tongban::node {

class JsonShapeError : public std::runtime_error {
 public:
  JsonShapeError(std::string path, const std::string& message)
      : std::runtime_error(path + ": " + message), path_(std::move(path)) {}
  const std::string& path() const noexcept { return path_; }

 private:
  std::string path_;
};

// The document parsed; JsonShapeError(what) when it is larger than max_bytes or not JSON.
boost::json::value parse_strict_json(std::string_view text, std::size_t max_bytes, const std::string& what);

class StrictObject {
 public:
  // JsonShapeError when `value` is not an object or has a member outside `allowed`.
  StrictObject(const boost::json::value& value, std::string path, std::initializer_list<std::string_view> allowed);

  bool has(std::string_view key) const;
  const boost::json::value& at(std::string_view key) const;  // required
  std::string text(std::string_view key) const;              // a string of valid UTF-8
  std::int64_t integer(std::string_view key) const;
  const boost::json::array& array(std::string_view key) const;
  StrictObject object(std::string_view key, std::initializer_list<std::string_view> allowed) const;
  std::string path(std::string_view key) const { return path_ + "." + std::string(key); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  const boost::json::object* object_ = nullptr;
};

}  // namespace tongban::node
