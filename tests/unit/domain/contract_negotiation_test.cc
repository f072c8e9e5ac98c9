#include "domain/contract_negotiation.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <tuple>
#include <vector>

namespace tongban::domain {
namespace {

using namespace std::chrono_literals;
using S = NegotiationState;
using A = NegotiationAction;
constexpr NegotiationParty C = NegotiationParty::consumer;
constexpr NegotiationParty P = NegotiationParty::provider;

// A listed Jiangmen product: monthly electricity use by sector, general, not personal.
DataProduct electricity() {
  DataProduct product;
  product.id = "CN-GD-JM-P-3";
  product.node = "CN-GD-JM";
  product.provider = "JM-GRID";
  product.jurisdiction = "CN-GD-JM";
  product.title = {"江门市分行业月度用电量", "江門市分行業月度用電量", "Consumo de electricidade em Jiangmen",
                   "Electricity use in Jiangmen"};
  product.description = product.title;
  product.scenario = {"产业布局研究", "產業佈局研究", "Estudos de localização", "Location studies"};
  DataColumn kwh;
  kwh.name = "kwh";
  kwh.type = ColumnType::decimal;
  kwh.bounds = ColumnBounds{0, 1e9};
  product.columns = {kwh};
  product.price = {false, 50'000, "CNY"};
  product.state = ProductState::listed;
  return product;
}

DataProduct commuters() {
  DataProduct product = electricity();
  product.personal_information = true;
  DataColumn person;
  person.name = "person_ref";
  person.identifies_person = true;
  product.columns.push_back(person);
  return product;
}

// A Macao university uses the aggregates in Macao and Jiangmen for a year.
UsagePolicy research_policy() {
  UsagePolicy policy;
  policy.purpose = "Study of cross-border industrial location (Universidade de Macau).";
  policy.valid_from = 2026y / 3 / 1;
  policy.valid_until = 2027y / 2 / 28;
  policy.access = AccessKind::aggregate_only;
  policy.allowed_jurisdictions = {"MO", "CN-GD-JM"};
  policy.onward_transfer_outside_gba_forbidden = true;
  policy.max_queries = 500;
  policy.epsilon_budget = 4.0;
  return policy;
}

ContractNegotiation fresh() {
  ContractNegotiation negotiation;
  negotiation.id = "CN-GD-JM-C-17";
  negotiation.node = "CN-GD-JM";
  negotiation.product_id = "CN-GD-JM-P-3";
  negotiation.consumer = "MO-UM";
  negotiation.provider = "JM-GRID";
  return negotiation;
}

const char* member(NegotiationParty by) {
  return by == C ? "MO-UM" : "JM-GRID";
}

// The step `by` takes next, with what its action needs.
NegotiationStep next_step(const ContractNegotiation& negotiation, A action, NegotiationParty by) {
  NegotiationStep step;
  step.sequence = negotiation_sequence(negotiation) + 1;
  step.action = action;
  step.by = by;
  step.actor = member(by);
  if (action == A::request || action == A::offer) step.policy = research_policy();
  if (action == A::terminate) step.reason = {"license_mismatch", "The licence model does not fit."};
  step.at_ms = 1000 + step.sequence;
  return step;
}

ContractNegotiation take(ContractNegotiation negotiation, A action, NegotiationParty by) {
  return apply_negotiation_step(negotiation, next_step(negotiation, action, by), electricity());
}

// A negotiation brought to `state` along the consumer-initiated path (or terminated from REQUESTED).
ContractNegotiation at(S state) {
  ContractNegotiation n = take(fresh(), A::request, C);
  if (state == S::requested) return n;
  if (state == S::terminated) return take(n, A::terminate, C);
  n = take(n, A::offer, P);
  if (state == S::offered) return n;
  n = take(n, A::accept, C);
  if (state == S::accepted) return n;
  n = take(n, A::agree, P);
  if (state == S::agreed) return n;
  n = take(n, A::verify, C);
  if (state == S::verified) return n;
  return take(n, A::finalize, P);
}

bool has(const std::vector<FieldError>& problems, const std::string& field, const std::string& rule) {
  for (const auto& problem : problems)
    if (problem.field == field && problem.rule == rule) return true;
  return false;
}

// The table as the Dataspace Protocol's state machine diagram draws it; nullopt from = no negotiation yet.
const std::vector<std::tuple<std::optional<S>, A, NegotiationParty, S>>& spec_table() {
  static const std::vector<std::tuple<std::optional<S>, A, NegotiationParty, S>> table = {
      {std::nullopt, A::request, C, S::requested},    {std::nullopt, A::offer, P, S::offered},
      {S::requested, A::offer, P, S::offered},        {S::requested, A::agree, P, S::agreed},
      {S::requested, A::terminate, C, S::terminated}, {S::requested, A::terminate, P, S::terminated},
      {S::offered, A::request, C, S::requested},      {S::offered, A::accept, C, S::accepted},
      {S::offered, A::terminate, C, S::terminated},   {S::offered, A::terminate, P, S::terminated},
      {S::accepted, A::agree, P, S::agreed},          {S::accepted, A::terminate, P, S::terminated},
      {S::agreed, A::verify, C, S::verified},         {S::agreed, A::terminate, C, S::terminated},
      {S::verified, A::finalize, P, S::finalized},    {S::verified, A::terminate, P, S::terminated},
  };
  return table;
}

std::optional<S> expected_transition(std::optional<S> from, A action, NegotiationParty by) {
  for (const auto& [f, a, b, to] : spec_table())
    if (f == from && a == action && b == by) return to;
  return std::nullopt;
}

TEST(ContractNegotiation, WordsRoundTrip) {
  for (S state : kAllNegotiationStates) EXPECT_EQ(parse_negotiation_state(to_string(state)), state);
  for (A action : kAllNegotiationActions) EXPECT_EQ(parse_negotiation_action(to_string(action)), action);
  EXPECT_EQ(parse_negotiation_party("provider"), P);
  EXPECT_EQ(to_string(C), "consumer");
  EXPECT_EQ(parse_access_kind("aggregate_only"), AccessKind::aggregate_only);
  EXPECT_EQ(to_string(AccessKind::rows), "rows");
  EXPECT_EQ(to_string(StepArrival::replay), "replay");
  EXPECT_EQ(dsp_state_name(S::requested), "REQUESTED");
  EXPECT_EQ(dsp_state_name(S::finalized), "FINALIZED");
  EXPECT_EQ(dsp_state_name(S::terminated), "TERMINATED");
  EXPECT_EQ(parse_negotiation_state("REQUESTED"), std::nullopt);  // the house words are lower case
}

TEST(ContractNegotiation, TheTransitionTableIsTheDataspaceProtocols) {
  std::vector<std::optional<S>> froms = {std::nullopt};
  for (S state : kAllNegotiationStates) froms.push_back(state);
  int possible = 0;
  for (const auto& from : froms)
    for (A action : kAllNegotiationActions)
      for (NegotiationParty by : {C, P}) {
        EXPECT_EQ(negotiation_transition(from, action, by), expected_transition(from, action, by))
            << (from ? to_string(*from) : "none") << " " << to_string(action) << " by " << to_string(by);
        possible += negotiation_transition(from, action, by).has_value();
      }
  EXPECT_EQ(possible, 16);
}

TEST(ContractNegotiation, EveryNonFinalStateMayBeTerminatedAndFinalStatesAreFinal) {
  for (S state : kAllNegotiationStates) {
    const bool by_someone =
        negotiation_transition(state, A::terminate, C) || negotiation_transition(state, A::terminate, P);
    EXPECT_EQ(by_someone, !is_final(state)) << to_string(state);
    if (!is_final(state)) continue;
    for (A action : kAllNegotiationActions)
      for (NegotiationParty by : {C, P}) EXPECT_FALSE(negotiation_transition(state, action, by));
  }
  EXPECT_TRUE(is_final(S::finalized));
  EXPECT_TRUE(is_final(S::terminated));
  EXPECT_FALSE(is_final(S::verified));
}

TEST(ContractNegotiation, IdsAreNodeThenCThenASerial) {
  EXPECT_EQ(format_negotiation_id("CN-GD-JM", 17), "CN-GD-JM-C-17");
  EXPECT_EQ(parse_negotiation_id("CN-GD-JM-C-17"), (MarketId{"CN-GD-JM", 17}));
  EXPECT_EQ(parse_negotiation_id("CN-GD-JM-P-17"), std::nullopt);
  EXPECT_EQ(parse_negotiation_id("MO-C-01"), std::nullopt);
  EXPECT_THROW(format_negotiation_id("MO", kMaxMarketSerial + 1), std::invalid_argument);
}

TEST(ContractNegotiation, TheConsumersPathToFinalized) {
  const ContractNegotiation n = at(S::finalized);
  EXPECT_EQ(n.state, S::finalized);
  EXPECT_EQ(negotiation_sequence(n), 6);
  ASSERT_EQ(n.history.size(), 6u);
  for (std::size_t i = 0; i < n.history.size(); ++i) EXPECT_EQ(n.history[i].sequence, static_cast<std::int64_t>(i + 1));
  EXPECT_EQ(n.history[0].action, A::request);
  EXPECT_EQ(n.history[5].action, A::finalize);
  EXPECT_EQ(n.created_at_ms, 1001);
  EXPECT_EQ(n.agreed_at_ms, 1004);
  EXPECT_EQ(n.finalized_at_ms, 1006);
  EXPECT_EQ(n.updated_at_ms, 1006);
  EXPECT_EQ(n.policy, research_policy());
  EXPECT_FALSE(n.termination);
}

TEST(ContractNegotiation, TheProviderOpensWithAnOfferAndAgreesToACounterRequest) {
  ContractNegotiation n = take(fresh(), A::offer, P);
  EXPECT_EQ(n.state, S::offered);
  NegotiationStep counter = next_step(n, A::request, C);
  counter.policy->max_queries = 200;  // the consumer asks for less
  n = apply_negotiation_step(n, counter, electricity());
  EXPECT_EQ(n.state, S::requested);
  EXPECT_EQ(n.policy.max_queries, 200);  // the terms last proposed
  n = take(n, A::agree, P);              // REQUESTED -> AGREED: the provider agrees to the request
  EXPECT_EQ(n.state, S::agreed);
  EXPECT_EQ(n.policy.max_queries, 200);
  n = take(take(n, A::verify, C), A::finalize, P);
  EXPECT_EQ(n.state, S::finalized);
}

TEST(ContractNegotiation, EveryStepFromEveryStateBothSides) {
  for (S state : kAllNegotiationStates) {
    const ContractNegotiation n = at(state);
    ASSERT_EQ(n.state, state);
    for (A action : kAllNegotiationActions)
      for (NegotiationParty by : {C, P}) {
        const auto problems = negotiation_step_problems(n, next_step(n, action, by), electricity());
        const std::string what =
            std::string(to_string(state)) + " " + std::string(to_string(action)) + " by " + std::string(to_string(by));
        if (expected_transition(state, action, by)) {
          EXPECT_TRUE(problems.empty()) << what << ": " << (problems.empty() ? "" : problems.front().rule);
          EXPECT_EQ(apply_negotiation_step(n, next_step(n, action, by), electricity()).state,
                    *expected_transition(state, action, by))
              << what;
        } else if (expected_transition(state, action, by == C ? P : C)) {
          EXPECT_TRUE(has(problems, "by", "wrong_party")) << what;
          EXPECT_THROW(apply_negotiation_step(n, next_step(n, action, by), electricity()), std::invalid_argument);
        } else {
          EXPECT_TRUE(has(problems, "state", "illegal_transition")) << what;
        }
      }
  }
}

TEST(ContractNegotiation, TheFirstStepIsARequestOrAnOffer) {
  const ContractNegotiation n = fresh();
  EXPECT_TRUE(has(negotiation_step_problems(n, next_step(n, A::offer, C), electricity()), "by", "wrong_party"));
  EXPECT_TRUE(has(negotiation_step_problems(n, next_step(n, A::request, P), electricity()), "by", "wrong_party"));
  for (A action : {A::accept, A::agree, A::verify, A::finalize, A::terminate})
    for (NegotiationParty by : {C, P})
      EXPECT_TRUE(
          has(negotiation_step_problems(n, next_step(n, action, by), electricity()), "state", "illegal_transition"))
          << to_string(action);
}

TEST(ContractNegotiation, TheActorIsTheMemberOfItsSide) {
  const ContractNegotiation n = at(S::offered);
  NegotiationStep step = next_step(n, A::accept, C);
  step.actor = "JM-GRID";  // the provider posing as the consumer
  EXPECT_TRUE(has(negotiation_step_problems(n, step, electricity()), "actor", "not_party"));
  step.actor.clear();
  EXPECT_TRUE(has(negotiation_step_problems(n, step, electricity()), "actor", "required"));
}

TEST(ContractNegotiation, TheNegotiationsOwnFields) {
  EXPECT_TRUE(negotiation_problems(fresh()).empty());
  ContractNegotiation n = fresh();
  n.consumer = "JM-GRID";
  n.product_id = "CN-GD-JM-N-3";
  n.id = "MO-C-17";
  const auto problems = negotiation_problems(n);
  EXPECT_TRUE(has(problems, "consumer", "same_as_provider"));
  EXPECT_TRUE(has(problems, "product_id", "format"));
  EXPECT_TRUE(has(problems, "id", "not_this_node"));
  EXPECT_EQ(problems.size(), 3u);
  EXPECT_TRUE(
      has(negotiation_step_problems(n, next_step(n, A::request, C), electricity()), "consumer", "same_as_provider"));
  n = fresh();
  n.provider.clear();
  n.node.clear();
  EXPECT_TRUE(has(negotiation_problems(n), "provider", "required"));
  EXPECT_TRUE(has(negotiation_problems(n), "node", "required"));
}

TEST(ContractNegotiation, TerminationNeedsAReasonThatIsKept) {
  const ContractNegotiation n = at(S::agreed);
  NegotiationStep step = next_step(n, A::terminate, C);
  step.reason = {};
  auto problems = negotiation_step_problems(n, step, electricity());
  EXPECT_TRUE(has(problems, "reason.code", "required"));
  EXPECT_TRUE(has(problems, "reason.text", "required"));
  step.reason = {"bad code", "x"};
  EXPECT_TRUE(has(negotiation_step_problems(n, step, electricity()), "reason.code", "format"));
  step.reason = {"price", std::string(kMaxTerminationTextChars + 1, 'x')};
  EXPECT_TRUE(has(negotiation_step_problems(n, step, electricity()), "reason.text", "too_long"));
  step.reason = {"price", "Le prix dépasse notre budget.\nMerci."};
  const ContractNegotiation ended = apply_negotiation_step(n, step, electricity());
  EXPECT_EQ(ended.state, S::terminated);
  ASSERT_TRUE(ended.termination);
  EXPECT_EQ(ended.termination->code, "price");
  EXPECT_EQ(ended.termination->text, "Le prix dépasse notre budget.\nMerci.");
  EXPECT_EQ(ended.terminated_by, C);
  EXPECT_EQ(ended.history.back().reason, step.reason);
  EXPECT_EQ(ended.agreed_at_ms, n.agreed_at_ms);  // what happened before stays
  for (A action : kAllNegotiationActions)
    for (NegotiationParty by : {C, P})
      EXPECT_FALSE(negotiation_step_problems(ended, next_step(ended, action, by), electricity()).empty());
}

TEST(ContractNegotiation, AReplayedStepIsAcknowledgedAndChangesNothing) {
  const ContractNegotiation n = at(S::accepted);  // request, offer, accept
  NegotiationStep again = n.history.back();
  again.at_ms += 5000;  // received again later: the time is not compared
  EXPECT_EQ(step_arrival(n, again), StepArrival::replay);
  EXPECT_TRUE(negotiation_step_problems(n, again, electricity()).empty());
  const ContractNegotiation after = apply_negotiation_step(n, again, electricity());
  EXPECT_EQ(after.history.size(), n.history.size());
  EXPECT_EQ(after.state, S::accepted);
  EXPECT_EQ(after.updated_at_ms, n.updated_at_ms);
  EXPECT_EQ(step_arrival(n, n.history.front()), StepArrival::replay);  // an old one too
  EXPECT_EQ(apply_negotiation_step(n, n.history.front(), electricity()).history.size(), 3u);

  const ContractNegotiation ended = take(n, A::terminate, P);  // a replayed termination after the end
  EXPECT_EQ(step_arrival(ended, ended.history.back()), StepArrival::replay);
  EXPECT_EQ(apply_negotiation_step(ended, ended.history.back(), electricity()).history.size(), 4u);
}

TEST(ContractNegotiation, AStepOutOfOrderOrDifferentAtATakenSequenceIsAConflict) {
  const ContractNegotiation n = at(S::offered);  // request 1, offer 2
  NegotiationStep ahead = next_step(n, A::accept, C);
  ahead.sequence = 4;  // step 3 is missing
  EXPECT_EQ(step_arrival(n, ahead), StepArrival::conflict);
  EXPECT_TRUE(has(negotiation_step_problems(n, ahead, electricity()), "sequence", "conflict"));
  EXPECT_THROW(apply_negotiation_step(n, ahead, electricity()), std::invalid_argument);

  NegotiationStep other_offer = n.history[1];
  other_offer.policy->epsilon_budget = 9;  // sequence 2 again, but other terms
  EXPECT_EQ(step_arrival(n, other_offer), StepArrival::conflict);
  EXPECT_THROW(apply_negotiation_step(n, other_offer, electricity()), std::invalid_argument);

  NegotiationStep late_accept = next_step(n, A::accept, C);
  late_accept.sequence = 2;  // the consumer's accept numbered as the offer it answers
  EXPECT_EQ(step_arrival(n, late_accept), StepArrival::conflict);
  for (std::int64_t sequence : {0, -1}) {
    NegotiationStep odd = next_step(n, A::accept, C);
    odd.sequence = sequence;
    EXPECT_EQ(step_arrival(n, odd), StepArrival::conflict);
  }
  EXPECT_EQ(step_arrival(n, next_step(n, A::accept, C)), StepArrival::next);
}

TEST(ContractNegotiation, ARequestOrAnOfferCarriesValidTermsOthersNone) {
  const ContractNegotiation n = at(S::offered);
  NegotiationStep request = next_step(n, A::request, C);
  request.policy.reset();
  EXPECT_TRUE(has(negotiation_step_problems(n, request, electricity()), "policy", "required"));
  request.policy = research_policy();
  request.policy->purpose.clear();
  EXPECT_TRUE(has(negotiation_step_problems(n, request, electricity()), "policy.purpose", "required"));
  NegotiationStep accept = next_step(n, A::accept, C);
  accept.policy = research_policy();
  EXPECT_TRUE(has(negotiation_step_problems(n, accept, electricity()), "policy", "unexpected"));
}

TEST(ContractNegotiation, OnlyTheNegotiationsListedProduct) {
  const ContractNegotiation n = fresh();
  DataProduct product = electricity();
  product.state = ProductState::delisted;
  EXPECT_TRUE(has(negotiation_step_problems(n, next_step(n, A::request, C), product), "product", "not_listed"));
  product = electricity();
  product.id = "CN-GD-JM-P-4";
  EXPECT_TRUE(has(negotiation_step_problems(n, next_step(n, A::request, C), product), "product", "mismatch"));
  product = electricity();
  product.provider = "JM-OTHER";
  EXPECT_TRUE(has(negotiation_step_problems(n, next_step(n, A::request, C), product), "product", "mismatch"));
  // Delisted after the agreement: verifying and finalizing it is still possible.
  const ContractNegotiation agreed = at(S::agreed);
  product = electricity();
  product.state = ProductState::delisted;
  EXPECT_TRUE(negotiation_step_problems(agreed, next_step(agreed, A::verify, C), product).empty());
}

TEST(ContractNegotiation, ACounterOfferLoopEndsWithATermination) {
  ContractNegotiation n = take(fresh(), A::request, C);
  while (negotiation_sequence(n) + 2 < static_cast<std::int64_t>(kMaxNegotiationSteps))
    n = take(n, n.state == S::requested ? A::offer : A::request, n.state == S::requested ? P : C);
  ASSERT_EQ(negotiation_sequence(n), static_cast<std::int64_t>(kMaxNegotiationSteps) - 2);
  n = take(n, n.state == S::requested ? A::offer : A::request, n.state == S::requested ? P : C);  // step 49
  const NegotiationParty turn = n.state == S::requested ? P : C;
  const auto problems =
      negotiation_step_problems(n, next_step(n, n.state == S::requested ? A::offer : A::request, turn), electricity());
  EXPECT_TRUE(has(problems, "sequence", "too_many_steps"));
  n = take(n, A::terminate, turn);
  EXPECT_EQ(n.state, S::terminated);
  EXPECT_EQ(n.history.size(), kMaxNegotiationSteps);
}

TEST(ContractNegotiation, APolicyForAJiangmenProductUsedInMacao) {
  EXPECT_TRUE(policy_problems(research_policy(), electricity()).empty());
  EXPECT_TRUE(reaches_across_border(research_policy(), electricity()));
  UsagePolicy domestic = research_policy();
  domestic.allowed_jurisdictions = {"CN-GD-JM", "CN-GD-GZ", "CN-BJ"};  // no border: outside the Bay Area is fine
  domestic.onward_transfer_outside_gba_forbidden = false;
  EXPECT_FALSE(reaches_across_border(domestic, electricity()));
  EXPECT_TRUE(policy_problems(domestic, electricity()).empty());
}

TEST(ContractNegotiation, RowsOfPersonalDataAreRefused) {
  UsagePolicy policy = research_policy();
  policy.access = AccessKind::rows;
  EXPECT_TRUE(policy_problems(policy, electricity()).empty());  // not personal
  const auto problems = policy_problems(policy, commuters());
  EXPECT_TRUE(has(problems, "access", "rows_of_personal_data"));
  EXPECT_EQ(problems.size(), 1u);
  policy.access = AccessKind::aggregate_only;
  EXPECT_TRUE(policy_problems(policy, commuters()).empty());
}

TEST(ContractNegotiation, APolicyHasAPurposeAndDatesInOrder) {
  UsagePolicy policy = research_policy();
  policy.purpose = " \n ";
  EXPECT_TRUE(has(policy_problems(policy, electricity()), "purpose", "required"));
  policy.purpose = "bell\x07";
  EXPECT_TRUE(has(policy_problems(policy, electricity()), "purpose", "control_character"));
  policy = research_policy();
  policy.valid_until = policy.valid_from;  // one day
  EXPECT_TRUE(policy_problems(policy, electricity()).empty());
  policy.valid_until = 2026y / 2 / 28;
  EXPECT_TRUE(has(policy_problems(policy, electricity()), "valid_until", "range"));
  policy.valid_until = 2026y / 2 / 30;
  EXPECT_TRUE(has(policy_problems(policy, electricity()), "valid_until", "date"));
  policy.valid_from = {};
  EXPECT_TRUE(has(policy_problems(policy, electricity()), "valid_from", "date"));
}

TEST(ContractNegotiation, AllowedJurisdictions) {
  UsagePolicy policy = research_policy();
  policy.allowed_jurisdictions.clear();
  EXPECT_TRUE(has(policy_problems(policy, electricity()), "allowed_jurisdictions", "required"));
  policy.allowed_jurisdictions = {"MO", "M O", "MO"};
  auto problems = policy_problems(policy, electricity());
  EXPECT_TRUE(has(problems, "allowed_jurisdictions[1]", "format"));
  EXPECT_TRUE(has(problems, "allowed_jurisdictions[2]", "duplicate"));
  policy.allowed_jurisdictions.clear();
  for (std::size_t i = 0; i <= kMaxPolicyJurisdictions; ++i)
    policy.allowed_jurisdictions.push_back("CN-GD-JM-" + std::to_string(i));
  EXPECT_TRUE(has(policy_problems(policy, electricity()), "allowed_jurisdictions", "too_many"));
  policy.allowed_jurisdictions = {"MO", "PT"};  // across a border, and outside the Bay Area
  EXPECT_TRUE(has(policy_problems(policy, electricity()), "allowed_jurisdictions[1]", "outside_gba"));
}

TEST(ContractNegotiation, OnwardTransferOutsideTheBayAreaIsForbiddenAcrossABorder) {
  UsagePolicy policy = research_policy();
  policy.onward_transfer_outside_gba_forbidden = false;
  const auto problems = policy_problems(policy, electricity());
  EXPECT_TRUE(has(problems, "onward_transfer_outside_gba_forbidden", "required"));
  EXPECT_EQ(problems.size(), 1u);
}

TEST(ContractNegotiation, ImportantDataIsNotAllowedAcrossABorder) {
  DataProduct product = electricity();
  product.classification = DataClassification::important;
  const auto problems = policy_problems(research_policy(), product);
  EXPECT_TRUE(has(problems, "allowed_jurisdictions[0]", "never_crosses_border"));  // MO
  EXPECT_EQ(problems.size(), 1u);                                                  // CN-GD-JM is its own
  UsagePolicy at_home = research_policy();
  at_home.allowed_jurisdictions = {"CN-GD-JM", "CN-GD-ZH"};
  EXPECT_TRUE(policy_problems(at_home, product).empty());
}

TEST(ContractNegotiation, QueriesAndPrivacyBudgetAreBounded) {
  UsagePolicy policy = research_policy();
  for (std::int64_t queries : {std::int64_t{0}, std::int64_t{-3}, kMaxPolicyQueries + 1}) {
    policy.max_queries = queries;
    EXPECT_TRUE(has(policy_problems(policy, electricity()), "max_queries", "range")) << queries;
  }
  policy.max_queries = kMaxPolicyQueries;
  EXPECT_TRUE(policy_problems(policy, electricity()).empty());
  for (double epsilon : {0.0, -1.0, kMaxEpsilonBudget + 1e-9, std::nan(""), std::numeric_limits<double>::infinity()}) {
    policy.epsilon_budget = epsilon;
    EXPECT_TRUE(has(policy_problems(policy, electricity()), "epsilon_budget", "range")) << epsilon;
  }
  for (double epsilon : {kMaxEpsilonBudget, 0.01}) {
    policy.epsilon_budget = epsilon;
    EXPECT_TRUE(policy_problems(policy, electricity()).empty()) << epsilon;
  }
}

}  // namespace
}  // namespace tongban::domain
