#include "domain/identity_document.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace tongban::domain {
namespace {

constexpr std::string_view kAllCharacters = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

// Independent references, written from the definitions rather than from the production tables.

// ISO 7064 MOD 11-2 in its recursive form: p = (p + digit) * 2 mod 11, check = (12 - p) mod 11, 10 -> X.
char reference_mod11_2(std::string_view digits) {
  int p = 0;
  for (char c : digits) p = ((p + (c - '0')) * 2) % 11;
  const int check = (12 - p) % 11;
  return check == 10 ? 'X' : static_cast<char>('0' + check);
}

// GB 32100-2015: weight of position i is 3^i mod 31.
char reference_uscc_check(std::string_view first17) {
  constexpr std::string_view alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  int sum = 0;
  int weight = 1;
  for (char c : first17) {
    sum += static_cast<int>(alphabet.find(c)) * weight;
    weight = weight * 3 % 31;
  }
  return alphabet[static_cast<std::size_t>((31 - sum % 31) % 31)];
}

int hkid_value(char c) {
  return c == ' ' ? 36 : (c >= 'A' ? c - 'A' + 10 : c - '0');
}

// Padded to 8 characters on the left with spaces; weights 9 … 2.
char reference_hkid_check(std::string body) {
  while (body.size() < 8) body.insert(body.begin(), ' ');
  int sum = 0;
  for (std::size_t i = 0; i < 8; ++i) sum += hkid_value(body[i]) * static_cast<int>(9 - i);
  const int check = (11 - sum % 11) % 11;
  return check == 10 ? 'A' : static_cast<char>('0' + check);
}

std::vector<std::string> single_substitutions(const std::string& valid) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < valid.size(); ++i) {
    for (char c : kAllCharacters) {
      if (c == valid[i]) continue;
      std::string corrupted = valid;
      corrupted[i] = c;
      out.push_back(corrupted);
    }
  }
  return out;
}

void expect_every_substitution_rejected(IdDocumentType type, const std::string& valid) {
  ASSERT_TRUE(check_id_document(type, valid).valid) << valid;
  for (const std::string& corrupted : single_substitutions(valid)) {
    const IdDocumentCheck check = check_id_document(type, corrupted);
    EXPECT_FALSE(check.valid) << to_string(type) << " accepted corrupted " << corrupted;
    EXPECT_FALSE(check.rule.empty()) << corrupted;
  }
}

TEST(IdentityDocument, ResidentIdCardStandardSample) {
  const IdDocumentCheck check = check_id_document(IdDocumentType::CN_RIC, " 11010519491231002x ");
  EXPECT_TRUE(check.valid) << check.message;
  EXPECT_EQ(check.normalized, "11010519491231002X");
  EXPECT_EQ(reference_mod11_2("11010519491231002"), 'X');
}

TEST(IdentityDocument, ResidentIdCardEverySubstitutionRejected) {
  expect_every_substitution_rejected(IdDocumentType::CN_RIC, "11010519491231002X");
  const std::string guangdong = std::string("44070319850615123") + reference_mod11_2("44070319850615123");
  expect_every_substitution_rejected(IdDocumentType::CN_RIC, guangdong);
}

TEST(IdentityDocument, ResidentIdCardRules) {
  EXPECT_EQ(check_id_document(IdDocumentType::CN_RIC, "11010519491231002").rule, "length");
  EXPECT_EQ(check_id_document(IdDocumentType::CN_RIC, "1101051949123100AX").rule, "charset");
  const std::string bad_date = std::string("11010519490231002") + reference_mod11_2("11010519490231002");
  EXPECT_EQ(check_id_document(IdDocumentType::CN_RIC, bad_date).rule, "birth_date");
  const std::string permit = std::string("81000019900101001") + reference_mod11_2("81000019900101001");
  EXPECT_EQ(check_id_document(IdDocumentType::CN_RIC, permit).rule, "area");
  EXPECT_EQ(check_id_document(IdDocumentType::CN_RIC, "110105194912310021").rule, "check_digit");
}

TEST(IdentityDocument, ResidencePermitForEachRegion) {
  for (std::string area : {"810000", "820000", "830000"}) {
    const std::string body = area + "19900101001";
    const std::string number = body + reference_mod11_2(body);
    const IdDocumentCheck check = check_id_document(IdDocumentType::CN_RP, number);
    EXPECT_TRUE(check.valid) << number << ": " << check.message;
    expect_every_substitution_rejected(IdDocumentType::CN_RP, number);
  }
  EXPECT_EQ(check_id_document(IdDocumentType::CN_RP, "11010519491231002X").rule, "area");
}

TEST(IdentityDocument, HkidSampleWithAndWithoutBrackets) {
  for (std::string_view written : {"A123456(3)", "a1234563", "A123456(3) "}) {
    const IdDocumentCheck check = check_id_document(IdDocumentType::HK_HKID, written);
    EXPECT_TRUE(check.valid) << written << ": " << check.message;
    EXPECT_EQ(check.normalized, "A1234563");
  }
  EXPECT_EQ(reference_hkid_check("A123456"), '3');
  EXPECT_EQ(check_id_document(IdDocumentType::HK_HKID, "A123456(4)").rule, "check_digit");
  EXPECT_EQ(check_id_document(IdDocumentType::HK_HKID, "1123456(3)").rule, "prefix");
  EXPECT_EQ(check_id_document(IdDocumentType::HK_HKID, "A12345(3)").rule, "length");
}

TEST(IdentityDocument, HkidTwoLettersAndCheckA) {
  const std::string two_letters = std::string("XY987654") + reference_hkid_check("XY987654");
  EXPECT_TRUE(check_id_document(IdDocumentType::HK_HKID, two_letters).valid) << two_letters;
  // Find a body whose check character is A, so that path is exercised too.
  std::string with_a;
  for (int n = 100000; n < 100100 && with_a.empty(); ++n) {
    const std::string body = "K" + std::to_string(n);
    if (reference_hkid_check(body) == 'A') with_a = body + "(A)";
  }
  ASSERT_FALSE(with_a.empty());
  EXPECT_TRUE(check_id_document(IdDocumentType::HK_HKID, with_a).valid) << with_a;
}

// The HKID scheme is mod 11 but letters take values 10..35, so swapping a letter for one whose value differs by 11
// or 22 keeps the sum: that is a property of the scheme, not of the code. Every other substitution is rejected.
TEST(IdentityDocument, HkidSubstitutionsRejectedExceptSchemeCollisions) {
  for (std::string valid : {std::string("A1234563"), std::string("XY987654") + reference_hkid_check("XY987654")}) {
    ASSERT_TRUE(check_id_document(IdDocumentType::HK_HKID, valid).valid);
    const std::size_t letters = valid.size() - 7;
    for (std::size_t i = 0; i < valid.size(); ++i) {
      for (char c : kAllCharacters) {
        if (c == valid[i]) continue;
        std::string corrupted = valid;
        corrupted[i] = c;
        const bool collision = i < letters && c >= 'A' && (hkid_value(c) - hkid_value(valid[i])) % 11 == 0;
        EXPECT_EQ(check_id_document(IdDocumentType::HK_HKID, corrupted).valid, collision) << corrupted;
      }
    }
  }
}

TEST(IdentityDocument, MacaoIdFormatOnly) {
  EXPECT_EQ(check_id_document(IdDocumentType::MO_BIR, "1234567(8)").normalized, "12345678");
  EXPECT_TRUE(check_id_document(IdDocumentType::MO_BIR, "1234567(8)").valid);
  EXPECT_TRUE(check_id_document(IdDocumentType::MO_BIR, "12345678").valid);
  EXPECT_TRUE(check_id_document(IdDocumentType::MO_BIR, "5215299(8)").valid);
  EXPECT_TRUE(check_id_document(IdDocumentType::MO_BIR, "7000001(0)").valid);
  EXPECT_EQ(check_id_document(IdDocumentType::MO_BIR, "2234567(8)").rule, "prefix");
  EXPECT_EQ(check_id_document(IdDocumentType::MO_BIR, "1234567").rule, "length");
  EXPECT_EQ(check_id_document(IdDocumentType::MO_BIR, "123456A(8)").rule, "charset");
  EXPECT_EQ(check_id_document(IdDocumentType::MO_BIR, "123(4567)8").rule, "length");
}

TEST(IdentityDocument, TravelPermits) {
  EXPECT_EQ(check_id_document(IdDocumentType::CN_HMTP, "h12345678").normalized, "H12345678");
  EXPECT_TRUE(check_id_document(IdDocumentType::CN_HMTP, "M87654321").valid);
  EXPECT_EQ(check_id_document(IdDocumentType::CN_HMTP, "C12345678").rule, "prefix");
  EXPECT_EQ(check_id_document(IdDocumentType::CN_HMTP, "H1234567A").rule, "charset");
  EXPECT_EQ(check_id_document(IdDocumentType::CN_HMTP, "H1234567").rule, "length");
  EXPECT_TRUE(check_id_document(IdDocumentType::CN_EEP, "CA1234567").valid);
  EXPECT_EQ(check_id_document(IdDocumentType::CN_EEP, "HA1234567").rule, "prefix");
  EXPECT_EQ(check_id_document(IdDocumentType::CN_EEP, "CA12-4567").rule, "charset");
}

TEST(IdentityDocument, UnifiedSocialCreditCode) {
  EXPECT_EQ(reference_uscc_check("91350100M000100Y4"), '3');
  expect_every_substitution_rejected(IdDocumentType::CN_USCC, "91350100M000100Y43");
  const std::string body = "91440703MA4UJ1KX2";
  const std::string computed = body + reference_uscc_check(body);
  expect_every_substitution_rejected(IdDocumentType::CN_USCC, computed);
  EXPECT_EQ(check_id_document(IdDocumentType::CN_USCC, "91350100M000100Y4I").rule, "charset");
  EXPECT_EQ(check_id_document(IdDocumentType::CN_USCC, "9135010").rule, "length");
  EXPECT_TRUE(is_legal_person_document(IdDocumentType::CN_USCC));
  EXPECT_FALSE(is_legal_person_document(IdDocumentType::CN_RIC));
}

TEST(IdentityDocument, TypeNamesRoundTrip) {
  for (IdDocumentType type :
       {IdDocumentType::CN_RIC, IdDocumentType::CN_RP, IdDocumentType::HK_HKID, IdDocumentType::MO_BIR,
        IdDocumentType::CN_HMTP, IdDocumentType::CN_EEP, IdDocumentType::CN_USCC}) {
    EXPECT_EQ(parse_id_document_type(to_string(type)), type);
  }
  EXPECT_FALSE(parse_id_document_type("PASSPORT").has_value());
}

}  // namespace
}  // namespace tongban::domain
