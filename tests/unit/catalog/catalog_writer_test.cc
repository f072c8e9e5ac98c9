#include "catalog/catalog_writer.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "catalog/catalog_reader.h"
#include "catalog/catalog_validation.h"
#include "catalog_fixture.h"

namespace tongban::catalog {
namespace {

using testing::describe;

domain::Catalog fixture_catalog() {
  CatalogReadResult read = read_catalog(testing::valid_fixture());
  EXPECT_TRUE(read.ok()) << describe(read.errors);
  return read.catalog;
}

domain::Item& item_named(domain::Catalog& catalog, const std::string& code) {
  return *std::find_if(catalog.items.begin(), catalog.items.end(),
                       [&](const domain::Item& item) { return item.code == code; });
}

// Writes `catalog` to a fresh folder and reads it back.
CatalogLoadResult round_trip(const domain::Catalog& catalog, std::filesystem::path& folder) {
  folder = testing::make_temp_dir();
  write_catalog_toml(catalog, folder);
  return load_catalog(folder);
}

TEST(CatalogWriter, ReadWriteReadGivesAnEqualCatalog) {
  domain::Catalog original = fixture_catalog();
  std::filesystem::path folder;
  CatalogLoadResult again = round_trip(original, folder);
  ASSERT_TRUE(again.ok()) << describe(again.errors);
  EXPECT_EQ(boost::json::serialize(catalog_to_json(again.catalog)), boost::json::serialize(catalog_to_json(original)));
  // And the TOML text is a fixed point: writing the re-read catalog gives the same files.
  EXPECT_EQ(catalog_to_toml_files(again.catalog), catalog_to_toml_files(original));
  std::filesystem::remove_all(folder);
}

TEST(CatalogWriter, RoundTripKeepsAwkwardTextsAndNumbers) {
  domain::Catalog catalog = fixture_catalog();
  domain::Item& item = item_named(catalog, "MO-DSI-002");
  item.description.en = "Line one\nline \"two\"\twith a back\\slash and 中文";
  item.form[0].min_value = -0.125;
  item.form[0].max_value = 1e9;
  item.keywords = {"a\"b", ""};
  std::filesystem::path folder;
  CatalogLoadResult again = round_trip(catalog, folder);
  ASSERT_TRUE(again.ok()) << describe(again.errors);
  const domain::Item* read_back = again.catalog.find_item("MO-DSI-002");
  ASSERT_NE(read_back, nullptr);
  EXPECT_EQ(read_back->description.en, item.description.en);
  EXPECT_EQ(read_back->form[0].min_value, -0.125);
  EXPECT_EQ(read_back->form[0].max_value, 1e9);
  EXPECT_EQ(read_back->keywords, item.keywords);
  std::filesystem::remove_all(folder);
}

TEST(CatalogWriter, LaysOutOneFilePerJurisdictionAndAuthority) {
  std::map<std::string, std::string> files = catalog_to_toml_files(fixture_catalog());
  std::vector<std::string> names;
  for (const auto& [name, text] : files) names.push_back(name);
  EXPECT_EQ(names, (std::vector<std::string>{"CN-GD-JM/items/JM-HRSS.toml", "CN-GD-JM/jurisdiction.toml",
                                             "MO/items/MO-DSI.toml", "MO/jurisdiction.toml", "zones.toml"}));
  const std::string& jiangmen = files["CN-GD-JM/jurisdiction.toml"];
  EXPECT_NE(jiangmen.find("hours = [\"Mon-Fri 09:00-12:00 14:00-17:30\", \"Sat 09:00-12:00\"]"), std::string::npos)
      << jiangmen;
  EXPECT_EQ(files["MO/items/MO-DSI.toml"].find("[[item]]"), 0u);
}

TEST(CatalogWriter, RefusesANonEmptyFolderAndLeavesItAlone) {
  std::filesystem::path folder = testing::make_temp_dir();
  testing::write_text(folder / "keep.txt", "mine");
  EXPECT_THROW(write_catalog_toml(fixture_catalog(), folder), std::runtime_error);
  EXPECT_EQ(testing::read_text(folder / "keep.txt"), "mine");
  EXPECT_FALSE(std::filesystem::exists(folder / "zones.toml"));
  std::filesystem::remove_all(folder);
}

TEST(CatalogWriter, JsonDocumentHasEveryKindOfElement) {
  domain::Catalog catalog = fixture_catalog();
  boost::json::object document = catalog_to_json(catalog);
  EXPECT_EQ(document.at("format").as_string(), "tongban-catalog");
  EXPECT_EQ(document.at("jurisdictions").as_array().size(), 2u);
  EXPECT_EQ(document.at("authorities").as_array().size(), 2u);
  EXPECT_EQ(document.at("items").as_array().size(), 3u);
  EXPECT_EQ(document.at("zones").as_array().size(), 1u);
  const boost::json::array& points = document.at("service_points").as_array();
  ASSERT_EQ(points.size(), 2u);
  const boost::json::object& macao = points[1].as_object();
  EXPECT_EQ(macao.at("code").as_string(), "MO-WIN-DSI-HQ");
  EXPECT_EQ(macao.at("hours").as_array().size(), 5u);
  EXPECT_EQ(macao.at("name").at("pt").as_string(), "Sede da DSI");
  const boost::json::object& jiangmen = document.at("jurisdictions").as_array()[0].as_object();
  EXPECT_EQ(jiangmen.at("languages").as_array()[0].as_string(), "zh-Hans");
  EXPECT_EQ(jiangmen.at("accepted_documents").as_array()[2].as_string(), "CN_USCC");
}

}  // namespace
}  // namespace tongban::catalog
