// Cross-border filings (issue 13, data cooperation): the record of a GBA standard contract filed with the authority,
// and the rule that decides whether the data of a product may go from one jurisdiction to another under a policy.
//
// The GBA standard contract ("粤港澳大湾区个人信息跨境流动标准合同") comes in two variants: Mainland–Hong Kong
// (implementation guideline of the Cyberspace Administration of China and Hong Kong's Innovation, Technology and
// Industry Bureau, December 2023) and Mainland–Macao (CAC with Macao's DSEDT and DSPDP, September 2024). Both let
// a processor registered in one of the nine Mainland cities of the Bay Area, or in Hong Kong (Macao), pass
// personal information to a recipient on the other side; the recipient may not pass it on outside the Bay Area;
// data declared important is excluded; the parties file the contract within 10 working days of its taking effect —
// the Mainland side with the Guangdong cyberspace office, the Hong Kong side with the Digital Policy Office (the
// former OGCIO), the Macao side with the DSPDP. The Mainland–Macao guideline requires a personal information
// protection impact assessment before the transfer; this market asks for its reference in the filing.
//
// Who owns what: the filing is the providing member's (the processor's) record, entered by the venue's staff from
// the authority's acknowledgement; the desk stores it with the contract and calls transfer_refusal before any data
// of the product leaves its jurisdiction (pure values here; the desk reads the filing authority's working calendar
// from the calendar module).
//
// The market's rule (transfer_problems), stricter than the law: data crosses a border only under a filed GBA
// standard contract, personal or not (the guidelines concern personal information; the Mainland's 2024 provisions on
// cross-border data flows ask nothing of data that is neither personal nor important); never important or core data
// (this market holds no security assessment); never to or from a jurisdiction outside the Bay Area; never between
// Hong Kong and Macao (no variant covers it). Data that stays in its jurisdiction (the same code) needs nothing here;
// data that goes to another code of the same legal area (Jiangmen to Guangzhou) needs only a destination the policy
// allows.
//
// Working days: the 10 are counted with the working calendar of the filing authority's jurisdiction, the day the
// contract takes effect not counted (Civil Code art. 201; WorkingCalendar::add_working_days): a contract in effect on a
// Thursday before the National Day week is filed in time until the tenth working day after it, make-up working days
// included. A calendar that does not cover the years counts weekends only, which mostly ends the period earlier (the
// holidays it misses outnumber the make-up days) but not always: the desk checks covers_range() first.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/calendar_date.h"
#include "domain/contract_negotiation.h"
#include "domain/data_product.h"
#include "domain/problem.h"
#include "domain/working_calendar.h"

namespace tongban::domain {

inline constexpr int kFilingWorkingDays = 10;
inline constexpr std::size_t kMaxFilingPartyNameChars = 200;
inline constexpr std::size_t kMaxFilingCategories = 30;
inline constexpr std::size_t kMaxFilingCategoryChars = 100;
inline constexpr std::size_t kMaxFilingPurposeChars = 500;
inline constexpr std::size_t kMaxFilingReferenceChars = 100;
inline constexpr std::int64_t kMaxFilingVolume = 10'000'000'000;

// Words: "mainland_hong_kong", "mainland_macao".
enum class GbaContractVariant { mainland_hong_kong, mainland_macao };
// Words: "guangdong_cac" (广东省互联网信息办公室), "hong_kong_dpo" (Digital Policy Office), "macao_dspdp"
// (Direcção dos Serviços de Protecção de Dados Pessoais, 個人資料保護局).
enum class FilingAuthority { guangdong_cac, hong_kong_dpo, macao_dspdp };

inline constexpr std::array<GbaContractVariant, 2> kAllGbaContractVariants = {GbaContractVariant::mainland_hong_kong,
                                                                              GbaContractVariant::mainland_macao};

std::string_view to_string(GbaContractVariant variant);
std::string_view to_string(FilingAuthority authority);
std::optional<GbaContractVariant> parse_gba_contract_variant(std::string_view word);
std::optional<FilingAuthority> parse_filing_authority(std::string_view word);

// The variant that covers data going from one jurisdiction to the other: both in the Bay Area, one on the
// Mainland and the other in Hong Kong (Macao), either direction. nullopt for any other pair.
std::optional<GbaContractVariant> gba_variant_between(std::string_view from_jurisdiction,
                                                      std::string_view to_jurisdiction);
// The authority a processor in `jurisdiction` files with (by its legal area); nullopt outside the three.
std::optional<FilingAuthority> filing_authority_for(std::string_view jurisdiction);

struct FilingParty {
  std::string member_id;     // the market member
  std::string name;          // its registered name, as filed (one line)
  std::string jurisdiction;  // where it is registered: "CN-GD-JM", "HK", "MO"
  bool operator==(const FilingParty&) const = default;
};

struct CrossBorderFiling {
  std::string filing_number;  // the authority's reference (a code)
  GbaContractVariant variant = GbaContractVariant::mainland_hong_kong;
  std::string negotiation_id;                // the contract: "<node>-C-<serial>"
  std::string product_id;                    // "<node>-P-<serial>"
  FilingParty processor;                     // sends the data (the product's provider)
  FilingParty recipient;                     // receives it (the consumer)
  std::vector<std::string> data_categories;  // as filed: "name", "mobile number" (one line each)
  std::string purpose;                       // as filed
  std::int64_t volume = 0;                   // persons whose information the contract covers: 1 … kMaxFilingVolume
  FilingAuthority authority = FilingAuthority::guangdong_cac;
  CalendarDate filed_on{};               // the day the authority received it
  CalendarDate contract_effective_on{};  // the day the contract took effect
  std::string impact_assessment_ref;     // the impact assessment's reference; "" = none
};

// What is wrong with the record, in field order. "filing_number", "negotiation_id", "product_id",
// "processor.member_id", "processor.jurisdiction", "recipient.member_id", "recipient.jurisdiction" "required" /
// "format"; "processor.name", "recipient.name" "required" / "utf8" / "control_character" / "too_long";
// "processor.jurisdiction", "recipient.jurisdiction" "outside_gba"; "recipient.member_id" "same_as_processor";
// "variant" "mismatch" (the parties' jurisdictions are not the variant's two sides); "data_categories" "required" /
// "too_many"; "data_categories[i]" text rules and "duplicate"; "purpose" text rules; "volume" "range"; "authority"
// "mismatch" (not the processor's side's authority); "filed_on", "contract_effective_on" "date";
// "impact_assessment_ref" "utf8" / "control_character" / "too_long".
std::vector<FieldError> filing_problems(const CrossBorderFiling& filing);

// The last day the filing is in time: the kFilingWorkingDays-th working day after the contract took effect (a
// valid contract_effective_on: filing_problems has no date problem).
CalendarDate filing_deadline(const CrossBorderFiling& filing, const WorkingCalendar& calendar);
bool filed_in_time(const CrossBorderFiling& filing, const WorkingCalendar& calendar);

// Every reason the product's data may not go from `from_jurisdiction` to `to_jurisdiction` under the policy, in
// this order (empty: allowed). "from_jurisdiction", "to_jurisdiction" "required" / "format"; then nothing when the
// codes are the same; across a border (crosses_border): "product.classification" "core_data" / "important_data"
// (whatever else is given); any other code: "to_jurisdiction" "not_allowed" (not in the policy's
// allowed_jurisdictions); across a border: "from_jurisdiction", "to_jurisdiction" "outside_gba"; "to_jurisdiction"
// "no_standard_contract" (both in the Bay Area, no variant between them: Hong Kong and Macao);
// "policy.onward_transfer_outside_gba_forbidden" "required"; "filing" "required" (none) / "invalid" (filing_problems
// not empty); "filing.variant" "mismatch"; "filing.product_id" "mismatch"; "filing.processor.member_id" "not_provider";
// "filing.processor.jurisdiction", "filing.recipient.jurisdiction" "mismatch" (not from / to); "filing.filed_on" "late"
// (after filing_deadline); "filing.impact_assessment_ref" "required" (a Mainland–Macao filing without it). `calendar`:
// the working calendar of the filing authority's jurisdiction.
std::vector<FieldError> transfer_problems(const DataProduct& product, const UsagePolicy& policy,
                                          const std::optional<CrossBorderFiling>& filing,
                                          std::string_view from_jurisdiction, std::string_view to_jurisdiction,
                                          const WorkingCalendar& calendar);
// The first of transfer_problems: why the transfer is refused, or nullopt when it is allowed.
std::optional<FieldError> transfer_refusal(const DataProduct& product, const UsagePolicy& policy,
                                           const std::optional<CrossBorderFiling>& filing,
                                           std::string_view from_jurisdiction, std::string_view to_jurisdiction,
                                           const WorkingCalendar& calendar);

}  // namespace tongban::domain
