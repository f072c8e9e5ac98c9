#include "domain/privacy_budget.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace tongban::domain {
namespace {

[[noreturn]] void refuse(const std::string& what) {
  throw std::invalid_argument("privacy budget: " + what);
}

// x in units of 1 / per_unit: a whole number of units when within a billionth of one (the double's own error on a
// decimal such as 0.1), otherwise rounded up (a charge) or down (a total).
std::int64_t to_units(double x, std::int64_t per_unit, bool up) {
  const double units = x * static_cast<double>(per_unit);
  const double whole = std::round(units);
  if (std::abs(units - whole) <= 1e-9 * std::max(1.0, whole)) return static_cast<std::int64_t>(whole);
  return static_cast<std::int64_t>(up ? std::ceil(units) : std::floor(units));
}

std::int64_t charged_units(double x, std::int64_t per_unit) {
  return to_units(x, per_unit, true);
}
std::int64_t total_units(double x, std::int64_t per_unit) {
  return to_units(x, per_unit, false);
}

struct Units {
  std::int64_t micro_epsilon = 0;
  std::int64_t atto_delta = 0;
};

Units charge_units(PrivacyCost cost) {
  if (!std::isfinite(cost.epsilon) || !(cost.epsilon > 0) || cost.epsilon > kMaxContractEpsilon)
    refuse("a charge's epsilon must be above 0 and at most " + std::to_string(kMaxContractEpsilon) + ", not " +
           std::to_string(cost.epsilon));
  if (!std::isfinite(cost.delta) || cost.delta < 0 || cost.delta >= 1)
    refuse("a charge's delta must be in [0, 1), not " + std::to_string(cost.delta));
  return {charged_units(cost.epsilon, kMicroEpsilonPerEpsilon), charged_units(cost.delta, kAttoDeltaPerDelta)};
}

std::int64_t saturating_add(std::int64_t a, std::int64_t b) {  // both >= 0
  std::int64_t sum = 0;
  return __builtin_add_overflow(a, b, &sum) ? std::numeric_limits<std::int64_t>::max() : sum;
}

double as_epsilon(std::int64_t units) {
  return static_cast<double>(units) / static_cast<double>(kMicroEpsilonPerEpsilon);
}
double as_delta(std::int64_t units) {
  return static_cast<double>(units) / static_cast<double>(kAttoDeltaPerDelta);
}

std::optional<BudgetRefusal> refusal_of(const PrivacyBudgetState& s, Units charge) {
  if (s.queries >= s.max_queries) return BudgetRefusal::query_limit_reached;
  if (charge.micro_epsilon > s.total_micro_epsilon - s.spent_micro_epsilon) return BudgetRefusal::epsilon_exhausted;
  if (charge.atto_delta > s.total_atto_delta - s.spent_atto_delta) return BudgetRefusal::delta_exhausted;
  return std::nullopt;
}

}  // namespace

std::string_view to_string(BudgetRefusal refusal) {
  switch (refusal) {
    case BudgetRefusal::query_limit_reached: return "query_limit_reached";
    case BudgetRefusal::epsilon_exhausted: return "epsilon_exhausted";
    case BudgetRefusal::delta_exhausted: return "delta_exhausted";
  }
  return "unknown";
}

PrivacyBudget::PrivacyBudget(double total_epsilon, double total_delta, std::int64_t max_queries) {
  if (!std::isfinite(total_epsilon) || !(total_epsilon > 0) || total_epsilon > kMaxContractEpsilon)
    refuse("the total epsilon must be above 0 and at most " + std::to_string(kMaxContractEpsilon) + ", not " +
           std::to_string(total_epsilon));
  if (!std::isfinite(total_delta) || total_delta < 0 || total_delta >= 1)
    refuse("the total delta must be in [0, 1), not " + std::to_string(total_delta));
  if (max_queries < 1 || max_queries > kMaxContractQueries)
    refuse("max queries must be 1 to " + std::to_string(kMaxContractQueries) + ", not " + std::to_string(max_queries));
  state_.total_micro_epsilon = total_units(total_epsilon, kMicroEpsilonPerEpsilon);
  state_.total_atto_delta = total_units(total_delta, kAttoDeltaPerDelta);
  state_.max_queries = max_queries;
  if (state_.total_micro_epsilon < 1) refuse("the total epsilon is below one micro-epsilon");
}

PrivacyBudget::PrivacyBudget(const PrivacyBudgetState& state) : state_(state) {
  const auto max_epsilon = static_cast<std::int64_t>(kMaxContractEpsilon) * kMicroEpsilonPerEpsilon;
  if (state.total_micro_epsilon < 1 || state.total_micro_epsilon > max_epsilon)
    refuse("the stored total epsilon is out of range (" + std::to_string(state.total_micro_epsilon) + " micro)");
  if (state.total_atto_delta < 0 || state.total_atto_delta >= kAttoDeltaPerDelta)
    refuse("the stored total delta is out of range (" + std::to_string(state.total_atto_delta) + " atto)");
  if (state.max_queries < 1 || state.max_queries > kMaxContractQueries)
    refuse("the stored max queries is out of range (" + std::to_string(state.max_queries) + ")");
  if (state.spent_micro_epsilon < 0 || state.spent_micro_epsilon > state.total_micro_epsilon)
    refuse("the stored spent epsilon is not within its total");
  if (state.spent_atto_delta < 0 || state.spent_atto_delta > state.total_atto_delta)
    refuse("the stored spent delta is not within its total");
  if (state.queries < 0 || state.queries > state.max_queries)
    refuse("the stored query count is not within its maximum");
}

std::optional<BudgetRefusal> PrivacyBudget::charge(PrivacyCost cost) {
  return charge(std::span<const PrivacyCost>(&cost, 1));
}

std::optional<BudgetRefusal> PrivacyBudget::charge(std::span<const PrivacyCost> parts) {
  if (parts.empty()) refuse("a charge has at least one part");
  Units sum;
  for (const PrivacyCost& part : parts) {  // every part is checked before anything is compared
    const Units units = charge_units(part);
    sum.micro_epsilon = saturating_add(sum.micro_epsilon, units.micro_epsilon);
    sum.atto_delta = saturating_add(sum.atto_delta, units.atto_delta);
  }
  if (const std::optional<BudgetRefusal> why = refusal_of(state_, sum)) return why;
  state_.spent_micro_epsilon += sum.micro_epsilon;
  state_.spent_atto_delta += sum.atto_delta;
  ++state_.queries;
  return std::nullopt;
}

std::optional<BudgetRefusal> PrivacyBudget::refusal(PrivacyCost cost) const {
  PrivacyBudget copy = *this;
  return copy.charge(cost);
}

PrivacyCost PrivacyBudget::total() const {
  return {as_epsilon(state_.total_micro_epsilon), as_delta(state_.total_atto_delta)};
}

PrivacyCost PrivacyBudget::spent() const {
  return {as_epsilon(state_.spent_micro_epsilon), as_delta(state_.spent_atto_delta)};
}

PrivacyCost PrivacyBudget::remaining() const {
  return {as_epsilon(state_.total_micro_epsilon - state_.spent_micro_epsilon),
          as_delta(state_.total_atto_delta - state_.spent_atto_delta)};
}

}  // namespace tongban::domain
