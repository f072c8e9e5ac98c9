#include "catalog/item_documents.h"

#include <boost/json/serialize.hpp>

#include "catalog/item_json.h"
#include "domain/canonical_bytes.h"

namespace tongban::catalog {

ItemDocuments::ItemDocuments(const domain::Catalog& catalog) {
  documents_.reserve(catalog.items.size());
  by_code_.reserve(catalog.items.size());
  for (const domain::Item& item : catalog.items) {
    ItemDocument document;
    document.json = boost::json::serialize(item_to_json(item));
    document.sha256 = domain::sha256_hex(document.json);
    for (domain::Language language : domain::kAllLanguages)
      document.summaries[static_cast<std::size_t>(language)] =
          boost::json::serialize(item_summary_json(item, language));
    by_code_.emplace(item.code, documents_.size());
    documents_.push_back(std::move(document));
  }
}

const ItemDocument* ItemDocuments::find(std::string_view code) const {
  auto found = by_code_.find(code);
  return found == by_code_.end() ? nullptr : &documents_[found->second];
}

}  // namespace tongban::catalog
