// The privacy budget of a data-market contract (issue 13): how much (ε, δ) a buyer may spend on the "usable but
// invisible" queries of domain/private_aggregate.h over one contract's data, and how many queries. Pure: a value that
// the store persists (PrivacyBudgetState) and gives back; nothing here keeps anything.
//
// Accounting: sequential (basic) composition. Queries of (ε_i, δ_i) over the same people are together
// (Σ ε_i, Σ δ_i)-differentially private, also when each query and its ε are chosen after seeing the earlier answers,
// as long as the total is fixed in advance and a query that would pass it is refused (a "privacy filter", Rogers,
// Roth, Ullman and Vadhan 2016, for basic composition). So charge() admits a query only when spent + ε <= total
// ε, spent δ + δ <= total δ and queries < max queries; otherwise it returns why it refuses and changes nothing.
//   - A query that splits itself (a grouped query's partition selection and aggregation, a mean's sum and count,
//     several quantiles, or a caller running ten small queries instead of one large) is charged the sum of its
//     parts: splitting an ε of 1 into ten queries of 0.1 against a budget of 0.5 gets five answers, never more than
//     the budget. charge(parts) charges several parts as one query, all or nothing.
//   - Basic composition is loose (advanced composition or Rényi accounting would admit more queries for the same
//     guarantee); it is also the one that needs no assumption about the queries, and a contract's budget is small.
//   - The queries count against max_queries whatever their ε: each answer is also a chance to misuse the data
//     (differencing by hand, a bug), and a contract is priced by queries.
//
// Fixed point. ε is accounted in micro-units (10^-6) and δ in atto-units (10^-18), as int64, so that the order of
// the charges cannot change the total (floating-point sums are not associative: 0.1 + 0.2 + 0.3 != 0.3 + 0.2 + 0.1)
// and a total is exact. A charge is rounded up to the next unit — except that a charge within a billionth (relative)
// of a whole number of units is that number: 0.1 is 100000 micro-ε, not 100001 because the double 0.1 is a little
// more than 1/10 — and a total is rounded down (with the same tolerance). So the accountant under-charges by at most
// a billionth of a charge, and grants at most a billionth more than the total.
//
// The caller's part. The accountant does not release anything and cannot see a release: the caller charges a copy,
// runs the query only if the charge is admitted, and commits the charged budget together with the release, in one
// transaction (a release without its charge is a free query; a charge without its release is a lost one, which is
// safe). Two queries at once on the same contract must not both charge the same stored value: the store serialises
// them (a row lock, or a compare of queries() on write).
//
// Errors: an invalid total (ε not finite or <= 0 or above kMaxContractEpsilon, δ not in [0, 1), max queries < 1 or
// above kMaxContractQueries), an invalid state (spent above total, or negative), or an invalid charge (ε not finite
// or <= 0, δ not finite or not in [0, 1), no parts) throws std::invalid_argument naming it.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace tongban::domain {

inline constexpr double kMaxContractEpsilon = 100;
inline constexpr std::int64_t kMaxContractQueries = 100'000;
inline constexpr std::int64_t kMicroEpsilonPerEpsilon = 1'000'000;             // ε unit: 10^-6
inline constexpr std::int64_t kAttoDeltaPerDelta = 1'000'000'000'000'000'000;  // δ unit: 10^-18

// The defaults recommended for a contract: ε 5 in total, δ 10^-7 in total, 50 queries — so a query of the default
// ε 1 and δ 10^-9 (domain/private_aggregate.h) can be answered 5 times, or 50 times at ε 0.1. ε 5 bounds the factor
// by which all of a contract's answers together can shift any inference about one person to e^5 ≈ 150: weak as a
// theorem, in line with what deployed systems spend (the 2020 US census spent more), and small enough that a buyer
// must choose their questions. δ 10^-7 stays below 1 / (10 n) for products of up to a million people.
inline constexpr double kDefaultContractEpsilon = 5;
inline constexpr double kDefaultContractDelta = 1e-7;
inline constexpr std::int64_t kDefaultContractQueries = 50;

// What a query costs, or what is left.
struct PrivacyCost {
  double epsilon = 0;
  double delta = 0;
  bool operator==(const PrivacyCost&) const = default;
};

enum class BudgetRefusal { query_limit_reached, epsilon_exhausted, delta_exhausted };
std::string_view to_string(BudgetRefusal refusal);  // "query_limit_reached", "epsilon_exhausted", "delta_exhausted"

// The persisted form: exact integers.
struct PrivacyBudgetState {
  std::int64_t total_micro_epsilon = 0;
  std::int64_t total_atto_delta = 0;
  std::int64_t max_queries = 0;
  std::int64_t spent_micro_epsilon = 0;
  std::int64_t spent_atto_delta = 0;
  std::int64_t queries = 0;
  bool operator==(const PrivacyBudgetState&) const = default;
};

class PrivacyBudget {
 public:
  // A fresh budget, nothing spent.
  PrivacyBudget(double total_epsilon, double total_delta, std::int64_t max_queries);
  // A budget as the store kept it; throws std::invalid_argument when the state is inconsistent.
  explicit PrivacyBudget(const PrivacyBudgetState& state);

  // Charges one query of `cost`: nullopt when admitted (and charged), the reason otherwise (and nothing charged).
  [[nodiscard]] std::optional<BudgetRefusal> charge(PrivacyCost cost);
  // Charges the sum of `parts` as one query, all or nothing.
  [[nodiscard]] std::optional<BudgetRefusal> charge(std::span<const PrivacyCost> parts);
  // What charge(cost) would answer, charging nothing.
  [[nodiscard]] std::optional<BudgetRefusal> refusal(PrivacyCost cost) const;

  const PrivacyBudgetState& state() const { return state_; }
  PrivacyCost total() const;
  PrivacyCost spent() const;
  PrivacyCost remaining() const;
  std::int64_t queries() const { return state_.queries; }
  std::int64_t max_queries() const { return state_.max_queries; }

  bool operator==(const PrivacyBudget&) const = default;

 private:
  PrivacyBudgetState state_;
};

}  // namespace tongban::domain
