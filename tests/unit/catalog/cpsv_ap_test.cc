#include "catalog/cpsv_ap.h"

#include <gtest/gtest.h>

#include <set>

#include "catalog/catalog_reader.h"
#include "catalog_fixture.h"

namespace tongban::catalog {
namespace {

namespace json = boost::json;

domain::Catalog fixture_catalog() {
  return read_catalog(testing::valid_fixture()).catalog;
}

const json::object& service_named(const json::object& document, const std::string& code) {
  for (const json::value& service : document.at("@graph").as_array()) {
    if (service.at("dct:identifier").as_string() == code) return service.as_object();
  }
  throw std::runtime_error("no service " + code);
}

std::set<std::string> languages_of(const json::value& tagged) {
  std::set<std::string> languages;
  for (const json::value& value : tagged.as_array()) {
    EXPECT_FALSE(value.at("@value").as_string().empty());
    languages.insert(std::string(value.at("@language").as_string()));
  }
  return languages;
}

const std::set<std::string> kFour{"zh-Hans", "zh-Hant", "pt", "en"};

TEST(CpsvAp, ContextDeclaresTheVocabularies) {
  json::object document = catalog_to_cpsv_ap(fixture_catalog());
  const json::object& context = document.at("@context").as_object();
  EXPECT_EQ(context.at("cpsv").as_string(), "http://purl.org/vocab/cpsv#");
  EXPECT_EQ(context.at("dct").as_string(), "http://purl.org/dc/terms/");
  EXPECT_EQ(context.at("cv").as_string(), "http://data.europa.eu/m8g/");
  EXPECT_EQ(context.at("skos").as_string(), "http://www.w3.org/2004/02/skos/core#");
  EXPECT_TRUE(context.contains("schema"));
  EXPECT_EQ(context.at("cv:processingTime").at("@type").as_string(), "xsd:duration");
}

TEST(CpsvAp, EveryItemIsAPublicServiceWithTaggedTexts) {
  domain::Catalog catalog = fixture_catalog();
  json::object document = catalog_to_cpsv_ap(catalog);
  const json::array& graph = document.at("@graph").as_array();
  ASSERT_EQ(graph.size(), catalog.items.size());
  for (const json::value& service : graph) {
    EXPECT_EQ(service.at("@type").as_string(), "cpsv:PublicService");
    EXPECT_EQ(languages_of(service.at("dct:title")), kFour);
    EXPECT_EQ(languages_of(service.at("dct:description")), kFour);
    EXPECT_EQ(service.at("@id").as_string(),
              "urn:tongban:service/" + std::string(service.at("dct:identifier").as_string()));
  }
}

TEST(CpsvAp, ServiceCarriesAuthorityInputsOutputChannelsCostTimeAndLaw) {
  json::object document = catalog_to_cpsv_ap(fixture_catalog(), "https://gov.example/");
  const json::object& service = service_named(document, "MO-DSI-001");
  const json::object& authority = service.at("cv:hasCompetentAuthority").as_object();
  EXPECT_EQ(authority.at("@type").as_string(), "cv:PublicOrganisation");
  EXPECT_EQ(authority.at("@id").as_string(), "https://gov.example/organisation/MO-DSI");
  EXPECT_EQ(languages_of(authority.at("skos:prefLabel")), kFour);
  EXPECT_EQ(authority.at("dct:spatial").at("dct:identifier").as_string(), "MO");

  const json::array& inputs = service.at("cpsv:hasInput").as_array();
  ASSERT_EQ(inputs.size(), 2u);
  EXPECT_EQ(inputs[0].at("@type").as_string(), "cv:Evidence");
  EXPECT_EQ(inputs[1].at("dct:identifier").as_string(), "old_card");

  const json::array& outputs = service.at("cpsv:produces").as_array();
  ASSERT_EQ(outputs.size(), 1u);
  EXPECT_EQ(outputs[0].at("@type").as_string(), "cv:Output");
  EXPECT_EQ(outputs[0].at("dct:type").at("skos:notation").as_string(), "certificate");
  EXPECT_EQ(outputs[0].at("dct:type").at("@type").as_string(), "skos:Concept");

  const json::array& channels = service.at("cv:hasChannel").as_array();
  ASSERT_EQ(channels.size(), 3u);
  EXPECT_EQ(channels[2].at("@type").as_string(), "cv:Channel");
  EXPECT_EQ(channels[2].at("dct:type").at("skos:notation").as_string(), "kiosk");
  EXPECT_EQ(channels[2].at("dct:identifier").as_string(), "kiosk");

  const json::array& costs = service.at("cv:hasCost").as_array();
  ASSERT_EQ(costs.size(), 1u);
  EXPECT_EQ(costs[0].at("@type").as_string(), "cv:Cost");
  EXPECT_EQ(costs[0].at("cv:currency").at("@id").as_string(),
            "http://publications.europa.eu/resource/authority/currency/MOP");
  EXPECT_EQ(costs[0].at("cv:hasValue").as_string(), "120.00");

  EXPECT_EQ(service.at("cv:processingTime").as_string(), "P10D");
  const json::array& law = service.at("cv:hasLegalResource").as_array();
  ASSERT_EQ(law.size(), 1u);
  EXPECT_EQ(law[0].at("@type").as_string(), "eli:LegalResource");
  EXPECT_EQ(languages_of(law[0].at("dct:description")), kFour);
}

TEST(CpsvAp, FreeServiceHasNoCost) {
  json::object document = catalog_to_cpsv_ap(fixture_catalog());
  EXPECT_TRUE(service_named(document, "JM-HRSS-001").at("cv:hasCost").as_array().empty());
  EXPECT_EQ(service_named(document, "JM-HRSS-001").at("cv:processingTime").as_string(), "P1D");
}

TEST(CpsvAp, DecimalAmountFollowsTheCurrencyMinorUnit) {
  EXPECT_EQ(decimal_amount(12000, "MOP"), "120.00");
  EXPECT_EQ(decimal_amount(5, "HKD"), "0.05");
  EXPECT_EQ(decimal_amount(0, "CNY"), "0.00");
  EXPECT_EQ(decimal_amount(-250, "CNY"), "-2.50");
  EXPECT_EQ(decimal_amount(1500, "JPY"), "1500");
}

}  // namespace
}  // namespace tongban::catalog
