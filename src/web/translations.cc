#include "web/translations.h"

#include <boost/locale/gnu_gettext.hpp>
#include <boost/locale/message.hpp>
#include <stdexcept>

#include "web/embedded_files.h"

namespace tongban::web {
namespace {

// Boost.Locale asks for <path>/<locale name>/LC_MESSAGES/<domain>.mo; the locale name is ours (the catalog name).
std::locale catalog_locale(domain::Language language) {
  namespace gettext = boost::locale::gnu_gettext;
  gettext::messages_info info;
  info.language = std::string(catalog_name(language));
  info.encoding = "UTF-8";
  info.paths = {"embedded"};
  info.domains = {gettext::messages_info::domain("tongban")};
  info.callback = [](const std::string& file_name, const std::string&) -> std::vector<char> {
    // file_name is embedded/<name>/LC_MESSAGES/tongban.mo
    auto start = file_name.find('/');
    auto end = file_name.find('/', start + 1);
    if (start == std::string::npos || end == std::string::npos) return {};
    auto name = "locale/" + file_name.substr(start + 1, end - start - 1) + ".mo";
    auto found = embedded_files().find(name);
    if (found == embedded_files().end()) return {};
    return std::vector<char>(found->second.begin(), found->second.end());
  };
  auto* facet = gettext::create_messages_facet<char>(info);
  if (!facet) throw std::runtime_error("no message catalog for " + info.language);
  return std::locale(std::locale::classic(), facet);
}

}  // namespace

std::string_view catalog_name(domain::Language language) {
  switch (language) {
    case domain::Language::zh_Hans: return "zh_Hans";
    case domain::Language::zh_Hant: return "zh_Hant";
    case domain::Language::pt: return "pt";
    case domain::Language::en: return "en";
  }
  return "en";
}

Translations::Translations() {
  for (auto language : domain::kAllLanguages) locales_[static_cast<std::size_t>(language)] = catalog_locale(language);
}

const Translations& Translations::shipped() {
  static const Translations translations;
  return translations;
}

bool Translations::has(domain::Language language, std::string_view msgid) const {
  if (msgid.empty()) return false;
  const auto& locale = locales_[static_cast<std::size_t>(language)];
  const auto& facet = std::use_facet<boost::locale::message_format<char>>(locale);
  std::string id(msgid);
  const char* found = facet.get(0, nullptr, id.c_str());
  return found != nullptr && *found != '\0';
}

std::string Translations::text(domain::Language language, std::string_view msgid) const {
  if (msgid.empty()) return "";  // gettext's "" is the catalog header
  const auto& locale = locales_[static_cast<std::size_t>(language)];
  const auto& facet = std::use_facet<boost::locale::message_format<char>>(locale);
  std::string id(msgid);
  const char* found = facet.get(0, nullptr, id.c_str());
  return found && *found ? std::string(found) : id;
}

}  // namespace tongban::web
