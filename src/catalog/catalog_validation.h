// Catalog validation: the cross-reference and semantic rules of a catalog (catalog.h header, docs/catalog-format.md).
//
// validate_catalog never changes the catalog; it returns every broken rule as a CatalogError. The rules:
// - codes are unique within their kind (jurisdiction, authority, service point, item, zone);
// - references resolve: authority -> jurisdiction, item -> authority (of the item's own jurisdiction), service
//   point -> zones hosted by the point's jurisdiction, zone -> owner/host jurisdictions and items of the owner,
//   standard_item -> the basic_code of some item;
// - every LocalizedText is complete in zh-Hans, zh-Hant, pt and en;
// - 1 <= promised_days <= legal_days, 0 <= visits <= 5, copies >= 1, amount_minor >= 0, fee currency equals the
//   jurisdiction's currency;
// - material and form field ids match [a-z0-9_]+ and are unique within their item; choice fields have choices and
//   only choice fields do; patterns compile in the RE2 dialect (catalog/field_patterns.h); min <= max;
// - every item has at least one handling mode, channel, applicant kind and result delivery method.
//
// Errors point at the file and path the element was read from when `sources` has them (read_catalog fills them);
// otherwise at the file the writer would put the element in.
#pragma once

#include <filesystem>
#include <vector>

#include "catalog/catalog_error.h"
#include "domain/catalog.h"

namespace tongban::catalog {

std::vector<CatalogError> validate_catalog(const domain::Catalog& catalog, const CatalogSources& sources = {});

struct CatalogLoadResult {
  domain::Catalog catalog;
  CatalogSources sources;
  std::vector<CatalogError> errors;  // read errors first, then validation errors

  bool ok() const { return errors.empty(); }
};

// read_catalog then validate_catalog: the one call a node or `tongban catalog validate` needs. The catalog is only
// safe to use when ok().
CatalogLoadResult load_catalog(const std::filesystem::path& root);

}  // namespace tongban::catalog
