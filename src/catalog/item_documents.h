// ItemDocuments: every item of a catalog serialised once, the bytes GET /api/v1/items/{code} answers and the
// short forms the item lists answer, with the SHA-256 of each full document for its entity tag (docs/api.md).
//
// Built whole when a catalog snapshot is made (node::CatalogSnapshot), then only read: safe from many threads, and
// no request serialises an item again. The bytes are exactly boost::json::serialize of item_to_json and of
// item_summary_json (catalog/item_json.h); a new catalog makes new documents, so an item that changed gets new
// bytes and a new digest.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "domain/catalog.h"
#include "domain/language.h"

namespace tongban::catalog {

struct ItemDocument {
  std::string json;    // serialize(item_to_json(item))
  std::string sha256;  // lowercase hex SHA-256 of `json`
  // serialize(item_summary_json(item, language)) per language (index: domain::Language)
  std::array<std::string, domain::kAllLanguages.size()> summaries;

  const std::string& summary(domain::Language language) const { return summaries[static_cast<std::size_t>(language)]; }
};

class ItemDocuments {
 public:
  ItemDocuments() = default;
  explicit ItemDocuments(const domain::Catalog& catalog);

  // The documents of the item with this code, nullptr when the catalog has none.
  const ItemDocument* find(std::string_view code) const;
  std::size_t size() const { return documents_.size(); }

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
  };
  std::vector<ItemDocument> documents_;  // parallel to catalog.items
  std::unordered_map<std::string, std::size_t, Hash, std::equal_to<>> by_code_;
};

}  // namespace tongban::catalog
