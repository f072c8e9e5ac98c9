#include "domain/cross_border_filing.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace tongban::domain {
namespace {

using namespace std::chrono;

// The Mainland's 2025 National Day and Mid-Autumn arrangement: 1-8 October off, Sunday 28 September and Saturday
// 11 October make-up working days.
WorkingCalendar mainland_autumn_2025() {
  WorkingCalendar calendar("CN-GD-JM");
  calendar.cover_year(2025);
  for (unsigned d = 1; d <= 8; ++d) calendar.mark(2025y / October / day{d}, DayKind::holiday, "国庆节、中秋节");
  calendar.mark(2025y / September / 28d, DayKind::makeup_working, "调休上班");
  calendar.mark(2025y / October / 11d, DayKind::makeup_working, "调休上班");
  return calendar;
}

// Macao's October 2025: National Day (1, 2 October) and the day after Mid-Autumn (7 October).
WorkingCalendar macao_autumn_2025() {
  WorkingCalendar calendar("MO");
  calendar.cover_year(2025);
  for (unsigned d : {1U, 2U, 7U}) calendar.mark(2025y / October / day{d}, DayKind::holiday, "Feriado");
  return calendar;
}

// Commuter records held in Jiangmen: personal, general, listed.
DataProduct commuters() {
  DataProduct product;
  product.id = "CN-GD-JM-P-8";
  product.node = "CN-GD-JM";
  product.provider = "JM-PORT";
  product.jurisdiction = "CN-GD-JM";
  product.personal_information = true;
  product.classification = DataClassification::general;
  product.state = ProductState::listed;
  return product;
}

UsagePolicy policy_for(std::vector<std::string> allowed) {
  UsagePolicy policy;
  policy.purpose = "Commuter flow planning";
  policy.valid_from = 2025y / October / 1d;
  policy.valid_until = 2026y / September / 30d;
  policy.allowed_jurisdictions = std::move(allowed);
  policy.onward_transfer_outside_gba_forbidden = true;
  policy.max_queries = 100;
  policy.epsilon_budget = 2;
  return policy;
}

// A Mainland-Macao contract, in effect Thursday 25 September 2025, filed with the Guangdong office.
CrossBorderFiling macao_filing() {
  CrossBorderFiling filing;
  filing.filing_number = "YDA-2025-0931";
  filing.variant = GbaContractVariant::mainland_macao;
  filing.negotiation_id = "CN-GD-JM-C-17";
  filing.product_id = "CN-GD-JM-P-8";
  filing.processor = {"JM-PORT", "江门港口集团有限公司", "CN-GD-JM"};
  filing.recipient = {"MO-DSAT", "Direcção dos Serviços para os Assuntos de Tráfego", "MO"};
  filing.data_categories = {"出行记录", "证件号码（去标识化）"};
  filing.purpose = "跨境通勤客流规划";
  filing.volume = 120'000;
  filing.authority = FilingAuthority::guangdong_cac;
  filing.contract_effective_on = 2025y / September / 25d;
  filing.filed_on = 2025y / October / 9d;
  filing.impact_assessment_ref = "PIA-JM-PORT-2025-07";
  return filing;
}

// The same contract with Hong Kong's Transport Department instead.
CrossBorderFiling hong_kong_filing() {
  CrossBorderFiling filing = macao_filing();
  filing.filing_number = "YDA-2025-0932";
  filing.variant = GbaContractVariant::mainland_hong_kong;
  filing.recipient = {"HK-TD", "Transport Department", "HK"};
  filing.impact_assessment_ref.clear();
  return filing;
}

bool has(const std::vector<FieldError>& problems, const std::string& field, const std::string& rule) {
  for (const auto& problem : problems)
    if (problem.field == field && problem.rule == rule) return true;
  return false;
}

std::string refusal(const DataProduct& product, const UsagePolicy& policy,
                    const std::optional<CrossBorderFiling>& filing, std::string_view from, std::string_view to,
                    const WorkingCalendar& calendar) {
  const auto why = transfer_refusal(product, policy, filing, from, to, calendar);
  return why ? why->field + " " + why->rule : "allowed";
}

TEST(CrossBorderFiling, WordsRoundTrip) {
  for (auto variant : kAllGbaContractVariants) EXPECT_EQ(parse_gba_contract_variant(to_string(variant)), variant);
  for (auto authority : {FilingAuthority::guangdong_cac, FilingAuthority::hong_kong_dpo, FilingAuthority::macao_dspdp})
    EXPECT_EQ(parse_filing_authority(to_string(authority)), authority);
  EXPECT_EQ(to_string(GbaContractVariant::mainland_macao), "mainland_macao");
  EXPECT_EQ(parse_filing_authority("ogcio"), std::nullopt);
}

TEST(CrossBorderFiling, VariantsJoinTheMainlandWithHongKongOrMacao) {
  EXPECT_EQ(gba_variant_between("CN-GD-JM", "HK"), GbaContractVariant::mainland_hong_kong);
  EXPECT_EQ(gba_variant_between("HK", "CN-GD-SZ"), GbaContractVariant::mainland_hong_kong);
  EXPECT_EQ(gba_variant_between("CN-GD-ZH-HQ", "MO"), GbaContractVariant::mainland_macao);
  EXPECT_EQ(gba_variant_between("MO", "CN-GD-JM"), GbaContractVariant::mainland_macao);
  EXPECT_EQ(gba_variant_between("HK", "MO"), std::nullopt);
  EXPECT_EQ(gba_variant_between("CN-GD-JM", "CN-GD-GZ"), std::nullopt);
  EXPECT_EQ(gba_variant_between("CN-GD-SW", "HK"), std::nullopt);  // Shanwei is not in the Bay Area
  EXPECT_EQ(gba_variant_between("CN-BJ", "MO"), std::nullopt);
  EXPECT_EQ(filing_authority_for("CN-GD-JM"), FilingAuthority::guangdong_cac);
  EXPECT_EQ(filing_authority_for("HK"), FilingAuthority::hong_kong_dpo);
  EXPECT_EQ(filing_authority_for("MO"), FilingAuthority::macao_dspdp);
  EXPECT_EQ(filing_authority_for("PT"), std::nullopt);
}

TEST(CrossBorderFiling, CompleteFilingsHaveNoProblem) {
  EXPECT_TRUE(filing_problems(macao_filing()).empty());
  EXPECT_TRUE(filing_problems(hong_kong_filing()).empty());
}

TEST(CrossBorderFiling, TheRecordsFields) {
  CrossBorderFiling filing = macao_filing();
  filing.filing_number.clear();
  filing.negotiation_id = "CN-GD-JM-P-17";
  filing.product_id.clear();
  filing.processor.name = "two\nlines";
  filing.recipient.member_id = "JM-PORT";
  filing.purpose.clear();
  filing.volume = 0;
  filing.filed_on = 2025y / February / 30d;
  filing.contract_effective_on = {};
  filing.impact_assessment_ref = "tab\there";
  const auto problems = filing_problems(filing);
  EXPECT_TRUE(has(problems, "filing_number", "required"));
  EXPECT_TRUE(has(problems, "negotiation_id", "format"));
  EXPECT_TRUE(has(problems, "product_id", "required"));
  EXPECT_TRUE(has(problems, "processor.name", "control_character"));
  EXPECT_TRUE(has(problems, "recipient.member_id", "same_as_processor"));
  EXPECT_TRUE(has(problems, "purpose", "required"));
  EXPECT_TRUE(has(problems, "volume", "range"));
  EXPECT_TRUE(has(problems, "filed_on", "date"));
  EXPECT_TRUE(has(problems, "contract_effective_on", "date"));
  EXPECT_TRUE(has(problems, "impact_assessment_ref", "control_character"));
  EXPECT_EQ(problems.size(), 10u);
  filing = macao_filing();
  filing.volume = kMaxFilingVolume + 1;
  EXPECT_TRUE(has(filing_problems(filing), "volume", "range"));
}

TEST(CrossBorderFiling, PartiesAreInTheBayAreaOnTheVariantsTwoSides) {
  CrossBorderFiling filing = macao_filing();
  filing.recipient.jurisdiction = "PT";
  EXPECT_TRUE(has(filing_problems(filing), "recipient.jurisdiction", "outside_gba"));
  filing.recipient.jurisdiction = "HK";  // a Macao variant with a Hong Kong recipient
  EXPECT_TRUE(has(filing_problems(filing), "variant", "mismatch"));
  filing.recipient.jurisdiction = "CN-GD-GZ";  // both on the Mainland
  EXPECT_TRUE(has(filing_problems(filing), "variant", "mismatch"));
  filing = macao_filing();
  filing.processor.jurisdiction = "";
  EXPECT_TRUE(has(filing_problems(filing), "processor.jurisdiction", "required"));
}

TEST(CrossBorderFiling, EachSideFilesWithItsAuthority) {
  CrossBorderFiling filing = macao_filing();
  filing.authority = FilingAuthority::macao_dspdp;  // the Mainland processor files in Guangdong
  EXPECT_TRUE(has(filing_problems(filing), "authority", "mismatch"));
  filing = hong_kong_filing();
  std::swap(filing.processor, filing.recipient);  // Hong Kong sends: its side files with the DPO
  EXPECT_TRUE(has(filing_problems(filing), "authority", "mismatch"));
  filing.authority = FilingAuthority::hong_kong_dpo;
  EXPECT_TRUE(filing_problems(filing).empty());
}

TEST(CrossBorderFiling, DataCategories) {
  CrossBorderFiling filing = macao_filing();
  filing.data_categories.clear();
  EXPECT_TRUE(has(filing_problems(filing), "data_categories", "required"));
  filing.data_categories = {"出行记录", "", "出行记录"};
  auto problems = filing_problems(filing);
  EXPECT_TRUE(has(problems, "data_categories[1]", "required"));
  EXPECT_TRUE(has(problems, "data_categories[2]", "duplicate"));
  filing.data_categories.assign(kMaxFilingCategories + 1, "x");
  for (std::size_t i = 0; i < filing.data_categories.size(); ++i) filing.data_categories[i] += std::to_string(i);
  EXPECT_TRUE(has(filing_problems(filing), "data_categories", "too_many"));
}

TEST(CrossBorderFiling, TenWorkingDaysAcrossAWeekendAndNationalDay) {
  const WorkingCalendar calendar = mainland_autumn_2025();
  CrossBorderFiling filing = macao_filing();
  // Effective Thu 25 Sep: Fri 26 (1), Sun 28 make-up (2), Mon 29 (3), Tue 30 (4), 1-8 Oct off, Thu 9 (5),
  // Fri 10 (6), Sat 11 make-up (7), Mon 13 (8), Tue 14 (9), Wed 15 (10).
  EXPECT_EQ(filing_deadline(filing, calendar), 2025y / October / 15d);
  const DataProduct product = commuters();
  const UsagePolicy policy = policy_for({"MO"});
  filing.filed_on = 2025y / October / 15d;
  EXPECT_TRUE(filed_in_time(filing, calendar));
  EXPECT_EQ(refusal(product, policy, filing, "CN-GD-JM", "MO", calendar), "allowed");
  filing.filed_on = 2025y / October / 16d;
  EXPECT_FALSE(filed_in_time(filing, calendar));
  EXPECT_EQ(refusal(product, policy, filing, "CN-GD-JM", "MO", calendar), "filing.filed_on late");
  filing.filed_on = 2025y / September / 24d;  // filed the day before it took effect: not late
  EXPECT_TRUE(filed_in_time(filing, calendar));
  // Counted in calendar days, the 10 would have ended on 5 October; with the weekend rule alone, on 9 October.
  EXPECT_EQ(WorkingCalendar("CN-GD-JM").add_working_days(2025y / September / 25d, 10), 2025y / October / 9d);
}

TEST(CrossBorderFiling, TenWorkingDaysAcrossAWeekendInMacao) {
  const WorkingCalendar calendar = macao_autumn_2025();
  CrossBorderFiling filing = macao_filing();
  std::swap(filing.processor, filing.recipient);  // Macao sends to Jiangmen
  filing.authority = FilingAuthority::macao_dspdp;
  filing.contract_effective_on = 2025y / September / 26d;  // a Friday
  // Mon 29 (1), Tue 30 (2), 1-2 Oct off, Fri 3 (3), Mon 6 (4), Tue 7 off, Wed 8 (5) … Wed 15 (10).
  EXPECT_EQ(filing_deadline(filing, calendar), 2025y / October / 15d);
  filing.filed_on = 2025y / October / 16d;
  EXPECT_FALSE(filed_in_time(filing, calendar));
  filing.filed_on = 2025y / October / 15d;
  EXPECT_TRUE(filed_in_time(filing, calendar));
}

TEST(CrossBorderFiling, DataThatStaysNeedsNothing) {
  const WorkingCalendar calendar = mainland_autumn_2025();
  DataProduct product = commuters();
  product.classification = DataClassification::important;
  EXPECT_EQ(refusal(product, policy_for({"CN-GD-JM"}), std::nullopt, "CN-GD-JM", "CN-GD-JM", calendar), "allowed");
  EXPECT_EQ(refusal(product, policy_for({}), std::nullopt, "CN-GD-JM", "CN-GD-JM", calendar), "allowed");
  // Another Mainland city: no border, no filing; only the contract's places.
  EXPECT_EQ(refusal(product, policy_for({"CN-GD-JM", "CN-GD-GZ"}), std::nullopt, "CN-GD-JM", "CN-GD-GZ", calendar),
            "allowed");
  EXPECT_EQ(refusal(product, policy_for({"CN-GD-JM"}), std::nullopt, "CN-GD-JM", "CN-GD-GZ", calendar),
            "to_jurisdiction not_allowed");
  EXPECT_EQ(refusal(product, policy_for({"MO"}), std::nullopt, "CN GD", "CN GD", calendar), "from_jurisdiction format");
}

TEST(CrossBorderFiling, AFiledContractLetsPersonalDataGoToMacaoAndHongKong) {
  const WorkingCalendar calendar = mainland_autumn_2025();
  EXPECT_TRUE(transfer_problems(commuters(), policy_for({"MO"}), macao_filing(), "CN-GD-JM", "MO", calendar).empty());
  EXPECT_EQ(refusal(commuters(), policy_for({"HK"}), hong_kong_filing(), "CN-GD-JM", "HK", calendar), "allowed");
}

TEST(CrossBorderFiling, NoFilingNoTransfer) {
  const WorkingCalendar calendar = mainland_autumn_2025();
  EXPECT_EQ(refusal(commuters(), policy_for({"MO"}), std::nullopt, "CN-GD-JM", "MO", calendar), "filing required");
  DataProduct general = commuters();
  general.personal_information = false;  // the market's rule: personal or not
  EXPECT_EQ(refusal(general, policy_for({"MO"}), std::nullopt, "CN-GD-JM", "MO", calendar), "filing required");
  CrossBorderFiling incomplete = macao_filing();
  incomplete.filing_number.clear();
  EXPECT_EQ(refusal(commuters(), policy_for({"MO"}), incomplete, "CN-GD-JM", "MO", calendar), "filing invalid");
}

TEST(CrossBorderFiling, ImportantDataIsRefusedEvenWithAFiling) {
  const WorkingCalendar calendar = mainland_autumn_2025();
  DataProduct product = commuters();
  product.classification = DataClassification::important;
  const auto problems = transfer_problems(product, policy_for({"MO"}), macao_filing(), "CN-GD-JM", "MO", calendar);
  EXPECT_TRUE(has(problems, "product.classification", "important_data"));
  EXPECT_EQ(problems.size(), 1u);  // the filing is otherwise fine
  EXPECT_EQ(refusal(product, policy_for({"MO"}), macao_filing(), "CN-GD-JM", "MO", calendar),
            "product.classification important_data");
  product.classification = DataClassification::core;
  EXPECT_EQ(refusal(product, policy_for({"MO"}), macao_filing(), "CN-GD-JM", "MO", calendar),
            "product.classification core_data");
}

TEST(CrossBorderFiling, TheDestinationIsOneThePolicyAllows) {
  const WorkingCalendar calendar = mainland_autumn_2025();
  EXPECT_EQ(refusal(commuters(), policy_for({"CN-GD-JM"}), macao_filing(), "CN-GD-JM", "MO", calendar),
            "to_jurisdiction not_allowed");
}

TEST(CrossBorderFiling, AMacaoTransferNeedsAnImpactAssessment) {
  const WorkingCalendar calendar = mainland_autumn_2025();
  CrossBorderFiling filing = macao_filing();
  filing.impact_assessment_ref = " ";
  EXPECT_EQ(refusal(commuters(), policy_for({"MO"}), filing, "CN-GD-JM", "MO", calendar),
            "filing.impact_assessment_ref required");
  EXPECT_TRUE(hong_kong_filing().impact_assessment_ref.empty());  // not asked of the Hong Kong variant
  EXPECT_EQ(refusal(commuters(), policy_for({"HK"}), hong_kong_filing(), "CN-GD-JM", "HK", calendar), "allowed");
}

TEST(CrossBorderFiling, OnlyWithinTheBayAreaAndOnlyBetweenTheMainlandAndHongKongOrMacao) {
  const WorkingCalendar calendar = mainland_autumn_2025();
  DataProduct product = commuters();
  EXPECT_EQ(refusal(product, policy_for({"HK"}), std::nullopt, "MO", "HK", calendar),
            "to_jurisdiction no_standard_contract");
  EXPECT_EQ(refusal(product, policy_for({"HK"}), hong_kong_filing(), "CN-GD-SW", "HK", calendar),
            "from_jurisdiction outside_gba");
  EXPECT_EQ(refusal(product, policy_for({"PT"}), macao_filing(), "CN-GD-JM", "PT", calendar),
            "to_jurisdiction outside_gba");
  UsagePolicy open = policy_for({"MO"});
  open.onward_transfer_outside_gba_forbidden = false;
  EXPECT_EQ(refusal(product, open, macao_filing(), "CN-GD-JM", "MO", calendar),
            "policy.onward_transfer_outside_gba_forbidden required");
}

TEST(CrossBorderFiling, TheFilingIsThisTransfersContract) {
  const WorkingCalendar calendar = mainland_autumn_2025();
  const DataProduct product = commuters();
  // A Hong Kong filing shown for a transfer to Macao.
  auto problems = transfer_problems(product, policy_for({"MO"}), hong_kong_filing(), "CN-GD-JM", "MO", calendar);
  EXPECT_TRUE(has(problems, "filing.variant", "mismatch"));
  EXPECT_TRUE(has(problems, "filing.recipient.jurisdiction", "mismatch"));
  EXPECT_EQ(problems.size(), 2u);
  CrossBorderFiling filing = macao_filing();
  filing.product_id = "CN-GD-JM-P-9";
  EXPECT_EQ(refusal(product, policy_for({"MO"}), filing, "CN-GD-JM", "MO", calendar), "filing.product_id mismatch");
  filing = macao_filing();
  filing.processor.member_id = "JM-OTHER";
  EXPECT_EQ(refusal(product, policy_for({"MO"}), filing, "CN-GD-JM", "MO", calendar),
            "filing.processor.member_id not_provider");
  filing = macao_filing();
  filing.processor.jurisdiction = "CN-GD-ZH";  // filed from Zhuhai, sent from Jiangmen
  EXPECT_EQ(refusal(product, policy_for({"MO"}), filing, "CN-GD-JM", "MO", calendar),
            "filing.processor.jurisdiction mismatch");
  // The same filing read backwards: Macao to Jiangmen is another contract.
  problems = transfer_problems(product, policy_for({"CN-GD-JM"}), macao_filing(), "MO", "CN-GD-JM", calendar);
  EXPECT_TRUE(has(problems, "filing.processor.jurisdiction", "mismatch"));
  EXPECT_TRUE(has(problems, "filing.recipient.jurisdiction", "mismatch"));
}

}  // namespace
}  // namespace tongban::domain
