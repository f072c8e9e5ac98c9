// The catalog reader: turns the TOML tree under a catalog root (docs/catalog-format.md) into a domain::Catalog.
//
//   <root>/zones.toml                          [[zone]]
//   <root>/<JURISDICTION>/jurisdiction.toml    [jurisdiction], [[authority]], [[service_point]]
//   <root>/<JURISDICTION>/items/*.toml         [[item]]
//
// The reader checks the shape of each file: TOML syntax, required keys, value types, the words of closed
// vocabularies, opening hours, and that no unknown key is present (a typo must not pass silently). It collects every
// problem instead of stopping at the first. Cross-references and semantic rules are catalog::validate's job
// (catalog_validation.h); load_catalog there runs both.
//
// Folders and files are read in sorted name order, so the same tree always gives the same Catalog. The jurisdiction
// of authorities, service points and items is the folder's [jurisdiction] code; it is not written in the files.
#pragma once

#include <filesystem>
#include <vector>

#include "catalog/catalog_error.h"
#include "domain/catalog.h"

namespace tongban::catalog {

struct CatalogReadResult {
  domain::Catalog catalog;           // everything that could be read, even when there are errors
  CatalogSources sources;            // where each element of `catalog` was read
  std::vector<CatalogError> errors;  // empty when the tree is well-formed

  bool ok() const { return errors.empty(); }
};

CatalogReadResult read_catalog(const std::filesystem::path& root);

}  // namespace tongban::catalog
