#include "domain/identity_document.h"

#include <array>
#include <chrono>

namespace tongban::domain {

namespace {

constexpr std::string_view kRicCheckCharacters = "10X98765432";
constexpr std::array<int, 17> kRicWeights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
constexpr std::string_view kUsccAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
constexpr std::array<int, 17> kUsccWeights = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
// Areas of the residence permits for Hong Kong, Macao and Taiwan residents.
constexpr std::array<std::string_view, 3> kResidencePermitAreas = {"810000", "820000", "830000"};
// Province-level prefixes of mainland area codes (GB/T 2260).
constexpr std::array<int, 31> kMainlandProvinces = {11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41,
                                                    42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65};

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_upper(char c) {
  return c >= 'A' && c <= 'Z';
}

bool all_digits(std::string_view text) {
  for (char c : text) {
    if (!is_digit(c)) return false;
  }
  return true;
}

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// Trimmed and upper-cased (ASCII only; other bytes are kept and later rejected as charset errors).
std::string trim_upper(std::string_view number) {
  while (!number.empty() && is_space(number.front())) number.remove_prefix(1);
  while (!number.empty() && is_space(number.back())) number.remove_suffix(1);
  std::string out(number);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

// "A123456(3)" -> "A1234563": brackets are accepted only around the final check character.
std::string drop_check_brackets(std::string text) {
  if (text.size() >= 3 && text.back() == ')' && text[text.size() - 3] == '(') {
    text.erase(text.size() - 1, 1);
    text.erase(text.size() - 2, 1);
  }
  return text;
}

IdDocumentCheck ok(std::string normalized) {
  return IdDocumentCheck{true, std::move(normalized), {}, {}};
}

IdDocumentCheck fail(std::string normalized, std::string rule, std::string message) {
  return IdDocumentCheck{false, std::move(normalized), std::move(rule), std::move(message)};
}

int digit_value(char c) {
  return c - '0';
}

char ric_check_character(std::string_view first17) {
  int sum = 0;
  for (std::size_t i = 0; i < kRicWeights.size(); ++i) sum += digit_value(first17[i]) * kRicWeights[i];
  return kRicCheckCharacters[static_cast<std::size_t>(sum % 11)];
}

bool valid_birth_date(std::string_view yyyymmdd) {
  const int year = std::stoi(std::string(yyyymmdd.substr(0, 4)));
  const unsigned month = static_cast<unsigned>(std::stoi(std::string(yyyymmdd.substr(4, 2))));
  const unsigned day = static_cast<unsigned>(std::stoi(std::string(yyyymmdd.substr(6, 2))));
  if (year < 1900 || year > 2099) return false;
  return std::chrono::year_month_day{std::chrono::year{year}, std::chrono::month{month}, std::chrono::day{day}}.ok();
}

bool is_residence_permit_area(std::string_view area) {
  for (std::string_view permit_area : kResidencePermitAreas) {
    if (area == permit_area) return true;
  }
  return false;
}

bool is_mainland_area(std::string_view area) {
  const int province = digit_value(area[0]) * 10 + digit_value(area[1]);
  for (int known : kMainlandProvinces) {
    if (province == known) return true;
  }
  return false;
}

// Resident ID card and residence permit share the 18-character scheme; only the area rule differs.
IdDocumentCheck check_eighteen_character_id(std::string_view number, bool residence_permit) {
  std::string n = trim_upper(number);
  if (n.size() != 18) return fail(n, "length", "The number must have 18 characters.");
  if (!all_digits(std::string_view(n).substr(0, 17)) || !(is_digit(n[17]) || n[17] == 'X')) {
    return fail(n, "charset", "The number must be 17 digits followed by a digit or X.");
  }
  const std::string_view area = std::string_view(n).substr(0, 6);
  if (residence_permit && !is_residence_permit_area(area)) {
    return fail(n, "area", "A residence permit number must start with 810000, 820000 or 830000.");
  }
  if (!residence_permit && (is_residence_permit_area(area) || !is_mainland_area(area))) {
    return fail(n, "area", "The number does not start with a mainland area code.");
  }
  if (!valid_birth_date(std::string_view(n).substr(6, 8))) {
    return fail(n, "birth_date", "Characters 7 to 14 are not a valid birth date (YYYYMMDD).");
  }
  if (ric_check_character(n) != n[17]) return fail(n, "check_digit", "The check character does not match.");
  return ok(std::move(n));
}

// HKID letters count A=10 … Z=35; a single-letter number counts a leading space as 36.
IdDocumentCheck check_hkid(std::string_view number) {
  std::string n = drop_check_brackets(trim_upper(number));
  if (n.size() != 8 && n.size() != 9)
    return fail(n, "length", "A HKID number has one or two letters, 6 digits and a check character.");
  const std::size_t letters = n.size() - 7;
  for (std::size_t i = 0; i < letters; ++i) {
    if (!is_upper(n[i])) return fail(n, "prefix", "A HKID number starts with one or two letters.");
  }
  const char check = n.back();
  if (!all_digits(std::string_view(n).substr(letters, 6)) || !(is_digit(check) || check == 'A')) {
    return fail(n, "charset", "A HKID number has 6 digits after the letters and a check character 0-9 or A.");
  }
  int sum = letters == 1 ? 36 * 9 : 0;
  int weight = letters == 1 ? 8 : 9;
  for (std::size_t i = 0; i + 1 < n.size(); ++i, --weight) {
    const int value = is_upper(n[i]) ? n[i] - 'A' + 10 : digit_value(n[i]);
    sum += value * weight;
  }
  const int expected = (11 - sum % 11) % 11;  // 11 -> 0
  const char expected_char = expected == 10 ? 'A' : static_cast<char>('0' + expected);
  if (expected_char != check) return fail(n, "check_digit", "The HKID check character does not match.");
  return ok(std::move(n));
}

IdDocumentCheck check_macao_bir(std::string_view number) {
  std::string n = drop_check_brackets(trim_upper(number));
  if (n.size() != 8) return fail(n, "length", "A Macao ID number has 8 digits, written 1234567(8).");
  if (!all_digits(n)) return fail(n, "charset", "A Macao ID number has digits only.");
  if (n[0] != '1' && n[0] != '5' && n[0] != '7') {
    return fail(n, "prefix", "A Macao ID number starts with 1, 5 or 7.");
  }
  return ok(std::move(n));
}

IdDocumentCheck check_travel_permit(std::string_view number) {
  std::string n = trim_upper(number);
  if (n.size() != 9) return fail(n, "length", "A travel permit number has a letter and 8 digits.");
  if (n[0] != 'H' && n[0] != 'M') return fail(n, "prefix", "A travel permit number starts with H or M.");
  if (!all_digits(std::string_view(n).substr(1))) return fail(n, "charset", "The letter must be followed by 8 digits.");
  return ok(std::move(n));
}

IdDocumentCheck check_exit_entry_permit(std::string_view number) {
  std::string n = trim_upper(number);
  if (n.size() != 9) return fail(n, "length", "An exit-entry permit number has 9 characters.");
  if (n[0] != 'C') return fail(n, "prefix", "An exit-entry permit number starts with C.");
  for (std::size_t i = 1; i < n.size(); ++i) {
    if (!is_digit(n[i]) && !is_upper(n[i])) {
      return fail(n, "charset", "C must be followed by 8 letters or digits.");
    }
  }
  return ok(std::move(n));
}

IdDocumentCheck check_uscc(std::string_view number) {
  std::string n = trim_upper(number);
  if (n.size() != 18) return fail(n, "length", "A unified social credit code has 18 characters.");
  for (char c : n) {
    if (kUsccAlphabet.find(c) == std::string_view::npos) {
      return fail(n, "charset", "A unified social credit code uses digits and letters other than I, O, S, V and Z.");
    }
  }
  if (!all_digits(std::string_view(n).substr(2, 6))) {
    return fail(n, "area", "Characters 3 to 8 of a unified social credit code are a numeric area code.");
  }
  int sum = 0;
  for (std::size_t i = 0; i < kUsccWeights.size(); ++i) {
    sum += static_cast<int>(kUsccAlphabet.find(n[i])) * kUsccWeights[i];
  }
  const auto expected = static_cast<std::size_t>((31 - sum % 31) % 31);
  if (kUsccAlphabet[expected] != n[17]) return fail(n, "check_digit", "The check character does not match.");
  return ok(std::move(n));
}

}  // namespace

std::string_view to_string(IdDocumentType type) {
  switch (type) {
    case IdDocumentType::CN_RIC: return "CN_RIC";
    case IdDocumentType::CN_RP: return "CN_RP";
    case IdDocumentType::HK_HKID: return "HK_HKID";
    case IdDocumentType::MO_BIR: return "MO_BIR";
    case IdDocumentType::CN_HMTP: return "CN_HMTP";
    case IdDocumentType::CN_EEP: return "CN_EEP";
    case IdDocumentType::CN_USCC: return "CN_USCC";
  }
  return "CN_RIC";
}

std::optional<IdDocumentType> parse_id_document_type(std::string_view text) {
  for (IdDocumentType type :
       {IdDocumentType::CN_RIC, IdDocumentType::CN_RP, IdDocumentType::HK_HKID, IdDocumentType::MO_BIR,
        IdDocumentType::CN_HMTP, IdDocumentType::CN_EEP, IdDocumentType::CN_USCC}) {
    if (to_string(type) == text) return type;
  }
  return std::nullopt;
}

bool is_legal_person_document(IdDocumentType type) {
  return type == IdDocumentType::CN_USCC;
}

IdDocumentCheck check_id_document(IdDocumentType type, std::string_view number) {
  switch (type) {
    case IdDocumentType::CN_RIC: return check_eighteen_character_id(number, false);
    case IdDocumentType::CN_RP: return check_eighteen_character_id(number, true);
    case IdDocumentType::HK_HKID: return check_hkid(number);
    case IdDocumentType::MO_BIR: return check_macao_bir(number);
    case IdDocumentType::CN_HMTP: return check_travel_permit(number);
    case IdDocumentType::CN_EEP: return check_exit_entry_permit(number);
    case IdDocumentType::CN_USCC: return check_uscc(number);
  }
  return fail(std::string(number), "type", "Unknown identity document type.");
}

}  // namespace tongban::domain
