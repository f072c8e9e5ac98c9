// Language and LocalizedText: the four languages tongban speaks and a text given in each of them.
//
// Every public name in the catalog (items, authorities, service points, zones, materials, form labels) is a
// LocalizedText. Invariant after catalog validation: all four texts are non-empty.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace tongban::domain {

enum class Language { zh_Hans, zh_Hant, pt, en };

inline constexpr std::array<Language, 4> kAllLanguages = {Language::zh_Hans, Language::zh_Hant, Language::pt,
                                                          Language::en};

// BCP 47 tag: "zh-Hans", "zh-Hant", "pt", "en".
std::string_view language_tag(Language language);
// Accepts the BCP 47 tags above (case-insensitive) and the common aliases zh-CN, zh-TW, zh-HK, zh-MO, pt-PT, pt-BR,
// en-GB, en-US. Returns nullopt for anything else.
std::optional<Language> parse_language_tag(std::string_view tag);

struct LocalizedText {
  std::string zh_hans;
  std::string zh_hant;
  std::string pt;
  std::string en;

  const std::string& in(Language language) const;
  std::string& in(Language language);
  bool complete() const { return !zh_hans.empty() && !zh_hant.empty() && !pt.empty() && !en.empty(); }
};

}  // namespace tongban::domain
