// The service catalog of one deployment: jurisdictions, authorities, service points, items (事项) and zones (专区).
//
// A Catalog is a plain value: built by the catalog importer (src/catalog/), validated there, then shared read-only
// by the node (search index, API, case rules). Nothing here does I/O.
//
// Invariants of a validated Catalog (checked by catalog::validate, see docs/catalog-format.md):
// - codes are unique within their kind; every reference (item -> authority, authority -> jurisdiction, zone ->
//   items, service point -> zones, service point -> items, standard_item) resolves;
// - a service point's own items are items it would take in by its zones and accepts_own_items, each offered through
//   one of the point's channels;
// - every LocalizedText is complete in the four languages;
// - promised_days <= legal_days; materials and form fields have unique ids within their item.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/identity_document.h"
#include "domain/language.h"

namespace tongban::domain {

// How a case is handled across places (national guideline on cross-province handling, 2020).
enum class HandlingMode { online, remote_intake, delegated, joint };
// Where a case enters.
enum class Channel { web, window, bank, post, kiosk, cabin };
enum class ApplicantKind { natural_person, legal_person };
enum class ServicePointKind { window, bank_branch, post_office, kiosk, cabin, partner_office };
enum class DeliveryMethod { post, window_pickup, electronic };
// What the applicant hands in for a material.
enum class MaterialForm { original, copy, original_and_copy, electronic };
enum class FieldType { text, number, date, choice, boolean, id_document, phone, email, address };
// Legal type of the item (行政许可, 行政确认, 公共服务, …).
enum class ItemType { licensing, confirmation, registration, payment, certification, public_service, other };
enum class ResultKind { certificate, licence, approval, registration, proof, payment_receipt, notice };

// Text forms used in the catalog files and the JSON API, e.g. "remote_intake", "bank_branch". parse_* return
// nullopt for an unknown word.
std::string_view to_string(HandlingMode);
std::string_view to_string(Channel);
std::string_view to_string(ApplicantKind);
std::string_view to_string(ServicePointKind);
std::string_view to_string(DeliveryMethod);
std::string_view to_string(MaterialForm);
std::string_view to_string(FieldType);
std::string_view to_string(ItemType);
std::string_view to_string(ResultKind);
std::optional<HandlingMode> parse_handling_mode(std::string_view);
std::optional<Channel> parse_channel(std::string_view);
std::optional<ApplicantKind> parse_applicant_kind(std::string_view);
std::optional<ServicePointKind> parse_service_point_kind(std::string_view);
std::optional<DeliveryMethod> parse_delivery_method(std::string_view);
std::optional<MaterialForm> parse_material_form(std::string_view);
std::optional<FieldType> parse_field_type(std::string_view);
std::optional<ItemType> parse_item_type(std::string_view);
std::optional<ResultKind> parse_result_kind(std::string_view);

struct Jurisdiction {
  std::string code;  // "CN-GD-JM", "MO", "HK"
  LocalizedText name;
  std::vector<Language> languages;  // languages of its authorities, first is the official default
  std::string currency;             // ISO 4217: "CNY", "MOP", "HKD"
  std::string time_zone;            // IANA name, e.g. "Asia/Macau"
  int utc_offset_minutes = 480;     // all first-deployment zones are UTC+8 without DST
  std::vector<IdDocumentType> accepted_documents;
};

struct Authority {
  std::string code;  // "MO-DSI", "JM-HRSS"
  std::string jurisdiction;
  LocalizedText name;
};

// One opening period on a weekday (1 = Monday .. 7 = Sunday), minutes from local midnight, [open, close).
struct OpeningPeriod {
  int weekday = 1;
  int open_minute = 0;
  int close_minute = 0;
};

struct ServicePoint {
  std::string code;  // "JM-WIN-PENGJIANG"
  std::string jurisdiction;
  ServicePointKind kind = ServicePointKind::window;
  LocalizedText name;
  LocalizedText address;
  std::string phone;  // international, "+853 2833 2886"; empty when the catalog gives none
  std::vector<OpeningPeriod> hours;
  std::vector<Channel> channels;   // channels this point serves (window, bank, kiosk, …)
  std::vector<std::string> zones;  // zones of other jurisdictions' items offered here
  bool accepts_own_items = true;   // accepts every item of its own jurisdiction
  // The point's own list of the items it may take in (a bank branch, a post office, a partner office take in a few):
  // when not empty, the point takes in only these, each of which it would accept by the two rules above and offers
  // through one of its channels (catalog::validate); empty = every item the two rules above give it.
  std::vector<std::string> items;
};

struct Fee {
  LocalizedText name;
  std::int64_t amount_minor = 0;  // in the currency's minor unit (fen, avos, cents); 0 = free
  std::string currency;
};

struct Material {
  std::string id;  // unique within the item, e.g. "id_card"
  LocalizedText name;
  bool required = true;
  MaterialForm form = MaterialForm::original;
  int copies = 1;
  std::string blank_form;     // path or URL of the blank form, empty if none
  std::string sample_form;    // path or URL of a filled-in sample, empty if none
  std::string e_certificate;  // e-certificate type that can replace this material, empty if none
};

struct FormField {
  std::string id;  // unique within the item, e.g. "postal_address"
  LocalizedText label;
  FieldType type = FieldType::text;
  bool required = true;
  std::optional<int> min_length;
  std::optional<int> max_length;
  std::optional<double> min_value;
  std::optional<double> max_value;
  std::string pattern;               // RE2 pattern the whole value must match, empty if none (catalog-format.md)
  std::vector<std::string> choices;  // for FieldType::choice
  // What a person reads for each choice, keyed by the choice (catalog-format.md, choice_labels): every choice of a
  // choice field has one, complete in the four languages; other fields have none.
  std::map<std::string, LocalizedText> choice_labels;
  bool crosses_border = false;  // minimum data: only these fields travel with a forwarded case
};

struct ItemResult {
  LocalizedText name;
  ResultKind kind = ResultKind::certificate;
  std::vector<DeliveryMethod> delivery;
  bool e_certificate = false;  // the result is also issued as a verifiable e-certificate
};

struct Item {
  std::string code;        // implementation code, unique in the deployment: "MO-DSI-001"
  std::string basic_code;  // basic (catalogue) code shared by the same item everywhere
  std::string jurisdiction;
  std::string authority;
  ItemType type = ItemType::public_service;
  LocalizedText name;
  LocalizedText description;
  LocalizedText legal_basis;
  std::vector<ApplicantKind> applicant_kinds;
  int legal_days = 20;     // legal time limit, working days of the jurisdiction's calendar
  int promised_days = 20;  // promised time limit, <= legal_days
  std::vector<Fee> fees;
  std::vector<Material> materials;
  std::vector<FormField> form;
  ItemResult result;
  std::vector<HandlingMode> modes;
  std::vector<Channel> channels;
  int visits = 0;                        // visits to a counter needed (0 = none)
  std::string standard_item;             // "same item, same standard": basic_code of the standard item, or empty
  std::vector<std::string> life_events;  // e.g. "retirement", "moving", "starting_a_business"
  std::vector<std::string> keywords;     // extra search words in any language

  // True when the item may be handled in this mode (one of `modes`).
  bool offers(HandlingMode mode) const;
};

// A named set of items of one jurisdiction (owner) offered at service points of another (host).
struct Zone {
  std::string code;  // "ZONE-MO-IN-JM"
  LocalizedText name;
  std::string owner_jurisdiction;
  std::string host_jurisdiction;
  std::vector<std::string> items;
};

struct Catalog {
  std::vector<Jurisdiction> jurisdictions;
  std::vector<Authority> authorities;
  std::vector<ServicePoint> service_points;
  std::vector<Item> items;
  std::vector<Zone> zones;

  const Jurisdiction* find_jurisdiction(std::string_view code) const;
  const Authority* find_authority(std::string_view code) const;
  const ServicePoint* find_service_point(std::string_view code) const;
  const Item* find_item(std::string_view code) const;
  const Zone* find_zone(std::string_view code) const;
  // True when the service point may take in the item: an own item, or an item of one of its zones; and, when the
  // point has its own list of items, one of the list.
  bool point_accepts_item(const ServicePoint& point, const Item& item) const;
};

}  // namespace tongban::domain
