#include "domain/cross_border_filing.h"

#include <algorithm>
#include <set>

#include "domain/notice.h"
#include "domain/word_table.h"

namespace tongban::domain {
namespace {

using record_fields::add;
using record_fields::check_code;
using record_fields::check_text;

constexpr WordTable<GbaContractVariant, 2> kVariants = {{
    {GbaContractVariant::mainland_hong_kong, "mainland_hong_kong"},
    {GbaContractVariant::mainland_macao, "mainland_macao"},
}};

constexpr WordTable<FilingAuthority, 3> kAuthorities = {{
    {FilingAuthority::guangdong_cac, "guangdong_cac"},
    {FilingAuthority::hong_kong_dpo, "hong_kong_dpo"},
    {FilingAuthority::macao_dspdp, "macao_dspdp"},
}};

void check_party(std::vector<FieldError>& problems, const std::string& field, const FilingParty& party) {
  check_code(problems, field + ".member_id", party.member_id, true);
  check_text(problems, field + ".name", party.name, kMaxFilingPartyNameChars, false, true);
  check_code(problems, field + ".jurisdiction", party.jurisdiction, true);
  if (is_notice_code(party.jurisdiction) && !is_gba_jurisdiction(party.jurisdiction))
    add(problems, field + ".jurisdiction", "outside_gba",
        "'" + party.jurisdiction + "' is outside the Greater Bay Area.");
}

void check_categories(std::vector<FieldError>& problems, const std::vector<std::string>& categories) {
  if (categories.empty())
    return add(problems, "data_categories", "required", "A filing names the categories of data it covers.");
  if (categories.size() > kMaxFilingCategories)
    add(problems, "data_categories", "too_many", "At most " + std::to_string(kMaxFilingCategories) + " categories.");
  std::set<std::string_view> seen;
  for (std::size_t i = 0; i < categories.size(); ++i) {
    const std::string at = "data_categories[" + std::to_string(i) + "]";
    const std::size_t before = problems.size();
    check_text(problems, at, categories[i], kMaxFilingCategoryChars, false, true);
    if (problems.size() == before && !seen.insert(categories[i]).second)
      add(problems, at, "duplicate", "'" + categories[i] + "' is listed twice.");
  }
}

}  // namespace

std::string_view to_string(GbaContractVariant variant) {
  return word_of(kVariants, variant);
}
std::string_view to_string(FilingAuthority authority) {
  return word_of(kAuthorities, authority);
}
std::optional<GbaContractVariant> parse_gba_contract_variant(std::string_view word) {
  return value_of(kVariants, word);
}
std::optional<FilingAuthority> parse_filing_authority(std::string_view word) {
  return value_of(kAuthorities, word);
}

std::optional<GbaContractVariant> gba_variant_between(std::string_view from_jurisdiction,
                                                      std::string_view to_jurisdiction) {
  if (!is_gba_jurisdiction(from_jurisdiction) || !is_gba_jurisdiction(to_jurisdiction)) return std::nullopt;
  const LegalArea from = legal_area(from_jurisdiction);
  const LegalArea to = legal_area(to_jurisdiction);
  const auto joins = [&](LegalArea side) {
    return (from == LegalArea::mainland && to == side) || (from == side && to == LegalArea::mainland);
  };
  if (joins(LegalArea::hong_kong)) return GbaContractVariant::mainland_hong_kong;
  if (joins(LegalArea::macao)) return GbaContractVariant::mainland_macao;
  return std::nullopt;
}

std::optional<FilingAuthority> filing_authority_for(std::string_view jurisdiction) {
  switch (legal_area(jurisdiction)) {
    case LegalArea::mainland: return FilingAuthority::guangdong_cac;
    case LegalArea::hong_kong: return FilingAuthority::hong_kong_dpo;
    case LegalArea::macao: return FilingAuthority::macao_dspdp;
    case LegalArea::other: break;
  }
  return std::nullopt;
}

std::vector<FieldError> filing_problems(const CrossBorderFiling& filing) {
  std::vector<FieldError> problems;
  check_code(problems, "filing_number", filing.filing_number, true);
  if (filing.negotiation_id.empty())
    add(problems, "negotiation_id", "required", "A filing names the contract it files.");
  else if (!parse_negotiation_id(filing.negotiation_id))
    add(problems, "negotiation_id", "format", "'" + filing.negotiation_id + "' is not a negotiation id.");
  if (filing.product_id.empty())
    add(problems, "product_id", "required", "A filing names the product.");
  else if (!parse_product_id(filing.product_id))
    add(problems, "product_id", "format", "'" + filing.product_id + "' is not a product id.");
  check_party(problems, "processor", filing.processor);
  check_party(problems, "recipient", filing.recipient);
  if (!filing.processor.member_id.empty() && filing.processor.member_id == filing.recipient.member_id)
    add(problems, "recipient.member_id", "same_as_processor", "The recipient is another member than the processor.");
  const bool both_gba =
      is_gba_jurisdiction(filing.processor.jurisdiction) && is_gba_jurisdiction(filing.recipient.jurisdiction);
  if (both_gba && gba_variant_between(filing.processor.jurisdiction, filing.recipient.jurisdiction) != filing.variant)
    add(problems, "variant", "mismatch",
        filing.processor.jurisdiction + " and " + filing.recipient.jurisdiction + " are not the two sides of a " +
            std::string(to_string(filing.variant)) + " contract.");
  check_categories(problems, filing.data_categories);
  check_text(problems, "purpose", filing.purpose, kMaxFilingPurposeChars, true, true);
  if (filing.volume < 1 || filing.volume > kMaxFilingVolume)
    add(problems, "volume", "range", "The number of persons is 1 to " + std::to_string(kMaxFilingVolume) + ".");
  if (const auto expected = filing_authority_for(filing.processor.jurisdiction);
      expected && *expected != filing.authority)
    add(problems, "authority", "mismatch",
        "A processor in " + filing.processor.jurisdiction + " files with " + std::string(to_string(*expected)) + ".");
  if (!filing.filed_on.ok()) add(problems, "filed_on", "date", "filed_on is not a calendar date.");
  if (!filing.contract_effective_on.ok())
    add(problems, "contract_effective_on", "date", "contract_effective_on is not a calendar date.");
  check_text(problems, "impact_assessment_ref", filing.impact_assessment_ref, kMaxFilingReferenceChars, false, false);
  return problems;
}

CalendarDate filing_deadline(const CrossBorderFiling& filing, const WorkingCalendar& calendar) {
  return calendar.add_working_days(filing.contract_effective_on, kFilingWorkingDays);
}

bool filed_in_time(const CrossBorderFiling& filing, const WorkingCalendar& calendar) {
  return !(filing_deadline(filing, calendar) < filing.filed_on);
}

std::vector<FieldError> transfer_problems(const DataProduct& product, const UsagePolicy& policy,
                                          const std::optional<CrossBorderFiling>& filing,
                                          std::string_view from_jurisdiction, std::string_view to_jurisdiction,
                                          const WorkingCalendar& calendar) {
  std::vector<FieldError> problems;
  check_code(problems, "from_jurisdiction", from_jurisdiction, true);
  check_code(problems, "to_jurisdiction", to_jurisdiction, true);
  if (!problems.empty() || from_jurisdiction == to_jurisdiction) return problems;  // or it stays where it is
  const std::string from(from_jurisdiction);
  const std::string to(to_jurisdiction);
  const bool across = crosses_border(from, to);
  if (across && product.classification == DataClassification::core)
    add(problems, "product.classification", "core_data", "Core data never leaves its jurisdiction.");
  if (across && product.classification == DataClassification::important)
    add(problems, "product.classification", "important_data",
        "Important data never crosses a border here: it would need a security assessment.");
  const auto& allowed = policy.allowed_jurisdictions;
  if (std::find(allowed.begin(), allowed.end(), to) == allowed.end())
    add(problems, "to_jurisdiction", "not_allowed", "The contract does not allow use in " + to + ".");
  if (!across) return problems;

  if (!is_gba_jurisdiction(from))
    add(problems, "from_jurisdiction", "outside_gba", from + " is outside the Greater Bay Area.");
  if (!is_gba_jurisdiction(to))
    add(problems, "to_jurisdiction", "outside_gba", to + " is outside the Greater Bay Area.");
  const auto variant = gba_variant_between(from, to);
  if (!variant && is_gba_jurisdiction(from) && is_gba_jurisdiction(to))
    add(problems, "to_jurisdiction", "no_standard_contract",
        "No GBA standard contract joins " + from + " and " + to + " (only the Mainland with Hong Kong or Macao).");
  if (!policy.onward_transfer_outside_gba_forbidden)
    add(problems, "policy.onward_transfer_outside_gba_forbidden", "required",
        "The contract must forbid passing the data on outside the Greater Bay Area.");
  if (!filing) {
    add(problems, "filing", "required", "Data crosses a border only under a filed GBA standard contract.");
    return problems;
  }
  if (const auto record = filing_problems(*filing); !record.empty()) {
    add(problems, "filing", "invalid", "The filing is incomplete: " + record.front().field + " " + record.front().rule);
    return problems;
  }
  if (variant && filing->variant != *variant)
    add(problems, "filing.variant", "mismatch",
        "The transfer needs a " + std::string(to_string(*variant)) + " contract, not " +
            std::string(to_string(filing->variant)) + ".");
  if (filing->product_id != product.id)
    add(problems, "filing.product_id", "mismatch", "The filing is for another product (" + filing->product_id + ").");
  if (filing->processor.member_id != product.provider)
    add(problems, "filing.processor.member_id", "not_provider",
        "The filing's processor is not the product's provider.");
  if (filing->processor.jurisdiction != from)
    add(problems, "filing.processor.jurisdiction", "mismatch",
        "The filing sends from " + filing->processor.jurisdiction + ", not " + from + ".");
  if (filing->recipient.jurisdiction != to)
    add(problems, "filing.recipient.jurisdiction", "mismatch",
        "The filing sends to " + filing->recipient.jurisdiction + ", not " + to + ".");
  if (!filed_in_time(*filing, calendar))
    add(problems, "filing.filed_on", "late",
        "Filed on " + format_date(filing->filed_on) + ", after the tenth working day (" +
            format_date(filing_deadline(*filing, calendar)) + ") since the contract took effect.");
  if (filing->variant == GbaContractVariant::mainland_macao && record_fields::is_blank(filing->impact_assessment_ref))
    add(problems, "filing.impact_assessment_ref", "required",
        "A Mainland-Macao transfer follows a personal information protection impact assessment.");
  return problems;
}

std::optional<FieldError> transfer_refusal(const DataProduct& product, const UsagePolicy& policy,
                                           const std::optional<CrossBorderFiling>& filing,
                                           std::string_view from_jurisdiction, std::string_view to_jurisdiction,
                                           const WorkingCalendar& calendar) {
  auto problems = transfer_problems(product, policy, filing, from_jurisdiction, to_jurisdiction, calendar);
  if (problems.empty()) return std::nullopt;
  return std::move(problems.front());
}

}  // namespace tongban::domain
