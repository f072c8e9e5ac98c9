// The catalog shipped in data/catalog must load with zero errors and cover the first deployment.
#include <gtest/gtest.h>

#include <filesystem>
#include <set>

#include "catalog/catalog_validation.h"
#include "catalog/catalog_writer.h"
#include "catalog/cpsv_ap.h"
#include "catalog_fixture.h"

namespace tongban::catalog {
namespace {

const std::filesystem::path kShipped = TONGBAN_SOURCE_DIR "/data/catalog";

bool is_jiangmen_macao(const domain::Zone& zone) {
  std::set<std::string> pair{zone.owner_jurisdiction, zone.host_jurisdiction};
  return zone.code.starts_with("ZONE-") && zone.code.find("-IN-") != std::string::npos &&
         pair == std::set<std::string>{"CN-GD-JM", "MO"};
}

TEST(ShippedCatalog, LoadsWithZeroErrorsAndCoversTheDeployment) {
  if (!std::filesystem::exists(kShipped)) GTEST_SKIP() << kShipped << " does not exist yet";
  CatalogLoadResult result = load_catalog(kShipped);
  EXPECT_TRUE(result.ok()) << result.errors.size() << " errors:" << testing::describe(result.errors);

  std::set<std::string> zone_items;
  for (const domain::Zone& zone : result.catalog.zones) {
    if (is_jiangmen_macao(zone)) zone_items.insert(zone.items.begin(), zone.items.end());
  }
  EXPECT_GE(zone_items.size(), 300u) << "items in the Jiangmen-Macao zones";

  std::size_t hong_kong = 0;
  for (const domain::Item& item : result.catalog.items) hong_kong += item.jurisdiction == "HK" ? 1 : 0;
  EXPECT_GE(hong_kong, 30u) << "Hong Kong items";
}

TEST(ShippedCatalog, SurvivesAWriteReadRoundTripAndExports) {
  if (!std::filesystem::exists(kShipped)) GTEST_SKIP() << kShipped << " does not exist yet";
  CatalogLoadResult shipped = load_catalog(kShipped);
  ASSERT_TRUE(shipped.ok()) << testing::describe(shipped.errors);
  std::filesystem::path folder = testing::make_temp_dir();
  write_catalog_toml(shipped.catalog, folder);
  CatalogLoadResult again = load_catalog(folder);
  std::filesystem::remove_all(folder);
  ASSERT_TRUE(again.ok()) << testing::describe(again.errors);
  EXPECT_EQ(boost::json::serialize(catalog_to_json(again.catalog)),
            boost::json::serialize(catalog_to_json(shipped.catalog)));
  boost::json::object linked = catalog_to_cpsv_ap(shipped.catalog);
  EXPECT_EQ(linked.at("@graph").as_array().size(), shipped.catalog.items.size());
}

}  // namespace
}  // namespace tongban::catalog
