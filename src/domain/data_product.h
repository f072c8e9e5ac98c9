// Data products (issue 13, data cooperation): what a member of the data market offers — a table of data described
// in the four languages, with its columns, how often it changes, how sensitive it is, the scenario it serves and
// its price — submitted by the member, reviewed for compliance by the venue's staff and then listed in the
// market's catalogue, where consumers find it and negotiate a contract for it (contract_negotiation.h).
//
// The shape is DCAT's (a dcat:Dataset as the Dataspace Protocol's catalogue carries it): id ~ dct:identifier,
// title ~ dct:title, description ~ dct:description, provider ~ dct:publisher, update_frequency ~
// dct:accrualPeriodicity, columns ~ the table schema of its distribution (CSVW-like: name, datatype, bounds), price
// and scenario are the market's own terms. Guangzhou Data Exchange's rule 无场景不登记 ("no scenario, no listing")
// is kept: a product without a usage scenario in the four languages is never submitted.
//
// Who owns what: a product belongs to its provider (a member of the market, member id) and is listed at one venue
// node (the node whose staff review it and whose catalogue shows it); only that node changes its record, peers hold
// copies and take the one with the highest revision. The provider's accounts write and submit it; the venue's
// staff list or reject it; either delists it. The store keeps products; a market desk applies the rules below,
// checks that accounts belong to the member and records each step in the audit trail (not here: pure values).
//
// Life of a product (product_transition, one table):
//   draft      --edit-->    draft          --submit--> submitted   (the provider asks for review)
//   submitted  --list-->    listed         (compliance review passed, by venue staff other than the submitter)
//   submitted  --reject-->  rejected       (returned with a reason)
//   rejected   --edit-->    draft          (the reason stays shown until the next submit)
//   listed     --delist-->  delisted       (taken out of the catalogue, with a reason; final)
// Nothing else: a submitted product is frozen while reviewed, a listed one is never edited in place (a new
// version is a new product), a delisted one stays delisted (its contracts still name it). revision counts
// listings and delistings, as notices count publications.
//
// Classification (the three grades of the Data Security Law, art. 21): general data may be listed and may cross a
// border under the rules of cross_border_filing.h; important data may be listed but never crosses a border
// (never_crosses_border: this market holds no security assessment, the only way out for important data); core
// data is never listed (product_submit_problems refuses it).
//
// Personal data: a product that holds personal information names exactly one column that identifies the person
// (identifies_person, the privacy unit the aggregate queries' differential privacy protects), an integer or text
// column. A product not marked as personal names none (a column that identifies a person makes the data personal).
//
// Id: "<node>-P-<serial>", e.g. "CN-GD-JM-P-3": the venue node's id (a code), "-P-", a serial of 1–12 decimal digits
// without a leading zero; the last "-P-" splits.
//
// Invariants of a product that passes product_draft_problems: the id is of that form and names `node`; node,
// provider and jurisdiction are codes; every text is valid UTF-8 without control characters (titles one line),
// within its length; at most kMaxProductColumns columns, each named [a-z][a-z0-9_]{0,62}; bounds only on numeric
// columns, finite, lower <= upper, integral for integer columns; at most one column identifies a person, an integer
// or text one, and only in a personal product; a price is free (no amount, no currency) or an amount in 1 …
// kMaxPriceMinorUnits with a currency of three capital letters. product_submit_problems adds: title, description
// and scenario in the four languages, at least one column, names not repeated, bounds on every numeric column, the
// privacy unit of a personal product, a price, and a classification other than core. A listed product has a
// reviewer other than its submitter; the copy with the higher revision supersedes the other (supersedes()).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/language.h"
#include "domain/problem.h"
#include "domain/record_fields.h"

namespace tongban::domain {

inline constexpr std::size_t kMaxProductTitleChars = 120;
inline constexpr std::size_t kMaxProductDescriptionChars = 4000;
inline constexpr std::size_t kMaxProductScenarioChars = 2000;
inline constexpr std::size_t kMaxProductColumns = 200;
inline constexpr std::size_t kMaxProductReasonChars = 500;
inline constexpr std::int64_t kMaxPriceMinorUnits = 999'999'999'999;
// The largest magnitude of an integer column's bound: every integer up to it is exact in a double (2^53).
inline constexpr double kMaxIntegerBound = 9'007'199'254'740'992.0;

// Words: "integer", "decimal", "text", "date", "boolean".
enum class ColumnType { integer, decimal, text, date, boolean };
// Words: "continuous", "daily", "weekly", "monthly", "quarterly", "yearly", "irregular", "once" (for
// dct:accrualPeriodicity, the EU frequency vocabulary's CONT, DAILY, WEEKLY, MONTHLY, QUARTERLY, ANNUAL, IRREG,
// NEVER).
enum class UpdateFrequency { continuous, daily, weekly, monthly, quarterly, yearly, irregular, once };
// Words: "general", "important", "core".
enum class DataClassification { general, important, core };
// Words: "draft", "submitted", "listed", "rejected", "delisted".
enum class ProductState { draft, submitted, listed, rejected, delisted };
// Words: "edit", "submit", "list", "reject", "delist".
enum class ProductAction { edit, submit, list, reject, delist };
// Words: "provider", "venue_staff".
enum class ProductActorRole {
  provider,     // an account of the providing member
  venue_staff,  // a member of the venue node's staff (compliance review)
};

inline constexpr std::array<ProductState, 5> kAllProductStates = {
    ProductState::draft, ProductState::submitted, ProductState::listed, ProductState::rejected, ProductState::delisted};
inline constexpr std::array<ProductAction, 5> kAllProductActions = {
    ProductAction::edit, ProductAction::submit, ProductAction::list, ProductAction::reject, ProductAction::delist};

std::string_view to_string(ColumnType type);
std::string_view to_string(UpdateFrequency frequency);
std::string_view to_string(DataClassification classification);
std::string_view to_string(ProductState state);
std::string_view to_string(ProductAction action);
std::string_view to_string(ProductActorRole role);
std::optional<ColumnType> parse_column_type(std::string_view word);
std::optional<UpdateFrequency> parse_update_frequency(std::string_view word);
std::optional<DataClassification> parse_data_classification(std::string_view word);
std::optional<ProductState> parse_product_state(std::string_view word);
std::optional<ProductAction> parse_product_action(std::string_view word);
std::optional<ProductActorRole> parse_product_actor_role(std::string_view word);

// The state the action leads to from `state`, or nullopt when it is not possible there (table above).
std::optional<ProductState> product_transition(ProductState state, ProductAction action);

// "<node>-P-<serial>". std::invalid_argument when the node is not a code or the serial is out of range.
std::string format_product_id(std::string_view node, std::int64_t serial);
std::optional<MarketId> parse_product_id(std::string_view text);
// [a-z][a-z0-9_]{0,62}.
bool is_column_name(std::string_view name);

// The legal areas whose borders data crosses: the Mainland, Hong Kong, Macao. A jurisdiction code belongs to one by
// its first part: "CN" or "CN-…" (e.g. "CN-GD-JM"), "HK" or "HK-…", "MO" or "MO-…"; any other code is `other`.
enum class LegalArea { mainland, hong_kong, macao, other };
std::string_view to_string(LegalArea area);
LegalArea legal_area(std::string_view jurisdiction);
// Hong Kong, Macao and the nine Mainland cities of the Greater Bay Area (CN-GD-GZ, -SZ, -ZH, -FS, -HZ, -DG, -ZS,
// -JM, -ZQ), each with the codes below it ("CN-GD-ZH-HQ").
bool is_gba_jurisdiction(std::string_view jurisdiction);
// Whether data going from one jurisdiction to the other crosses a border: they are in different legal areas, or
// differ and one is outside the three (two codes of `other` are not known to share a law).
bool crosses_border(std::string_view from_jurisdiction, std::string_view to_jurisdiction);

struct ColumnBounds {
  double lower = 0;
  double upper = 0;
  bool operator==(const ColumnBounds&) const = default;
};

struct DataColumn {
  std::string name;  // [a-z][a-z0-9_]{0,62}, unique in the product
  ColumnType type = ColumnType::text;
  // integer and decimal columns: the declared range of values (required to submit: the aggregate queries clamp to
  // it, so that one row's influence is bounded); never on other columns.
  std::optional<ColumnBounds> bounds;
  bool identifies_person = false;  // the privacy unit column of a personal product
  bool operator==(const DataColumn&) const = default;
};

bool is_numeric(ColumnType type);

// A price: free, or an amount in the currency's minor units (fen, cents, avos).
struct ProductPrice {
  bool free = false;
  std::int64_t minor_units = 0;  // not free: 1 … kMaxPriceMinorUnits; free: 0
  std::string currency;          // not free: ISO 4217, three capital letters ("CNY", "HKD", "MOP"); free: ""
  bool operator==(const ProductPrice&) const = default;
};

struct DataProduct {
  std::string id;            // "<node>-P-<serial>"
  std::string node;          // the venue node: "CN-GD-JM"
  std::string provider;      // the providing member's id
  std::string jurisdiction;  // where the data is held (the provider's): "CN-GD-JM", "MO", "HK"
  LocalizedText title;       // one line each
  LocalizedText description;
  LocalizedText scenario;  // the usage scenario it is listed for (无场景不登记)
  std::vector<DataColumn> columns;
  UpdateFrequency update_frequency = UpdateFrequency::irregular;
  DataClassification classification = DataClassification::general;
  bool personal_information = false;  // holds personal information (PIPL art. 4)
  ProductPrice price;
  ProductState state = ProductState::draft;
  std::string submitted_by;   // the provider account of the last submit; "" before
  std::string reviewed_by;    // the venue staff account of the last list or reject; "" before
  std::string reject_reason;  // the reason of the last rejection; "" when not rejected since the last submit
  std::string delist_reason;  // why it was delisted; "" while not delisted
  std::int64_t created_at_ms = 0;
  std::int64_t listed_at_ms = 0;   // the last listing; 0 before
  std::int64_t updated_at_ms = 0;  // the last step of any kind
  int revision = 0;                // listings + delistings so far
};

// What is wrong with a product being written (empty texts allowed), in field order. Fields: "id", "node",
// "provider", "jurisdiction", "title.zh_hans" … "description.<l>", "scenario.<l>", "columns", "columns[i].name",
// "columns[i].bounds", "columns[i].identifies_person", "personal_information", "price", "price.minor_units",
// "price.currency". Rules: "required", "format", "not_this_node", "utf8", "control_character", "too_long",
// "too_many", "range" (lower > upper, an amount out of range), "finite", "not_integral", "not_numeric" (bounds on a
// non-numeric column), "duplicate" (a second privacy unit column), "privacy_unit_type" (a privacy unit that is not
// integer or text), "inconsistent" (a column identifies a person in a product not marked personal).
std::vector<FieldError> product_draft_problems(const DataProduct& product);
// product_draft_problems plus what review needs: "scenario" "required" (no scenario in any language; one
// "scenario.<l>" "required" per missing language when some are given), "title.<l>" / "description.<l>"
// "required", "columns" "required" (none), "columns[i].name" "duplicate", "columns[i].bounds" "required" (a
// numeric column without bounds), "columns" "privacy_unit_required" (personal data without a column that
// identifies the person), "price" "required" (neither free nor priced), "classification" "core_never_listed".
std::vector<FieldError> product_submit_problems(const DataProduct& product);
// Whether venue staff `reviewer` may list the product now: it is submitted, has no submit problem, and the reviewer
// is an account other than its submitter.
bool may_list(const DataProduct& product, std::string_view reviewer);
// Important and core data never leave their legal area (cross_border_filing.h refuses them).
bool never_crosses_border(const DataProduct& product);
// Same id and a higher revision: the copy a peer keeps instead of `held`.
bool supersedes(const DataProduct& candidate, const DataProduct& held);

// One step of a product's life as the desk applies it.
struct ProductStep {
  ProductAction action = ProductAction::edit;
  std::string actor;  // the account acting
  ProductActorRole role = ProductActorRole::provider;
  std::string member;  // provider role: the member the account acts for (the desk's check); else ignored
  std::int64_t at_ms = 0;
  std::string reason;  // reject, delist: why (required, at most kMaxProductReasonChars); else ignored
};

// Why the step may not be taken now, empty when it may. "state" "illegal_transition"; "actor" "required"; edit and
// submit: "actor" "not_provider" (venue staff, or an account of another member); submit: product_submit_problems;
// list and reject: "actor" "not_venue_staff", "reviewer" "same_as_submitter"; list: product_submit_problems;
// delist: "actor" "not_provider" for a provider account of another member; reject and delist: "reason" "required"
// / "utf8" / "control_character" / "too_long".
std::vector<FieldError> product_step_problems(const DataProduct& product, const ProductStep& step);
// The product after the step: the new state, updated_at_ms = at_ms; submit sets submitted_by and clears
// reviewed_by and reject_reason; list sets reviewed_by, listed_at_ms, revision + 1; reject sets reviewed_by and
// reject_reason; delist sets delist_reason, revision + 1. The desk changes the texts and columns itself (before an
// edit step). std::invalid_argument when product_step_problems is not empty.
DataProduct apply_product_step(DataProduct product, const ProductStep& step);

}  // namespace tongban::domain
