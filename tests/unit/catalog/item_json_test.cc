#include "catalog/item_json.h"

#include <gtest/gtest.h>

#include "catalog/catalog_reader.h"
#include "catalog_fixture.h"

namespace tongban::catalog {
namespace {

domain::Item fixture_item(const std::string& code) {
  CatalogReadResult read = read_catalog(testing::valid_fixture());
  const domain::Item* item = read.catalog.find_item(code);
  if (item == nullptr) throw std::runtime_error("fixture lacks " + code);
  return *item;
}

TEST(ItemJson, FullItemCarriesEveryLanguageAndField) {
  domain::Item item = fixture_item("MO-DSI-001");
  boost::json::object json = item_to_json(item);
  EXPECT_EQ(json.at("code").as_string(), "MO-DSI-001");
  EXPECT_EQ(json.at("jurisdiction").as_string(), "MO");
  EXPECT_EQ(json.at("type").as_string(), "certification");
  const boost::json::object& name = json.at("name").as_object();
  EXPECT_EQ(name.size(), 4u);
  EXPECT_EQ(name.at("zh-Hans").as_string(), item.name.zh_hans);
  EXPECT_EQ(name.at("zh-Hant").as_string(), item.name.zh_hant);
  EXPECT_EQ(name.at("pt").as_string(), item.name.pt);
  EXPECT_EQ(name.at("en").as_string(), item.name.en);
  EXPECT_EQ(json.at("fees").as_array()[0].at("amount_minor").as_int64(), 12000);
  const boost::json::object& old_card = json.at("materials").as_array()[1].as_object();
  EXPECT_EQ(old_card.at("form").as_string(), "original_and_copy");
  EXPECT_EQ(old_card.at("copies").as_int64(), 2);
  const boost::json::object& address = json.at("form").as_array()[0].as_object();
  EXPECT_EQ(address.at("max_length").as_int64(), 200);
  EXPECT_TRUE(address.at("min_value").is_null());
  EXPECT_TRUE(address.at("crosses_border").as_bool());
  EXPECT_EQ(json.at("result").at("delivery").as_array().size(), 2u);
  EXPECT_EQ(json.at("modes").as_array()[1].as_string(), "remote_intake");
  EXPECT_EQ(json.at("keywords").as_array()[1].as_string(), "身份证");
}

TEST(ItemJson, SummaryUsesTheRequestedLanguageAndSumsFees) {
  domain::Item item = fixture_item("MO-DSI-001");
  item.fees.push_back({item.fees[0].name, 500, "MOP"});
  boost::json::object pt = item_summary_json(item, domain::Language::pt);
  EXPECT_EQ(pt.at("name").as_string(), "Renovação do BIR");
  EXPECT_EQ(pt.at("language").as_string(), "pt");
  EXPECT_EQ(pt.at("fee_minor").as_int64(), 12500);
  EXPECT_EQ(pt.at("currency").as_string(), "MOP");
  EXPECT_EQ(pt.at("promised_days").as_int64(), 10);
  EXPECT_FALSE(pt.contains("materials"));
  boost::json::object zh = item_summary_json(item, domain::Language::zh_Hant);
  EXPECT_EQ(zh.at("name").as_string(), "換領居民身份證");
}

TEST(ItemJson, FreeItemSummaryHasZeroFeeAndNoCurrency) {
  boost::json::object summary = item_summary_json(fixture_item("JM-HRSS-001"), domain::Language::en);
  EXPECT_EQ(summary.at("fee_minor").as_int64(), 0);
  EXPECT_EQ(summary.at("currency").as_string(), "");
  EXPECT_TRUE(summary.at("e_certificate").as_bool());
}

}  // namespace
}  // namespace tongban::catalog
