#include "domain/data_product.h"

#include <cmath>
#include <set>
#include <stdexcept>

#include "domain/word_table.h"

namespace tongban::domain {
namespace {

using record_fields::add;
using record_fields::check_code;
using record_fields::check_localized;
using record_fields::check_text;
using record_fields::is_blank;
using record_fields::require_localized;

constexpr WordTable<ColumnType, 5> kColumnTypes = {{
    {ColumnType::integer, "integer"},
    {ColumnType::decimal, "decimal"},
    {ColumnType::text, "text"},
    {ColumnType::date, "date"},
    {ColumnType::boolean, "boolean"},
}};

constexpr WordTable<UpdateFrequency, 8> kFrequencies = {{
    {UpdateFrequency::continuous, "continuous"},
    {UpdateFrequency::daily, "daily"},
    {UpdateFrequency::weekly, "weekly"},
    {UpdateFrequency::monthly, "monthly"},
    {UpdateFrequency::quarterly, "quarterly"},
    {UpdateFrequency::yearly, "yearly"},
    {UpdateFrequency::irregular, "irregular"},
    {UpdateFrequency::once, "once"},
}};

constexpr WordTable<DataClassification, 3> kClassifications = {{
    {DataClassification::general, "general"},
    {DataClassification::important, "important"},
    {DataClassification::core, "core"},
}};

constexpr WordTable<ProductState, 5> kStates = {{
    {ProductState::draft, "draft"},
    {ProductState::submitted, "submitted"},
    {ProductState::listed, "listed"},
    {ProductState::rejected, "rejected"},
    {ProductState::delisted, "delisted"},
}};

constexpr WordTable<ProductAction, 5> kActions = {{
    {ProductAction::edit, "edit"},
    {ProductAction::submit, "submit"},
    {ProductAction::list, "list"},
    {ProductAction::reject, "reject"},
    {ProductAction::delist, "delist"},
}};

constexpr WordTable<ProductActorRole, 2> kRoles = {{
    {ProductActorRole::provider, "provider"},
    {ProductActorRole::venue_staff, "venue_staff"},
}};

constexpr WordTable<LegalArea, 4> kAreas = {{
    {LegalArea::mainland, "mainland"},
    {LegalArea::hong_kong, "hong_kong"},
    {LegalArea::macao, "macao"},
    {LegalArea::other, "other"},
}};

struct Transition {
  ProductState from;
  ProductAction action;
  ProductState to;
};

// The whole life of a product (header comment).
constexpr Transition kTransitions[] = {
    {ProductState::draft, ProductAction::edit, ProductState::draft},
    {ProductState::draft, ProductAction::submit, ProductState::submitted},
    {ProductState::submitted, ProductAction::list, ProductState::listed},
    {ProductState::submitted, ProductAction::reject, ProductState::rejected},
    {ProductState::rejected, ProductAction::edit, ProductState::draft},
    {ProductState::listed, ProductAction::delist, ProductState::delisted},
};

// The nine Mainland cities of the Greater Bay Area, as the federation directory codes them.
constexpr std::string_view kGbaMainlandCities[] = {"CN-GD-GZ", "CN-GD-SZ", "CN-GD-ZH", "CN-GD-FS", "CN-GD-HZ",
                                                   "CN-GD-DG", "CN-GD-ZS", "CN-GD-JM", "CN-GD-ZQ"};

// `code` is `area` or a code below it ("CN-GD-JM" is below "CN" and "CN-GD").
bool within(std::string_view code, std::string_view area) {
  if (code.size() < area.size() || code.substr(0, area.size()) != area) return false;
  return code.size() == area.size() || code[area.size()] == '-';
}

bool is_privacy_unit_type(ColumnType type) {
  return type == ColumnType::integer || type == ColumnType::text;
}

void check_bounds(std::vector<FieldError>& problems, const std::string& at, const DataColumn& column) {
  if (!column.bounds) return;
  const std::string field = at + ".bounds";
  if (!is_numeric(column.type))
    return add(problems, field, "not_numeric", "Only integer and decimal columns declare bounds.");
  const ColumnBounds& b = *column.bounds;
  if (!std::isfinite(b.lower) || !std::isfinite(b.upper))
    return add(problems, field, "finite", "Bounds are finite numbers.");
  if (column.type == ColumnType::integer &&
      (std::trunc(b.lower) != b.lower || std::trunc(b.upper) != b.upper || std::fabs(b.lower) > kMaxIntegerBound ||
       std::fabs(b.upper) > kMaxIntegerBound))
    return add(problems, field, "not_integral", "An integer column's bounds are integers of at most 2^53.");
  if (b.lower > b.upper) add(problems, field, "range", "The lower bound is above the upper bound.");
}

void check_columns(std::vector<FieldError>& problems, const DataProduct& product) {
  if (product.columns.size() > kMaxProductColumns)
    add(problems, "columns", "too_many", "At most " + std::to_string(kMaxProductColumns) + " columns.");
  bool privacy_unit_seen = false;
  for (std::size_t i = 0; i < product.columns.size(); ++i) {
    const DataColumn& column = product.columns[i];
    const std::string at = "columns[" + std::to_string(i) + "]";
    if (column.name.empty())
      add(problems, at + ".name", "required", "Every column has a name.");
    else if (!is_column_name(column.name))
      add(problems, at + ".name", "format", "'" + column.name + "' is not a column name ([a-z][a-z0-9_]{0,62}).");
    check_bounds(problems, at, column);
    if (column.identifies_person) {
      const std::string field = at + ".identifies_person";
      if (privacy_unit_seen)
        add(problems, field, "duplicate", "Only one column identifies the person (the privacy unit).");
      else if (!is_privacy_unit_type(column.type))
        add(problems, field, "privacy_unit_type", "The column that identifies the person is an integer or text.");
      privacy_unit_seen = true;
    }
  }
  if (privacy_unit_seen && !product.personal_information)
    add(problems, "personal_information", "inconsistent",
        "A column identifies a person: the product holds personal information.");
}

bool valid_currency(std::string_view currency) {
  if (currency.size() != 3) return false;
  for (char c : currency)
    if (c < 'A' || c > 'Z') return false;
  return true;
}

void check_price(std::vector<FieldError>& problems, const ProductPrice& price) {
  if (price.free) {
    if (price.minor_units != 0 || !price.currency.empty())
      add(problems, "price", "format", "A free product has no amount and no currency.");
    return;
  }
  if (price.minor_units == 0 && price.currency.empty()) return;  // not priced yet: a submit problem
  if (price.minor_units < 1 || price.minor_units > kMaxPriceMinorUnits)
    add(problems, "price.minor_units", "range",
        "The amount is 1 to " + std::to_string(kMaxPriceMinorUnits) + " minor units.");
  if (price.currency.empty())
    add(problems, "price.currency", "required", "A price names its currency.");
  else if (!valid_currency(price.currency))
    add(problems, "price.currency", "format", "'" + price.currency + "' is not an ISO 4217 code (e.g. CNY, MOP).");
}

}  // namespace

std::string_view to_string(ColumnType type) {
  return word_of(kColumnTypes, type);
}
std::string_view to_string(UpdateFrequency frequency) {
  return word_of(kFrequencies, frequency);
}
std::string_view to_string(DataClassification classification) {
  return word_of(kClassifications, classification);
}
std::string_view to_string(ProductState state) {
  return word_of(kStates, state);
}
std::string_view to_string(ProductAction action) {
  return word_of(kActions, action);
}
std::string_view to_string(ProductActorRole role) {
  return word_of(kRoles, role);
}
std::string_view to_string(LegalArea area) {
  return word_of(kAreas, area);
}
std::optional<ColumnType> parse_column_type(std::string_view word) {
  return value_of(kColumnTypes, word);
}
std::optional<UpdateFrequency> parse_update_frequency(std::string_view word) {
  return value_of(kFrequencies, word);
}
std::optional<DataClassification> parse_data_classification(std::string_view word) {
  return value_of(kClassifications, word);
}
std::optional<ProductState> parse_product_state(std::string_view word) {
  return value_of(kStates, word);
}
std::optional<ProductAction> parse_product_action(std::string_view word) {
  return value_of(kActions, word);
}
std::optional<ProductActorRole> parse_product_actor_role(std::string_view word) {
  return value_of(kRoles, word);
}

std::optional<ProductState> product_transition(ProductState state, ProductAction action) {
  for (const auto& row : kTransitions)
    if (row.from == state && row.action == action) return row.to;
  return std::nullopt;
}

std::string format_product_id(std::string_view node, std::int64_t serial) {
  return record_fields::format_id(node, 'P', serial);
}

std::optional<MarketId> parse_product_id(std::string_view text) {
  return record_fields::parse_id(text, 'P');
}

bool is_column_name(std::string_view name) {
  if (name.empty() || name.size() > 63 || name.front() < 'a' || name.front() > 'z') return false;
  for (char c : name)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  return true;
}

bool is_numeric(ColumnType type) {
  return type == ColumnType::integer || type == ColumnType::decimal;
}

LegalArea legal_area(std::string_view jurisdiction) {
  if (within(jurisdiction, "CN")) return LegalArea::mainland;
  if (within(jurisdiction, "HK")) return LegalArea::hong_kong;
  if (within(jurisdiction, "MO")) return LegalArea::macao;
  return LegalArea::other;
}

bool is_gba_jurisdiction(std::string_view jurisdiction) {
  if (within(jurisdiction, "HK") || within(jurisdiction, "MO")) return true;
  for (std::string_view city : kGbaMainlandCities)
    if (within(jurisdiction, city)) return true;
  return false;
}

bool crosses_border(std::string_view from_jurisdiction, std::string_view to_jurisdiction) {
  if (from_jurisdiction == to_jurisdiction) return false;
  const LegalArea from = legal_area(from_jurisdiction);
  const LegalArea to = legal_area(to_jurisdiction);
  return from == LegalArea::other || to == LegalArea::other || from != to;
}

std::vector<FieldError> product_draft_problems(const DataProduct& product) {
  std::vector<FieldError> problems;
  record_fields::check_id(problems, "id", product.id, 'P', product.node);
  check_code(problems, "node", product.node, true);
  check_code(problems, "provider", product.provider, true);
  check_code(problems, "jurisdiction", product.jurisdiction, true);
  check_localized(problems, "title", product.title, kMaxProductTitleChars, false);
  check_localized(problems, "description", product.description, kMaxProductDescriptionChars, true);
  check_localized(problems, "scenario", product.scenario, kMaxProductScenarioChars, true);
  check_columns(problems, product);
  check_price(problems, product.price);
  return problems;
}

std::vector<FieldError> product_submit_problems(const DataProduct& product) {
  std::vector<FieldError> problems = product_draft_problems(product);
  const std::string_view everywhere = "Every product is listed in zh-Hans, zh-Hant, pt and en.";
  require_localized(problems, "title", product.title, everywhere);
  require_localized(problems, "description", product.description, everywhere);
  bool no_scenario = true;
  for (Language language : kAllLanguages) no_scenario = no_scenario && is_blank(product.scenario.in(language));
  if (no_scenario)
    add(problems, "scenario", "required", "No scenario, no listing: say what the data is used for.");
  else
    require_localized(problems, "scenario", product.scenario, everywhere);
  if (product.columns.empty()) add(problems, "columns", "required", "A product describes its columns.");
  std::set<std::string_view> names;
  bool privacy_unit = false;
  for (std::size_t i = 0; i < product.columns.size(); ++i) {
    const DataColumn& column = product.columns[i];
    const std::string at = "columns[" + std::to_string(i) + "]";
    if (!column.name.empty() && !names.insert(column.name).second)
      add(problems, at + ".name", "duplicate", "'" + column.name + "' names two columns.");
    if (is_numeric(column.type) && !column.bounds)
      add(problems, at + ".bounds", "required", "A numeric column declares its lower and upper bounds.");
    privacy_unit = privacy_unit || column.identifies_person;
  }
  if (product.personal_information && !privacy_unit)
    add(problems, "columns", "privacy_unit_required", "Personal data names the column that identifies the person.");
  if (!product.price.free && product.price.minor_units == 0 && product.price.currency.empty())
    add(problems, "price", "required", "A product is free or has a price.");
  if (product.classification == DataClassification::core)
    add(problems, "classification", "core_never_listed", "Core data is never listed.");
  return problems;
}

bool may_list(const DataProduct& product, std::string_view reviewer) {
  return product.state == ProductState::submitted && !reviewer.empty() && reviewer != product.submitted_by &&
         product_submit_problems(product).empty();
}

bool never_crosses_border(const DataProduct& product) {
  return product.classification != DataClassification::general;
}

bool supersedes(const DataProduct& candidate, const DataProduct& held) {
  return candidate.id == held.id && candidate.revision > held.revision;
}

std::vector<FieldError> product_step_problems(const DataProduct& product, const ProductStep& step) {
  std::vector<FieldError> problems;
  if (!product_transition(product.state, step.action))
    add(problems, "state", "illegal_transition",
        "A " + std::string(to_string(product.state)) + " product cannot be given '" +
            std::string(to_string(step.action)) + "'.");
  if (step.actor.empty()) add(problems, "actor", "required", "Every step is taken by an account.");
  if (!problems.empty()) return problems;
  const bool own_provider = step.role == ProductActorRole::provider && step.member == product.provider;
  switch (step.action) {
    case ProductAction::edit:
    case ProductAction::submit:
      if (!own_provider) add(problems, "actor", "not_provider", "Only the provider's accounts edit and submit it.");
      if (step.action == ProductAction::submit) {
        auto content = product_submit_problems(product);
        problems.insert(problems.end(), content.begin(), content.end());
      }
      break;
    case ProductAction::list:
    case ProductAction::reject:
      if (step.role != ProductActorRole::venue_staff)
        add(problems, "actor", "not_venue_staff", "The venue's staff review products.");
      if (step.actor == product.submitted_by)
        add(problems, "reviewer", "same_as_submitter", "A product is reviewed by another account than its submitter.");
      if (step.action == ProductAction::list) {
        auto content = product_submit_problems(product);
        problems.insert(problems.end(), content.begin(), content.end());
      } else {
        check_text(problems, "reason", step.reason, kMaxProductReasonChars, true, true);
      }
      break;
    case ProductAction::delist:
      if (step.role == ProductActorRole::provider && !own_provider)
        add(problems, "actor", "not_provider", "Only the provider or the venue's staff delist a product.");
      check_text(problems, "reason", step.reason, kMaxProductReasonChars, true, true);
      break;
  }
  return problems;
}

DataProduct apply_product_step(DataProduct product, const ProductStep& step) {
  if (auto problems = product_step_problems(product, step); !problems.empty())
    throw std::invalid_argument("product " + product.id + ": " + problems.front().field + " " + problems.front().rule +
                                ": " + problems.front().message);
  product.state = *product_transition(product.state, step.action);
  product.updated_at_ms = step.at_ms;
  switch (step.action) {
    case ProductAction::edit: break;
    case ProductAction::submit:
      product.submitted_by = step.actor;
      product.reviewed_by.clear();
      product.reject_reason.clear();
      break;
    case ProductAction::list:
      product.reviewed_by = step.actor;
      product.listed_at_ms = step.at_ms;
      ++product.revision;
      break;
    case ProductAction::reject:
      product.reviewed_by = step.actor;
      product.reject_reason = step.reason;
      break;
    case ProductAction::delist:
      product.delist_reason = step.reason;
      ++product.revision;
      break;
  }
  return product;
}

}  // namespace tongban::domain
