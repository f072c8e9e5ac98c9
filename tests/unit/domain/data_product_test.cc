#include "domain/data_product.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <tuple>
#include <vector>

namespace tongban::domain {
namespace {

DataColumn column(std::string name, ColumnType type, std::optional<ColumnBounds> bounds = std::nullopt,
                  bool identifies_person = false) {
  DataColumn c;
  c.name = std::move(name);
  c.type = type;
  c.bounds = bounds;
  c.identifies_person = identifies_person;
  return c;
}

// A Jiangmen member's monthly electricity use by sector: general, not personal, priced, still a draft.
DataProduct electricity() {
  DataProduct product;
  product.id = "CN-GD-JM-P-3";
  product.node = "CN-GD-JM";
  product.provider = "JM-GRID";
  product.jurisdiction = "CN-GD-JM";
  product.title = {"江门市分行业月度用电量", "江門市分行業月度用電量",
                   "Consumo mensal de electricidade por sector em Jiangmen",
                   "Monthly electricity use by sector, Jiangmen"};
  product.description = {"按行业汇总的企业用电量。\n每月更新。", "按行業匯總的企業用電量。\n每月更新。",
                         "Consumo das empresas agregado por sector.\nActualizado mensalmente.",
                         "Electricity used by firms, by sector.\nUpdated monthly."};
  product.scenario = {"大湾区产业布局研究", "大灣區產業佈局研究", "Estudos de localização industrial na Grande Baía",
                      "Studies of industrial location in the Greater Bay Area"};
  product.columns = {column("month", ColumnType::date), column("sector", ColumnType::text),
                     column("kwh", ColumnType::decimal, ColumnBounds{0, 1e9}),
                     column("firms", ColumnType::integer, ColumnBounds{0, 100'000})};
  product.update_frequency = UpdateFrequency::monthly;
  product.price = {false, 50'000, "CNY"};  // 500.00 yuan
  product.created_at_ms = 1'772'000'000'000;
  return product;
}

// A Macao member's cross-border commuter records: personal, with its privacy unit column.
DataProduct commuters() {
  DataProduct product = electricity();
  product.id = "MO-P-1";
  product.node = "MO";
  product.provider = "MO-DSAT";
  product.jurisdiction = "MO";
  product.personal_information = true;
  product.columns = {column("person_ref", ColumnType::text, std::nullopt, true),
                     column("trips", ColumnType::integer, ColumnBounds{0, 400}),
                     column("resident", ColumnType::boolean)};
  product.price = {true, 0, ""};
  return product;
}

ProductStep step(ProductAction action, std::string actor, ProductActorRole role, std::string member, std::int64_t at_ms,
                 std::string reason = "") {
  ProductStep s;
  s.action = action;
  s.actor = std::move(actor);
  s.role = role;
  s.member = std::move(member);
  s.at_ms = at_ms;
  s.reason = std::move(reason);
  return s;
}

ProductStep by_provider(ProductAction action, std::int64_t at_ms, std::string reason = "") {
  return step(action, "jm-grid-chen", ProductActorRole::provider, "JM-GRID", at_ms, std::move(reason));
}

ProductStep by_staff(ProductAction action, std::int64_t at_ms, std::string reason = "") {
  return step(action, "jm-venue-wu", ProductActorRole::venue_staff, "", at_ms, std::move(reason));
}

DataProduct listed(DataProduct product, std::int64_t at_ms) {
  product = apply_product_step(product, by_provider(ProductAction::submit, at_ms - 1));
  return apply_product_step(product, by_staff(ProductAction::list, at_ms));
}

bool has(const std::vector<FieldError>& problems, const std::string& field, const std::string& rule) {
  for (const auto& problem : problems)
    if (problem.field == field && problem.rule == rule) return true;
  return false;
}

TEST(DataProduct, WordsRoundTrip) {
  for (auto type : {ColumnType::integer, ColumnType::decimal, ColumnType::text, ColumnType::date, ColumnType::boolean})
    EXPECT_EQ(parse_column_type(to_string(type)), type);
  for (auto frequency :
       {UpdateFrequency::continuous, UpdateFrequency::daily, UpdateFrequency::weekly, UpdateFrequency::monthly,
        UpdateFrequency::quarterly, UpdateFrequency::yearly, UpdateFrequency::irregular, UpdateFrequency::once})
    EXPECT_EQ(parse_update_frequency(to_string(frequency)), frequency);
  for (auto grade : {DataClassification::general, DataClassification::important, DataClassification::core})
    EXPECT_EQ(parse_data_classification(to_string(grade)), grade);
  for (ProductState state : kAllProductStates) EXPECT_EQ(parse_product_state(to_string(state)), state);
  for (ProductAction action : kAllProductActions) EXPECT_EQ(parse_product_action(to_string(action)), action);
  EXPECT_EQ(parse_product_actor_role("venue_staff"), ProductActorRole::venue_staff);
  EXPECT_EQ(to_string(ProductActorRole::provider), "provider");
  EXPECT_EQ(to_string(UpdateFrequency::quarterly), "quarterly");
  EXPECT_EQ(to_string(DataClassification::important), "important");
  EXPECT_EQ(parse_column_type("Integer"), std::nullopt);
  EXPECT_EQ(parse_product_action("approve"), std::nullopt);
}

TEST(DataProduct, TheTransitionTableIsExactlyTheDocumentedOne) {
  using S = ProductState;
  using A = ProductAction;
  const std::vector<std::tuple<S, A, S>> allowed = {
      {S::draft, A::edit, S::draft},          {S::draft, A::submit, S::submitted}, {S::submitted, A::list, S::listed},
      {S::submitted, A::reject, S::rejected}, {S::rejected, A::edit, S::draft},    {S::listed, A::delist, S::delisted},
  };
  int possible = 0;
  for (S from : kAllProductStates) {
    for (A action : kAllProductActions) {
      std::optional<S> expected;
      for (const auto& [f, a, to] : allowed)
        if (f == from && a == action) expected = to;
      EXPECT_EQ(product_transition(from, action), expected) << to_string(from) << " " << to_string(action);
      possible += product_transition(from, action).has_value();
    }
  }
  EXPECT_EQ(possible, 6);
  EXPECT_FALSE(product_transition(S::submitted, A::edit));   // frozen while reviewed
  EXPECT_FALSE(product_transition(S::listed, A::edit));      // never edited in place
  EXPECT_FALSE(product_transition(S::draft, A::list));       // nothing is listed unreviewed
  EXPECT_FALSE(product_transition(S::rejected, A::submit));  // edited (back to draft) first
}

TEST(DataProduct, IdsAreNodeThenPThenASerial) {
  EXPECT_EQ(format_product_id("CN-GD-JM", 3), "CN-GD-JM-P-3");
  EXPECT_EQ(parse_product_id("CN-GD-JM-P-3"), (MarketId{"CN-GD-JM", 3}));
  EXPECT_EQ(parse_product_id("X-P-P-9"), (MarketId{"X-P", 9}));  // the last "-P-" splits
  EXPECT_EQ(parse_product_id("MO-P-999999999999"), (MarketId{"MO", kMaxMarketSerial}));
  EXPECT_EQ(parse_product_id("MO-P-012"), std::nullopt);
  EXPECT_EQ(parse_product_id("MO-P-0"), std::nullopt);
  EXPECT_EQ(parse_product_id("MO-N-12"), std::nullopt);  // a notice id
  EXPECT_EQ(parse_product_id("MO-P-"), std::nullopt);
  EXPECT_EQ(parse_product_id("-P-4"), std::nullopt);
  EXPECT_THROW(format_product_id("MO", 0), std::invalid_argument);
  EXPECT_THROW(format_product_id("M O", 1), std::invalid_argument);
}

TEST(DataProduct, CompleteProductsHaveNoProblem) {
  EXPECT_TRUE(product_draft_problems(electricity()).empty());
  EXPECT_TRUE(product_submit_problems(electricity()).empty());
  EXPECT_TRUE(product_submit_problems(commuters()).empty());
}

TEST(DataProduct, NoScenarioNoListing) {
  DataProduct product = electricity();
  product.scenario = {};
  EXPECT_TRUE(product_draft_problems(product).empty());  // a draft may lack it
  auto problems = product_submit_problems(product);
  EXPECT_TRUE(has(problems, "scenario", "required"));
  EXPECT_EQ(problems.size(), 1u);  // one problem, not one per language
  product.scenario.en = "Industrial location studies";
  product.scenario.zh_hant = "  \n";  // blank counts as missing
  problems = product_submit_problems(product);
  EXPECT_FALSE(has(problems, "scenario", "required"));
  EXPECT_TRUE(has(problems, "scenario.zh_hans", "required"));
  EXPECT_TRUE(has(problems, "scenario.zh_hant", "required"));
  EXPECT_TRUE(has(problems, "scenario.pt", "required"));
  EXPECT_EQ(problems.size(), 3u);
  EXPECT_TRUE(has(product_step_problems(product, by_provider(ProductAction::submit, 1)), "scenario.pt", "required"));
}

TEST(DataProduct, TitleAndDescriptionInTheFourLanguagesToSubmit) {
  DataProduct product = electricity();
  product.title.pt.clear();
  product.description.zh_hans.clear();
  EXPECT_TRUE(product_draft_problems(product).empty());
  const auto problems = product_submit_problems(product);
  EXPECT_TRUE(has(problems, "title.pt", "required"));
  EXPECT_TRUE(has(problems, "description.zh_hans", "required"));
  EXPECT_EQ(problems.size(), 2u);
}

TEST(DataProduct, TextsAreCheckedAsNoticesAre) {
  DataProduct product = electricity();
  product.title.en = "Two\nlines";
  product.description.pt = "Linha um\r\nLinha dois";  // line breaks are kept in a description
  product.scenario.zh_hans = "\xC3";
  product.description.en = std::string(kMaxProductDescriptionChars + 1, 'x');
  const auto problems = product_draft_problems(product);
  EXPECT_TRUE(has(problems, "title.en", "control_character"));
  EXPECT_TRUE(has(problems, "scenario.zh_hans", "utf8"));
  EXPECT_TRUE(has(problems, "description.en", "too_long"));
  EXPECT_EQ(problems.size(), 3u);
}

TEST(DataProduct, IdentityFields) {
  DataProduct product = electricity();
  product.id = "MO-P-3";
  product.provider.clear();
  product.jurisdiction = "CN GD";
  auto problems = product_draft_problems(product);
  EXPECT_TRUE(has(problems, "id", "not_this_node"));
  EXPECT_TRUE(has(problems, "provider", "required"));
  EXPECT_TRUE(has(problems, "jurisdiction", "format"));
  EXPECT_EQ(problems.size(), 3u);
  product.id = "CN-GD-JM-N-3";
  EXPECT_TRUE(has(product_draft_problems(product), "id", "format"));
  product.id.clear();
  EXPECT_TRUE(has(product_draft_problems(product), "id", "required"));
}

TEST(DataProduct, PersonalDataNamesItsPrivacyUnitColumn) {
  DataProduct product = commuters();
  product.columns[0].identifies_person = false;
  EXPECT_TRUE(product_draft_problems(product).empty());
  const auto problems = product_submit_problems(product);
  EXPECT_TRUE(has(problems, "columns", "privacy_unit_required"));
  EXPECT_EQ(problems.size(), 1u);
  product.personal_information = false;  // not personal: no privacy unit needed
  EXPECT_TRUE(product_submit_problems(product).empty());
}

TEST(DataProduct, OnePrivacyUnitAnIdentifierAndOnlyInPersonalData) {
  DataProduct product = commuters();
  product.columns[1].identifies_person = true;  // a second one
  EXPECT_TRUE(has(product_draft_problems(product), "columns[1].identifies_person", "duplicate"));
  product = commuters();
  product.columns[0].identifies_person = false;
  product.columns[2].identifies_person = true;  // a boolean identifies nobody
  EXPECT_TRUE(has(product_draft_problems(product), "columns[2].identifies_person", "privacy_unit_type"));
  product = commuters();
  product.columns[0].type = ColumnType::integer;  // a numeric person id is fine
  product.columns[0].bounds = ColumnBounds{1, 1e9};
  EXPECT_TRUE(product_submit_problems(product).empty());
  product = commuters();
  product.personal_information = false;  // a person column says otherwise
  EXPECT_TRUE(has(product_draft_problems(product), "personal_information", "inconsistent"));
}

TEST(DataProduct, CoreDataIsNeverListedImportantDataNeverCrossesABorder) {
  DataProduct product = electricity();
  EXPECT_FALSE(never_crosses_border(product));
  product.classification = DataClassification::important;
  EXPECT_TRUE(product_submit_problems(product).empty());  // may be listed
  EXPECT_TRUE(never_crosses_border(product));
  const DataProduct important = listed(product, 100);
  EXPECT_EQ(important.state, ProductState::listed);
  product.classification = DataClassification::core;
  EXPECT_TRUE(product_draft_problems(product).empty());
  EXPECT_TRUE(has(product_submit_problems(product), "classification", "core_never_listed"));
  EXPECT_TRUE(never_crosses_border(product));
  EXPECT_THROW(listed(product, 100), std::invalid_argument);
}

TEST(DataProduct, NumericColumnsDeclareBounds) {
  DataProduct product = electricity();
  product.columns[2].bounds.reset();
  product.columns[3].bounds.reset();
  EXPECT_TRUE(product_draft_problems(product).empty());
  auto problems = product_submit_problems(product);
  EXPECT_TRUE(has(problems, "columns[2].bounds", "required"));
  EXPECT_TRUE(has(problems, "columns[3].bounds", "required"));
  EXPECT_EQ(problems.size(), 2u);

  product = electricity();
  product.columns[2].bounds = ColumnBounds{5, 5};  // one value is a range
  EXPECT_TRUE(product_submit_problems(product).empty());
  product.columns[2].bounds = ColumnBounds{6, 5};
  EXPECT_TRUE(has(product_draft_problems(product), "columns[2].bounds", "range"));
  product.columns[2].bounds = ColumnBounds{0, std::numeric_limits<double>::infinity()};
  EXPECT_TRUE(has(product_draft_problems(product), "columns[2].bounds", "finite"));
  product.columns[2].bounds = ColumnBounds{std::nan(""), 1};
  EXPECT_TRUE(has(product_draft_problems(product), "columns[2].bounds", "finite"));
  product.columns[2].bounds = ColumnBounds{-0.5, 0.5};  // decimal: fine
  EXPECT_TRUE(product_draft_problems(product).empty());
  product.columns[3].bounds = ColumnBounds{0, 0.5};  // integer: not integral
  EXPECT_TRUE(has(product_draft_problems(product), "columns[3].bounds", "not_integral"));
  product.columns[3].bounds = ColumnBounds{0, 1e17};  // past 2^53
  EXPECT_TRUE(has(product_draft_problems(product), "columns[3].bounds", "not_integral"));
  product.columns[3].bounds = ColumnBounds{-kMaxIntegerBound, kMaxIntegerBound};
  EXPECT_TRUE(product_draft_problems(product).empty());
  product.columns[1].bounds = ColumnBounds{0, 1};  // a text column
  EXPECT_TRUE(has(product_draft_problems(product), "columns[1].bounds", "not_numeric"));
}

TEST(DataProduct, ColumnNamesAreLowerCaseWordsNotRepeated) {
  EXPECT_TRUE(is_column_name("kwh"));
  EXPECT_TRUE(is_column_name("a"));
  EXPECT_TRUE(is_column_name("person_ref_2"));
  EXPECT_TRUE(is_column_name("a" + std::string(62, 'b')));
  EXPECT_FALSE(is_column_name("a" + std::string(63, 'b')));
  EXPECT_FALSE(is_column_name("Kwh"));
  EXPECT_FALSE(is_column_name("2kwh"));
  EXPECT_FALSE(is_column_name("_kwh"));
  EXPECT_FALSE(is_column_name("kw-h"));
  EXPECT_FALSE(is_column_name(""));
  DataProduct product = electricity();
  product.columns.push_back(column("kwh", ColumnType::decimal, ColumnBounds{0, 1}));
  EXPECT_TRUE(product_draft_problems(product).empty());
  EXPECT_TRUE(has(product_submit_problems(product), "columns[4].name", "duplicate"));
  product.columns[4].name = "Kwh";
  EXPECT_TRUE(has(product_draft_problems(product), "columns[4].name", "format"));
  product.columns[4].name = "";
  EXPECT_TRUE(has(product_draft_problems(product), "columns[4].name", "required"));
}

TEST(DataProduct, ColumnsAreRequiredAndCounted) {
  DataProduct product = electricity();
  product.columns.clear();
  EXPECT_TRUE(has(product_submit_problems(product), "columns", "required"));
  for (std::size_t i = 0; i <= kMaxProductColumns; ++i)
    product.columns.push_back(column("c" + std::to_string(i), ColumnType::text));
  EXPECT_TRUE(has(product_draft_problems(product), "columns", "too_many"));
  product.columns.pop_back();
  EXPECT_TRUE(product_submit_problems(product).empty());
}

TEST(DataProduct, APriceIsFreeOrAnAmountInACurrency) {
  DataProduct product = electricity();
  product.price = {true, 0, ""};
  EXPECT_TRUE(product_submit_problems(product).empty());
  product.price = {true, 100, ""};
  EXPECT_TRUE(has(product_draft_problems(product), "price", "format"));
  product.price = {true, 0, "CNY"};
  EXPECT_TRUE(has(product_draft_problems(product), "price", "format"));
  product.price = {false, 0, ""};  // not priced yet
  EXPECT_TRUE(product_draft_problems(product).empty());
  EXPECT_TRUE(has(product_submit_problems(product), "price", "required"));
  product.price = {false, 100, ""};
  EXPECT_TRUE(has(product_draft_problems(product), "price.currency", "required"));
  product.price = {false, 100, "cny"};
  EXPECT_TRUE(has(product_draft_problems(product), "price.currency", "format"));
  product.price = {false, 0, "MOP"};
  EXPECT_TRUE(has(product_draft_problems(product), "price.minor_units", "range"));
  product.price = {false, -5, "MOP"};
  EXPECT_TRUE(has(product_draft_problems(product), "price.minor_units", "range"));
  product.price = {false, kMaxPriceMinorUnits + 1, "HKD"};
  EXPECT_TRUE(has(product_draft_problems(product), "price.minor_units", "range"));
  product.price = {false, kMaxPriceMinorUnits, "HKD"};
  EXPECT_TRUE(product_submit_problems(product).empty());
}

TEST(DataProduct, SubmittedByTheProviderListedByOtherVenueStaff) {
  DataProduct product = electricity();
  EXPECT_FALSE(may_list(product, "jm-venue-wu"));  // a draft
  product = apply_product_step(product, by_provider(ProductAction::submit, 10));
  EXPECT_EQ(product.state, ProductState::submitted);
  EXPECT_EQ(product.submitted_by, "jm-grid-chen");
  EXPECT_TRUE(may_list(product, "jm-venue-wu"));
  EXPECT_FALSE(may_list(product, "jm-grid-chen"));
  EXPECT_FALSE(may_list(product, ""));
  product = apply_product_step(product, by_staff(ProductAction::list, 11));
  EXPECT_EQ(product.state, ProductState::listed);
  EXPECT_EQ(product.reviewed_by, "jm-venue-wu");
  EXPECT_EQ(product.listed_at_ms, 11);
  EXPECT_EQ(product.updated_at_ms, 11);
  EXPECT_EQ(product.revision, 1);
}

TEST(DataProduct, OnlyTheProvidersAccountsEditAndSubmit) {
  const DataProduct product = electricity();
  for (auto action : {ProductAction::edit, ProductAction::submit}) {
    EXPECT_TRUE(has(product_step_problems(product, by_staff(action, 1)), "actor", "not_provider"));
    EXPECT_TRUE(has(product_step_problems(product, step(action, "mo-x", ProductActorRole::provider, "MO-DSAT", 1)),
                    "actor", "not_provider"));  // another member's account
    EXPECT_TRUE(product_step_problems(product, by_provider(action, 1)).empty());
  }
  EXPECT_TRUE(
      has(product_step_problems(product, step(ProductAction::edit, "", ProductActorRole::provider, "JM-GRID", 1)),
          "actor", "required"));
}

TEST(DataProduct, OnlyVenueStaffOtherThanTheSubmitterReview) {
  const DataProduct product = apply_product_step(electricity(), by_provider(ProductAction::submit, 10));
  for (auto action : {ProductAction::list, ProductAction::reject}) {
    EXPECT_TRUE(has(product_step_problems(product, by_provider(action, 11, "no")), "actor", "not_venue_staff"));
    // The venue's own data: a staff account that submitted it does not review it.
    EXPECT_TRUE(
        has(product_step_problems(product, step(action, "jm-grid-chen", ProductActorRole::venue_staff, "", 11, "no")),
            "reviewer", "same_as_submitter"));
  }
  EXPECT_THROW(apply_product_step(product, by_provider(ProductAction::list, 11)), std::invalid_argument);
  DataProduct broken = product;
  broken.scenario = {};  // changed behind the desk's back
  EXPECT_FALSE(may_list(broken, "jm-venue-wu"));
  EXPECT_TRUE(has(product_step_problems(broken, by_staff(ProductAction::list, 11)), "scenario", "required"));
}

TEST(DataProduct, ARejectedProductIsEditedBackToDraftAndSubmittedAgain) {
  DataProduct product = apply_product_step(electricity(), by_provider(ProductAction::submit, 10));
  EXPECT_TRUE(has(product_step_problems(product, by_staff(ProductAction::reject, 11)), "reason", "required"));
  EXPECT_TRUE(has(product_step_problems(product, by_staff(ProductAction::reject, 11, std::string(501, 'x'))), "reason",
                  "too_long"));
  product = apply_product_step(product, by_staff(ProductAction::reject, 11, "场景描述过于笼统。"));
  EXPECT_EQ(product.state, ProductState::rejected);
  EXPECT_EQ(product.reject_reason, "场景描述过于笼统。");
  EXPECT_EQ(product.reviewed_by, "jm-venue-wu");
  EXPECT_EQ(product.revision, 0);
  EXPECT_TRUE(
      has(product_step_problems(product, by_provider(ProductAction::submit, 12)), "state", "illegal_transition"));

  product.scenario.en = "Location studies for new industrial parks in Jiangmen";
  product = apply_product_step(product, by_provider(ProductAction::edit, 12));
  EXPECT_EQ(product.state, ProductState::draft);
  EXPECT_EQ(product.reject_reason, "场景描述过于笼统。");  // still shown while correcting
  product = apply_product_step(product, by_provider(ProductAction::submit, 13));
  EXPECT_EQ(product.reject_reason, "");
  EXPECT_EQ(product.reviewed_by, "");
  product = apply_product_step(product, by_staff(ProductAction::list, 14));
  EXPECT_EQ(product.state, ProductState::listed);
  EXPECT_EQ(product.revision, 1);
}

TEST(DataProduct, DelistedWithAReasonByTheProviderOrStaffAndFinal) {
  const DataProduct product = listed(electricity(), 100);
  EXPECT_TRUE(has(product_step_problems(product, by_provider(ProductAction::delist, 200)), "reason", "required"));
  EXPECT_TRUE(has(product_step_problems(
                      product, step(ProductAction::delist, "mo-x", ProductActorRole::provider, "MO-DSAT", 200, "x")),
                  "actor", "not_provider"));
  EXPECT_TRUE(product_step_problems(product, by_staff(ProductAction::delist, 200, "Licence withdrawn")).empty());
  const DataProduct delisted = apply_product_step(product, by_provider(ProductAction::delist, 200, "数据源停止更新"));
  EXPECT_EQ(delisted.state, ProductState::delisted);
  EXPECT_EQ(delisted.delist_reason, "数据源停止更新");
  EXPECT_EQ(delisted.revision, 2);
  EXPECT_EQ(delisted.listed_at_ms, 100);
  EXPECT_TRUE(supersedes(delisted, product));
  EXPECT_FALSE(supersedes(product, delisted));  // a late copy of the listing is ignored
  DataProduct other = delisted;
  other.id = "CN-GD-JM-P-4";
  EXPECT_FALSE(supersedes(other, product));
  for (ProductAction action : kAllProductActions) {
    EXPECT_TRUE(has(product_step_problems(delisted, by_provider(action, 300, "again")), "state", "illegal_transition"))
        << to_string(action);
    EXPECT_TRUE(has(product_step_problems(delisted, by_staff(action, 300, "again")), "state", "illegal_transition"))
        << to_string(action);
  }
  EXPECT_TRUE(
      has(product_step_problems(product, by_provider(ProductAction::edit, 101)), "state", "illegal_transition"));
}

TEST(DataProduct, LegalAreasAndTheBayArea) {
  EXPECT_EQ(legal_area("CN-GD-JM"), LegalArea::mainland);
  EXPECT_EQ(legal_area("CN"), LegalArea::mainland);
  EXPECT_EQ(legal_area("HK"), LegalArea::hong_kong);
  EXPECT_EQ(legal_area("MO"), LegalArea::macao);
  EXPECT_EQ(legal_area("MOX"), LegalArea::other);  // not below "MO"
  EXPECT_EQ(legal_area("CNX-1"), LegalArea::other);
  EXPECT_EQ(legal_area("PT"), LegalArea::other);
  EXPECT_EQ(to_string(LegalArea::hong_kong), "hong_kong");
  for (std::string_view code : {"CN-GD-GZ", "CN-GD-SZ", "CN-GD-ZH", "CN-GD-FS", "CN-GD-HZ", "CN-GD-DG", "CN-GD-ZS",
                                "CN-GD-JM", "CN-GD-ZQ", "CN-GD-ZH-HQ", "HK", "MO"})
    EXPECT_TRUE(is_gba_jurisdiction(code)) << code;
  for (std::string_view code : {"CN-GD-SW", "CN-GD", "CN", "CN-BJ", "CN-GD-JMX", "PT", ""})
    EXPECT_FALSE(is_gba_jurisdiction(code)) << code;
  EXPECT_FALSE(crosses_border("CN-GD-JM", "CN-GD-JM"));
  EXPECT_FALSE(crosses_border("CN-GD-JM", "CN-GD-GZ"));  // one legal area
  EXPECT_TRUE(crosses_border("CN-GD-JM", "MO"));
  EXPECT_TRUE(crosses_border("HK", "MO"));
  EXPECT_TRUE(crosses_border("MO", "PT"));
  EXPECT_TRUE(crosses_border("PT", "BR"));
  EXPECT_FALSE(crosses_border("PT", "PT"));
}

}  // namespace
}  // namespace tongban::domain
