// The case state machine (DESIGN §3) as one explicit table: for each (state, action) the target state, the roles
// allowed and the handling modes it applies to. Pure functions over Case and Actor values; no I/O.
//
// decide() answers whether an actor may perform an action on a case now, and where the case goes. It checks, in
// this order, and reports the first failure with a stable problem name:
//   1. "illegal_transition": no row of the table for (case.state, action) in the case's handling mode;
//   2. "forbidden_role":     the row exists but the actor's role is not among its roles;
//   3. "out_of_scope":       the role fits but not this case: an applicant only acts on their own case
//                            (actor.account_id == case.applicant_id), a reviewer only for the case's authority
//                            (actor.authority == case.authority), a clerk only at the case's intake service point
//                            (actor.service_point == case.intake_point), an agent likewise. Empty bindings never match,
//                            so a clerk cannot act on a web case (no intake point). An admin has node-wide scope.
//
// Decisions taken here (see docs and tests/unit/domain/case_lifecycle_test.cc):
//   - check_intake and forward exist only in remote_intake mode. A remote-intake case is accepted (or not) from
//     `forwarded`; every other mode is accepted (or not) from `submitted`. On a single node, forward just moves
//     the case to `forwarded`; the owner node receiving it through federation is a later step.
//   - withdraw is the applicant's alone, and only before a decision: from draft, submitted, intake_checked,
//     forwarded, accepted, in_review and supplement_requested.
//   - a clerk may submit, supplement and deliver on the applicant's behalf, at the case's intake point only.
//   - an agent (bank, post or partner staff) may submit, check intake, forward and supplement at the case's intake
//     point only, as a clerk does; an agent never accepts, reviews, decides, issues, delivers or closes.
//   - a reviewer of the competent authority accepts, reviews, decides, issues, delivers (post/electronic) and closes.
//   - an admin decides nothing on cases; the one thing an admin may do is close a case that already reached an
//     outcome (delivered, rejected, not_accepted, withdrawn) — archiving, which changes no one's rights.
//   - closed is final: no action leaves it.
//
// Owns nothing; the table is static and immutable. Invariant: at most one row per (from, action, mode).
#pragma once

#include <initializer_list>
#include <span>
#include <string>
#include <vector>

#include "domain/case.h"

namespace tongban::domain {

// Which handling modes a row applies to.
enum class ModeScope {
  any,            // every handling mode
  remote_intake,  // only HandlingMode::remote_intake
  not_remote,     // every mode except remote_intake
};

// A set of roles as a bit mask; small and constexpr so the table is a literal.
class RoleSet {
 public:
  constexpr RoleSet() = default;
  constexpr RoleSet(std::initializer_list<Role> roles) {
    for (Role role : roles) bits_ |= bit(role);
  }
  constexpr bool contains(Role role) const { return (bits_ & bit(role)) != 0; }
  constexpr bool empty() const { return bits_ == 0; }

 private:
  static constexpr unsigned bit(Role role) { return 1U << static_cast<unsigned>(role); }
  unsigned bits_ = 0;
};

struct TransitionRule {
  CaseState from;
  CaseAction action;
  CaseState to;
  RoleSet roles;
  ModeScope modes = ModeScope::any;
};

struct TransitionDecision {
  bool allowed = false;
  CaseState to = CaseState::draft;  // meaningful only when allowed
  std::string problem;              // empty when allowed; else "illegal_transition", "forbidden_role", "out_of_scope"
  std::string detail;               // English sentence for the problem detail
};

// The whole table, in the order of the life of a case (for docs, the API and tests).
std::span<const TransitionRule> transition_table();

// Whether `mode` falls under `scope`.
bool mode_in_scope(ModeScope scope, HandlingMode mode);

// Whether the actor's binding (own case, authority, intake point) covers this case. Admin: always.
bool actor_in_scope(const Case& c, const Actor& actor);

TransitionDecision decide(const Case& c, const Actor& actor, CaseAction action);

// The actions decide() would allow now, in CaseAction order (for the UI and the API).
std::vector<CaseAction> available_actions(const Case& c, const Actor& actor);

}  // namespace tongban::domain
