// CatalogError: one problem found while reading or validating a catalog tree, and where it is.
//
// A plain value. `file` is relative to the catalog root ("MO/items/MO-DSI.toml"), `path` is the place inside the file
// ("item[3] (MO-DSI-004).materials[1]"), `field` the key ("copies", empty when the problem is the whole element),
// `line` the 1-based TOML line when known (0 = unknown).
#pragma once

#include <string>
#include <vector>

namespace tongban::catalog {

struct CatalogError {
  std::string file;
  std::string path;
  std::string field;
  std::string message;
  int line = 0;
};

// "MO/items/MO-DSI.toml:12: item[3] (MO-DSI-004).materials[1].copies: must be a whole number >= 1"
std::string to_string(const CatalogError& error);

// Where an element of the catalog came from; the reader fills one per element so validation can point at it.
struct SourceLocation {
  std::string file;
  std::string path;
  int line = 0;
};

// Parallel to the vectors of domain::Catalog: sources.items[i] is where catalog.items[i] was read.
struct CatalogSources {
  std::vector<SourceLocation> jurisdictions;
  std::vector<SourceLocation> authorities;
  std::vector<SourceLocation> service_points;
  std::vector<SourceLocation> items;
  std::vector<SourceLocation> zones;
};

}  // namespace tongban::catalog
