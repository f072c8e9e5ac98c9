// Private aggregates (domain/private_aggregate.h): the stated 95% accuracy holds in about 95% of runs; one person's
// thousand rows move a sum by at most the stated sensitivity; a group of one person (or of fewer than k, or of
// exactly k) is not listed, a large group is; the published parameters follow the header's formulas (and Google's
// threshold); the mean and the quantiles; determinism; refused input.
//
// Two test sources besides SeededNoise: FixedKeyNoNoise gives the hash key from a seed and then u = 1/2 forever,
// whose Laplace sample is exactly 0 — the release is then the exact bounded aggregate on the lattice, which is what
// the contribution tests compare. Rates over repetitions use SeededNoise with fixed seeds (deterministic); their
// tolerances are four binomial standard errors, sqrt(p (1 - p) / n).
#include "domain/private_aggregate.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "domain/privacy_budget.h"

namespace tongban::domain {
namespace {

// Two words of key from `seed`, then bits whose uniform is exactly 1/2 (no noise).
class FixedKeyNoNoise final : public NoiseSource {
 public:
  explicit FixedKeyNoNoise(std::uint64_t seed = 1) : seeded_(seed) {}
  std::uint64_t bits() override { return drawn_++ < 2 ? seeded_.bits() : std::uint64_t{1} << 63; }

 private:
  SeededNoise seeded_;
  int drawn_ = 0;
};

ProductRow row(const std::string& unit, const std::string& item, double amount) {
  ProductRow r;
  r.unit = unit;
  r.text["item"] = item;
  r.numbers["amount"] = amount;
  return r;
}

// n people ("<prefix>0", ...) with one row each in `item`.
void add_people(std::vector<ProductRow>& rows, int n, const std::string& item, double amount,
                const std::string& prefix) {
  for (int i = 0; i < n; ++i) rows.push_back(row(prefix + std::to_string(i), item, amount));
}

AggregateQuery count_query(double epsilon = 1) {
  AggregateQuery q;
  q.kind = AggregateKind::count;
  q.epsilon = epsilon;
  return q;
}

AggregateQuery grouped(AggregateQuery q, double delta, std::int64_t k) {
  q.group_by = "item";
  q.delta = delta;
  q.min_units = k;
  return q;
}

AggregateQuery sum_query(double lower, double upper, std::int64_t rows_per_unit, double epsilon = 1) {
  AggregateQuery q;
  q.kind = AggregateKind::sum;
  q.column = "amount";
  q.lower = lower;
  q.upper = upper;
  q.limits.max_rows_per_unit_per_partition = rows_per_unit;
  q.epsilon = epsilon;
  return q;
}

std::set<std::string> listed(const PrivateRelease& release) {
  std::set<std::string> keys;
  for (const ReleasedFigure& f : release.figures) keys.insert(f.group.value_or("(none)"));
  return keys;
}

double value_of(const PrivateRelease& release, const std::string& group) {
  for (const ReleasedFigure& f : release.figures)
    if (f.group == group) return f.values.at(0);
  ADD_FAILURE() << group << " is not listed";
  return 0;
}

// --- Accuracy -------------------------------------------------------------------------------------------------

TEST(PrivateAggregate, TheNoisyCountIsWithinItsStated95PercentAccuracyIn95PercentOfRuns) {
  std::vector<ProductRow> rows;
  add_people(rows, 10, "a", 1, "p");
  SeededNoise noise(2024);
  const int runs = 2000;
  int within = 0;
  for (int i = 0; i < runs; ++i) {
    const PrivateRelease r = private_aggregate(rows, count_query(), noise);
    within += std::abs(r.figures.at(0).values.at(0) - 10) <= r.figures.at(0).accuracy.at(0).half_width;
  }
  // sd of the rate sqrt(0.95 x 0.05 / 2000) = 0.00487; four of them.
  EXPECT_NEAR(static_cast<double>(within) / runs, 0.95, 4 * 0.00487);
}

TEST(PrivateAggregate, TheNoisySumOfAListedGroupIsWithinItsStatedAccuracyIn95PercentOfRuns) {
  std::vector<ProductRow> rows;
  for (int i = 0; i < 80; ++i) rows.push_back(row("p" + std::to_string(i), "a", i % 7));  // exact sum 237
  const AggregateQuery q = grouped(sum_query(0, 10, 1), 1e-6, 5);
  SeededNoise noise(77);
  const int runs = 500;
  int within = 0;
  for (int i = 0; i < runs; ++i) {
    const PrivateRelease r = private_aggregate(rows, q, noise);
    ASSERT_EQ(r.figures.size(), 1u);  // 80 people: far above the threshold (about 31)
    within += std::abs(r.figures[0].values[0] - 237) <= r.figures[0].accuracy[0].half_width;
  }
  EXPECT_NEAR(static_cast<double>(within) / runs, 0.95, 4 * 0.00975);  // sqrt(0.95 x 0.05 / 500)
}

// --- Contribution bounding ------------------------------------------------------------------------------------

TEST(PrivateAggregate, OnePersonWithAThousandRowsMovesASumByAtMostTheSensitivity) {
  std::vector<ProductRow> others;
  add_people(others, 50, "a", 10, "p");
  std::vector<ProductRow> with = others;
  for (int i = 0; i < 1000; ++i) with.push_back(row("heavy", "a", 1e6));  // clamped to 100, 3 rows kept
  const AggregateQuery q = sum_query(0, 100, 3);
  FixedKeyNoNoise a;
  FixedKeyNoNoise b;
  const PrivateRelease without_them = private_aggregate(others, q, a);
  const PrivateRelease with_them = private_aggregate(with, q, b);
  const double change = with_them.figures[0].values[0] - without_them.figures[0].values[0];
  EXPECT_DOUBLE_EQ(without_them.figures[0].values[0], 500);
  EXPECT_NEAR(change, 300, 1e-6);  // r x upper
  EXPECT_LE(std::abs(change), with_them.sensitivity);
  EXPECT_LT(with_them.sensitivity, 300 + 1);  // and the sensitivity is not loose: r (M + ρ) + g
}

TEST(PrivateAggregate, OnePersonInTenGroupsMovesAGroupedSumByAtMostTheSensitivityInAll) {
  std::vector<ProductRow> others;
  for (int g = 0; g < 10; ++g) add_people(others, 200, "g" + std::to_string(g), 10, "p" + std::to_string(g) + "-");
  std::vector<ProductRow> with = others;
  for (int i = 0; i < 1000; ++i) with.push_back(row("heavy", "g" + std::to_string(i % 10), 100));
  AggregateQuery q = grouped(sum_query(0, 100, 3), 1e-8, 5);
  q.limits.max_partitions_per_unit = 2;
  FixedKeyNoNoise a;
  FixedKeyNoNoise b;
  const PrivateRelease without_them = private_aggregate(others, q, a);
  const PrivateRelease with_them = private_aggregate(with, q, b);
  ASSERT_EQ(without_them.figures.size(), 10u);
  ASSERT_EQ(with_them.figures.size(), 10u);
  double l1 = 0;
  int changed = 0;
  for (int g = 0; g < 10; ++g) {
    const std::string key = "g" + std::to_string(g);
    const double change = value_of(with_them, key) - value_of(without_them, key);
    l1 += std::abs(change);
    changed += change != 0;
  }
  EXPECT_EQ(changed, 2);           // m groups
  EXPECT_NEAR(l1, 2 * 300, 1e-6);  // r rows at the bound in each
  EXPECT_LE(l1, with_them.sensitivity);
}

TEST(PrivateAggregate, TheRowsKeptAreAFairSampleNotTheFirst) {
  std::vector<ProductRow> rows;
  for (int i = 0; i < 100; ++i) rows.push_back(row("one", "a", i));
  const AggregateQuery q = sum_query(0, 1000, 1);
  double total = 0;
  const int keys = 200;
  for (int seed = 1; seed <= keys; ++seed) {
    FixedKeyNoNoise noise(static_cast<std::uint64_t>(seed));  // a new key each time, no noise
    total += private_aggregate(rows, q, noise).figures[0].values[0];
  }
  // The kept row is uniform over 0..99: mean 49.5, sd 28.9; four standard errors of the mean of 200 draws. The first
  // row would give 0, the last 99.
  EXPECT_NEAR(total / keys, 49.5, 4 * 28.9 / std::sqrt(static_cast<double>(keys)));
}

// --- Partition selection --------------------------------------------------------------------------------------

TEST(PrivateAggregate, AGroupOfOnePersonIsNeverListedAtTheMinimumK) {
  std::vector<ProductRow> rows;
  rows.push_back(row("alone", "rare", 1));
  add_people(rows, 60, "common", 1, "p");                    // the threshold is about 27
  const AggregateQuery q = grouped(count_query(), 1e-6, 1);  // k = 1: only the noisy threshold protects
  SeededNoise noise(13);
  int common = 0;
  for (int i = 0; i < 1000; ++i) {
    const std::set<std::string> keys = listed(private_aggregate(rows, q, noise));
    EXPECT_EQ(keys.count("rare"), 0u) << i;
    common += keys.count("common") > 0;
  }
  EXPECT_EQ(common, 1000);
}

TEST(PrivateAggregate, GroupsBelowKAndAtKAreNotListedAndUnlistedKeysAreAbsent) {
  std::vector<ProductRow> rows;
  add_people(rows, 4, "four", 1, "f");
  add_people(rows, 5, "five", 1, "v");   // exactly k: listed with probability at most δ' = 10^-6
  add_people(rows, 70, "many", 1, "m");  // the threshold is about 31
  const AggregateQuery q = grouped(count_query(), 1e-6, 5);
  SeededNoise noise(99);
  for (int i = 0; i < 1000; ++i) {
    const PrivateRelease r = private_aggregate(rows, q, noise);
    ASSERT_EQ(listed(r), (std::set<std::string>{"many"})) << i;
    ASSERT_EQ(r.figures.size(), 1u);
  }
}

TEST(PrivateAggregate, AGroupWellAboveTheThresholdIsListedAndOneNearItSometimes) {
  std::vector<ProductRow> rows;
  add_people(rows, 70, "many", 1, "m");
  const AggregateQuery q = grouped(count_query(), 1e-6, 5);
  SeededNoise noise(5);
  const double threshold = private_aggregate(rows, q, noise).selection_threshold;
  add_people(rows, static_cast<int>(std::round(threshold)), "near", 1, "n");  // about the threshold: half the time
  int near = 0;
  for (int i = 0; i < 200; ++i) {
    const std::set<std::string> keys = listed(private_aggregate(rows, q, noise));
    EXPECT_EQ(keys.count("many"), 1u);
    near += keys.count("near") > 0;
  }
  EXPECT_GT(near, 50);  // about 43%, sd 3.5%
  EXPECT_LT(near, 150);
}

// --- The published parameters ---------------------------------------------------------------------------------

TEST(PrivateAggregate, ThePublishedParametersFollowTheFormulas) {
  FixedKeyNoNoise noise;
  AggregateQuery count = count_query(1);
  count.limits.max_rows_per_unit_per_partition = 2;
  const PrivateRelease c = private_aggregate({}, count, noise);
  EXPECT_EQ(c.mechanism, "laplace_count");
  EXPECT_EQ(c.selection, "none");
  EXPECT_EQ(c.epsilon, 1);
  EXPECT_EQ(c.delta, 0);
  EXPECT_EQ(c.aggregation_epsilon, 1);
  EXPECT_EQ(c.granularity, 0x1p-9);  // the power of 2 at or above (1 x 2 / 1) / 1024
  EXPECT_EQ(c.sensitivity, 2 + 0x1p-9);
  EXPECT_EQ(c.noise_scale, 2 + 0x1p-9);
  ASSERT_EQ(c.figures.size(), 1u);
  EXPECT_EQ(c.figures[0].group, std::nullopt);
  EXPECT_DOUBLE_EQ(c.figures[0].accuracy[0].half_width, (2 + 0x1p-9) * std::log(20.0) + 0x1p-9);
  EXPECT_EQ(c.figures[0].accuracy[0].confidence, 0.95);
  EXPECT_EQ(c.figures[0].accuracy[0].unit, AccuracyUnit::value);

  AggregateQuery sum = grouped(sum_query(-50, 100, 3), 1e-6, 5);
  sum.limits.max_partitions_per_unit = 2;
  const PrivateRelease s = private_aggregate({}, sum, noise);
  EXPECT_EQ(s.mechanism, "laplace_sum");
  EXPECT_EQ(s.selection, "laplace_partition_selection");
  EXPECT_EQ(s.delta, 1e-6);
  EXPECT_EQ(s.aggregation_epsilon, 0.5);
  EXPECT_EQ(s.selection_epsilon, 0.5);
  EXPECT_EQ(s.lower, -50);
  EXPECT_EQ(s.upper, 100);
  EXPECT_EQ(s.limits, sum.limits);
  EXPECT_EQ(s.granularity, 2);  // (2 x 3 x 100 / 0.5) / 1024 = 1.17
  const double rho = 2 * 0x1p-20;
  EXPECT_DOUBLE_EQ(s.sensitivity, 2 * (3 * (100 + rho) + 2));
  EXPECT_DOUBLE_EQ(s.noise_scale, s.sensitivity / 0.5);
  // Selection: b = m (1 + g) / ε_sel, g = 2^-8; T = k + g + b ln(1 / (2 δ')), δ' = 1 - (1 - δ)^(1/m).
  const double g = 0x1p-8;
  const double b = 2 * (1 + g) / 0.5;
  const double per_group = 1 - std::sqrt(1 - 1e-6);
  EXPECT_DOUBLE_EQ(s.selection_noise_scale, b);
  EXPECT_NEAR(s.selection_threshold, 5 + g + b * std::log(1 / (2 * per_group)), 1e-9);
  // Google's LaplacePartitionSelection threshold, 1 - b ln(2 δ'), shifted by the pre-threshold k - 1; plus g.
  EXPECT_NEAR(s.selection_threshold, 1 - b * std::log(2 * per_group) + (5 - 1) + g, 1e-9);
  EXPECT_EQ(s.min_units, 5);
  EXPECT_TRUE(s.figures.empty());  // no rows, no groups

  AggregateQuery mean = sum_query(0, 100, 1);
  mean.kind = AggregateKind::mean;
  const PrivateRelease m = private_aggregate({}, mean, noise);
  EXPECT_EQ(m.mechanism, "laplace_mean");
  EXPECT_EQ(m.granularity, 0x1p-3);  // (1 x 50 / 0.5) / 1024 = 0.098: h = 50, ε/2 each
  EXPECT_DOUBLE_EQ(m.noise_scale, (50 + 0x1p-23 + 0x1p-3) / 0.5);
  EXPECT_DOUBLE_EQ(m.count_noise_scale, (1 + 0x1p-9) / 0.5);

  AggregateQuery quantiles = sum_query(0, 1000, 2, 3);
  quantiles.kind = AggregateKind::quantiles;
  quantiles.quantile_levels = {0.1, 0.5, 0.9};
  const PrivateRelease q = private_aggregate({}, quantiles, noise);
  EXPECT_EQ(q.mechanism, "exponential_grid_quantiles");
  EXPECT_EQ(q.sensitivity, 2);
  EXPECT_DOUBLE_EQ(q.noise_scale, 2 * 2 / 1.0);  // τ = 2 Δu / ε_q, ε_q = 3 / 3 levels
  EXPECT_DOUBLE_EQ(q.granularity, 1000.0 / 1024);
  EXPECT_EQ(q.quantile_levels, quantiles.quantile_levels);
  ASSERT_EQ(q.figures.size(), 1u);
  EXPECT_DOUBLE_EQ(q.figures[0].accuracy[1].half_width, 4 * std::log(1025 / 0.05));
  EXPECT_EQ(q.figures[0].accuracy[1].unit, AccuracyUnit::rank);
}

TEST(PrivateAggregate, TheDefaultsGiveTheDocumentedAccuracyAndThreshold) {
  FixedKeyNoNoise noise;
  AggregateQuery q;  // count, ε 1, m = r = 1
  EXPECT_NEAR(private_aggregate({}, q, noise).figures[0].accuracy[0].half_width, 3.0, 0.01);
  q.group_by = "item";
  q.delta = kDefaultQueryDelta;
  const PrivateRelease r = private_aggregate({row("a", "x", 1)}, q, noise);
  EXPECT_NEAR(r.selection_threshold, 45.1, 0.05);
  EXPECT_NEAR(r.noise_scale * std::log(20.0) + r.granularity, 6.0, 0.01);
  EXPECT_EQ(r.min_units, kDefaultMinUnits);
  // 50 default grouped queries fit the default contract's δ, and 5 its ε.
  PrivacyBudget budget(kDefaultContractEpsilon, kDefaultContractDelta, kDefaultContractQueries);
  int answered = 0;
  while (!budget.charge(privacy_cost(q))) ++answered;
  EXPECT_EQ(answered, 5);
  EXPECT_LE(kDefaultContractQueries * kDefaultQueryDelta, kDefaultContractDelta);
}

TEST(PrivateAggregate, PrivacyCostIsWhatTheReleaseSpendsAndIsChargedBeforeIt) {
  std::vector<ProductRow> rows;
  add_people(rows, 30, "a", 1, "p");
  const AggregateQuery q = grouped(count_query(0.5), 1e-8, 5);
  EXPECT_EQ(privacy_cost(q), (PrivacyCost{0.5, 1e-8}));
  EXPECT_EQ(privacy_cost(count_query(0.25)), (PrivacyCost{0.25, 0}));
  PrivacyBudget budget(1.0, 1e-6, 10);
  SeededNoise noise(3);
  int answered = 0;
  for (int i = 0; i < 5; ++i) {
    PrivacyBudget charged = budget;
    if (charged.charge(privacy_cost(q))) continue;  // refused: nothing run
    const PrivateRelease r = private_aggregate(rows, q, noise);
    EXPECT_EQ((PrivacyCost{r.epsilon, r.delta}), privacy_cost(q));
    budget = charged;  // committed with the release
    ++answered;
  }
  EXPECT_EQ(answered, 2);
  EXPECT_EQ(budget.spent(), (PrivacyCost{1.0, 2e-8}));
}

// --- Mean and quantiles ---------------------------------------------------------------------------------------

TEST(PrivateAggregate, TheMeanIsTheNormalisedSumOverTheCountWithinTheBounds) {
  std::vector<ProductRow> rows = {row("a", "x", 10), row("b", "x", 20), row("c", "x", 30), row("d", "x", -5)};
  AggregateQuery q = sum_query(0, 100, 1);
  q.kind = AggregateKind::mean;
  FixedKeyNoNoise exact;
  EXPECT_NEAR(private_aggregate(rows, q, exact).figures[0].values[0], 15, 1e-6);  // -5 clamped to 0
  q.epsilon = 0.01;  // noise far larger than the range: the mean is still within it
  SeededNoise noise(8);
  for (int i = 0; i < 200; ++i) {
    const double mean = private_aggregate(rows, q, noise).figures[0].values[0];
    EXPECT_GE(mean, 0);
    EXPECT_LE(mean, 100);
  }
}

TEST(PrivateAggregate, TheMeanIsWithinItsStatedAccuracyAtLeast95PercentOfTheTime) {
  std::vector<ProductRow> rows;
  double exact = 0;
  for (int i = 0; i < 100; ++i) {
    rows.push_back(row("p" + std::to_string(i), "x", i % 50));
    exact += i % 50;
  }
  exact /= 100;
  AggregateQuery q = sum_query(0, 100, 1);
  q.kind = AggregateKind::mean;
  SeededNoise noise(31);
  int within = 0;
  for (int i = 0; i < 300; ++i) {
    const ReleasedFigure f = private_aggregate(rows, q, noise).figures[0];
    within += std::abs(f.values[0] - exact) <= f.accuracy[0].half_width;
  }
  EXPECT_GE(within, 300 * (0.95 - 4 * 0.0126));  // the interval is conservative: at least 95%, less 4 sd
}

TEST(PrivateAggregate, QuantilesAreWithinTheirRankAccuracyAndNeverCross) {
  std::vector<ProductRow> rows;
  for (int i = 0; i <= 500; ++i) rows.push_back(row("p" + std::to_string(i), "x", i));
  AggregateQuery q = sum_query(0, 500, 1, 3);
  q.kind = AggregateKind::quantiles;
  q.quantile_levels = {0.1, 0.5, 0.9};
  SeededNoise noise(4);
  const int runs = 60;
  int within = 0;
  for (int i = 0; i < runs; ++i) {
    const ReleasedFigure f = private_aggregate(rows, q, noise).figures[0];
    ASSERT_EQ(f.values.size(), 3u);
    EXPECT_TRUE(std::is_sorted(f.values.begin(), f.values.end()));
    for (std::size_t l = 0; l < 3; ++l) {
      const double at_or_below = std::floor(f.values[l]) + 1;  // values 0..500, one each
      const double miss = std::abs(at_or_below - q.quantile_levels[l] * 501);
      within += miss <= f.accuracy[l].half_width + 1;  // the best grid point misses by at most 1 here
    }
  }
  EXPECT_GE(within, static_cast<int>(0.95 * 3 * runs));
}

// --- Determinism and empty input ------------------------------------------------------------------------------

TEST(PrivateAggregate, TheSameSeedGivesTheSameReleaseAndAnotherSeedAnother) {
  std::vector<ProductRow> rows;
  for (int g = 0; g < 5; ++g) add_people(rows, 100, "g" + std::to_string(g), g, "p" + std::to_string(g) + "-");
  AggregateQuery q = grouped(sum_query(0, 10, 2), 1e-8, 5);
  SeededNoise a(11);
  SeededNoise b(11);
  SeededNoise c(12);
  const PrivateRelease first = private_aggregate(rows, q, a);
  EXPECT_EQ(first, private_aggregate(rows, q, b));
  EXPECT_NE(first, private_aggregate(rows, q, c));
  EXPECT_EQ(first.figures.size(), 5u);
}

TEST(PrivateAggregate, AnUngroupedQueryAnswersEvenWithoutRows) {
  SeededNoise noise(1);
  const PrivateRelease r = private_aggregate({}, count_query(), noise);
  ASSERT_EQ(r.figures.size(), 1u);
  EXPECT_EQ(r.figures[0].group, std::nullopt);
  EXPECT_EQ(r.figures[0].values.size(), 1u);
}

// --- Refused input --------------------------------------------------------------------------------------------

void expect_refused(const std::vector<ProductRow>& rows, const AggregateQuery& q, const std::string& naming) {
  SeededNoise noise(1);
  try {
    (void)private_aggregate(rows, q, noise);
    ADD_FAILURE() << "accepted; expected a refusal naming " << naming;
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find(naming), std::string::npos) << e.what();
  }
}

TEST(PrivateAggregate, InvalidInputIsRefusedNamingIt) {
  const std::vector<ProductRow> rows = {row("a", "x", 1), row("b", "x", 2)};
  expect_refused(rows, count_query(0), "epsilon");
  expect_refused(rows, count_query(-1), "epsilon");
  expect_refused(rows, count_query(std::nan("")), "epsilon");
  expect_refused(rows, count_query(kMaxQueryEpsilon * 2), "epsilon");
  expect_refused(rows, sum_query(10, 1, 1), "reversed");
  expect_refused(rows, sum_query(1, 1, 1), "narrower");
  expect_refused(rows, sum_query(0, std::numeric_limits<double>::infinity(), 1), "finite");
  expect_refused(rows, sum_query(0, kMaxBoundMagnitude * 2, 1), "bounds");
  std::vector<ProductRow> with_nan = rows;
  with_nan[1].numbers["amount"] = std::nan("");
  expect_refused(with_nan, sum_query(0, 10, 1), "row 1: column \"amount\" is NaN");
  AggregateQuery no_column = sum_query(0, 10, 1);
  no_column.column.clear();
  expect_refused(rows, no_column, "column name is empty");
  AggregateQuery count_with_column = count_query();
  count_with_column.column = "amount";
  expect_refused(rows, count_with_column, "count takes no column");
  AggregateQuery unknown_column = sum_query(0, 10, 1);
  unknown_column.column = "price";
  expect_refused(rows, unknown_column, "row 0 has no column \"price\"");
  AggregateQuery unknown_group = grouped(count_query(), 1e-8, 5);
  unknown_group.group_by = "channel";
  expect_refused(rows, unknown_group, "row 0 has no column \"channel\"");
  std::vector<ProductRow> anonymous = rows;
  anonymous[0].unit.clear();
  expect_refused(anonymous, count_query(), "row 0 has no privacy unit");
  expect_refused(rows, grouped(count_query(), 0, 5), "delta");
  expect_refused(rows, grouped(count_query(), kMaxQueryDelta * 2, 5), "delta");
  AggregateQuery ungrouped_delta = count_query();
  ungrouped_delta.delta = 1e-8;
  expect_refused(rows, ungrouped_delta, "delta");
  expect_refused(rows, grouped(count_query(), 1e-8, 0), "min units");
  AggregateQuery no_partitions = count_query();
  no_partitions.limits.max_partitions_per_unit = 0;
  expect_refused(rows, no_partitions, "max partitions per unit");
  AggregateQuery too_many_rows = count_query();
  too_many_rows.limits.max_rows_per_unit_per_partition = kMaxRowsPerUnitPerPartition + 1;
  expect_refused(rows, too_many_rows, "max rows per unit per partition");
  AggregateQuery quantiles = sum_query(0, 10, 1);
  quantiles.kind = AggregateKind::quantiles;
  expect_refused(rows, quantiles, "quantile levels");
  quantiles.quantile_levels = {0.5, 0.5};
  expect_refused(rows, quantiles, "strictly increasing");
  quantiles.quantile_levels = {1.5};
  expect_refused(rows, quantiles, "not in [0, 1]");
  AggregateQuery levels_on_a_sum = sum_query(0, 10, 1);
  levels_on_a_sum.quantile_levels = {0.5};
  expect_refused(rows, levels_on_a_sum, "quantile levels are for quantiles only");
  EXPECT_THROW((void)privacy_cost(count_query(0)), std::invalid_argument);
  EXPECT_EQ(to_string(AggregateKind::quantiles), "quantiles");
  EXPECT_EQ(to_string(AccuracyUnit::rank), "rank");
}

}  // namespace
}  // namespace tongban::domain
