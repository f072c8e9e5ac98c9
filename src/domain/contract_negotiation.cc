#include "domain/contract_negotiation.h"

#include <cstdio>
#include <set>
#include <stdexcept>

#include "domain/notice.h"
#include "domain/word_table.h"

namespace tongban::domain {
namespace {

using record_fields::add;
using record_fields::check_code;
using record_fields::check_text;

constexpr WordTable<NegotiationState, 7> kStates = {{
    {NegotiationState::requested, "requested"},
    {NegotiationState::offered, "offered"},
    {NegotiationState::accepted, "accepted"},
    {NegotiationState::agreed, "agreed"},
    {NegotiationState::verified, "verified"},
    {NegotiationState::finalized, "finalized"},
    {NegotiationState::terminated, "terminated"},
}};

constexpr WordTable<NegotiationState, 7> kDspStates = {{
    {NegotiationState::requested, "REQUESTED"},
    {NegotiationState::offered, "OFFERED"},
    {NegotiationState::accepted, "ACCEPTED"},
    {NegotiationState::agreed, "AGREED"},
    {NegotiationState::verified, "VERIFIED"},
    {NegotiationState::finalized, "FINALIZED"},
    {NegotiationState::terminated, "TERMINATED"},
}};

constexpr WordTable<NegotiationAction, 7> kActions = {{
    {NegotiationAction::request, "request"},
    {NegotiationAction::offer, "offer"},
    {NegotiationAction::accept, "accept"},
    {NegotiationAction::agree, "agree"},
    {NegotiationAction::verify, "verify"},
    {NegotiationAction::finalize, "finalize"},
    {NegotiationAction::terminate, "terminate"},
}};

constexpr WordTable<NegotiationParty, 2> kParties = {{
    {NegotiationParty::consumer, "consumer"},
    {NegotiationParty::provider, "provider"},
}};

constexpr WordTable<AccessKind, 2> kAccessKinds = {{
    {AccessKind::aggregate_only, "aggregate_only"},
    {AccessKind::rows, "rows"},
}};

constexpr WordTable<StepArrival, 3> kArrivals = {{
    {StepArrival::next, "next"},
    {StepArrival::replay, "replay"},
    {StepArrival::conflict, "conflict"},
}};

using S = NegotiationState;
using A = NegotiationAction;
constexpr NegotiationParty C = NegotiationParty::consumer;
constexpr NegotiationParty P = NegotiationParty::provider;

struct Transition {
  bool initial;  // from no negotiation (then `from` is unused)
  NegotiationState from;
  NegotiationAction action;
  NegotiationParty by;
  NegotiationState to;
};

// The Dataspace Protocol's contract negotiation state machine (header comment), one row per side.
constexpr Transition kTransitions[] = {
    {true, S::requested, A::request, C, S::requested},     {true, S::requested, A::offer, P, S::offered},
    {false, S::requested, A::offer, P, S::offered},        {false, S::requested, A::agree, P, S::agreed},
    {false, S::requested, A::terminate, C, S::terminated}, {false, S::requested, A::terminate, P, S::terminated},
    {false, S::offered, A::request, C, S::requested},      {false, S::offered, A::accept, C, S::accepted},
    {false, S::offered, A::terminate, C, S::terminated},   {false, S::offered, A::terminate, P, S::terminated},
    {false, S::accepted, A::agree, P, S::agreed},          {false, S::accepted, A::terminate, P, S::terminated},
    {false, S::agreed, A::verify, C, S::verified},         {false, S::agreed, A::terminate, C, S::terminated},
    {false, S::verified, A::finalize, P, S::finalized},    {false, S::verified, A::terminate, P, S::terminated},
};

std::string shortest(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", value);
  return text;
}

NegotiationParty other(NegotiationParty party) {
  return party == C ? P : C;
}

const std::string& member_of(const ContractNegotiation& negotiation, NegotiationParty party) {
  return party == C ? negotiation.consumer : negotiation.provider;
}

// The same message: everything but the time it was received.
bool same_step(const NegotiationStep& a, const NegotiationStep& b) {
  if (a.sequence != b.sequence || a.action != b.action || a.by != b.by || a.actor != b.actor || a.policy != b.policy)
    return false;
  return a.action != A::terminate || a.reason == b.reason;
}

void check_jurisdictions(std::vector<FieldError>& problems, const UsagePolicy& policy, const DataProduct& product) {
  const auto& codes = policy.allowed_jurisdictions;
  if (codes.empty())
    return add(problems, "allowed_jurisdictions", "required", "A policy names where the data may be used.");
  if (codes.size() > kMaxPolicyJurisdictions)
    add(problems, "allowed_jurisdictions", "too_many",
        "At most " + std::to_string(kMaxPolicyJurisdictions) + " jurisdictions.");
  const bool across = reaches_across_border(policy, product);
  std::set<std::string_view> seen;
  for (std::size_t i = 0; i < codes.size(); ++i) {
    const std::string at = "allowed_jurisdictions[" + std::to_string(i) + "]";
    if (!is_notice_code(codes[i]))
      add(problems, at, "format", "'" + codes[i] + "' is not a jurisdiction code.");
    else if (!seen.insert(codes[i]).second)
      add(problems, at, "duplicate", "'" + codes[i] + "' is listed twice.");
    else if (across && !is_gba_jurisdiction(codes[i]))
      add(problems, at, "outside_gba",
          "A contract across a border covers the Greater Bay Area only; '" + codes[i] + "' is outside it.");
    else if (never_crosses_border(product) && crosses_border(product.jurisdiction, codes[i]))
      add(problems, at, "never_crosses_border",
          std::string(to_string(product.classification)) + " data never leaves " + product.jurisdiction + "'s side.");
  }
  if (across && !policy.onward_transfer_outside_gba_forbidden)
    add(problems, "onward_transfer_outside_gba_forbidden", "required",
        "A GBA standard contract forbids passing the data on outside the Greater Bay Area.");
}

}  // namespace

std::string_view to_string(NegotiationState state) {
  return word_of(kStates, state);
}
std::string_view to_string(NegotiationAction action) {
  return word_of(kActions, action);
}
std::string_view to_string(NegotiationParty party) {
  return word_of(kParties, party);
}
std::string_view to_string(AccessKind kind) {
  return word_of(kAccessKinds, kind);
}
std::string_view to_string(StepArrival arrival) {
  return word_of(kArrivals, arrival);
}
std::string_view dsp_state_name(NegotiationState state) {
  return word_of(kDspStates, state);
}
std::optional<NegotiationState> parse_negotiation_state(std::string_view word) {
  return value_of(kStates, word);
}
std::optional<NegotiationAction> parse_negotiation_action(std::string_view word) {
  return value_of(kActions, word);
}
std::optional<NegotiationParty> parse_negotiation_party(std::string_view word) {
  return value_of(kParties, word);
}
std::optional<AccessKind> parse_access_kind(std::string_view word) {
  return value_of(kAccessKinds, word);
}

std::optional<NegotiationState> negotiation_transition(std::optional<NegotiationState> from, NegotiationAction action,
                                                       NegotiationParty by) {
  for (const auto& row : kTransitions) {
    const bool same_from = from ? (!row.initial && row.from == *from) : row.initial;
    if (same_from && row.action == action && row.by == by) return row.to;
  }
  return std::nullopt;
}

bool is_final(NegotiationState state) {
  return state == S::finalized || state == S::terminated;
}

std::string format_negotiation_id(std::string_view node, std::int64_t serial) {
  return record_fields::format_id(node, 'C', serial);
}

std::optional<MarketId> parse_negotiation_id(std::string_view text) {
  return record_fields::parse_id(text, 'C');
}

bool reaches_across_border(const UsagePolicy& policy, const DataProduct& product) {
  for (const auto& code : policy.allowed_jurisdictions)
    if (crosses_border(product.jurisdiction, code)) return true;
  return false;
}

std::vector<FieldError> policy_problems(const UsagePolicy& policy, const DataProduct& product) {
  std::vector<FieldError> problems;
  check_text(problems, "purpose", policy.purpose, kMaxPolicyPurposeChars, true, true);
  if (!policy.valid_from.ok()) add(problems, "valid_from", "date", "valid_from is not a calendar date.");
  if (!policy.valid_until.ok())
    add(problems, "valid_until", "date", "valid_until is not a calendar date.");
  else if (policy.valid_from.ok() && policy.valid_until < policy.valid_from)
    add(problems, "valid_until", "range", "valid_until is before valid_from.");
  if (policy.access == AccessKind::rows && product.personal_information)
    add(problems, "access", "rows_of_personal_data", "Personal data is used through aggregates only.");
  check_jurisdictions(problems, policy, product);
  if (policy.max_queries < 1 || policy.max_queries > kMaxPolicyQueries)
    add(problems, "max_queries", "range", "max_queries is 1 to " + std::to_string(kMaxPolicyQueries) + ".");
  if (!(policy.epsilon_budget > 0 && policy.epsilon_budget <= kMaxEpsilonBudget))  // NaN fails too
    add(problems, "epsilon_budget", "range",
        "The privacy budget is above 0 and at most " + shortest(kMaxEpsilonBudget) + ".");
  return problems;
}

std::int64_t negotiation_sequence(const ContractNegotiation& negotiation) {
  return static_cast<std::int64_t>(negotiation.history.size());
}

StepArrival step_arrival(const ContractNegotiation& negotiation, const NegotiationStep& step) {
  const std::int64_t applied = negotiation_sequence(negotiation);
  if (step.sequence == applied + 1) return StepArrival::next;
  if (step.sequence >= 1 && step.sequence <= applied &&
      same_step(negotiation.history[static_cast<std::size_t>(step.sequence - 1)], step))
    return StepArrival::replay;
  return StepArrival::conflict;
}

std::vector<FieldError> negotiation_problems(const ContractNegotiation& negotiation) {
  std::vector<FieldError> problems;
  record_fields::check_id(problems, "id", negotiation.id, 'C', negotiation.node);
  check_code(problems, "node", negotiation.node, true);
  if (negotiation.product_id.empty())
    add(problems, "product_id", "required", "A negotiation is about a product.");
  else if (!parse_product_id(negotiation.product_id))
    add(problems, "product_id", "format", "'" + negotiation.product_id + "' is not a product id.");
  check_code(problems, "consumer", negotiation.consumer, true);
  check_code(problems, "provider", negotiation.provider, true);
  if (!negotiation.consumer.empty() && negotiation.consumer == negotiation.provider)
    add(problems, "consumer", "same_as_provider", "A member does not negotiate with itself.");
  return problems;
}

std::vector<FieldError> negotiation_step_problems(const ContractNegotiation& negotiation, const NegotiationStep& step,
                                                  const DataProduct& product) {
  std::vector<FieldError> problems;
  const StepArrival arrival = step_arrival(negotiation, step);
  if (arrival == StepArrival::replay) return problems;
  const std::int64_t next = negotiation_sequence(negotiation) + 1;
  if (arrival == StepArrival::conflict) {
    add(problems, "sequence", "conflict",
        step.sequence > next
            ? "Step " + std::to_string(step.sequence) + " arrived before step " + std::to_string(next) + "."
            : "Step " + std::to_string(step.sequence) + " was already taken, differently.");
    return problems;
  }
  if (negotiation.history.empty()) problems = negotiation_problems(negotiation);
  std::optional<NegotiationState> from;
  if (!negotiation.history.empty()) from = negotiation.state;
  if (!negotiation_transition(from, step.action, step.by)) {
    const std::string where = from ? "a " + std::string(to_string(*from)) + " negotiation" : "no negotiation yet";
    if (negotiation_transition(from, step.action, other(step.by)))
      add(problems, "by", "wrong_party",
          "In " + where + " only the " + std::string(to_string(other(step.by))) + " may " +
              std::string(to_string(step.action)) + ".");
    else
      add(problems, "state", "illegal_transition",
          "There is no '" + std::string(to_string(step.action)) + "' from " + where + ".");
  }
  if (step.actor.empty())
    add(problems, "actor", "required", "Every step is sent by a member.");
  else if (step.actor != member_of(negotiation, step.by))
    add(problems, "actor", "not_party",
        "'" + step.actor + "' is not the negotiation's " + std::string(to_string(step.by)) + ".");
  if (!problems.empty()) return problems;

  if (step.action != A::terminate && negotiation.history.size() + 1 >= kMaxNegotiationSteps)
    add(problems, "sequence", "too_many_steps",
        "A negotiation takes at most " + std::to_string(kMaxNegotiationSteps) + " steps; it can only be terminated.");
  if (product.id != negotiation.product_id || product.provider != negotiation.provider)
    add(problems, "product", "mismatch", "The product is not the one this negotiation is about.");
  if ((step.action == A::request || step.action == A::offer || step.action == A::agree) &&
      product.state != ProductState::listed)
    add(problems, "product", "not_listed", "Only a listed product is negotiated.");
  if (step.action == A::request || step.action == A::offer) {
    if (!step.policy) {
      add(problems, "policy", "required", "A request or an offer carries the terms proposed.");
    } else {
      for (auto& problem : policy_problems(*step.policy, product)) {
        problem.field = "policy." + problem.field;
        problems.push_back(std::move(problem));
      }
    }
  } else if (step.policy) {
    add(problems, "policy", "unexpected",
        "Only a request or an offer proposes terms; '" + std::string(to_string(step.action)) + "' takes the last.");
  }
  if (step.action == A::terminate) {
    check_code(problems, "reason.code", step.reason.code, true);
    check_text(problems, "reason.text", step.reason.text, kMaxTerminationTextChars, true, true);
  }
  return problems;
}

ContractNegotiation apply_negotiation_step(ContractNegotiation negotiation, const NegotiationStep& step,
                                           const DataProduct& product) {
  if (step_arrival(negotiation, step) == StepArrival::replay) return negotiation;
  if (auto problems = negotiation_step_problems(negotiation, step, product); !problems.empty())
    throw std::invalid_argument("negotiation " + negotiation.id + ": " + problems.front().field + " " +
                                problems.front().rule + ": " + problems.front().message);
  std::optional<NegotiationState> from;
  if (!negotiation.history.empty()) from = negotiation.state;
  if (!from) negotiation.created_at_ms = step.at_ms;
  negotiation.state = *negotiation_transition(from, step.action, step.by);
  negotiation.updated_at_ms = step.at_ms;
  switch (step.action) {
    case A::request:
    case A::offer: negotiation.policy = *step.policy; break;
    case A::agree: negotiation.agreed_at_ms = step.at_ms; break;
    case A::finalize: negotiation.finalized_at_ms = step.at_ms; break;
    case A::terminate:
      negotiation.termination = step.reason;
      negotiation.terminated_by = step.by;
      break;
    case A::accept:
    case A::verify: break;
  }
  negotiation.history.push_back(step);
  if (step.action != A::terminate) negotiation.history.back().reason = {};  // ignored, so not kept
  return negotiation;
}

}  // namespace tongban::domain
