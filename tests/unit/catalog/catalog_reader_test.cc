#include "catalog/catalog_reader.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "catalog/catalog_validation.h"
#include "catalog_fixture.h"

namespace tongban::catalog {
namespace {

using testing::describe;
using testing::find_error;
using testing::TempCatalog;

constexpr const char* kMoItems = "MO/items/MO-DSI.toml";

// 1-based line of the first occurrence of `needle` in the file.
int line_of(const TempCatalog& tree, const std::string& file, const std::string& needle) {
  std::string text = testing::read_text(tree.root() / file);
  std::size_t at = text.find(needle);
  return at == std::string::npos ? -1 : static_cast<int>(std::count(text.begin(), text.begin() + at, '\n')) + 1;
}

TEST(CatalogReader, ReadsTheValidFixtureCompletely) {
  CatalogReadResult result = read_catalog(testing::valid_fixture());
  ASSERT_TRUE(result.ok()) << describe(result.errors);
  const domain::Catalog& catalog = result.catalog;
  EXPECT_EQ(catalog.jurisdictions.size(), 2u);
  EXPECT_EQ(catalog.authorities.size(), 2u);
  EXPECT_EQ(catalog.service_points.size(), 2u);
  EXPECT_EQ(catalog.items.size(), 3u);
  ASSERT_EQ(catalog.zones.size(), 1u);
  EXPECT_EQ(catalog.zones[0].items, (std::vector<std::string>{"MO-DSI-001", "MO-DSI-002"}));

  const domain::Item* renewal = catalog.find_item("MO-DSI-001");
  ASSERT_NE(renewal, nullptr);
  EXPECT_EQ(renewal->jurisdiction, "MO");  // from the folder
  EXPECT_EQ(renewal->type, domain::ItemType::certification);
  EXPECT_EQ(renewal->name.pt, "Renovação do BIR");
  ASSERT_EQ(renewal->fees.size(), 1u);
  EXPECT_EQ(renewal->fees[0].amount_minor, 12000);
  ASSERT_EQ(renewal->materials.size(), 2u);
  EXPECT_EQ(renewal->materials[1].form, domain::MaterialForm::original_and_copy);
  EXPECT_EQ(renewal->materials[1].copies, 2);
  EXPECT_TRUE(renewal->materials[1].required);  // default
  ASSERT_EQ(renewal->form.size(), 2u);
  EXPECT_EQ(renewal->form[0].max_length, 200);
  EXPECT_TRUE(renewal->form[0].crosses_border);
  EXPECT_EQ(renewal->form[1].pattern, "[157][0-9]{6}\\([0-9]\\)");
  EXPECT_FALSE(renewal->form[1].min_length.has_value());
  EXPECT_EQ(renewal->result.delivery,
            (std::vector<domain::DeliveryMethod>{domain::DeliveryMethod::window_pickup, domain::DeliveryMethod::post}));
  EXPECT_EQ(renewal->modes,
            (std::vector<domain::HandlingMode>{domain::HandlingMode::online, domain::HandlingMode::remote_intake}));

  const domain::Item* birth = catalog.find_item("MO-DSI-002");
  ASSERT_NE(birth, nullptr);
  EXPECT_EQ(birth->visits, 0);  // default
  EXPECT_EQ(birth->form[0].max_value, 2.5);
  EXPECT_EQ(birth->form[0].min_value, 0.0);

  const domain::Jurisdiction* jiangmen = catalog.find_jurisdiction("CN-GD-JM");
  ASSERT_NE(jiangmen, nullptr);
  EXPECT_EQ(jiangmen->utc_offset_minutes, 480);  // default
  EXPECT_EQ(jiangmen->languages, (std::vector<domain::Language>{domain::Language::zh_Hans, domain::Language::en}));
  EXPECT_EQ(catalog.find_authority("JM-HRSS")->jurisdiction, "CN-GD-JM");

  const domain::ServicePoint* macao_hq = catalog.find_service_point("MO-WIN-DSI-HQ");
  ASSERT_NE(macao_hq, nullptr);
  ASSERT_EQ(macao_hq->hours.size(), 5u);  // Mon..Thu + Fri
  EXPECT_EQ(macao_hq->hours[4].weekday, 5);
  EXPECT_EQ(macao_hq->hours[4].close_minute, 17 * 60 + 30);
  EXPECT_TRUE(catalog.find_service_point("JM-WIN-PENGJIANG")->accepts_own_items);  // default
}

TEST(CatalogReader, RecordsWhereEachElementCameFrom) {
  CatalogReadResult result = read_catalog(testing::valid_fixture());
  ASSERT_EQ(result.sources.items.size(), result.catalog.items.size());
  auto at = std::find_if(result.catalog.items.begin(), result.catalog.items.end(),
                         [](const domain::Item& item) { return item.code == "MO-DSI-002"; });
  const SourceLocation& source = result.sources.items[at - result.catalog.items.begin()];
  EXPECT_EQ(source.file, kMoItems);
  EXPECT_EQ(source.path, "item[1] (MO-DSI-002)");
  EXPECT_GT(source.line, 1);
}

TEST(CatalogReader, TomlSyntaxErrorNamesFileAndLine) {
  TempCatalog tree;
  tree.replace(kMoItems, "legal_days = 15", "legal_days = = 15");
  int line = line_of(tree, kMoItems, "legal_days = = 15");
  CatalogReadResult result = read_catalog(tree.root());
  ASSERT_EQ(result.errors.size(), 1u) << describe(result.errors);
  EXPECT_EQ(result.errors[0].file, kMoItems);
  EXPECT_EQ(result.errors[0].line, line);
  EXPECT_NE(result.errors[0].message.find("TOML syntax"), std::string::npos);
}

TEST(CatalogReader, UnknownKeyIsAnErrorWithPathFieldAndLine) {
  TempCatalog tree;
  tree.replace(kMoItems, "copies = 2", "copies = 2\ncolour = \"red\"");
  int line = line_of(tree, kMoItems, "colour");
  CatalogReadResult result = read_catalog(tree.root());
  ASSERT_EQ(result.errors.size(), 1u) << describe(result.errors);
  const CatalogError& error = result.errors[0];
  EXPECT_EQ(error.file, kMoItems);
  EXPECT_EQ(error.path, "item[0] (MO-DSI-001).materials[1]");
  EXPECT_EQ(error.field, "colour");
  EXPECT_EQ(error.line, line);
  EXPECT_NE(error.message.find("unknown key"), std::string::npos);
  EXPECT_EQ(to_string(error), std::string(kMoItems) + ":" + std::to_string(line) +
                                  ": item[0] (MO-DSI-001).materials[1].colour: " + error.message);
}

TEST(CatalogReader, TypoInLanguageKeyIsAnError) {
  TempCatalog tree;
  tree.replace("zones.toml", "zh_hant = \"澳門專區\"", "zh_hnat = \"澳門專區\"");
  CatalogReadResult result = read_catalog(tree.root());
  const CatalogError* error = find_error(result.errors, "zones.toml", "zone[0] (ZONE-MO-IN-JM).name", "zh_hnat");
  ASSERT_NE(error, nullptr) << describe(result.errors);
  EXPECT_NE(error->message.find("unknown key"), std::string::npos);
}

TEST(CatalogReader, WrongValueTypeIsAnError) {
  TempCatalog tree;
  tree.replace(kMoItems, "copies = 2", "copies = \"two\"");
  CatalogReadResult result = read_catalog(tree.root());
  const CatalogError* error = find_error(result.errors, kMoItems, "item[0] (MO-DSI-001).materials[1]", "copies");
  ASSERT_NE(error, nullptr) << describe(result.errors);
  EXPECT_NE(error->message.find("whole number"), std::string::npos);
  EXPECT_EQ(error->line, line_of(tree, kMoItems, "copies = \"two\""));
}

TEST(CatalogReader, UnknownVocabularyWordIsAnError) {
  TempCatalog tree;
  tree.replace(kMoItems, "modes = [\"delegated\"]", "modes = [\"delegate\"]");
  CatalogReadResult result = read_catalog(tree.root());
  const CatalogError* error = find_error(result.errors, kMoItems, "item[1] (MO-DSI-002)", "modes");
  ASSERT_NE(error, nullptr) << describe(result.errors);
  EXPECT_NE(error->message.find("'delegate'"), std::string::npos);
  EXPECT_NE(error->message.find("remote_intake"), std::string::npos);  // lists the words it knows
}

TEST(CatalogReader, MissingRequiredKeyIsAnError) {
  TempCatalog tree;
  tree.replace(kMoItems, "legal_days = 30\n", "");
  CatalogReadResult result = read_catalog(tree.root());
  const CatalogError* error = find_error(result.errors, kMoItems, "item[0] (MO-DSI-001)", "legal_days");
  ASSERT_NE(error, nullptr) << describe(result.errors);
  EXPECT_NE(error->message.find("required"), std::string::npos);
}

TEST(CatalogReader, MalformedOpeningHoursAreAnError) {
  TempCatalog tree;
  tree.replace("MO/jurisdiction.toml", "\"Fri 09:00-17:30\"", "\"Fri 9:00-17:30\"");
  CatalogReadResult result = read_catalog(tree.root());
  const CatalogError* error =
      find_error(result.errors, "MO/jurisdiction.toml", "service_point[0] (MO-WIN-DSI-HQ)", "hours");
  ASSERT_NE(error, nullptr) << describe(result.errors);
  EXPECT_NE(error->message.find("9:00-17:30"), std::string::npos);
}

TEST(CatalogReader, FolderMustMatchJurisdictionCode) {
  TempCatalog tree;
  tree.replace("MO/jurisdiction.toml", "code = \"MO\"", "code = \"HK\"");
  CatalogReadResult result = read_catalog(tree.root());
  const CatalogError* error = find_error(result.errors, "MO/jurisdiction.toml", "jurisdiction", "code");
  ASSERT_NE(error, nullptr) << describe(result.errors);
  EXPECT_NE(error->message.find("folder name 'MO'"), std::string::npos);
}

TEST(CatalogReader, UnexpectedAndMissingFilesAreErrors) {
  TempCatalog tree;
  testing::write_text(tree.root() / "zone.toml", "");
  std::filesystem::remove(tree.root() / "zones.toml");
  CatalogReadResult result = read_catalog(tree.root());
  const CatalogError* unexpected = find_error(result.errors, "zone.toml", "", "");
  ASSERT_NE(unexpected, nullptr) << describe(result.errors);
  EXPECT_NE(unexpected->message.find("unexpected file"), std::string::npos);
  const CatalogError* missing = find_error(result.errors, "zones.toml", "", "");
  ASSERT_NE(missing, nullptr) << describe(result.errors);
  EXPECT_NE(missing->message.find("missing"), std::string::npos);
}

TEST(CatalogReader, CollectsErrorsFromEveryFile) {
  TempCatalog tree;
  tree.replace(kMoItems, "copies = 2", "copies = \"two\"");
  tree.replace("CN-GD-JM/items/JM-HRSS.toml", "visits = 0", "visits = false");
  tree.replace("CN-GD-JM/jurisdiction.toml", "kind = \"window\"", "kind = \"windoe\"");
  CatalogReadResult result = read_catalog(tree.root());
  EXPECT_EQ(result.errors.size(), 3u) << describe(result.errors);
  EXPECT_NE(find_error(result.errors, kMoItems, "materials[1]", "copies"), nullptr);
  EXPECT_NE(find_error(result.errors, "CN-GD-JM/items/JM-HRSS.toml", "item[0] (JM-HRSS-001)", "visits"), nullptr);
  EXPECT_NE(find_error(result.errors, "CN-GD-JM/jurisdiction.toml", "service_point[0]", "kind"), nullptr);
  EXPECT_EQ(result.catalog.items.size(), 3u);  // still reads what it can
}

TEST(CatalogReader, RootThatIsNotADirectoryIsAnError) {
  CatalogReadResult result = read_catalog(testing::valid_fixture() / "no-such-folder");
  ASSERT_EQ(result.errors.size(), 1u);
  EXPECT_NE(result.errors[0].message.find("not a directory"), std::string::npos);
  EXPECT_TRUE(result.catalog.items.empty());
}

TEST(CatalogLoad, ValidFixtureLoadsWithoutErrors) {
  CatalogLoadResult result = load_catalog(testing::valid_fixture());
  EXPECT_TRUE(result.ok()) << describe(result.errors);
  EXPECT_EQ(result.catalog.items.size(), 3u);
}

}  // namespace
}  // namespace tongban::catalog
