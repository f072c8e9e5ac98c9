// Tests of src/domain/catalog.cc (enumeration words and Catalog lookups), kept with the catalog module that owns it.
#include <gtest/gtest.h>

#include "domain/catalog.h"

namespace tongban::domain {
namespace {

template <typename Enum, typename Parse>
void expect_words_round_trip(std::initializer_list<Enum> values, Parse parse) {
  for (Enum value : values) {
    std::string_view word = to_string(value);
    EXPECT_NE(word, "unknown");
    EXPECT_EQ(parse(word), value) << word;
  }
  EXPECT_FALSE(parse("Window").has_value());  // case matters: the files use lower-case words
  EXPECT_FALSE(parse("").has_value());
}

TEST(DomainCatalogWords, EveryValueRoundTrips) {
  expect_words_round_trip(
      {HandlingMode::online, HandlingMode::remote_intake, HandlingMode::delegated, HandlingMode::joint},
      parse_handling_mode);
  expect_words_round_trip({Channel::web, Channel::window, Channel::bank, Channel::post, Channel::kiosk, Channel::cabin},
                          parse_channel);
  expect_words_round_trip({ApplicantKind::natural_person, ApplicantKind::legal_person}, parse_applicant_kind);
  expect_words_round_trip({ServicePointKind::window, ServicePointKind::bank_branch, ServicePointKind::post_office,
                           ServicePointKind::kiosk, ServicePointKind::cabin, ServicePointKind::partner_office},
                          parse_service_point_kind);
  expect_words_round_trip({DeliveryMethod::post, DeliveryMethod::window_pickup, DeliveryMethod::electronic},
                          parse_delivery_method);
  expect_words_round_trip(
      {MaterialForm::original, MaterialForm::copy, MaterialForm::original_and_copy, MaterialForm::electronic},
      parse_material_form);
  expect_words_round_trip({FieldType::text, FieldType::number, FieldType::date, FieldType::choice, FieldType::boolean,
                           FieldType::id_document, FieldType::phone, FieldType::email, FieldType::address},
                          parse_field_type);
  expect_words_round_trip({ItemType::licensing, ItemType::confirmation, ItemType::registration, ItemType::payment,
                           ItemType::certification, ItemType::public_service, ItemType::other},
                          parse_item_type);
  expect_words_round_trip({ResultKind::certificate, ResultKind::licence, ResultKind::approval, ResultKind::registration,
                           ResultKind::proof, ResultKind::payment_receipt, ResultKind::notice},
                          parse_result_kind);
}

TEST(DomainCatalogWords, KnownWordsMatchTheFormatDocument) {
  EXPECT_EQ(to_string(HandlingMode::remote_intake), "remote_intake");
  EXPECT_EQ(to_string(ServicePointKind::bank_branch), "bank_branch");
  EXPECT_EQ(parse_channel("cabin"), Channel::cabin);
  EXPECT_FALSE(parse_channel("online").has_value());
}

Catalog two_jurisdictions() {
  Catalog catalog;
  Jurisdiction macao;
  macao.code = "MO";
  Jurisdiction jiangmen;
  jiangmen.code = "CN-GD-JM";
  catalog.jurisdictions = {macao, jiangmen};
  Authority identification;
  identification.code = "MO-DSI";
  identification.jurisdiction = "MO";
  catalog.authorities = {identification};
  Item in_zone;
  in_zone.code = "MO-DSI-001";
  in_zone.jurisdiction = "MO";
  Item not_in_zone = in_zone;
  not_in_zone.code = "MO-DSI-002";
  Item own;
  own.code = "JM-HRSS-001";
  own.jurisdiction = "CN-GD-JM";
  catalog.items = {in_zone, not_in_zone, own};
  Zone zone;
  zone.code = "ZONE-MO-IN-JM";
  zone.owner_jurisdiction = "MO";
  zone.host_jurisdiction = "CN-GD-JM";
  zone.items = {"MO-DSI-001"};
  catalog.zones = {zone};
  ServicePoint window;
  window.code = "JM-WIN";
  window.jurisdiction = "CN-GD-JM";
  window.zones = {"ZONE-MO-IN-JM"};
  ServicePoint bank = window;
  bank.code = "JM-BANK";
  bank.zones = {};
  bank.accepts_own_items = false;
  catalog.service_points = {window, bank};
  return catalog;
}

TEST(DomainCatalogLookup, FindsByCodeOrReturnsNull) {
  Catalog catalog = two_jurisdictions();
  ASSERT_NE(catalog.find_item("MO-DSI-002"), nullptr);
  EXPECT_EQ(catalog.find_item("MO-DSI-002")->code, "MO-DSI-002");
  EXPECT_EQ(catalog.find_item("MO-DSI-003"), nullptr);
  EXPECT_EQ(catalog.find_jurisdiction("MO")->code, "MO");
  EXPECT_EQ(catalog.find_jurisdiction("mo"), nullptr);
  EXPECT_EQ(catalog.find_authority("MO-DSI")->jurisdiction, "MO");
  EXPECT_EQ(catalog.find_service_point("JM-BANK")->code, "JM-BANK");
  EXPECT_EQ(catalog.find_zone("ZONE-MO-IN-JM")->items.size(), 1u);
  EXPECT_EQ(catalog.find_zone(""), nullptr);
}

TEST(DomainCatalogLookup, PointAcceptsOwnItemsAndItsZonesOnly) {
  Catalog catalog = two_jurisdictions();
  const ServicePoint& window = *catalog.find_service_point("JM-WIN");
  const ServicePoint& bank = *catalog.find_service_point("JM-BANK");
  EXPECT_TRUE(catalog.point_accepts_item(window, *catalog.find_item("JM-HRSS-001")));
  EXPECT_TRUE(catalog.point_accepts_item(window, *catalog.find_item("MO-DSI-001")));
  EXPECT_FALSE(catalog.point_accepts_item(window, *catalog.find_item("MO-DSI-002")));
  EXPECT_FALSE(catalog.point_accepts_item(bank, *catalog.find_item("JM-HRSS-001")));  // accepts_own_items = false
  EXPECT_FALSE(catalog.point_accepts_item(bank, *catalog.find_item("MO-DSI-001")));   // no zones
}

}  // namespace
}  // namespace tongban::domain
