// "Usable but invisible" queries (issue 13, the data market): a buyer asks for a count, sum, mean or quantiles of a
// column of a data product's rows, overall or by a grouping key, and receives figures with calibrated noise and never
// a row. Each answer is differentially private with respect to one person (the privacy unit); the buyer's contract
// caps what all its answers together may spend (domain/privacy_budget.h); the noise is domain/noise_source.h's. The
// design follows Google's differential-privacy library (bounded contributions, clamping to declared bounds, the
// Laplace mechanism on a power-of-2 lattice, the midpoint-normalised mean, Laplace partition selection with a
// pre-threshold); the code is this project's own. Pure: rows in, a PrivateRelease value out, nothing kept; the only
// input besides rows and query is the NoiseSource.
//
// The rows. A ProductRow carries the privacy unit (the person: an opaque id, never published), text columns (the
// grouping keys) and numeric columns. Neighbouring data sets differ by all the rows of one unit (added or removed),
// however many: "user-level" privacy, not "row-level". A unit must be a person — one person under two ids is two
// units and gets twice the loss.
//
// The steps, in order:
//  1. Validation (below, Errors). The bounds [lower, upper] of the column are declared by the query (the contract's
//     schema), never read off the data: bounds taken from the data would themselves be a release.
//  2. Contribution bounding. For each unit, its groups are ranked by a keyed hash of (unit, group) and the first
//     m = max_partitions_per_unit are kept; in each kept group its rows are ranked by a keyed hash of (unit, group,
//     j), j the row's place among that unit's rows of that group in input order, and the first r =
//     max_rows_per_unit_per_partition are kept. The hash is SipHash-2-4 (libsodium crypto_shorthash); its 128-bit key
//     is drawn from the NoiseSource for each query, so the choice is a uniformly random subset (with SodiumNoise)
//     and reproducible with SeededNoise. What a unit keeps depends on its own rows and the key only, so after
//     bounding, a unit is in at most m groups with at most r rows in each: the premise of every sensitivity below.
//     First-k in input order would do as much for privacy but keep a biased sample (the oldest rows). An ungrouped
//     query has one group, so m does not matter there (L0 = 1 below).
//  3. Clamping: every kept value is clamped to [lower, upper] (±infinity to the bound; NaN is refused).
//  4. The exact aggregate of each group, in integers. Counts are integers. For a sum, each clamped value is
//     rounded to the nearest multiple of ρ = g 2^-20 (g the noise granularity below) and summed as an int64 count
//     of ρ: the total does not depend on the order of the rows — a floating-point sum does, and a person's row can
//     then move it by more than its value (Casacuberta et al., "Widespread underestimation of sensitivity in
//     differentially private libraries", CCS 2022). The rounding moves a row by at most ρ/2, about 10^-9 of the
//     noise scale.
//  5. The budget split. The query's ε is spent as follows (sequential composition; the parts sum to ε):
//       - grouped: ε/2 on partition selection (with all of δ), ε/2 on the aggregate; ungrouped: all of ε on the
//         aggregate, δ = 0 (the only group, the whole product, is public, and no selection is needed);
//       - mean: the aggregate's ε in halves, one to the normalised sum and one to the count (Google's BoundedMean);
//       - quantiles: the aggregate's ε in equal parts, one per level.
//  6. The Laplace mechanism (count, sum, the mean's two parts, partition selection). With L0 = m (grouped) or 1 and
//     the per-group sensitivity s of the exact aggregate (what one unit's kept rows can change it by):
//         count of rows            s = r
//         sum                      s = r (M + ρ),  M = max(|lower|, |upper|)
//         mean: normalised sum     s = r (h + ρ),  h = (upper - lower) / 2, values taken as clamp(v) - midpoint
//         mean: count              s = r
//         selection: units         s = 1
//     the granularity g = the smallest power of 2 >= (L0 s_nominal / ε') / 2^10 (s_nominal: s without the ρ),
//     the sensitivity Δ = L0 (s + g) (L1 over the m groups a unit touches, plus the lattice rounding),
//     the scale b = Δ / ε' (ε' the part of ε of this mechanism),
//     and the release snap_g(exact) + snap_g(Laplace(b)) (noise_source.h for why the lattice).
//  7. The mean: midpoint + S~ / max(1, N~), clamped to [lower, upper], S~ and N~ the noisy normalised sum and count.
//     Normalising halves the sum's sensitivity for a range like [0, U] (h instead of M); clamping and max(1, ·) are
//     post-processing, free of privacy cost.
//  8. Quantiles: the exponential mechanism over a fixed grid of G + 1 = kQuantileGridIntervals + 1 points c_j =
//     lower + j (upper - lower) / G. For a level q over the group's n kept values, the utility of c is
//     u(c) = -|#{x <= c} - q n|; one unit changes #{x <= c} by a and n by a' (0 <= a <= a' <= r), so u by at most r:
//     Δu = r. A point is drawn with probability proportional to exp(u(c_j) / τ), τ = 2 Δu / ε_q, ε_q = the level's
//     ε / L0 (composition over the m groups). The levels' values are then sorted (levels are strictly increasing,
//     and sorting is post-processing), so the quantiles never cross.
//  9. Partition selection (grouped queries). A group is listed only when both hold:
//       - its raw count of distinct units (after bounding) is at least k = min_units (the small-cell rule, as in
//         domain/cell_suppression.h), and
//       - its noisy unit count snap_g(units) + snap_g(Laplace(b)), b = m (1 + g) / ε_sel, exceeds
//             T = k + g + b ln(1 / (2 δ')),  δ' = 1 - (1 - δ)^(1/m)  (computed as -expm1(log1p(-δ) / m)).
//     This is Google's LaplacePartitionSelection with its pre-threshold: their threshold 1 - b ln(2 δ') shifted by
//     k - 1, plus g for the lattice. The shift is what makes k compatible with differential privacy: a group of
//     k - 1 units is never listed, so the group one unit more makes of it (k units) must be listed with probability
//     at most δ' — P(k + noise > T) <= e^(-(T - k - g)/b) / 2 = δ'; without the shift it would be listed almost
//     surely, and its appearance would tell that the k-th person is in it. The m groups one unit can create are then
//     all unlisted with probability at least (1 - δ')^m = 1 - δ. A group not listed is absent: no key, no figure, no
//     mark. Listed groups are in the bytewise order of their keys; their figures' noise is drawn independently.
//
// The guarantee. Against anyone who knows the query, the bounds, this algorithm and every other row — even every
// row of the product but one person's, all forged by them if they like — and sees the release, the release is
// (ε, δ)-differentially private for that person's rows: by composition of the parts in 5 — the selection (ε/2,
// δ)-DP, each other part ε'-DP — in exact arithmetic of the probabilities (noise_source.h tells what floating point
// leaves of that). Queries chosen adaptively compose through the contract's budget.
//
// Accuracy, in every figure, at confidence 95% (kAccuracyConfidence), of the noise only — relative to the exact
// aggregate of the bounded, clamped rows (with a sum's rows on the ρ lattice); the bias of bounding and clamping
// (rows dropped, values cut) is the buyer's to judge from the declared limits and bounds:
//   - count, sum: |released - exact| <= b ln 20 + g with probability >= 95% (P(|Laplace(b)| > b ln 20) = 5%, and the
//     two roundings move it by g/2 each). unit = value.
//   - mean: each of S~ and N~ is within its 97.5% half-width (b ln 40 + g) of its exact value with probability
//     >= 95% together; the half-width is how far the released mean is from the farthest mean consistent with those
//     intervals (denominator at least 1), within [lower, upper]. It is computed from the released figures, so it
//     costs nothing and tells nothing new. unit = value.
//   - quantiles: with probability >= 95% the released point's utility is within τ ln((G + 1) / 0.05) of the best
//     grid point's (the exponential mechanism's bound: P(u <= best - t) <= (G + 1) e^(-t/τ)), so its rank
//     #{x <= released} is within that many rows of q n, plus the best grid point's own miss; the grid's resolution,
//     (upper - lower) / G, is the release's `granularity`. unit = rank.
//
// Not withstood, by design or by scope:
//   - floating point beyond noise_source.h's lattice (its residual tail; the exponential mechanism's weights), and
//     timing: the time taken depends on the rows, the groups and the noise;
//   - the group keys: a listed key is published verbatim. Selection hides a key few people share, not a key that is
//     sensitive in itself when many do; keys must come from a column the contract allows to be published;
//   - one person as several units (two ids), and groups of people (a household, a company's staff) as such;
//   - several contracts over the same people: each contract's budget is its own, and buyers who pool their answers
//     get the sum of their budgets (a per-product budget would have to be kept by the caller);
//   - bounds or limits chosen after looking at the data (the caller's), and values outside the bounds (cut, and
//     the figure is biased, never leaked);
//   - the δ residue of noise_source.h, which the budget does not charge.
//
// Size bound: at most kMaxPrivateRows rows. Time O(n log n) in the rows (one sort groups them by unit and group, the
// hash ranking sorts each unit's own) plus, for quantiles, O(levels x (G + n)) per group. Within the bounds no integer
// overflows: a sum's rows are at most 2^30 ε / (L0 r) + 1 units of ρ each (since g >= L0 r M / (ε 2^10)), below 1.1 x
// 10^10, so 10^7 rows stay below 1.1 x 10^17; a sum on the lattice is below 2^53 g, so it and its noise add exactly.
//
// Errors: invalid input throws std::invalid_argument naming it: ε not finite or outside [kMinQueryEpsilon,
// kMaxQueryEpsilon]; δ not in (0, kMaxQueryDelta] for a grouped query or not 0 for an ungrouped one; a limit or k
// outside its range; an empty column name for sum, mean or quantiles (or a column for count); bounds not finite,
// reversed (lower > upper), narrower than kMinBoundWidth or beyond ±kMaxBoundMagnitude; quantile levels missing (or
// given for another kind), outside [0, 1] or not strictly increasing; a row without a unit, without the grouping
// column or the value column, or with a NaN value (the message names the row's index and the column); more rows than
// the bound.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/noise_source.h"
#include "domain/privacy_budget.h"

namespace tongban::domain {

// Recommended defaults: a query of ε 1 and, when grouped, δ 10^-9 (50 grouped queries stay within the contract's
// δ of domain/privacy_budget.h); each person in one group with one row (figures count people); groups of fewer than
// 5 people never listed, as for the published tables (kDefaultSuppressionThreshold of domain/cell_suppression.h).
// What they give: an ungrouped count within ±3 (95%); a grouped count within ±6, and a group listed once it has
// about T ≈ 45 people (half the time at T, 99.7% of the time at T + 10). Halving ε doubles the noise and
// T - k (T ≈ 85); a δ of 10^-6 would lower T to 31. Groups smaller than that are what partition selection is for: they
// are not listed.
inline constexpr double kDefaultQueryEpsilon = 1;
inline constexpr double kDefaultQueryDelta = 1e-9;
inline constexpr std::int64_t kDefaultMinUnits = 5;

inline constexpr double kMinQueryEpsilon = 1e-6;
inline constexpr double kMaxQueryEpsilon = 10;
inline constexpr double kMaxQueryDelta = 1e-3;
inline constexpr std::int64_t kMaxMinUnits = 1000;
inline constexpr std::int64_t kMaxPartitionsPerUnit = 100;
inline constexpr std::int64_t kMaxRowsPerUnitPerPartition = 1000;
inline constexpr double kMaxBoundMagnitude = 1e12;
inline constexpr double kMinBoundWidth = 1e-6;
inline constexpr std::size_t kMaxPrivateRows = 10'000'000;
inline constexpr std::size_t kMaxQuantileLevels = 10;
inline constexpr std::size_t kQuantileGridIntervals = 1024;
inline constexpr double kAccuracyConfidence = 0.95;

enum class AggregateKind { count, sum, mean, quantiles };
std::string_view to_string(AggregateKind kind);  // "count", "sum", "mean", "quantiles"

// One row of a data product.
struct ProductRow {
  std::string unit;                                      // the privacy unit: the person's opaque id, non-empty
  std::map<std::string, std::string, std::less<>> text;  // text columns: grouping keys
  std::map<std::string, double, std::less<>> numbers;    // numeric columns
  bool operator==(const ProductRow&) const = default;
};

struct ContributionLimits {
  std::int64_t max_partitions_per_unit = 1;          // m: 1 .. kMaxPartitionsPerUnit
  std::int64_t max_rows_per_unit_per_partition = 1;  // r: 1 .. kMaxRowsPerUnitPerPartition
  bool operator==(const ContributionLimits&) const = default;
};

struct AggregateQuery {
  AggregateKind kind = AggregateKind::count;
  std::string column;    // the numeric column (sum, mean, quantiles); empty for count (it counts rows)
  std::string group_by;  // the text column whose values are the groups; empty: no grouping
  double lower = 0;      // the column's declared bounds (not used by count)
  double upper = 0;
  std::vector<double> quantile_levels;  // quantiles only: 1 .. kMaxQuantileLevels levels in [0, 1], increasing
  ContributionLimits limits;
  double epsilon = kDefaultQueryEpsilon;      // the whole query's ε
  double delta = 0;                           // grouped: in (0, kMaxQueryDelta] (e.g. kDefaultQueryDelta); else 0
  std::int64_t min_units = kDefaultMinUnits;  // k of partition selection (grouped only): 1 .. kMaxMinUnits
  bool operator==(const AggregateQuery&) const = default;
};

// What a query will cost (its ε, and its δ if grouped): charge it before running it. Throws std::invalid_argument
// for an invalid query, as private_aggregate() does.
PrivacyCost privacy_cost(const AggregateQuery& query);

enum class AccuracyUnit { value, rank };
std::string_view to_string(AccuracyUnit unit);  // "value", "rank"

// With probability >= confidence the released figure is within half_width of the exact one (see the header).
struct Accuracy {
  double confidence = kAccuracyConfidence;
  double half_width = 0;
  AccuracyUnit unit = AccuracyUnit::value;
  bool operator==(const Accuracy&) const = default;
};

// One listed group's figures.
struct ReleasedFigure {
  std::optional<std::string> group;  // the key; nullopt for an ungrouped query
  std::vector<double> values;        // one (count, sum, mean) or one per quantile level, in the levels' order
  std::vector<Accuracy> accuracy;    // one per value
  bool operator==(const ReleasedFigure&) const = default;
};

struct PrivateRelease {
  AggregateKind kind = AggregateKind::count;
  std::string mechanism;           // "laplace_count", "laplace_sum", "laplace_mean", "exponential_grid_quantiles"
  std::string selection;           // "laplace_partition_selection" (grouped) or "none"
  double epsilon = 0;              // spent, in all (the query's ε)
  double delta = 0;                // spent (the query's δ; 0 ungrouped)
  double aggregation_epsilon = 0;  // ε of the figures (ε, or ε/2 when grouped)
  double selection_epsilon = 0;    // ε of partition selection (ε/2 when grouped, else 0)
  double lower = 0;                // the declared bounds (0, 0 for count)
  double upper = 0;
  ContributionLimits limits;
  std::vector<double> quantile_levels;
  // The figures' mechanism. Laplace (count, sum, the mean's normalised sum): sensitivity Δ, scale b = Δ / ε' and
  // granularity g as in step 6. Quantiles: sensitivity Δu = r (rank), noise_scale τ = 2 Δu / ε_q, granularity the
  // grid step (upper - lower) / G.
  double sensitivity = 0;
  double noise_scale = 0;
  double granularity = 0;
  double count_sensitivity = 0;  // mean only: the count's Δ and b
  double count_noise_scale = 0;
  double selection_noise_scale = 0;  // grouped only: b and T of step 9, and k
  double selection_threshold = 0;
  std::int64_t min_units = 0;
  std::vector<ReleasedFigure> figures;  // the listed groups (one, ungrouped), by key
  bool operator==(const PrivateRelease&) const = default;
};

// The query's answer over `rows`, noise drawn from `noise` (SodiumNoise for a real release). Throws
// std::invalid_argument for invalid input (see the header).
PrivateRelease private_aggregate(const std::vector<ProductRow>& rows, const AggregateQuery& query, NoiseSource& noise);

}  // namespace tongban::domain
