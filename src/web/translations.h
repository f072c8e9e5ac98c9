// Translations: the pages' own words in the four languages, from the gettext catalogs src/web/po/<lang>/*.po
// (one file per part of the site, joined at build time).
//
// The .po files are compiled to .mo by msgfmt at build time and embedded (embedded_files.h); Boost.Locale's gettext
// backend reads them through its file callback, so nothing is looked up on disk at run time. msgids are the English
// texts. A msgid missing from a catalog falls back to the msgid itself at run time — and a unit test
// (translations_test) fails the build's tests when any catalog lacks a message used by a template or a page.
//
// Built once (shipped()); immutable and safe from any thread afterwards.
#pragma once

#include <array>
#include <locale>
#include <string>
#include <string_view>

#include "domain/language.h"

namespace tongban::web {

class Translations {
 public:
  static const Translations& shipped();

  std::string text(domain::Language language, std::string_view msgid) const;
  // True when the language's catalog has a translation for msgid.
  bool has(domain::Language language, std::string_view msgid) const;

 private:
  Translations();
  std::array<std::locale, 4> locales_;
};

// The folder under src/web/po/ (and the embedded "locale/<name>.mo") of a language: zh_Hans, zh_Hant, pt, en.
std::string_view catalog_name(domain::Language language);

}  // namespace tongban::web
