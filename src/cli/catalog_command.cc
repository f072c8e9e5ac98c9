// tongban catalog validate|import|export: check a catalog tree, install it in a node, write it out again.
#include <fmt/format.h>

#include <boost/json/serialize.hpp>
#include <fstream>
#include <iostream>

#include "catalog/catalog_validation.h"
#include "catalog/catalog_writer.h"
#include "catalog/cpsv_ap.h"
#include "cli/commands.h"
#include "cli/node_options.h"

namespace tongban::cli {
namespace {

void write_text(const std::string& path, const std::string& text) {
  if (path.empty() || path == "-") {
    std::cout << text << "\n";
    return;
  }
  std::ofstream out(path, std::ios::binary);
  out << text << "\n";
  if (!out) throw std::runtime_error("cannot write " + path);
  std::cerr << "wrote " << path << "\n";
}

void validate(const std::string& root) {
  auto loaded = catalog::load_catalog(root);
  for (const auto& error : loaded.errors) std::cerr << catalog::to_string(error) << "\n";
  if (!loaded.ok()) throw std::runtime_error(fmt::format("{}: {} error(s)", root, loaded.errors.size()));
  std::cout << fmt::format("{}: valid — {} jurisdictions, {} authorities, {} service points, {} items, {} zones\n",
                           root, loaded.catalog.jurisdictions.size(), loaded.catalog.authorities.size(),
                           loaded.catalog.service_points.size(), loaded.catalog.items.size(),
                           loaded.catalog.zones.size());
}

}  // namespace

void add_catalog_command(CLI::App& app) {
  auto* catalog = app.add_subcommand("catalog", "Validate, import and export the service catalog");
  catalog->require_subcommand(1);

  auto root = std::make_shared<std::string>();
  auto* validate_command = catalog->add_subcommand("validate", "Check a catalog tree (docs/catalog-format.md)");
  validate_command->add_option("DIR", *root, "The catalog folder (with zones.toml)")
      ->required()
      ->check(CLI::ExistingDirectory);
  validate_command->callback([root] { validate(*root); });

  auto import_options = std::make_shared<NodeOptions>();
  auto source = std::make_shared<std::string>();
  auto* import_command = catalog->add_subcommand("import", "Validate a catalog tree and make it the node's catalog");
  import_command->add_option("DIR", *source, "The catalog folder")->required()->check(CLI::ExistingDirectory);
  add_node_options(import_command, *import_options);
  import_command->callback([import_options, source] {
    auto node = open_node(*import_options);
    std::size_t items = node->install_catalog(*source);
    std::cout << fmt::format("imported {} items into {}; restart the node to serve them\n", items,
                             import_options->data_dir);
  });

  auto export_options = std::make_shared<NodeOptions>();
  auto format = std::make_shared<std::string>("json");
  auto out = std::make_shared<std::string>("-");
  auto* export_command = catalog->add_subcommand("export", "Write the node's catalog as JSON, CPSV-AP JSON-LD or TOML");
  add_node_options(export_command, *export_options);
  export_command->add_option("--format", *format, "json | cpsv-ap | toml")
      ->check(CLI::IsMember({"json", "cpsv-ap", "toml"}))
      ->capture_default_str();
  export_command->add_option("--out", *out, "File (json, cpsv-ap) or folder (toml); - for standard output")
      ->capture_default_str();
  export_command->callback([export_options, format, out] {
    auto node = open_node(*export_options);
    const auto& catalog = node->catalog()->catalog;
    if (*format == "json") write_text(*out, boost::json::serialize(catalog::catalog_to_json(catalog)));
    if (*format == "cpsv-ap") write_text(*out, boost::json::serialize(catalog::catalog_to_cpsv_ap(catalog)));
    if (*format == "toml") {
      if (*out == "-") throw std::runtime_error("--format toml writes a folder: give --out DIR");
      catalog::write_catalog_toml(catalog, *out);
      std::cerr << "wrote the catalog tree to " << *out << "\n";
    }
  });
}

}  // namespace tongban::cli
