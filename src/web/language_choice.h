// Which language a page speaks: from the URL (/zh-Hant/… or ?lang=pt), then the "tb_lang" cookie, then
// Accept-Language (highest q first), else zh-Hans. The URL forms accept the tags of domain::parse_language_tag.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "domain/language.h"
#include "http/message.h"

namespace tongban::web {

inline constexpr std::string_view kLanguageCookie = "tb_lang";

struct LanguageChoice {
  domain::Language language = domain::Language::zh_Hans;
  bool from_url = false;  // chosen by path prefix or ?lang= (the page then remembers it in the cookie)
};

// The language named by the first path segment, if it is one of the four tags.
std::optional<domain::Language> path_language(std::string_view path);
// The best of the four for an Accept-Language header, nullopt if none is acceptable.
std::optional<domain::Language> accept_language(std::string_view header);
LanguageChoice choose_language(const http::Request& request);

}  // namespace tongban::web
