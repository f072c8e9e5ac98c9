// JSON forms of catalog elements for the API and the JSON export (Boost.JSON).
//
// A LocalizedText becomes an object keyed by BCP 47 tag: {"zh-Hans": …, "zh-Hant": …, "pt": …, "en": …}. Enumerations
// use their catalog words (domain::to_string). item_to_json is the full item (GET /api/v1/items/{code}), with every
// field of domain::Item; item_summary_json is the short form for lists, with texts in one language.
// Pure functions of their arguments.
#pragma once

#include <boost/json.hpp>

#include "domain/catalog.h"

namespace tongban::catalog {

boost::json::object localized_to_json(const domain::LocalizedText& text);
boost::json::object item_to_json(const domain::Item& item);
// {code, basic_code, jurisdiction, authority, type, name, language, modes, channels, promised_days, legal_days,
//  visits, fee_minor, currency, e_certificate}; `name` in `language`, fee_minor the sum of the item's fees.
boost::json::object item_summary_json(const domain::Item& item, domain::Language language);

// Array of the catalog words of some enumeration values, e.g. ["web", "window"].
template <typename Enum>
boost::json::array words_to_json(const std::vector<Enum>& values) {
  boost::json::array array;
  for (Enum value : values) array.emplace_back(domain::to_string(value));
  return array;
}

boost::json::array strings_to_json(const std::vector<std::string>& values);

}  // namespace tongban::catalog
