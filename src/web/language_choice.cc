#include "web/language_choice.h"

#include <cstdlib>

#include "web/cookies.h"

namespace tongban::web {
namespace {

std::string_view trim(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  return text;
}

// "zh" alone and "zh-SG" mean Simplified, "pt-*" Portuguese, "en-*" English.
std::optional<domain::Language> loose_tag(std::string_view tag) {
  if (auto exact = domain::parse_language_tag(tag)) return exact;
  std::string lower;
  for (char c : tag) lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  if (lower == "zh" || lower == "zh-sg" || lower == "zh-hans-cn") return domain::Language::zh_Hans;
  if (lower.rfind("zh-hant", 0) == 0) return domain::Language::zh_Hant;
  if (lower.rfind("pt", 0) == 0) return domain::Language::pt;
  if (lower.rfind("en", 0) == 0) return domain::Language::en;
  return std::nullopt;
}

}  // namespace

std::optional<domain::Language> path_language(std::string_view path) {
  if (path.size() < 2 || path.front() != '/') return std::nullopt;
  auto segment = path.substr(1, path.find('/', 1) - 1);
  for (auto language : domain::kAllLanguages)
    if (segment == domain::language_tag(language)) return language;
  return std::nullopt;
}

std::optional<domain::Language> accept_language(std::string_view header) {
  std::optional<domain::Language> best;
  double best_q = 0;
  while (!header.empty()) {
    auto comma = header.find(',');
    auto entry = trim(header.substr(0, comma));
    header = comma == std::string_view::npos ? std::string_view{} : header.substr(comma + 1);
    auto semicolon = entry.find(';');
    auto tag = trim(entry.substr(0, semicolon));
    double q = 1.0;
    if (semicolon != std::string_view::npos) {
      auto parameter = trim(entry.substr(semicolon + 1));
      if (parameter.substr(0, 2) == "q=") q = std::strtod(std::string(parameter.substr(2)).c_str(), nullptr);
    }
    auto language = loose_tag(tag);
    if (language && q > best_q) {
      best = language;
      best_q = q;
    }
  }
  return best;
}

LanguageChoice choose_language(const http::Request& request) {
  if (auto language = path_language(request.path)) return {*language, true};
  if (auto parameter = request.query_param("lang"))
    if (auto language = domain::parse_language_tag(*parameter)) return {*language, true};
  auto cookies = request_cookies(request);
  if (auto cookie = cookies.find(kLanguageCookie); cookie != cookies.end())
    if (auto language = domain::parse_language_tag(cookie->second)) return {*language, false};
  if (auto header = request.header("Accept-Language"))
    if (auto language = accept_language(*header)) return {*language, false};
  return {};
}

}  // namespace tongban::web
