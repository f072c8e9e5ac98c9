// A service point's own list of items (docs/catalog-format.md, `items`): read, validated (each code defined once, an
// item the point would take in without the list, offered through one of the point's channels), written back, and
// followed by Catalog::point_accepts_item; and the shipped catalog's bank, post, cabin and partner points.
#include <gtest/gtest.h>

#include <algorithm>

#include "catalog/catalog_reader.h"
#include "catalog/catalog_validation.h"
#include "catalog/catalog_writer.h"
#include "catalog_fixture.h"

namespace tongban::catalog {
namespace {

using testing::describe;
using testing::TempCatalog;

constexpr const char* kJm = "CN-GD-JM/jurisdiction.toml";
constexpr const char* kPointPath = "service_point[0] (JM-WIN-PENGJIANG)";

// The fixture's Jiangmen window (channels window and cabin, zone ZONE-MO-IN-JM with MO-DSI-001 and MO-DSI-002, own
// items accepted) with an `items` line added.
void list_items(const TempCatalog& tree, const std::string& items) {
  tree.replace(kJm, "zones = [\"ZONE-MO-IN-JM\"]", "zones = [\"ZONE-MO-IN-JM\"]\nitems = " + items);
}

void expect_items_error(const TempCatalog& tree, const std::string& words) {
  CatalogLoadResult result = load_catalog(tree.root());
  const CatalogError* error = testing::find_error(result.errors, kJm, kPointPath, "items");
  ASSERT_NE(error, nullptr) << describe(result.errors);
  EXPECT_NE(error->message.find(words), std::string::npos) << to_string(*error);
  EXPECT_GT(error->line, 0) << to_string(*error);
}

TEST(PointItems, AListRestrictsWhatThePointTakesIn) {
  TempCatalog tree;
  list_items(tree, "[\"MO-DSI-001\"]");
  CatalogLoadResult result = load_catalog(tree.root());
  ASSERT_TRUE(result.errors.empty()) << describe(result.errors);
  const auto& catalog = result.catalog;
  const auto* point = catalog.find_service_point("JM-WIN-PENGJIANG");
  ASSERT_NE(point, nullptr);
  EXPECT_EQ(point->items, std::vector<std::string>{"MO-DSI-001"});
  EXPECT_TRUE(catalog.point_accepts_item(*point, *catalog.find_item("MO-DSI-001")));
  // In the point's zone, but not on its list.
  EXPECT_FALSE(catalog.point_accepts_item(*point, *catalog.find_item("MO-DSI-002")));
  // An own item, but not on its list.
  EXPECT_FALSE(catalog.point_accepts_item(*point, *catalog.find_item("JM-HRSS-001")));
}

TEST(PointItems, WithoutAListThePointTakesInItsOwnAndZoneItems) {
  CatalogLoadResult result = load_catalog(testing::valid_fixture());
  ASSERT_TRUE(result.errors.empty()) << describe(result.errors);
  const auto& catalog = result.catalog;
  const auto* point = catalog.find_service_point("JM-WIN-PENGJIANG");
  EXPECT_TRUE(point->items.empty());
  EXPECT_TRUE(catalog.point_accepts_item(*point, *catalog.find_item("MO-DSI-002")));
  EXPECT_TRUE(catalog.point_accepts_item(*point, *catalog.find_item("JM-HRSS-001")));
}

TEST(PointItems, UnknownItemIsRefused) {
  TempCatalog tree;
  list_items(tree, "[\"MO-DSI-009\"]");
  expect_items_error(tree, "item 'MO-DSI-009' is not defined");
}

TEST(PointItems, ItemListedTwiceIsRefused) {
  TempCatalog tree;
  list_items(tree, "[\"MO-DSI-001\", \"MO-DSI-001\"]");
  expect_items_error(tree, "item 'MO-DSI-001' is listed twice");
}

TEST(PointItems, ItemOutsideTheZonesAndOwnItemsIsRefused) {
  TempCatalog tree;
  // Drop the zone: the Macao item is no longer one this Jiangmen point may take in.
  tree.replace(kJm, "zones = [\"ZONE-MO-IN-JM\"]", "zones = []\nitems = [\"MO-DSI-001\"]");
  expect_items_error(tree, "item 'MO-DSI-001' of MO is not taken in here");
}

TEST(PointItems, OwnItemRefusedWhenThePointAcceptsNoOwnItems) {
  TempCatalog tree;
  tree.replace(kJm, "zones = [\"ZONE-MO-IN-JM\"]",
               "zones = [\"ZONE-MO-IN-JM\"]\naccepts_own_items = false\nitems = [\"JM-HRSS-001\"]");
  expect_items_error(tree, "item 'JM-HRSS-001' of CN-GD-JM is not taken in here");
}

TEST(PointItems, ItemOfferedThroughNoneOfThePointsChannelsIsRefused) {
  TempCatalog tree;
  // JM-HRSS-001 is offered on the web only; the window takes in over window and cabin.
  list_items(tree, "[\"JM-HRSS-001\"]");
  expect_items_error(tree, "item 'JM-HRSS-001' is offered through none of the point's channels");
}

TEST(PointItems, TheListIsWrittenBackAndReadAgain) {
  TempCatalog tree;
  list_items(tree, "[\"MO-DSI-001\"]");
  CatalogLoadResult first = load_catalog(tree.root());
  ASSERT_TRUE(first.errors.empty()) << describe(first.errors);
  TempCatalog written;
  std::filesystem::remove_all(written.root());
  for (const auto& [file, text] : catalog_to_toml_files(first.catalog))
    testing::write_text(written.root() / file, text);
  CatalogLoadResult again = load_catalog(written.root());
  ASSERT_TRUE(again.errors.empty()) << describe(again.errors);
  EXPECT_EQ(again.catalog.find_service_point("JM-WIN-PENGJIANG")->items, std::vector<std::string>{"MO-DSI-001"});
  // A point without a list gets no `items` line, so it keeps taking in everything its rules give it.
  EXPECT_TRUE(again.catalog.find_service_point("MO-WIN-DSI-HQ")->items.empty());
}

// The shipped catalog has each kind of point, and the agents' points have their own lists.
TEST(PointItems, ShippedCatalogHasEveryKindOfPoint) {
  CatalogLoadResult result = load_catalog(TONGBAN_SOURCE_DIR "/data/catalog");
  ASSERT_TRUE(result.errors.empty()) << describe(result.errors);
  const auto& catalog = result.catalog;
  for (auto kind :
       {domain::ServicePointKind::window, domain::ServicePointKind::bank_branch, domain::ServicePointKind::post_office,
        domain::ServicePointKind::kiosk, domain::ServicePointKind::cabin, domain::ServicePointKind::partner_office}) {
    EXPECT_TRUE(std::any_of(catalog.service_points.begin(), catalog.service_points.end(), [&](const auto& point) {
      return point.kind == kind;
    })) << domain::to_string(kind);
  }
  struct Expected {
    const char* point;
    domain::ServicePointKind kind;
    const char* jurisdiction;
    const char* takes;     // an item on its list
    const char* not_here;  // an item the point's rules would give it, but not on its list
  };
  for (const Expected& e : {
           Expected{"JM-BANK-BEA", domain::ServicePointKind::bank_branch, "CN-GD-JM", "JM-HRSS-008", "JM-CA-006"},
           Expected{"JM-POST-JIANGHAI", domain::ServicePointKind::post_office, "CN-GD-JM", "JM-PSB-024", "JM-CA-006"},
           Expected{"JM-CABIN-MACAO", domain::ServicePointKind::cabin, "CN-GD-JM", "JM-GOV-001", "JM-CA-006"},
           Expected{"MO-PARTNER-GMFIC", domain::ServicePointKind::partner_office, "MO", "JM-AMR-004", "JM-HRSS-001"},
           Expected{"MO-PARTNER-UGAMM", domain::ServicePointKind::partner_office, "MO", "MO-FSS-007", "JM-HRSS-001"},
       }) {
    SCOPED_TRACE(e.point);
    const auto* point = catalog.find_service_point(e.point);
    ASSERT_NE(point, nullptr);
    EXPECT_EQ(point->kind, e.kind);
    EXPECT_EQ(point->jurisdiction, e.jurisdiction);
    EXPECT_FALSE(point->items.empty());
    EXPECT_TRUE(catalog.point_accepts_item(*point, *catalog.find_item(e.takes)));
    EXPECT_FALSE(catalog.point_accepts_item(*point, *catalog.find_item(e.not_here)));
    EXPECT_TRUE(point->name.complete());
  }
}

}  // namespace
}  // namespace tongban::catalog
