#include "web/cookies.h"

namespace tongban::web {
namespace {

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

}  // namespace

std::map<std::string, std::string, std::less<>> parse_cookies(std::string_view header) {
  std::map<std::string, std::string, std::less<>> cookies;
  while (!header.empty()) {
    auto semicolon = header.find(';');
    auto pair = trim(header.substr(0, semicolon));
    header = semicolon == std::string_view::npos ? std::string_view{} : header.substr(semicolon + 1);
    auto equals = pair.find('=');
    if (equals == std::string_view::npos || equals == 0) continue;
    cookies.emplace(std::string(trim(pair.substr(0, equals))), std::string(trim(pair.substr(equals + 1))));
  }
  return cookies;
}

std::map<std::string, std::string, std::less<>> request_cookies(const http::Request& request) {
  auto header = request.header("Cookie");
  return header ? parse_cookies(*header) : std::map<std::string, std::string, std::less<>>{};
}

std::size_t cookie_count(const http::Request& request, std::string_view name) {
  std::size_t count = 0;
  std::string_view header = request.header("Cookie").value_or("");
  while (!header.empty()) {
    auto semicolon = header.find(';');
    auto pair = trim(header.substr(0, semicolon));
    header = semicolon == std::string_view::npos ? std::string_view{} : header.substr(semicolon + 1);
    auto equals = pair.find('=');
    if (equals != std::string_view::npos && trim(pair.substr(0, equals)) == name) ++count;
  }
  return count;
}

bool came_over_tls(const http::Request& request) {
  return request.over_tls || request.forwarded_https;  // the latter set by the server from trusted proxies only
}

std::string set_cookie(std::string_view name, std::string_view value, bool secure, long max_age_seconds) {
  std::string cookie = std::string(name) + "=" + std::string(value) + "; Path=/; HttpOnly; SameSite=Lax";
  if (max_age_seconds >= 0) cookie += "; Max-Age=" + std::to_string(max_age_seconds);
  if (secure) cookie += "; Secure";
  return cookie;
}

}  // namespace tongban::web
