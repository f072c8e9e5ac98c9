// The staff checks for an agent (bank, post and partner staff, docs/channels.md): a service point and an
// organisation are required, the organisation is trimmed and bounded, and no other role has one.
#include <gtest/gtest.h>

#include <algorithm>

#include "accounts/account.h"

namespace tongban::accounts {
namespace {

StaffRequest agent_request(std::string organisation, std::string service_point = "JM-BANK-BEA") {
  return {"teller@bank.test",       "Staff-pass-2026",      "Counter 3", domain::Role::agent, "",
          std::move(service_point), std::move(organisation)};
}

bool has_error(const AccountCheck& check, const std::string& field, const std::string& rule) {
  return std::find(check.errors.begin(), check.errors.end(), FieldError{field, rule}) != check.errors.end();
}

TEST(AgentAccount, AnAgentNeedsAPointAndAnOrganisation) {
  auto ok = validate_staff(agent_request("  Bank of East Asia  "));
  EXPECT_TRUE(ok.ok());
  EXPECT_EQ(ok.organisation, "Bank of East Asia");
  EXPECT_TRUE(has_error(validate_staff(agent_request("")), "organisation", "required"));
  EXPECT_TRUE(has_error(validate_staff(agent_request("   ")), "organisation", "required"));
  EXPECT_TRUE(has_error(validate_staff(agent_request(std::string(101, 'x'))), "organisation", "too_long"));
  EXPECT_TRUE(validate_staff(agent_request(std::string(100, 'x'))).ok());
  EXPECT_TRUE(has_error(validate_staff(agent_request("Bank\nof")), "organisation", "control_character"));
  EXPECT_TRUE(has_error(validate_staff(agent_request("Bank", "")), "service_point", "required"));
}

TEST(AgentAccount, OnlyAgentsHaveAnOrganisation) {
  for (domain::Role role : {domain::Role::clerk, domain::Role::reviewer, domain::Role::admin}) {
    StaffRequest request = agent_request("Bank");
    request.role = role;
    request.service_point = role == domain::Role::clerk ? "JM-WIN-CITY" : "";
    request.authority = role == domain::Role::reviewer ? "JM-HRSS" : "";
    auto check = validate_staff(request);
    EXPECT_TRUE(has_error(check, "organisation", "not_allowed")) << domain::to_string(role);
    request.organisation.clear();
    EXPECT_TRUE(validate_staff(request).ok()) << domain::to_string(role);
  }
  // An agent with an authority is refused it, as every role but a reviewer.
  StaffRequest with_authority = agent_request("Bank");
  with_authority.authority = "JM-HRSS";
  EXPECT_TRUE(has_error(validate_staff(with_authority), "authority", "not_allowed"));
}

}  // namespace
}  // namespace tongban::accounts
