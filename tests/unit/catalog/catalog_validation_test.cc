#include "catalog/catalog_validation.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "catalog/catalog_reader.h"
#include "catalog_fixture.h"

namespace tongban::catalog {
namespace {

using testing::describe;
using testing::TempCatalog;

constexpr const char* kMoItems = "MO/items/MO-DSI.toml";
constexpr const char* kJmItems = "CN-GD-JM/items/JM-HRSS.toml";
constexpr const char* kMo = "MO/jurisdiction.toml";
constexpr const char* kJm = "CN-GD-JM/jurisdiction.toml";
constexpr const char* kZones = "zones.toml";

// Loads the broken tree and expects one error at file/path/field whose message contains `words`.
void expect_error(const TempCatalog& tree, const std::string& file, const std::string& path, const std::string& field,
                  const std::string& words) {
  CatalogLoadResult result = load_catalog(tree.root());
  const CatalogError* error = testing::find_error(result.errors, file, path, field);
  ASSERT_NE(error, nullptr) << "expected " << file << ": " << path << "." << field << describe(result.errors);
  EXPECT_NE(error->message.find(words), std::string::npos) << to_string(*error);
  EXPECT_GT(error->line, 0) << to_string(*error);
}

TEST(CatalogValidation, ValidFixtureHasNoErrors) {
  CatalogReadResult read = read_catalog(testing::valid_fixture());
  ASSERT_TRUE(read.ok()) << describe(read.errors);
  EXPECT_TRUE(validate_catalog(read.catalog, read.sources).empty());
}

TEST(CatalogValidation, DuplicateItemCode) {
  TempCatalog tree;
  tree.replace(kMoItems, "code = \"MO-DSI-002\"", "code = \"MO-DSI-001\"");
  expect_error(tree, kMoItems, "item[1] (MO-DSI-001)", "code", "duplicate item code 'MO-DSI-001'");
}

TEST(CatalogValidation, DuplicateAuthorityCode) {
  TempCatalog tree;
  tree.replace(kJm, "code = \"JM-HRSS\"", "code = \"MO-DSI\"");
  // CN-GD-JM is read first, so the second definition (Macao's) is the duplicate.
  expect_error(tree, kMo, "authority[0] (MO-DSI)", "code", "duplicate authority code 'MO-DSI'");
}

TEST(CatalogValidation, UnknownAuthority) {
  TempCatalog tree;
  tree.replace(kMoItems, "authority = \"MO-DSI\"", "authority = \"MO-DSJ\"");
  expect_error(tree, kMoItems, "item[0] (MO-DSI-001)", "authority", "'MO-DSJ' is not defined");
}

TEST(CatalogValidation, AuthorityOfAnotherJurisdiction) {
  TempCatalog tree;
  tree.replace(kJmItems, "authority = \"JM-HRSS\"", "authority = \"MO-DSI\"");
  expect_error(tree, kJmItems, "item[0] (JM-HRSS-001)", "authority", "belongs to MO");
}

TEST(CatalogValidation, IncompleteLocalizedText) {
  TempCatalog tree;
  tree.replace(kMoItems, "pt = \"Fotografia\"", "pt = \"\"");
  expect_error(tree, kMoItems, "item[0] (MO-DSI-001).materials[0]", "name", "missing in pt");
}

TEST(CatalogValidation, MissingLanguageInJurisdictionName) {
  TempCatalog tree;
  tree.replace(kJm, "name = { zh_hans = \"江门市\", zh_hant = \"江門市\", pt = \"Jiangmen\", en = \"Jiangmen\" }",
               "name = { zh_hans = \"江门市\", pt = \"Jiangmen\" }");
  expect_error(tree, kJm, "jurisdiction", "name", "zh-Hant, en");
}

TEST(CatalogValidation, PromisedDaysAboveLegalDays) {
  TempCatalog tree;
  tree.replace(kMoItems, "promised_days = 10", "promised_days = 31");
  expect_error(tree, kMoItems, "item[0] (MO-DSI-001)", "promised_days", "between 1 and legal_days (30)");
}

TEST(CatalogValidation, CopiesBelowOne) {
  TempCatalog tree;
  tree.replace(kMoItems, "copies = 2", "copies = 0");
  expect_error(tree, kMoItems, "item[0] (MO-DSI-001).materials[1]", "copies", ">= 1");
}

TEST(CatalogValidation, VisitsOutOfRange) {
  TempCatalog tree;
  tree.replace(kMoItems, "visits = 1", "visits = 9");
  expect_error(tree, kMoItems, "item[0] (MO-DSI-001)", "visits", "between 0 and 5");
}

TEST(CatalogValidation, MaterialIdMustBeLowercaseWord) {
  TempCatalog tree;
  tree.replace(kMoItems, "id = \"photo\"", "id = \"Photo-1\"");
  expect_error(tree, kMoItems, "item[0] (MO-DSI-001).materials[0]", "id", "[a-z0-9_]+");
}

TEST(CatalogValidation, DuplicateMaterialId) {
  TempCatalog tree;
  tree.replace(kMoItems, "id = \"old_card\"", "id = \"photo\"");
  expect_error(tree, kMoItems, "item[0] (MO-DSI-001).materials[1]", "id", "duplicate material id 'photo'");
}

TEST(CatalogValidation, DuplicateFormFieldId) {
  TempCatalog tree;
  tree.replace(kMoItems, "id = \"bir_number\"", "id = \"postal_address\"");
  expect_error(tree, kMoItems, "item[0] (MO-DSI-001).form[1]", "id", "duplicate form field id");
}

TEST(CatalogValidation, ChoiceFieldWithoutChoices) {
  TempCatalog tree;
  tree.replace(kMoItems, "choices = [\"school\", \"work\", \"other\"]", "choices = []");
  expect_error(tree, kMoItems, "item[1] (MO-DSI-002).form[0]", "choices", "at least one choice");
}

// Every choice is shown by its label (issue 10: a choice answer was shown as its code, "employment").
TEST(CatalogValidation, ChoiceWithoutALabel) {
  TempCatalog tree;
  tree.replace(kMoItems, "choices = [\"school\", \"work\", \"other\"]",
               "choices = [\"school\", \"work\", \"other\", \"leisure\"]");
  expect_error(tree, kMoItems, "item[1] (MO-DSI-002).form[0]", "choice_labels", "'leisure' has no label");
}

TEST(CatalogValidation, ChoiceLabelIncompleteOrForNoChoice) {
  TempCatalog tree;
  tree.replace(kMoItems, "work = { zh_hans = \"工作\", zh_hant = \"工作\", pt = \"Trabalho\", en = \"Work\" }",
               "work = { zh_hans = \"工作\", zh_hant = \"工作\", en = \"Work\" }\nplay = { zh_hans = \"玩\", zh_hant = "
               "\"玩\", pt = \"Jogo\", en = \"Play\" }");
  expect_error(tree, kMoItems, "item[1] (MO-DSI-002).form[0]", "choice_labels.work", "missing in pt");
  expect_error(tree, kMoItems, "item[1] (MO-DSI-002).form[0]", "choice_labels",
               "'play' is not one of the field's choices");
}

TEST(CatalogValidation, ChoicesOnANonChoiceField) {
  TempCatalog tree;
  tree.replace(kMoItems, "type = \"address\"", "type = \"address\"\nchoices = [\"a\"]");
  expect_error(tree, kMoItems, "item[0] (MO-DSI-001).form[0]", "choices", "only a field of type choice");
}

TEST(CatalogValidation, PatternThatDoesNotCompile) {
  TempCatalog tree;
  tree.replace(kMoItems, "pattern = \"[157][0-9]{6}\\\\([0-9]\\\\)\"", "pattern = \"[157\"");
  expect_error(tree, kMoItems, "item[0] (MO-DSI-001).form[1]", "pattern", "not a pattern of the catalog's dialect");
}

// Backreferences and lookaround are ECMAScript but not RE2: they would need backtracking, so the catalog refuses
// them (docs/catalog-format.md, "Field patterns").
TEST(CatalogValidation, PatternWithABackreferenceIsRefused) {
  TempCatalog tree;
  tree.replace(kMoItems, "pattern = \"[157][0-9]{6}\\\\([0-9]\\\\)\"", "pattern = \"([0-9])\\\\1\"");
  expect_error(tree, kMoItems, "item[0] (MO-DSI-001).form[1]", "pattern", "RE2");
}

TEST(CatalogValidation, PatternWithLookaheadIsRefused) {
  TempCatalog tree;
  tree.replace(kMoItems, "pattern = \"[157][0-9]{6}\\\\([0-9]\\\\)\"", "pattern = \"(?=1)[0-9]+\"");
  expect_error(tree, kMoItems, "item[0] (MO-DSI-001).form[1]", "pattern", "RE2");
}

TEST(CatalogValidation, LengthBoundsOutOfOrder) {
  TempCatalog tree;
  tree.replace(kMoItems, "min_length = 1", "min_length = 300");
  expect_error(tree, kMoItems, "item[0] (MO-DSI-001).form[0]", "max_length", ">= min_length");
}

TEST(CatalogValidation, FeeCurrencyDiffersFromJurisdiction) {
  TempCatalog tree;
  tree.replace(kMoItems, "currency = \"MOP\"", "currency = \"HKD\"");
  expect_error(tree, kMoItems, "item[0] (MO-DSI-001).fees[0]", "currency", "currency of MO (MOP)");
}

TEST(CatalogValidation, ZoneItemOfAnotherJurisdiction) {
  TempCatalog tree;
  tree.replace(kZones, "\"MO-DSI-002\"]", "\"MO-DSI-002\", \"JM-HRSS-001\"]");
  expect_error(tree, kZones, "zone[0] (ZONE-MO-IN-JM)", "items", "'JM-HRSS-001' belongs to CN-GD-JM");
}

TEST(CatalogValidation, ZoneItemNotDefined) {
  TempCatalog tree;
  tree.replace(kZones, "\"MO-DSI-002\"]", "\"MO-DSI-099\"]");
  expect_error(tree, kZones, "zone[0] (ZONE-MO-IN-JM)", "items", "'MO-DSI-099' is not defined");
}

TEST(CatalogValidation, ZoneJurisdictionsMustExistAndDiffer) {
  TempCatalog tree;
  tree.replace(kZones, "host_jurisdiction = \"CN-GD-JM\"", "host_jurisdiction = \"MO\"");
  expect_error(tree, kZones, "zone[0] (ZONE-MO-IN-JM)", "host_jurisdiction", "must differ");
  TempCatalog unknown;
  unknown.replace(kZones, "owner_jurisdiction = \"MO\"", "owner_jurisdiction = \"XX\"");
  expect_error(unknown, kZones, "zone[0] (ZONE-MO-IN-JM)", "owner_jurisdiction", "'XX' is not defined");
}

TEST(CatalogValidation, ServicePointZoneHostedElsewhere) {
  TempCatalog tree;
  tree.replace(kMo, "zones = []", "zones = [\"ZONE-MO-IN-JM\"]");
  expect_error(tree, kMo, "service_point[0] (MO-WIN-DSI-HQ)", "zones", "hosted by CN-GD-JM");
}

TEST(CatalogValidation, ServicePointZoneNotDefined) {
  TempCatalog tree;
  tree.replace(kJm, "zones = [\"ZONE-MO-IN-JM\"]", "zones = [\"ZONE-HK-IN-JM\"]");
  expect_error(tree, kJm, "service_point[0] (JM-WIN-PENGJIANG)", "zones", "'ZONE-HK-IN-JM' is not defined");
}

// A service point's phone is optional; when given it is international (the guide's tel: link is dialled from every
// jurisdiction of the deployment).
TEST(CatalogValidation, ServicePointPhoneIsInternational) {
  TempCatalog good;
  good.replace(kMo, "hours = [\"Mon-Thu", "phone = \"+853 2833 2886\"\nhours = [\"Mon-Thu");
  CatalogLoadResult loaded = load_catalog(good.root());
  ASSERT_TRUE(loaded.errors.empty()) << describe(loaded.errors);
  EXPECT_EQ(loaded.catalog.find_service_point("MO-WIN-DSI-HQ")->phone, "+853 2833 2886");
  for (const char* bad :
       {"2833 2886", "+853  2833 2886", "+853-2833-2886", "+0 853 2833", "+853 28", "+853 2833 2886 "}) {
    TempCatalog tree;
    tree.replace(kMo, "hours = [\"Mon-Thu", "phone = \"" + std::string(bad) + "\"\nhours = [\"Mon-Thu");
    SCOPED_TRACE(bad);
    expect_error(tree, kMo, "service_point[0] (MO-WIN-DSI-HQ)", "phone", "international number");
  }
}

TEST(CatalogValidation, ItemNeedsModesChannelsApplicantsAndDelivery) {
  TempCatalog tree;
  tree.replace(kJmItems, "modes = [\"online\"]", "modes = []");
  tree.replace(kJmItems, "channels = [\"web\"]", "channels = []");
  tree.replace(kJmItems, "applicant_kinds = [\"natural_person\"]", "applicant_kinds = []");
  tree.replace(kJmItems, "delivery = [\"electronic\"]", "delivery = []");
  expect_error(tree, kJmItems, "item[0] (JM-HRSS-001)", "modes", "at least one handling mode");
  expect_error(tree, kJmItems, "item[0] (JM-HRSS-001)", "channels", "at least one channel");
  expect_error(tree, kJmItems, "item[0] (JM-HRSS-001)", "applicant_kinds", "at least one applicant kind");
  expect_error(tree, kJmItems, "item[0] (JM-HRSS-001).result", "delivery", "at least one delivery method");
}

TEST(CatalogValidation, StandardItemMustBeABasicCode) {
  TempCatalog tree;
  tree.replace(kMoItems, "standard_item = \"ID-RENEWAL\"", "standard_item = \"MO-DSI-001\"");
  expect_error(tree, kMoItems, "item[1] (MO-DSI-002)", "standard_item", "not the basic_code of any item");
}

TEST(CatalogValidation, BadCurrencyCode) {
  TempCatalog tree;
  tree.replace(kJm, "currency = \"CNY\"", "currency = \"yuan\"");
  expect_error(tree, kJm, "jurisdiction", "currency", "ISO 4217");
}

TEST(CatalogValidation, WithoutSourcesErrorsNameTheConventionalFile) {
  CatalogReadResult read = read_catalog(testing::valid_fixture());
  ASSERT_TRUE(read.ok()) << describe(read.errors);
  domain::Catalog catalog = read.catalog;
  domain::Item& item = *std::find_if(catalog.items.begin(), catalog.items.end(),
                                     [](const domain::Item& i) { return i.code == "MO-DSI-001"; });
  item.materials.at(0).copies = 0;
  std::vector<CatalogError> errors = validate_catalog(catalog);
  ASSERT_EQ(errors.size(), 1u) << describe(errors);
  EXPECT_EQ(errors[0].file, "MO/items/MO-DSI.toml");
  EXPECT_EQ(errors[0].path, "item (MO-DSI-001).materials[0]");
  EXPECT_EQ(errors[0].field, "copies");
  EXPECT_EQ(errors[0].line, 0);
}

}  // namespace
}  // namespace tongban::catalog
