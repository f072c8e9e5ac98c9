#include "http/message.h"

#include <algorithm>
#include <cctype>

namespace tongban::http {

bool CaseInsensitiveLess::operator()(std::string_view a, std::string_view b) const {
  return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(), [](unsigned char x, unsigned char y) {
    return std::tolower(x) < std::tolower(y);
  });
}

std::optional<std::string_view> Request::header(std::string_view name) const {
  auto it = headers.find(name);
  if (it == headers.end()) return std::nullopt;
  return std::string_view(it->second);
}

std::optional<std::string> Request::query_param(std::string_view name) const {
  auto it = query.find(std::string(name));
  if (it == query.end()) return std::nullopt;
  return it->second;
}

bool header_value_safe(std::string_view value) {
  return value.find_first_of(std::string_view("\r\n\0", 3)) == std::string_view::npos;
}

Response& Response::set_header(std::string name, std::string value) {
  CaseInsensitiveLess less;
  for (auto& [key, existing] : headers) {
    if (!less(key, name) && !less(name, key)) {
      existing = std::move(value);
      return *this;
    }
  }
  headers.emplace_back(std::move(name), std::move(value));
  return *this;
}

std::optional<std::string_view> Response::header(std::string_view name) const {
  CaseInsensitiveLess less;
  for (const auto& [key, value] : headers)
    if (!less(key, name) && !less(name, key)) return std::string_view(value);
  return std::nullopt;
}

Response Response::text(int status, std::string body, std::string content_type) {
  Response response;
  response.status = status;
  response.body = std::move(body);
  response.set_header("Content-Type", std::move(content_type));
  return response;
}

Response Response::json_text(int status, std::string json_body, std::string content_type) {
  return text(status, std::move(json_body), std::move(content_type));
}

}  // namespace tongban::http
