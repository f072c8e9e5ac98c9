// Identity documents accepted by tongban and the real rules that check their numbers.
//
// Pure functions, no I/O. A number is checked after normalisation (trimmed, upper-cased, HKID/Macao brackets
// optional). Failures name a stable rule so the API can return errors: [{field, rule}].
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace tongban::domain {

enum class IdDocumentType {
  CN_RIC,   // Mainland Resident Identity Card (18 chars, ISO 7064 MOD 11-2)
  CN_RP,    // Residence Permit for HK/Macao/Taiwan residents (area 810000/820000/830000, same check)
  HK_HKID,  // Hong Kong Identity Card, e.g. A123456(3)
  MO_BIR,   // Macao Resident Identity Card (BIR), 1234567(8), first digit 1, 5 or 7
  CN_HMTP,  // Mainland Travel Permit for HK and Macao Residents: H or M + 8 digits
  CN_EEP,   // Exit-Entry Permit for travelling to and from HK and Macao: C + 8 characters
  CN_USCC,  // Unified Social Credit Code of a legal person (GB 32100-2015)
};

std::string_view to_string(IdDocumentType);  // "CN_RIC", …
std::optional<IdDocumentType> parse_id_document_type(std::string_view);
bool is_legal_person_document(IdDocumentType type);  // only CN_USCC

struct IdDocumentCheck {
  bool valid = false;
  std::string normalized;  // canonical form when valid: "A1234563", "11010519491231002X", "12345678"
  std::string rule;        // when invalid: "length", "charset", "prefix", "area", "birth_date", "check_digit"
  std::string message;     // English sentence for the problem detail
};

IdDocumentCheck check_id_document(IdDocumentType type, std::string_view number);

}  // namespace tongban::domain
