// The case state machine checked cell by cell: every state × action × role × handling mode against a table written
// here by hand, independently of src/domain/case_lifecycle.cc, plus the scope rules.
#include "domain/case_lifecycle.h"

#include <gtest/gtest.h>

#include <array>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <tuple>

namespace tongban::domain {
namespace {

// from                  action               to                     roles                 modes
// "remote" = remote_intake only, "other" = every mode but remote_intake, "all" = every mode.
constexpr std::string_view kExpected = R"(
draft                 submit               submitted              applicant,clerk,agent all
submitted             check_intake         intake_checked         clerk,agent           remote
intake_checked        forward              forwarded              clerk,agent           remote
submitted             accept               accepted               reviewer              other
forwarded             accept               accepted               reviewer              remote
submitted             not_accept           not_accepted           reviewer              other
forwarded             not_accept           not_accepted           reviewer              remote
accepted              start_review         in_review              reviewer              all
accepted              request_supplement   supplement_requested   reviewer              all
in_review             request_supplement   supplement_requested   reviewer              all
supplement_requested  supplement           in_review              applicant,clerk,agent all
accepted              approve              approved               reviewer              all
in_review             approve              approved               reviewer              all
accepted              reject               rejected               reviewer              all
in_review             reject               rejected               reviewer              all
approved              issue_result         result_issued          reviewer              all
result_issued         deliver              delivered              clerk,reviewer        all
draft                 withdraw             withdrawn              applicant             all
submitted             withdraw             withdrawn              applicant             all
intake_checked        withdraw             withdrawn              applicant             all
forwarded             withdraw             withdrawn              applicant             all
accepted              withdraw             withdrawn              applicant             all
in_review             withdraw             withdrawn              applicant             all
supplement_requested  withdraw             withdrawn              applicant             all
delivered             close                closed                 reviewer,admin        all
rejected              close                closed                 reviewer,admin        all
not_accepted          close                closed                 reviewer,admin        all
withdrawn             close                closed                 reviewer,admin        all
)";

struct ExpectedRow {
  CaseState to;
  std::set<Role> roles;
  std::string modes;
};

using Key = std::tuple<CaseState, CaseAction, std::string>;  // from, action, modes word

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::stringstream stream(text);
  for (std::string part; std::getline(stream, part, separator);) parts.push_back(part);
  return parts;
}

std::multimap<std::pair<CaseState, CaseAction>, ExpectedRow> parse_expected() {
  std::multimap<std::pair<CaseState, CaseAction>, ExpectedRow> rows;
  std::istringstream lines{std::string(kExpected)};
  for (std::string line; std::getline(lines, line);) {
    std::istringstream words(line);
    std::string from, action, to, roles, modes;
    if (!(words >> from >> action >> to >> roles >> modes)) continue;
    ExpectedRow row{parse_case_state(to).value(), {}, modes};
    for (const std::string& role : split(roles, ',')) row.roles.insert(parse_role(role).value());
    rows.emplace(std::pair{parse_case_state(from).value(), parse_case_action(action).value()}, row);
  }
  return rows;
}

constexpr std::array kModes = {HandlingMode::online, HandlingMode::remote_intake, HandlingMode::delegated,
                               HandlingMode::joint};

bool mode_matches(const std::string& word, HandlingMode mode) {
  if (word == "all") return true;
  if (word == "remote") return mode == HandlingMode::remote_intake;
  if (word == "other") return mode != HandlingMode::remote_intake;
  ADD_FAILURE() << "unknown modes word " << word;
  return false;
}

Case sample_case(CaseState state, HandlingMode mode) {
  Case c;
  c.id = "JM-2026-000001";
  c.item_code = "ITEM-1";
  c.applicant_id = "acc-applicant";
  c.mode = mode;
  c.channel = Channel::window;
  c.intake_point = "SP-MO-01";
  c.authority = "JM-HRSS";
  c.state = state;
  return c;
}

// An actor of each role bound to sample_case.
Actor actor_in_scope_for(Role role) {
  switch (role) {
    case Role::applicant: return Actor{"acc-applicant", role, "", ""};
    case Role::clerk: return Actor{"acc-clerk", role, "", "SP-MO-01"};
    case Role::reviewer: return Actor{"acc-reviewer", role, "JM-HRSS", ""};
    case Role::admin: return Actor{"acc-admin", role, "", ""};
    case Role::agent: return Actor{"acc-agent", role, "", "SP-MO-01", "Bank of China Macau Branch"};
  }
  return {};
}

template <typename Enum>
std::vector<Enum> all_of(Enum last) {
  std::vector<Enum> values;
  for (int i = 0; i <= static_cast<int>(last); ++i) values.push_back(static_cast<Enum>(i));
  return values;
}

TEST(CaseLifecycle, EveryStateActionRoleAndModeMatchesTheExpectedTable) {
  const auto expected = parse_expected();
  ASSERT_EQ(expected.size(), 28U);
  int allowed = 0;
  int checked = 0;
  for (HandlingMode mode : kModes) {
    for (CaseState state : all_of(CaseState::closed)) {
      for (CaseAction action : all_of(CaseAction::close)) {
        const ExpectedRow* row = nullptr;
        auto [first, last] = expected.equal_range({state, action});
        for (auto it = first; it != last; ++it) {
          if (mode_matches(it->second.modes, mode)) row = &it->second;
        }
        for (Role role : all_of(Role::agent)) {
          ++checked;
          const TransitionDecision got = decide(sample_case(state, mode), actor_in_scope_for(role), action);
          SCOPED_TRACE(std::string(to_string(state)) + " " + std::string(to_string(action)) + " by " +
                       std::string(to_string(role)) + (mode == HandlingMode::remote_intake ? " (remote)" : ""));
          if (row == nullptr) {
            EXPECT_FALSE(got.allowed);
            EXPECT_EQ(got.problem, "illegal_transition");
          } else if (!row->roles.contains(role)) {
            EXPECT_FALSE(got.allowed);
            EXPECT_EQ(got.problem, "forbidden_role");
          } else {
            ++allowed;
            EXPECT_TRUE(got.allowed) << got.problem << ": " << got.detail;
            EXPECT_EQ(got.to, row->to);
            EXPECT_TRUE(got.problem.empty());
          }
          if (!got.allowed) {
            EXPECT_FALSE(got.detail.empty());
          }
        }
      }
    }
  }
  EXPECT_EQ(checked, 4 * 14 * 14 * 5);
  EXPECT_GT(allowed, 0);
}

TEST(CaseLifecycle, TableHasOneRowPerStateActionAndModeAndMatchesTheExpectedSize) {
  const auto table = transition_table();
  EXPECT_EQ(table.size(), parse_expected().size());
  for (HandlingMode mode : kModes) {
    std::set<std::pair<CaseState, CaseAction>> seen;
    for (const TransitionRule& rule : table) {
      EXPECT_FALSE(rule.roles.empty());
      if (!mode_in_scope(rule.modes, mode)) continue;
      EXPECT_TRUE(seen.insert({rule.from, rule.action}).second)
          << to_string(rule.from) << " " << to_string(rule.action);
    }
  }
}

TEST(CaseLifecycle, ClosedIsFinalForEveryone) {
  for (Role role : all_of(Role::agent)) {
    EXPECT_TRUE(
        available_actions(sample_case(CaseState::closed, HandlingMode::online), actor_in_scope_for(role)).empty());
  }
}

TEST(CaseLifecycleScope, ApplicantActsOnlyOnOwnCase) {
  const Case c = sample_case(CaseState::draft, HandlingMode::online);
  const TransitionDecision other = decide(c, Actor{"acc-someone-else", Role::applicant, "", ""}, CaseAction::submit);
  EXPECT_FALSE(other.allowed);
  EXPECT_EQ(other.problem, "out_of_scope");
  EXPECT_TRUE(decide(c, actor_in_scope_for(Role::applicant), CaseAction::submit).allowed);
}

TEST(CaseLifecycleScope, ReviewerActsOnlyForTheCasesAuthority) {
  const Case c = sample_case(CaseState::submitted, HandlingMode::online);
  const TransitionDecision other = decide(c, Actor{"acc-r2", Role::reviewer, "MO-DSAL", ""}, CaseAction::accept);
  EXPECT_FALSE(other.allowed);
  EXPECT_EQ(other.problem, "out_of_scope");
  EXPECT_TRUE(decide(c, actor_in_scope_for(Role::reviewer), CaseAction::accept).allowed);
}

TEST(CaseLifecycleScope, ClerkActsOnlyAtTheIntakePoint) {
  const Case c = sample_case(CaseState::submitted, HandlingMode::remote_intake);
  const TransitionDecision other = decide(c, Actor{"acc-c2", Role::clerk, "", "SP-JM-07"}, CaseAction::check_intake);
  EXPECT_FALSE(other.allowed);
  EXPECT_EQ(other.problem, "out_of_scope");
  EXPECT_TRUE(decide(c, actor_in_scope_for(Role::clerk), CaseAction::check_intake).allowed);
}

TEST(CaseLifecycleScope, EmptyBindingsNeverMatch) {
  Case web = sample_case(CaseState::draft, HandlingMode::online);
  web.channel = Channel::web;
  web.intake_point.clear();
  EXPECT_EQ(decide(web, Actor{"acc-c", Role::clerk, "", ""}, CaseAction::submit).problem, "out_of_scope");

  Case orphan = sample_case(CaseState::submitted, HandlingMode::online);
  orphan.authority.clear();
  EXPECT_EQ(decide(orphan, Actor{"acc-r", Role::reviewer, "", ""}, CaseAction::accept).problem, "out_of_scope");

  Case anonymous = sample_case(CaseState::draft, HandlingMode::online);
  anonymous.applicant_id.clear();
  EXPECT_EQ(decide(anonymous, Actor{"", Role::applicant, "", ""}, CaseAction::submit).problem, "out_of_scope");
}

TEST(CaseLifecycleScope, RoleIsCheckedBeforeScope) {
  // A reviewer of another authority trying to submit learns the role is wrong, not that the case is elsewhere.
  const Case c = sample_case(CaseState::draft, HandlingMode::online);
  EXPECT_EQ(decide(c, Actor{"acc-r2", Role::reviewer, "MO-DSAL", ""}, CaseAction::submit).problem, "forbidden_role");
}

TEST(CaseLifecycleScope, AdminClosesAnyOutcomeButDecidesNothing) {
  const Actor admin{"acc-admin", Role::admin, "", ""};
  Case c = sample_case(CaseState::withdrawn, HandlingMode::online);
  c.authority = "SOMEWHERE-ELSE";
  c.intake_point.clear();
  EXPECT_EQ(available_actions(c, admin), std::vector<CaseAction>{CaseAction::close});
  c.state = CaseState::in_review;
  EXPECT_TRUE(available_actions(c, admin).empty());
}

TEST(CaseLifecycle, AvailableActionsAreThoseDecideAllows) {
  const Case in_review = sample_case(CaseState::in_review, HandlingMode::online);
  EXPECT_EQ(available_actions(in_review, actor_in_scope_for(Role::reviewer)),
            (std::vector<CaseAction>{CaseAction::request_supplement, CaseAction::approve, CaseAction::reject}));
  EXPECT_EQ(available_actions(in_review, actor_in_scope_for(Role::applicant)),
            std::vector<CaseAction>{CaseAction::withdraw});
  EXPECT_TRUE(available_actions(in_review, Actor{"x", Role::applicant, "", ""}).empty());

  const Case remote = sample_case(CaseState::submitted, HandlingMode::remote_intake);
  EXPECT_EQ(available_actions(remote, actor_in_scope_for(Role::clerk)),
            std::vector<CaseAction>{CaseAction::check_intake});
  EXPECT_TRUE(available_actions(remote, actor_in_scope_for(Role::reviewer)).empty());
}

TEST(CaseText, EveryEnumRoundTripsThroughItsTextForm) {
  std::set<std::string_view> names;
  for (CaseState state : all_of(CaseState::closed)) {
    EXPECT_EQ(parse_case_state(to_string(state)), state);
    names.insert(to_string(state));
  }
  for (CaseAction action : all_of(CaseAction::close)) EXPECT_EQ(parse_case_action(to_string(action)), action);
  for (Role role : all_of(Role::agent)) EXPECT_EQ(parse_role(to_string(role)), role);
  EXPECT_EQ(names.size(), 14U);
  EXPECT_EQ(to_string(CaseState::supplement_requested), "supplement_requested");
  EXPECT_EQ(parse_case_state("Accepted"), std::nullopt);
  EXPECT_EQ(parse_case_action(""), std::nullopt);
  EXPECT_EQ(parse_role("superuser"), std::nullopt);
}

}  // namespace
}  // namespace tongban::domain
