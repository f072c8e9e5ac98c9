#include "domain/case_lifecycle.h"

#include <array>
#include <string_view>

namespace tongban::domain {
namespace {

using enum CaseState;
using A = CaseAction;
using R = Role;

constexpr RoleSet kApplicant{R::applicant};
// Agents (bank, post and partner staff) take in, check and forward as a clerk does; they decide nothing and hand
// nothing out (deliver stays the clerk's and the reviewer's).
constexpr RoleSet kApplicantOrIntakeStaff{R::applicant, R::clerk, R::agent};
constexpr RoleSet kIntakeStaff{R::clerk, R::agent};
constexpr RoleSet kReviewer{R::reviewer};
constexpr RoleSet kReviewerOrClerk{R::reviewer, R::clerk};
constexpr RoleSet kReviewerOrAdmin{R::reviewer, R::admin};

constexpr std::array kTable = {
    // intake
    TransitionRule{draft, A::submit, submitted, kApplicantOrIntakeStaff},
    TransitionRule{submitted, A::check_intake, intake_checked, kIntakeStaff, ModeScope::remote_intake},
    TransitionRule{intake_checked, A::forward, forwarded, kIntakeStaff, ModeScope::remote_intake},
    // acceptance (受理)
    TransitionRule{submitted, A::accept, accepted, kReviewer, ModeScope::not_remote},
    TransitionRule{forwarded, A::accept, accepted, kReviewer, ModeScope::remote_intake},
    TransitionRule{submitted, A::not_accept, not_accepted, kReviewer, ModeScope::not_remote},
    TransitionRule{forwarded, A::not_accept, not_accepted, kReviewer, ModeScope::remote_intake},
    // review and supplements (补正)
    TransitionRule{accepted, A::start_review, in_review, kReviewer},
    TransitionRule{accepted, A::request_supplement, supplement_requested, kReviewer},
    TransitionRule{in_review, A::request_supplement, supplement_requested, kReviewer},
    TransitionRule{supplement_requested, A::supplement, in_review, kApplicantOrIntakeStaff},
    // decision
    TransitionRule{accepted, A::approve, approved, kReviewer},
    TransitionRule{in_review, A::approve, approved, kReviewer},
    TransitionRule{accepted, A::reject, rejected, kReviewer},
    TransitionRule{in_review, A::reject, rejected, kReviewer},
    // result
    TransitionRule{approved, A::issue_result, result_issued, kReviewer},
    TransitionRule{result_issued, A::deliver, delivered, kReviewerOrClerk},
    // withdrawal before a decision
    TransitionRule{draft, A::withdraw, withdrawn, kApplicant},
    TransitionRule{submitted, A::withdraw, withdrawn, kApplicant},
    TransitionRule{intake_checked, A::withdraw, withdrawn, kApplicant},
    TransitionRule{forwarded, A::withdraw, withdrawn, kApplicant},
    TransitionRule{accepted, A::withdraw, withdrawn, kApplicant},
    TransitionRule{in_review, A::withdraw, withdrawn, kApplicant},
    TransitionRule{supplement_requested, A::withdraw, withdrawn, kApplicant},
    // closing an outcome
    TransitionRule{delivered, A::close, closed, kReviewerOrAdmin},
    TransitionRule{rejected, A::close, closed, kReviewerOrAdmin},
    TransitionRule{not_accepted, A::close, closed, kReviewerOrAdmin},
    TransitionRule{withdrawn, A::close, closed, kReviewerOrAdmin},
};

const TransitionRule* find_rule(CaseState from, CaseAction action, HandlingMode mode) {
  for (const TransitionRule& rule : kTable) {
    if (rule.from == from && rule.action == action && mode_in_scope(rule.modes, mode)) return &rule;
  }
  return nullptr;
}

bool same_nonempty(const std::string& a, const std::string& b) {
  return !a.empty() && a == b;
}

TransitionDecision refuse(std::string problem, std::string detail) {
  return TransitionDecision{false, CaseState::draft, std::move(problem), std::move(detail)};
}

std::string scope_detail(const Actor& actor) {
  switch (actor.role) {
    case Role::applicant: return "An applicant may act only on their own case.";
    case Role::reviewer: return "A reviewer may act only on cases of the authority they decide for.";
    case Role::clerk: return "A clerk may act only on cases taken in at their own service point.";
    case Role::agent: return "An agent may act only on cases taken in at their own service point.";
    case Role::admin: break;
  }
  return "The actor is not bound to this case.";
}

}  // namespace

std::span<const TransitionRule> transition_table() {
  return kTable;
}

bool mode_in_scope(ModeScope scope, HandlingMode mode) {
  switch (scope) {
    case ModeScope::any: return true;
    case ModeScope::remote_intake: return mode == HandlingMode::remote_intake;
    case ModeScope::not_remote: return mode != HandlingMode::remote_intake;
  }
  return false;
}

bool actor_in_scope(const Case& c, const Actor& actor) {
  switch (actor.role) {
    case Role::applicant: return same_nonempty(actor.account_id, c.applicant_id);
    case Role::reviewer: return same_nonempty(actor.authority, c.authority);
    case Role::clerk:
    case Role::agent: return same_nonempty(actor.service_point, c.intake_point);
    case Role::admin: return true;
  }
  return false;
}

TransitionDecision decide(const Case& c, const Actor& actor, CaseAction action) {
  const TransitionRule* rule = find_rule(c.state, action, c.mode);
  if (rule == nullptr) {
    const std::string kind = c.mode == HandlingMode::remote_intake ? "A remote-intake case" : "A case";
    return refuse("illegal_transition", kind + " in state '" + std::string(to_string(c.state)) + "' allows no '" +
                                            std::string(to_string(action)) + "'.");
  }
  if (!rule->roles.contains(actor.role)) {
    return refuse("forbidden_role", "The role '" + std::string(to_string(actor.role)) + "' may not '" +
                                        std::string(to_string(action)) + "' a case in state '" +
                                        std::string(to_string(c.state)) + "'.");
  }
  if (!actor_in_scope(c, actor)) return refuse("out_of_scope", scope_detail(actor));
  return TransitionDecision{true, rule->to, "", ""};
}

std::vector<CaseAction> available_actions(const Case& c, const Actor& actor) {
  std::vector<CaseAction> actions;
  for (int i = 0; i <= static_cast<int>(CaseAction::close); ++i) {
    const auto action = static_cast<CaseAction>(i);
    if (decide(c, actor, action).allowed) actions.push_back(action);
  }
  return actions;
}

}  // namespace tongban::domain
