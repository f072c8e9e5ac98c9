#include "domain/language.h"

#include <algorithm>
#include <cctype>

namespace tongban::domain {

std::string_view language_tag(Language language) {
  switch (language) {
    case Language::zh_Hans: return "zh-Hans";
    case Language::zh_Hant: return "zh-Hant";
    case Language::pt: return "pt";
    case Language::en: return "en";
  }
  return "en";
}

std::optional<Language> parse_language_tag(std::string_view tag) {
  std::string lower(tag);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  std::replace(lower.begin(), lower.end(), '_', '-');
  if (lower == "zh-hans" || lower == "zh-cn" || lower == "zh-sg" || lower == "zh") return Language::zh_Hans;
  if (lower == "zh-hant" || lower == "zh-tw" || lower == "zh-hk" || lower == "zh-mo") return Language::zh_Hant;
  if (lower == "pt" || lower == "pt-pt" || lower == "pt-br" || lower == "pt-mo") return Language::pt;
  if (lower == "en" || lower == "en-gb" || lower == "en-us" || lower == "en-hk") return Language::en;
  return std::nullopt;
}

const std::string& LocalizedText::in(Language language) const {
  switch (language) {
    case Language::zh_Hans: return zh_hans;
    case Language::zh_Hant: return zh_hant;
    case Language::pt: return pt;
    case Language::en: return en;
  }
  return en;
}

std::string& LocalizedText::in(Language language) {
  return const_cast<std::string&>(static_cast<const LocalizedText&>(*this).in(language));
}

}  // namespace tongban::domain
