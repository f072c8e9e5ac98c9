#include "domain/case.h"

#include <array>
#include <utility>

#include "domain/word_table.h"

namespace tongban::domain {
namespace {

// One table per enum: the text form is the enumerator's name, so to_string and parse_* cannot drift apart.
constexpr WordTable<CaseState, 14> kStates = {{
    {CaseState::draft, "draft"},
    {CaseState::submitted, "submitted"},
    {CaseState::intake_checked, "intake_checked"},
    {CaseState::forwarded, "forwarded"},
    {CaseState::accepted, "accepted"},
    {CaseState::not_accepted, "not_accepted"},
    {CaseState::in_review, "in_review"},
    {CaseState::supplement_requested, "supplement_requested"},
    {CaseState::approved, "approved"},
    {CaseState::rejected, "rejected"},
    {CaseState::result_issued, "result_issued"},
    {CaseState::delivered, "delivered"},
    {CaseState::withdrawn, "withdrawn"},
    {CaseState::closed, "closed"},
}};

constexpr WordTable<CaseAction, 22> kActions = {{
    {CaseAction::submit, "submit"},
    {CaseAction::check_intake, "check_intake"},
    {CaseAction::forward, "forward"},
    {CaseAction::accept, "accept"},
    {CaseAction::not_accept, "not_accept"},
    {CaseAction::start_review, "start_review"},
    {CaseAction::request_supplement, "request_supplement"},
    {CaseAction::supplement, "supplement"},
    {CaseAction::approve, "approve"},
    {CaseAction::reject, "reject"},
    {CaseAction::issue_result, "issue_result"},
    {CaseAction::deliver, "deliver"},
    {CaseAction::withdraw, "withdraw"},
    {CaseAction::close, "close"},
    {CaseAction::recompute_deadlines, "recompute_deadlines"},
    {CaseAction::certificate_status, "certificate_status"},
    {CaseAction::shipment_delivered, "shipment_delivered"},
    {CaseAction::shipment_failed_attempt, "shipment_failed_attempt"},
    {CaseAction::shipment_held_by_customs, "shipment_held_by_customs"},
    {CaseAction::rate, "rate"},
    {CaseAction::rating_follow_up, "rating_follow_up"},
    {CaseAction::rating_answer, "rating_answer"},
}};

constexpr WordTable<Role, 5> kRoles = {{
    {Role::applicant, "applicant"},
    {Role::clerk, "clerk"},
    {Role::reviewer, "reviewer"},
    {Role::admin, "admin"},
    {Role::agent, "agent"},
}};

}  // namespace

std::string_view to_string(CaseState state) {
  return word_of(kStates, state);
}
std::string_view to_string(CaseAction action) {
  return word_of(kActions, action);
}
std::string_view to_string(Role role) {
  return word_of(kRoles, role);
}
std::optional<CaseState> parse_case_state(std::string_view text) {
  return value_of(kStates, text);
}
std::optional<CaseAction> parse_case_action(std::string_view text) {
  return value_of(kActions, text);
}
std::optional<Role> parse_role(std::string_view text) {
  return value_of(kRoles, text);
}

}  // namespace tongban::domain
