// The catalog writer: a Catalog back as the TOML tree of docs/catalog-format.md, or as one JSON document.
//
// TOML: one <JURISDICTION>/jurisdiction.toml per jurisdiction (its authorities and service points), one
// <JURISDICTION>/items/<AUTHORITY>.toml per authority that has items, and zones.toml. Keys are written in the order
// of the format document, every key explicitly (defaults included), opening hours in canonical lines. For a
// validated catalog, read_catalog(write) gives back an equal catalog; element order is kept as long as each items
// file holds one authority's items (the layout the writer itself produces).
//
// JSON: {"format": "tongban-catalog", "version": 1, "jurisdictions": […], "authorities": […], "service_points": […],
// "items": […], "zones": […]} with items in the item_json.h form (`tongban catalog export --format json`).
#pragma once

#include <boost/json.hpp>
#include <filesystem>
#include <map>
#include <string>

#include "domain/catalog.h"

namespace tongban::catalog {

// Relative path ("MO/items/MO-DSI.toml") -> file text. Pure.
std::map<std::string, std::string> catalog_to_toml_files(const domain::Catalog& catalog);

// Writes the TOML tree under `root`, which must not exist or be an empty directory. Throws std::runtime_error (and
// writes nothing) when `root` is a non-empty directory or a file; throws std::runtime_error when a write fails.
void write_catalog_toml(const domain::Catalog& catalog, const std::filesystem::path& root);

boost::json::object catalog_to_json(const domain::Catalog& catalog);

}  // namespace tongban::catalog
