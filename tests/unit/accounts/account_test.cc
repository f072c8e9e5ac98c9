// Registration and staff account checks: every field's rules, and normalised values on success.
#include "accounts/account.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace tongban::accounts {
namespace {

using domain::IdDocumentType;
using domain::Role;

RegistrationRequest macao_resident() {
  return RegistrationRequest{"natural_person", "  Ana.Lei@Example.MO ", "Macau-2026-abc", " 李安娜 Ana Lei ", "MO_BIR",
                             "1234567(8)"};
}

RegistrationRequest company() {
  return RegistrationRequest{"legal_person",     "+86 750 1234 5678", "Jiangmen 2026!",
                             "江门示例有限公司", "CN_USCC",           "91350100M000100Y43"};
}

bool has_error(const AccountCheck& check, const std::string& field, const std::string& rule) {
  return std::find(check.errors.begin(), check.errors.end(), FieldError{field, rule}) != check.errors.end();
}

TEST(Registration, NaturalPersonWithEmailIsNormalised) {
  const AccountCheck check = validate_registration(macao_resident());
  ASSERT_TRUE(check.ok()) << check.errors.front().field << " " << check.errors.front().rule;
  EXPECT_EQ(check.kind, AccountKind::natural_person);
  EXPECT_EQ(check.login, "ana.lei@example.mo");
  EXPECT_EQ(check.display_name, "李安娜 Ana Lei");
  EXPECT_EQ(check.id_document_type, IdDocumentType::MO_BIR);
  EXPECT_EQ(check.id_document_number, "12345678");
}

TEST(Registration, LegalPersonWithPhoneIsNormalised) {
  const AccountCheck check = validate_registration(company());
  ASSERT_TRUE(check.ok()) << check.errors.front().field << " " << check.errors.front().rule;
  EXPECT_EQ(check.kind, AccountKind::legal_person);
  EXPECT_EQ(check.login, "+8675012345678");
  EXPECT_EQ(check.id_document_number, "91350100M000100Y43");
}

TEST(Registration, DocumentNumberLoginMustBeTheDocumentGiven) {
  RegistrationRequest request = macao_resident();
  request.login = "1234567(8)";
  AccountCheck check = validate_registration(request);
  ASSERT_TRUE(check.ok());
  EXPECT_EQ(check.login, "12345678");

  request.login = "5215299(8)";  // a valid BIR, but not this applicant's
  check = validate_registration(request);
  EXPECT_TRUE(has_error(check, "login", "document_mismatch"));
  EXPECT_TRUE(check.login.empty());
}

TEST(Registration, LegalPersonsMustUseUsccAndNaturalPersonsMustNot) {
  RegistrationRequest request = company();
  request.id_document_type = "MO_BIR";
  request.id_document_number = "1234567(8)";
  EXPECT_TRUE(has_error(validate_registration(request), "id_document_type", "legal_person_requires_uscc"));

  request = macao_resident();
  request.id_document_type = "CN_USCC";
  request.id_document_number = "91350100M000100Y43";
  EXPECT_TRUE(has_error(validate_registration(request), "id_document_type", "natural_person_cannot_use_uscc"));
}

TEST(Registration, DocumentNumberIsCheckedByItsRealRule) {
  RegistrationRequest request = macao_resident();
  request.id_document_type = "HK_HKID";
  request.id_document_number = "A123456(4)";
  EXPECT_TRUE(has_error(validate_registration(request), "id_document_number", "check_digit"));
  request.id_document_number = "A123456(3)";
  EXPECT_TRUE(validate_registration(request).ok());
}

TEST(Registration, EveryProblemIsReportedAtOnce) {
  const AccountCheck check = validate_registration(RegistrationRequest{});
  EXPECT_FALSE(check.ok());
  for (const char* field : {"kind", "login", "display_name", "id_document_type", "id_document_number"}) {
    EXPECT_TRUE(has_error(check, field, "required")) << field;
  }
  EXPECT_TRUE(has_error(check, "password", "too_short"));
  EXPECT_EQ(check.id_document_type, std::nullopt);
}

TEST(Registration, FieldRulesAreNamed) {
  struct Case {
    void (*change)(RegistrationRequest&);
    const char* field;
    const char* rule;
  };
  const Case cases[] = {
      {[](RegistrationRequest& r) { r.kind = "staff"; }, "kind", "unknown"},
      {[](RegistrationRequest& r) { r.kind = "company"; }, "kind", "unknown"},
      {[](RegistrationRequest& r) { r.login = "ana@@example.mo"; }, "login", "email_format"},
      {[](RegistrationRequest& r) { r.login = "ana@localhost"; }, "login", "email_format"},
      {[](RegistrationRequest& r) { r.login = "ana lei@example.mo"; }, "login", "email_format"},
      {[](RegistrationRequest& r) { r.login = "ana@-bad-.mo"; }, "login", "email_format"},
      {[](RegistrationRequest& r) { r.login = "+853 661"; }, "login", "phone_format"},
      {[](RegistrationRequest& r) { r.login = "+853 6612 34x6"; }, "login", "phone_format"},
      {[](RegistrationRequest& r) { r.login = "+0853 6612 3456"; }, "login", "phone_format"},
      {[](RegistrationRequest& r) { r.password = "short1A"; }, "password", "too_short"},
      {[](RegistrationRequest& r) { r.password = "alllowercase"; }, "password", "one_character_class"},
      {[](RegistrationRequest& r) { r.display_name = "   "; }, "display_name", "required"},
      {[](RegistrationRequest& r) { r.display_name = std::string(101, 'x'); }, "display_name", "too_long"},
      {[](RegistrationRequest& r) { r.display_name = "Ana\x01Lei"; }, "display_name", "control_character"},
      {[](RegistrationRequest& r) { r.id_document_type = "PASSPORT"; }, "id_document_type", "unknown"},
      {[](RegistrationRequest& r) { r.id_document_number = "2234567(8)"; }, "id_document_number", "prefix"},
  };
  for (const Case& c : cases) {
    RegistrationRequest request = macao_resident();
    c.change(request);
    const AccountCheck check = validate_registration(request);
    EXPECT_TRUE(has_error(check, c.field, c.rule)) << c.field << " " << c.rule;
    EXPECT_EQ(check.errors.size(), 1U) << c.field << " " << c.rule;
  }
}

TEST(Registration, ADisplayNameOfOneHundredChineseCharactersFits) {
  RegistrationRequest request = macao_resident();
  request.display_name.clear();
  for (int i = 0; i < 100; ++i) request.display_name += "澳";
  EXPECT_TRUE(validate_registration(request).ok());
}

StaffRequest reviewer() {
  return StaffRequest{"reviewer@jm.gov.cn", "Review 2026 ok", "王审", Role::reviewer, "JM-HRSS", ""};
}

TEST(Staff, EachRoleIsBoundToWhatItNeeds) {
  EXPECT_TRUE(validate_staff(reviewer()).ok());
  EXPECT_EQ(validate_staff(reviewer()).kind, AccountKind::staff);
  EXPECT_TRUE(validate_staff(StaffRequest{"+85328000000", "Clerk 2026 ok", "陳文", Role::clerk, "", "SP-MO-01"}).ok());
  EXPECT_TRUE(validate_staff(StaffRequest{"admin@jm.gov.cn", "Admin 2026 ok", "Admin", Role::admin, "", ""}).ok());

  StaffRequest request = reviewer();
  request.authority.clear();
  EXPECT_TRUE(has_error(validate_staff(request), "authority", "required"));
  request = reviewer();
  request.service_point = "SP-MO-01";
  EXPECT_TRUE(has_error(validate_staff(request), "service_point", "not_allowed"));
  request = reviewer();
  request.role = Role::clerk;
  const AccountCheck clerk = validate_staff(request);
  EXPECT_TRUE(has_error(clerk, "service_point", "required"));
  EXPECT_TRUE(has_error(clerk, "authority", "not_allowed"));
  request = reviewer();
  request.role = Role::applicant;
  EXPECT_TRUE(has_error(validate_staff(request), "role", "applicant_not_staff"));
}

TEST(Staff, LoginMustBeAnEmailOrPhone) {
  StaffRequest request = reviewer();
  request.login = "wang";
  EXPECT_TRUE(has_error(validate_staff(request), "login", "email_or_phone"));
  request.login = "Wang@JM.gov.cn";
  EXPECT_EQ(validate_staff(request).login, "wang@jm.gov.cn");
}

TEST(AccountKindText, RoundTrips) {
  for (AccountKind kind : {AccountKind::natural_person, AccountKind::legal_person, AccountKind::staff}) {
    EXPECT_EQ(parse_account_kind(to_string(kind)), kind);
  }
  EXPECT_EQ(parse_account_kind("Natural_Person"), std::nullopt);
}

}  // namespace
}  // namespace tongban::accounts
