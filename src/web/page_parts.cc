// Pieces the applicant-facing pages share: a word from an enum's catalog key, an item's line in a list, <select>
// options, the identity document types.
#include "web/page_routes.h"

namespace tongban::web {

std::string word(const Page& page, std::string_view prefix, std::string_view value) {
  return page.t(std::string(prefix) + std::string(value));
}

std::string tel_href(std::string_view phone) {
  std::string href = "tel:";
  for (char c : phone)
    if (c != ' ') href += c;
  return href;
}

Data item_summary(const Page& page, const domain::Catalog& catalog, const domain::Item& item) {
  Data entry;
  entry.set("href", page.link("/items/" + item.code));
  entry.set("name", item.name.in(page.language));
  entry.set("code", item.code);
  if (const auto* authority = catalog.find_authority(item.authority))
    entry.set("authority", authority->name.in(page.language));
  if (const auto* jurisdiction = catalog.find_jurisdiction(item.jurisdiction))
    entry.set("jurisdiction", jurisdiction->name.in(page.language));
  return entry;
}

Data choice_list(const std::vector<std::pair<std::string, std::string>>& values, const std::string& selected) {
  Data list{Data::type::list};
  for (const auto& [code, name] : values) {
    Data entry;
    entry.set("value", code);
    entry.set("name", name);
    entry.set("selected", code == selected);
    list.push_back(entry);
  }
  return list;
}

Data document_choices(const Page& page, const std::string& selected) {
  std::vector<std::pair<std::string, std::string>> documents;
  for (auto type : {"MO_BIR", "CN_RIC", "CN_RP", "HK_HKID", "CN_HMTP", "CN_EEP"})
    documents.emplace_back(type, page.t(std::string("document:") + type));
  return choice_list(documents, selected);
}

}  // namespace tongban::web
