// Text forms of the catalog enumerations and the lookups of Catalog.
//
// Lookups are linear searches: a deployment has a few hundred items, a lookup costs microseconds, and a linear search
// keeps Catalog a plain copyable value with no index to keep in step. Callers that look up in a hot loop (the search
// index, the API) build their own maps from the catalog once.
#include "domain/catalog.h"

#include <algorithm>
#include <array>
#include <utility>

#include "domain/word_table.h"

namespace tongban::domain {

bool Item::offers(HandlingMode mode) const {
  return std::find(modes.begin(), modes.end(), mode) != modes.end();
}
namespace {

constexpr WordTable<HandlingMode, 4> kHandlingModes{{{HandlingMode::online, "online"},
                                                     {HandlingMode::remote_intake, "remote_intake"},
                                                     {HandlingMode::delegated, "delegated"},
                                                     {HandlingMode::joint, "joint"}}};
constexpr WordTable<Channel, 6> kChannels{{{Channel::web, "web"},
                                           {Channel::window, "window"},
                                           {Channel::bank, "bank"},
                                           {Channel::post, "post"},
                                           {Channel::kiosk, "kiosk"},
                                           {Channel::cabin, "cabin"}}};
constexpr WordTable<ApplicantKind, 2> kApplicantKinds{
    {{ApplicantKind::natural_person, "natural_person"}, {ApplicantKind::legal_person, "legal_person"}}};
constexpr WordTable<ServicePointKind, 6> kServicePointKinds{{{ServicePointKind::window, "window"},
                                                             {ServicePointKind::bank_branch, "bank_branch"},
                                                             {ServicePointKind::post_office, "post_office"},
                                                             {ServicePointKind::kiosk, "kiosk"},
                                                             {ServicePointKind::cabin, "cabin"},
                                                             {ServicePointKind::partner_office, "partner_office"}}};
constexpr WordTable<DeliveryMethod, 3> kDeliveryMethods{{{DeliveryMethod::post, "post"},
                                                         {DeliveryMethod::window_pickup, "window_pickup"},
                                                         {DeliveryMethod::electronic, "electronic"}}};
constexpr WordTable<MaterialForm, 4> kMaterialForms{{{MaterialForm::original, "original"},
                                                     {MaterialForm::copy, "copy"},
                                                     {MaterialForm::original_and_copy, "original_and_copy"},
                                                     {MaterialForm::electronic, "electronic"}}};
constexpr WordTable<FieldType, 9> kFieldTypes{{{FieldType::text, "text"},
                                               {FieldType::number, "number"},
                                               {FieldType::date, "date"},
                                               {FieldType::choice, "choice"},
                                               {FieldType::boolean, "boolean"},
                                               {FieldType::id_document, "id_document"},
                                               {FieldType::phone, "phone"},
                                               {FieldType::email, "email"},
                                               {FieldType::address, "address"}}};
constexpr WordTable<ItemType, 7> kItemTypes{{{ItemType::licensing, "licensing"},
                                             {ItemType::confirmation, "confirmation"},
                                             {ItemType::registration, "registration"},
                                             {ItemType::payment, "payment"},
                                             {ItemType::certification, "certification"},
                                             {ItemType::public_service, "public_service"},
                                             {ItemType::other, "other"}}};
constexpr WordTable<ResultKind, 7> kResultKinds{{{ResultKind::certificate, "certificate"},
                                                 {ResultKind::licence, "licence"},
                                                 {ResultKind::approval, "approval"},
                                                 {ResultKind::registration, "registration"},
                                                 {ResultKind::proof, "proof"},
                                                 {ResultKind::payment_receipt, "payment_receipt"},
                                                 {ResultKind::notice, "notice"}}};

template <typename Element>
const Element* find_by_code(const std::vector<Element>& elements, std::string_view code) {
  auto found = std::find_if(elements.begin(), elements.end(), [&](const Element& e) { return e.code == code; });
  return found == elements.end() ? nullptr : &*found;
}

}  // namespace

std::string_view to_string(HandlingMode value) {
  return word_of(kHandlingModes, value);
}
std::string_view to_string(Channel value) {
  return word_of(kChannels, value);
}
std::string_view to_string(ApplicantKind value) {
  return word_of(kApplicantKinds, value);
}
std::string_view to_string(ServicePointKind value) {
  return word_of(kServicePointKinds, value);
}
std::string_view to_string(DeliveryMethod value) {
  return word_of(kDeliveryMethods, value);
}
std::string_view to_string(MaterialForm value) {
  return word_of(kMaterialForms, value);
}
std::string_view to_string(FieldType value) {
  return word_of(kFieldTypes, value);
}
std::string_view to_string(ItemType value) {
  return word_of(kItemTypes, value);
}
std::string_view to_string(ResultKind value) {
  return word_of(kResultKinds, value);
}

std::optional<HandlingMode> parse_handling_mode(std::string_view word) {
  return value_of(kHandlingModes, word);
}
std::optional<Channel> parse_channel(std::string_view word) {
  return value_of(kChannels, word);
}
std::optional<ApplicantKind> parse_applicant_kind(std::string_view word) {
  return value_of(kApplicantKinds, word);
}
std::optional<ServicePointKind> parse_service_point_kind(std::string_view word) {
  return value_of(kServicePointKinds, word);
}
std::optional<DeliveryMethod> parse_delivery_method(std::string_view word) {
  return value_of(kDeliveryMethods, word);
}
std::optional<MaterialForm> parse_material_form(std::string_view word) {
  return value_of(kMaterialForms, word);
}
std::optional<FieldType> parse_field_type(std::string_view word) {
  return value_of(kFieldTypes, word);
}
std::optional<ItemType> parse_item_type(std::string_view word) {
  return value_of(kItemTypes, word);
}
std::optional<ResultKind> parse_result_kind(std::string_view word) {
  return value_of(kResultKinds, word);
}

const Jurisdiction* Catalog::find_jurisdiction(std::string_view code) const {
  return find_by_code(jurisdictions, code);
}
const Authority* Catalog::find_authority(std::string_view code) const {
  return find_by_code(authorities, code);
}
const ServicePoint* Catalog::find_service_point(std::string_view code) const {
  return find_by_code(service_points, code);
}
const Item* Catalog::find_item(std::string_view code) const {
  return find_by_code(items, code);
}
const Zone* Catalog::find_zone(std::string_view code) const {
  return find_by_code(zones, code);
}

bool Catalog::point_accepts_item(const ServicePoint& point, const Item& item) const {
  if (!point.items.empty() && std::find(point.items.begin(), point.items.end(), item.code) == point.items.end())
    return false;
  if (item.jurisdiction == point.jurisdiction) return point.accepts_own_items;
  for (const auto& zone_code : point.zones) {
    const Zone* zone = find_zone(zone_code);
    if (zone == nullptr || zone->owner_jurisdiction != item.jurisdiction) continue;
    if (zone->host_jurisdiction != point.jurisdiction) continue;
    if (std::find(zone->items.begin(), zone->items.end(), item.code) != zone->items.end()) return true;
  }
  return false;
}

}  // namespace tongban::domain
