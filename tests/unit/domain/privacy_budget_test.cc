// The contract's privacy budget (domain/privacy_budget.h): sequential composition, refusal once spent, splitting a
// query cannot beat the budget, a refused charge changes nothing, the query limit, δ, the fixed point (order of the
// charges), the persisted state, refused input.
#include "domain/privacy_budget.h"

#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>
#include <vector>

namespace tongban::domain {
namespace {

TEST(PrivacyBudget, AdmitsUntilSpentThenRefuses) {
  PrivacyBudget budget(1.0, 0, 10);
  EXPECT_EQ(budget.charge({0.6, 0}), std::nullopt);
  EXPECT_EQ(budget.charge({0.5, 0}), BudgetRefusal::epsilon_exhausted);
  EXPECT_EQ(budget.charge({0.4, 0}), std::nullopt);  // exactly the rest
  EXPECT_EQ(budget.remaining().epsilon, 0);
  EXPECT_EQ(budget.charge({1e-6, 0}), BudgetRefusal::epsilon_exhausted);
  EXPECT_EQ(budget.queries(), 2);
  EXPECT_EQ(budget.spent(), (PrivacyCost{1.0, 0}));
}

TEST(PrivacyBudget, SplittingAQueryIntoSmallOnesGetsNoMoreThanTheBudget) {
  PrivacyBudget budget(0.5, 0, 100);
  std::vector<bool> admitted;
  for (int i = 0; i < 10; ++i) admitted.push_back(!budget.charge({0.1, 0}));  // ε = 1 in ten parts
  EXPECT_EQ(admitted, (std::vector<bool>{true, true, true, true, true, false, false, false, false, false}));
  EXPECT_EQ(budget.spent().epsilon, 0.5);
  EXPECT_EQ(budget.queries(), 5);
}

TEST(PrivacyBudget, AQueryOfSeveralPartsIsChargedTheirSumAllOrNothing) {
  const std::vector<PrivacyCost> parts(10, PrivacyCost{0.1, 1e-9});
  PrivacyBudget small(0.5, 1e-6, 100);
  const PrivacyBudget before = small;
  EXPECT_EQ(small.charge(parts), BudgetRefusal::epsilon_exhausted);
  EXPECT_EQ(small, before);
  PrivacyBudget large(1.0, 1e-6, 100);
  EXPECT_EQ(large.charge(parts), std::nullopt);
  EXPECT_EQ(large.spent().epsilon, 1.0);
  EXPECT_DOUBLE_EQ(large.spent().delta, 1e-8);
  EXPECT_EQ(large.queries(), 1);  // one query
  EXPECT_THROW((void)large.charge(std::vector<PrivacyCost>{}), std::invalid_argument);
  // A bad part refuses the whole charge before anything is compared.
  EXPECT_THROW((void)large.charge(std::vector<PrivacyCost>{{100, 0}, {-1, 0}}), std::invalid_argument);
}

TEST(PrivacyBudget, ARefusedChargeChangesNothing) {
  PrivacyBudget budget(1.0, 1e-6, 2);
  ASSERT_EQ(budget.charge({0.5, 5e-7}), std::nullopt);
  const PrivacyBudgetState state = budget.state();
  EXPECT_EQ(budget.charge({0.6, 0}), BudgetRefusal::epsilon_exhausted);
  EXPECT_EQ(budget.state(), state);
  EXPECT_EQ(budget.charge({0.1, 6e-7}), BudgetRefusal::delta_exhausted);
  EXPECT_EQ(budget.state(), state);
  EXPECT_EQ(budget.refusal({0.1, 1e-7}), std::nullopt);  // would be admitted; refusal() charges nothing
  EXPECT_EQ(budget.state(), state);
  ASSERT_EQ(budget.charge({0.1, 1e-7}), std::nullopt);
  const PrivacyBudgetState full = budget.state();
  EXPECT_EQ(budget.charge({0.1, 0}), BudgetRefusal::query_limit_reached);
  EXPECT_EQ(budget.state(), full);
}

TEST(PrivacyBudget, TheQueryLimitHoldsWhateverEpsilonIsLeft) {
  PrivacyBudget budget(10.0, 0, 3);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(budget.charge({0.01, 0}), std::nullopt) << i;
  EXPECT_EQ(budget.charge({0.01, 0}), BudgetRefusal::query_limit_reached);
  EXPECT_EQ(budget.queries(), 3);
  EXPECT_EQ(budget.max_queries(), 3);
  EXPECT_NEAR(budget.remaining().epsilon, 9.97, 1e-12);
  // The limit is reported before an exhausted ε: no more queries is the stronger reason.
  EXPECT_EQ(budget.charge({100, 0}), BudgetRefusal::query_limit_reached);
}

TEST(PrivacyBudget, DeltaIsAccountedLikeEpsilon) {
  PrivacyBudget budget(2.0, 1e-6, 1000);
  int admitted = 0;
  while (!budget.charge({0.01, 1e-8})) ++admitted;
  EXPECT_EQ(admitted, 100);
  EXPECT_EQ(budget.charge({0.01, 1e-8}), BudgetRefusal::delta_exhausted);
  EXPECT_EQ(budget.charge({0.01, 0}), std::nullopt);  // a query without δ still fits
  PrivacyBudget pure(1.0, 0, 10);                     // a budget of δ = 0 admits pure-ε queries only
  EXPECT_EQ(pure.charge({0.1, 1e-12}), BudgetRefusal::delta_exhausted);
  EXPECT_EQ(pure.charge({0.1, 0}), std::nullopt);
}

TEST(PrivacyBudget, TheOrderOfTheChargesCannotChangeTheTotal) {
  // In doubles 0.1 + 0.2 + 0.3 is 0.6000000000000001 > 0.6, and 0.3 + 0.2 + 0.1 is 0.6: fixed point makes both 0.6.
  ASSERT_NE(0.1 + 0.2 + 0.3, 0.3 + 0.2 + 0.1);
  for (const std::vector<double>& order : {std::vector<double>{0.1, 0.2, 0.3}, std::vector<double>{0.3, 0.2, 0.1}}) {
    PrivacyBudget budget(0.6, 0, 10);
    for (double epsilon : order) EXPECT_EQ(budget.charge({epsilon, 0}), std::nullopt) << epsilon;
    EXPECT_EQ(budget.state().spent_micro_epsilon, 600'000);
    EXPECT_EQ(budget.charge({1e-6, 0}), BudgetRefusal::epsilon_exhausted);
  }
  // A charge finer than the unit is rounded up, never down.
  PrivacyBudget budget(1.0, 0, 10);
  ASSERT_EQ(budget.charge({1.5e-7, 0}), std::nullopt);
  EXPECT_EQ(budget.state().spent_micro_epsilon, 1);
  ASSERT_EQ(budget.charge({0.2500004, 0}), std::nullopt);
  EXPECT_EQ(budget.state().spent_micro_epsilon, 250'002);
}

TEST(PrivacyBudget, TheStateRoundTripsAndIsChecked) {
  PrivacyBudget budget(kDefaultContractEpsilon, kDefaultContractDelta, kDefaultContractQueries);
  ASSERT_EQ(budget.charge({0.5, 1e-8}), std::nullopt);
  const PrivacyBudgetState state = budget.state();
  EXPECT_EQ(state, (PrivacyBudgetState{5'000'000, 100'000'000'000, 50, 500'000, 10'000'000'000, 1}));
  EXPECT_EQ(PrivacyBudget(state), budget);
  PrivacyBudgetState overspent = state;
  overspent.spent_micro_epsilon = state.total_micro_epsilon + 1;
  EXPECT_THROW(PrivacyBudget{overspent}, std::invalid_argument);
  PrivacyBudgetState too_many = state;
  too_many.queries = state.max_queries + 1;
  EXPECT_THROW(PrivacyBudget{too_many}, std::invalid_argument);
  PrivacyBudgetState negative = state;
  negative.spent_atto_delta = -1;
  EXPECT_THROW(PrivacyBudget{negative}, std::invalid_argument);
  EXPECT_THROW(PrivacyBudget{PrivacyBudgetState{}}, std::invalid_argument);
}

TEST(PrivacyBudget, InvalidTotalsAndChargesAreRefused) {
  EXPECT_THROW(PrivacyBudget(0, 0, 1), std::invalid_argument);
  EXPECT_THROW(PrivacyBudget(-1, 0, 1), std::invalid_argument);
  EXPECT_THROW(PrivacyBudget(std::nan(""), 0, 1), std::invalid_argument);
  EXPECT_THROW(PrivacyBudget(kMaxContractEpsilon * 2, 0, 1), std::invalid_argument);
  EXPECT_THROW(PrivacyBudget(1, 1, 1), std::invalid_argument);
  EXPECT_THROW(PrivacyBudget(1, -1e-9, 1), std::invalid_argument);
  EXPECT_THROW(PrivacyBudget(1, 0, 0), std::invalid_argument);
  EXPECT_THROW(PrivacyBudget(1e-7, 0, 1), std::invalid_argument);  // below one micro-ε
  PrivacyBudget budget(1, 1e-6, 10);
  const PrivacyBudgetState state = budget.state();
  EXPECT_THROW((void)budget.charge({0, 0}), std::invalid_argument);
  EXPECT_THROW((void)budget.charge({-0.1, 0}), std::invalid_argument);
  EXPECT_THROW((void)budget.charge({std::nan(""), 0}), std::invalid_argument);
  EXPECT_THROW((void)budget.charge({0.1, -1e-9}), std::invalid_argument);
  EXPECT_THROW((void)budget.charge({0.1, std::nan("")}), std::invalid_argument);
  EXPECT_EQ(budget.state(), state);
  try {
    (void)budget.charge({-0.1, 0});
    ADD_FAILURE() << "a negative epsilon was accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("epsilon"), std::string::npos) << e.what();
  }
  EXPECT_EQ(to_string(BudgetRefusal::query_limit_reached), "query_limit_reached");
  EXPECT_EQ(to_string(BudgetRefusal::epsilon_exhausted), "epsilon_exhausted");
  EXPECT_EQ(to_string(BudgetRefusal::delta_exhausted), "delta_exhausted");
}

}  // namespace
}  // namespace tongban::domain
