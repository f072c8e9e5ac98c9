// Agents (bank, post and partner staff, docs/channels.md) in the case state machine and the audit chain: they take
// in, check intake, forward and hand in supplements at their own service point, and never accept, review, decide,
// issue, deliver or close; what they do carries their organisation into the event's hash.
#include <gtest/gtest.h>

#include "domain/audit_chain.h"
#include "domain/case_lifecycle.h"

namespace tongban::domain {
namespace {

const Actor kAgent{"st_agent", Role::agent, "", "MO-BANK-BOC", "Bank of China Macau Branch"};

Case case_at(CaseState state, HandlingMode mode, std::string intake_point = "MO-BANK-BOC") {
  Case c;
  c.id = "MO-2026-000001";
  c.item_code = "JM-HRSS-008";
  c.applicant_id = "ap_1";
  c.mode = mode;
  c.channel = Channel::bank;
  c.intake_point = std::move(intake_point);
  c.authority = "JM-HRSS";
  c.state = state;
  return c;
}

TEST(AgentRole, TakesInChecksForwardsAndSupplementsAtItsPoint) {
  EXPECT_TRUE(decide(case_at(CaseState::draft, HandlingMode::remote_intake), kAgent, CaseAction::submit).allowed);
  EXPECT_TRUE(
      decide(case_at(CaseState::submitted, HandlingMode::remote_intake), kAgent, CaseAction::check_intake).allowed);
  EXPECT_TRUE(
      decide(case_at(CaseState::intake_checked, HandlingMode::remote_intake), kAgent, CaseAction::forward).allowed);
  EXPECT_TRUE(
      decide(case_at(CaseState::supplement_requested, HandlingMode::remote_intake), kAgent, CaseAction::supplement)
          .allowed);
}

TEST(AgentRole, NeverDecidesInAnyStateOrMode) {
  const CaseAction deciding[] = {
      CaseAction::accept,  CaseAction::not_accept, CaseAction::start_review, CaseAction::request_supplement,
      CaseAction::approve, CaseAction::reject,     CaseAction::issue_result, CaseAction::deliver,
      CaseAction::close};
  for (HandlingMode mode :
       {HandlingMode::online, HandlingMode::remote_intake, HandlingMode::delegated, HandlingMode::joint}) {
    for (int s = 0; s <= static_cast<int>(CaseState::closed); ++s) {
      const Case c = case_at(static_cast<CaseState>(s), mode);
      for (CaseAction action : deciding) {
        const TransitionDecision got = decide(c, kAgent, action);
        EXPECT_FALSE(got.allowed) << to_string(c.state) << " " << to_string(action);
        if (got.problem != "illegal_transition") {
          EXPECT_EQ(got.problem, "forbidden_role") << to_string(action);
        }
      }
      for (CaseAction action : available_actions(c, kAgent))
        EXPECT_TRUE(action == CaseAction::submit || action == CaseAction::check_intake ||
                    action == CaseAction::forward || action == CaseAction::supplement)
            << to_string(action);
    }
  }
}

TEST(AgentRole, ActsOnlyAtItsOwnPoint) {
  const Case elsewhere = case_at(CaseState::submitted, HandlingMode::remote_intake, "MO-WIN-CSR");
  const TransitionDecision got = decide(elsewhere, kAgent, CaseAction::check_intake);
  EXPECT_FALSE(got.allowed);
  EXPECT_EQ(got.problem, "out_of_scope");
  EXPECT_NE(got.detail.find("agent"), std::string::npos) << got.detail;
  EXPECT_TRUE(available_actions(elsewhere, kAgent).empty());
  Actor unbound = kAgent;
  unbound.service_point.clear();
  EXPECT_EQ(decide(case_at(CaseState::draft, HandlingMode::online, ""), unbound, CaseAction::submit).problem,
            "out_of_scope");
}

TEST(AgentRole, TheRoleHasAWordAndIsPointStaff) {
  EXPECT_EQ(to_string(Role::agent), "agent");
  EXPECT_EQ(parse_role("agent"), Role::agent);
  EXPECT_TRUE(takes_in_at_point(Role::agent));
  EXPECT_TRUE(takes_in_at_point(Role::clerk));
  EXPECT_FALSE(takes_in_at_point(Role::reviewer));
  EXPECT_FALSE(takes_in_at_point(Role::admin));
  EXPECT_FALSE(takes_in_at_point(Role::applicant));
}

Event sample_event() {
  Event e;
  e.sequence = 7;
  e.case_id = "MO-2026-000001";
  e.actor_id = "st_agent";
  e.actor_role = Role::agent;
  e.action = CaseAction::check_intake;
  e.from_state = CaseState::submitted;
  e.to_state = CaseState::intake_checked;
  e.at_ms = 1'770'000'000'000;
  return e;
}

TEST(AgentAudit, TheOrganisationIsInTheHashOnlyWhenThere) {
  Event without = sample_event();
  Event with = sample_event();
  with.actor_organisation = "Bank of China Macau Branch";
  const std::string bytes_without = canonical_event_bytes(without);
  const std::string bytes_with = canonical_event_bytes(with);
  // An event without an organisation keeps exactly the v1 bytes: it ends with at_ms (a length of 8 and 8 bytes).
  EXPECT_EQ(bytes_with.substr(0, bytes_without.size()), bytes_without);
  EXPECT_EQ(bytes_with.size(), bytes_without.size() + 4 + with.actor_organisation.size());
  EXPECT_NE(bytes_with.find("Bank of China Macau Branch"), std::string::npos);
  EXPECT_NE(event_hash(with, std::string(kGenesisHash)), event_hash(without, std::string(kGenesisHash)));
}

TEST(AgentAudit, ChangingTheRecordedOrganisationBreaksTheChain) {
  Event first = sample_event();
  first.sequence = 1;
  first.actor_organisation = "Bank of China Macau Branch";
  seal(first, std::string(kGenesisHash));
  Event second = sample_event();
  second.sequence = 2;
  seal(second, first.hash);
  EXPECT_FALSE(verify_chain({first, second}).has_value());
  Event forged = first;
  forged.actor_organisation = "Someone else";
  auto broken = verify_chain({forged, second});
  ASSERT_TRUE(broken.has_value());
  EXPECT_EQ(broken->sequence, 1);
  EXPECT_EQ(broken->reason, "altered");
}

}  // namespace
}  // namespace tongban::domain
