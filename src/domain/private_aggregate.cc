#include "domain/private_aggregate.h"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <functional>
#include <stdexcept>
#include <utility>

namespace tongban::domain {
namespace {

constexpr double kRowResolution = 0x1p-20;  // ρ = g 2^-20

[[noreturn]] void refuse(const std::string& what) {
  throw std::invalid_argument("private aggregate: " + what);
}

std::string number(double x) {
  char text[32];
  std::snprintf(text, sizeof text, "%.10g", x);
  return text;
}

std::string quoted(std::string_view name) {
  return "\"" + std::string(name) + "\"";
}

bool grouped(const AggregateQuery& query) {
  return !query.group_by.empty();
}

void validate(const AggregateQuery& query) {
  switch (query.kind) {
    case AggregateKind::count:
    case AggregateKind::sum:
    case AggregateKind::mean:
    case AggregateKind::quantiles: break;
    default: refuse("unknown aggregate kind");
  }
  if (!std::isfinite(query.epsilon) || query.epsilon < kMinQueryEpsilon || query.epsilon > kMaxQueryEpsilon)
    refuse("epsilon must be " + number(kMinQueryEpsilon) + " to " + number(kMaxQueryEpsilon) + ", not " +
           number(query.epsilon));
  if (grouped(query)) {
    if (!std::isfinite(query.delta) || !(query.delta > 0) || query.delta > kMaxQueryDelta)
      refuse("delta of a grouped query must be above 0 and at most " + number(kMaxQueryDelta) + ", not " +
             number(query.delta));
    if (query.min_units < 1 || query.min_units > kMaxMinUnits)
      refuse("min units must be 1 to " + std::to_string(kMaxMinUnits) + ", not " + std::to_string(query.min_units));
  } else if (query.delta != 0) {
    refuse("delta of an ungrouped query must be 0 (no partition selection), not " + number(query.delta));
  }
  const ContributionLimits& limits = query.limits;
  if (limits.max_partitions_per_unit < 1 || limits.max_partitions_per_unit > kMaxPartitionsPerUnit)
    refuse("max partitions per unit must be 1 to " + std::to_string(kMaxPartitionsPerUnit) + ", not " +
           std::to_string(limits.max_partitions_per_unit));
  if (limits.max_rows_per_unit_per_partition < 1 ||
      limits.max_rows_per_unit_per_partition > kMaxRowsPerUnitPerPartition)
    refuse("max rows per unit per partition must be 1 to " + std::to_string(kMaxRowsPerUnitPerPartition) + ", not " +
           std::to_string(limits.max_rows_per_unit_per_partition));
  if (query.kind == AggregateKind::count) {
    if (!query.column.empty()) refuse("count takes no column (it counts rows), not " + quoted(query.column));
  } else {
    if (query.column.empty()) refuse("the column name is empty (" + std::string(to_string(query.kind)) + " needs one)");
    if (!std::isfinite(query.lower) || !std::isfinite(query.upper))
      refuse("the bounds must be finite (lower " + number(query.lower) + ", upper " + number(query.upper) + ")");
    if (query.lower > query.upper)
      refuse("the bounds are reversed (lower " + number(query.lower) + " > upper " + number(query.upper) + ")");
    if (std::abs(query.lower) > kMaxBoundMagnitude || std::abs(query.upper) > kMaxBoundMagnitude)
      refuse("the bounds must be within ±" + number(kMaxBoundMagnitude));
    if (query.upper - query.lower < kMinBoundWidth)
      refuse("the bounds (lower " + number(query.lower) + ", upper " + number(query.upper) + ") are narrower than " +
             number(kMinBoundWidth));
  }
  if (query.kind == AggregateKind::quantiles) {
    if (query.quantile_levels.empty() || query.quantile_levels.size() > kMaxQuantileLevels)
      refuse("quantiles need 1 to " + std::to_string(kMaxQuantileLevels) + " quantile levels, not " +
             std::to_string(query.quantile_levels.size()));
    for (std::size_t i = 0; i < query.quantile_levels.size(); ++i) {
      const double level = query.quantile_levels[i];
      if (!(level >= 0 && level <= 1)) refuse("quantile level " + number(level) + " is not in [0, 1]");
      if (i > 0 && !(level > query.quantile_levels[i - 1])) refuse("quantile levels must be strictly increasing");
    }
  } else if (!query.quantile_levels.empty()) {
    refuse("quantile levels are for quantiles only");
  }
}

// --- Contribution bounding ----------------------------------------------------------------------------------------

using HashKey = std::array<unsigned char, crypto_shorthash_KEYBYTES>;

// The key of this query's contribution bounding (libsodium is initialised first, as it asks; idempotent).
HashKey draw_key(NoiseSource& noise) {
  static const bool ready = sodium_init() >= 0;
  if (!ready) throw std::runtime_error("libsodium could not be initialised");
  HashKey key{};
  for (std::size_t i = 0; i < key.size(); i += 8) {
    const std::uint64_t bits = noise.bits();
    for (std::size_t b = 0; b < 8 && i + b < key.size(); ++b) key[i + b] = static_cast<unsigned char>(bits >> (8 * b));
  }
  return key;
}

// SipHash-2-4 of (tag, unit, group, index), each string length-prefixed so that no two inputs share bytes. `buffer`
// is scratch space, reused from call to call.
std::uint64_t keyed_hash(const HashKey& key, char tag, std::string_view unit, std::string_view group,
                         std::uint64_t index, std::string& buffer) {
  const auto append_u64 = [&buffer](std::uint64_t x) {
    for (int b = 0; b < 8; ++b) buffer.push_back(static_cast<char>(x >> (8 * b)));
  };
  buffer.assign(1, tag);
  append_u64(unit.size());
  buffer.append(unit);
  append_u64(group.size());
  buffer.append(group);
  append_u64(index);
  std::array<unsigned char, crypto_shorthash_BYTES> out{};
  crypto_shorthash(out.data(), reinterpret_cast<const unsigned char*>(buffer.data()), buffer.size(), key.data());
  std::uint64_t h = 0;
  for (std::size_t b = 0; b < out.size(); ++b) h |= std::uint64_t{out[b]} << (8 * b);
  return h;
}

// A group after bounding: its distinct units and its kept rows' clamped values (0 for a count).
struct BoundedGroup {
  std::int64_t units = 0;
  std::vector<double> values;
};

using BoundedGroups = std::map<std::string, BoundedGroup, std::less<>>;

// A checked row: views into the caller's rows, its place among them, its clamped value; `bucket` (a plain hash of
// the unit) only speeds the sort up.
struct Entry {
  std::size_t bucket = 0;
  std::string_view unit;
  std::string_view group;
  std::size_t index = 0;
  double value = 0;
};

[[noreturn]] void refuse_row(std::size_t i, const std::string& what) {
  refuse("row " + std::to_string(i) + what);
}

// The rows, checked, ordered by unit (in the order of their buckets), then group, then input order.
std::vector<Entry> collect(const std::vector<ProductRow>& rows, const AggregateQuery& query) {
  if (rows.size() > kMaxPrivateRows)
    refuse(std::to_string(rows.size()) + " rows, at most " + std::to_string(kMaxPrivateRows));
  std::vector<Entry> entries;
  entries.reserve(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const ProductRow& row = rows[i];
    if (row.unit.empty()) refuse_row(i, " has no privacy unit");
    Entry entry{std::hash<std::string_view>{}(row.unit), row.unit, {}, i, 0};
    if (grouped(query)) {
      const auto key = row.text.find(query.group_by);
      if (key == row.text.end()) refuse_row(i, " has no column " + quoted(query.group_by));
      entry.group = key->second;
    }
    if (query.kind != AggregateKind::count) {
      const auto cell = row.numbers.find(query.column);
      if (cell == row.numbers.end()) refuse_row(i, " has no column " + quoted(query.column));
      if (std::isnan(cell->second)) refuse_row(i, ": column " + quoted(query.column) + " is NaN");
      entry.value = std::clamp(cell->second, query.lower, query.upper);
    }
    entries.push_back(entry);
  }
  std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
    if (a.bucket != b.bucket) return a.bucket < b.bucket;
    if (a.unit != b.unit) return a.unit < b.unit;
    if (a.group != b.group) return a.group < b.group;
    return a.index < b.index;
  });
  return entries;
}

// The end of the run of entries from `begin` that share its unit (by_group false) or its unit and group.
std::size_t run_end(const std::vector<Entry>& entries, std::size_t begin, bool by_group) {
  std::size_t end = begin + 1;
  while (end < entries.size() && entries[end].unit == entries[begin].unit &&
         (!by_group || entries[end].group == entries[begin].group))
    ++end;
  return end;
}

BoundedGroup& group_of(BoundedGroups& groups, std::string_view key) {
  const auto found = groups.find(key);
  if (found != groups.end()) return found->second;
  return groups.emplace(std::string(key), BoundedGroup{}).first->second;
}

// Step 2: a unit keeps m groups and r rows in each, the first by the keyed hash (all of them when there are no more).
BoundedGroups bound_contributions(const std::vector<Entry>& entries, const AggregateQuery& query, const HashKey& key) {
  const auto max_groups = static_cast<std::size_t>(grouped(query) ? query.limits.max_partitions_per_unit : 1);
  const auto max_rows = static_cast<std::size_t>(query.limits.max_rows_per_unit_per_partition);
  BoundedGroups groups;
  if (!grouped(query)) groups[""];  // the one group exists, rows or not
  std::string buffer;
  std::vector<std::pair<std::uint64_t, std::size_t>> ranked;  // (hash, start of the group's run) or (hash, entry)
  for (std::size_t unit_begin = 0; unit_begin < entries.size();) {
    const std::size_t unit_end = run_end(entries, unit_begin, false);
    const std::string_view unit = entries[unit_begin].unit;
    ranked.clear();
    for (std::size_t g = unit_begin; g < unit_end; g = run_end(entries, g, true)) ranked.emplace_back(0, g);
    if (ranked.size() > max_groups) {
      for (auto& choice : ranked) choice.first = keyed_hash(key, 'p', unit, entries[choice.second].group, 0, buffer);
      std::sort(ranked.begin(), ranked.end());  // ties (a 2^-64 chance) by place, i.e. by key
      ranked.resize(max_groups);
    }
    const std::vector<std::pair<std::uint64_t, std::size_t>> kept_groups = ranked;
    for (const auto& choice : kept_groups) {
      const std::size_t begin = choice.second;
      const std::size_t end = run_end(entries, begin, true);
      BoundedGroup& group = group_of(groups, entries[begin].group);
      ++group.units;
      if (end - begin <= max_rows) {
        for (std::size_t e = begin; e < end; ++e) group.values.push_back(entries[e].value);
        continue;
      }
      ranked.clear();
      for (std::size_t e = begin; e < end; ++e)
        ranked.emplace_back(keyed_hash(key, 'r', unit, entries[begin].group, e - begin, buffer), e);
      std::sort(ranked.begin(), ranked.end());
      for (std::size_t j = 0; j < max_rows; ++j) group.values.push_back(entries[ranked[j].second].value);
    }
    unit_begin = unit_end;
  }
  return groups;
}

// --- The Laplace mechanism on a lattice ----------------------------------------------------------------------------

struct Laplace {
  double epsilon = 0;
  double granularity = 0;  // g
  double rho = 1;          // the exact aggregate is an integer count of rho
  double sensitivity = 0;  // Δ = L0 (s + g)
  double scale = 0;        // b = Δ / ε
};

// For an aggregate of integers (counts): s exact.
Laplace integer_laplace(double epsilon, std::int64_t l0, double s) {
  Laplace m;
  m.epsilon = epsilon;
  m.granularity = laplace_granularity(static_cast<double>(l0) * s / epsilon);
  m.rho = 1;
  m.sensitivity = static_cast<double>(l0) * (s + m.granularity);
  m.scale = m.sensitivity / epsilon;
  return m;
}

// For a sum of r rows per unit of magnitude <= bound each, rounded to rho = g 2^-20: s = r (bound + rho).
Laplace real_laplace(double epsilon, std::int64_t l0, std::int64_t r, double bound) {
  Laplace m;
  m.epsilon = epsilon;
  m.granularity = laplace_granularity(static_cast<double>(l0) * static_cast<double>(r) * bound / epsilon);
  m.rho = m.granularity * kRowResolution;
  m.sensitivity = static_cast<double>(l0) * (static_cast<double>(r) * (bound + m.rho) + m.granularity);
  m.scale = m.sensitivity / epsilon;
  return m;
}

// a / d rounded to the nearest integer, halves away from zero; d > 0.
std::int64_t divide_rounding(std::int64_t a, std::int64_t d) {
  std::int64_t q = a / d;
  const std::int64_t remainder = a % d;
  if (2 * (remainder < 0 ? -remainder : remainder) >= d) q += a < 0 ? -1 : 1;
  return q;
}

// snap_g(units x rho) + snap_g(Laplace(b)), exactly.
double release(std::int64_t units, const Laplace& m, NoiseSource& noise) {
  double exact = 0;
  if (m.granularity <= m.rho) {
    exact = static_cast<double>(units) * m.rho;  // already a multiple of g (both powers of 2)
  } else {
    const auto ratio = static_cast<std::int64_t>(m.granularity / m.rho);  // a power of 2, at most 2^40
    exact = static_cast<double>(divide_rounding(units, ratio)) * m.granularity;
  }
  return exact + snapped_laplace(noise, m.scale, m.granularity);
}

double half_width(const Laplace& m, double confidence) {
  return laplace_half_width(m.scale, confidence) + m.granularity;
}

std::int64_t lattice_units(double value, double rho) {
  return std::llround(value / rho);
}

// --- The figures ------------------------------------------------------------------------------------------------

struct Plan {
  std::int64_t l0 = 1;
  std::int64_t r = 1;
  double epsilon_aggregation = 0;
  Laplace main;   // count, sum, the mean's normalised sum
  Laplace count;  // the mean's count
  double quantile_epsilon = 0;
  double temperature = 0;  // τ
  double grid_step = 0;
};

ReleasedFigure laplace_figure(const BoundedGroup& group, const AggregateQuery& query, const Plan& plan,
                              NoiseSource& noise) {
  ReleasedFigure figure;
  const auto rows = static_cast<std::int64_t>(group.values.size());
  if (query.kind == AggregateKind::count) {
    figure.values.push_back(release(rows, plan.main, noise));
    figure.accuracy.push_back({kAccuracyConfidence, half_width(plan.main, kAccuracyConfidence), AccuracyUnit::value});
    return figure;
  }
  if (query.kind == AggregateKind::sum) {
    std::int64_t units = 0;
    for (double v : group.values) units += lattice_units(v, plan.main.rho);
    figure.values.push_back(release(units, plan.main, noise));
    figure.accuracy.push_back({kAccuracyConfidence, half_width(plan.main, kAccuracyConfidence), AccuracyUnit::value});
    return figure;
  }
  // The mean, midpoint-normalised.
  const double h = (query.upper - query.lower) / 2;
  const double midpoint = query.lower + h;
  std::int64_t units = 0;
  for (double v : group.values) units += lattice_units(std::clamp(v - midpoint, -h, h), plan.main.rho);
  const double noisy_count = release(rows, plan.count, noise);
  const double noisy_sum = release(units, plan.main, noise);
  const double mean = std::clamp(midpoint + noisy_sum / std::max(1.0, noisy_count), query.lower, query.upper);
  // The 95% interval: both parts within their 97.5% half-widths, the mean over that box (denominator >= 1).
  const double sum_width = half_width(plan.main, 1 - (1 - kAccuracyConfidence) / 2);
  const double count_width = half_width(plan.count, 1 - (1 - kAccuracyConfidence) / 2);
  const double count_low = std::max(1.0, noisy_count - count_width);
  const double count_high = std::max(count_low, noisy_count + count_width);
  const double sum_low = noisy_sum - sum_width;
  const double sum_high = noisy_sum + sum_width;
  const double low =
      std::clamp(midpoint + std::min(sum_low / count_low, sum_low / count_high), query.lower, query.upper);
  const double high =
      std::clamp(midpoint + std::max(sum_high / count_low, sum_high / count_high), query.lower, query.upper);
  figure.values.push_back(mean);
  figure.accuracy.push_back({kAccuracyConfidence, std::max(mean - low, high - mean), AccuracyUnit::value});
  return figure;
}

// The exponential mechanism over the grid for one level.
double grid_quantile(const std::vector<double>& sorted, double level, const AggregateQuery& query, const Plan& plan,
                     NoiseSource& noise) {
  const double target = level * static_cast<double>(sorted.size());
  std::vector<double> utility(kQuantileGridIntervals + 1);
  std::size_t at_or_below = 0;  // the grid increases: one merge with the sorted values
  for (std::size_t j = 0; j <= kQuantileGridIntervals; ++j) {
    const double c = j == kQuantileGridIntervals ? query.upper : query.lower + static_cast<double>(j) * plan.grid_step;
    while (at_or_below < sorted.size() && sorted[at_or_below] <= c) ++at_or_below;
    utility[j] = -std::abs(static_cast<double>(at_or_below) - target);
  }
  const double best = *std::max_element(utility.begin(), utility.end());
  std::vector<double> cumulative(utility.size());
  double total = 0;
  for (std::size_t j = 0; j < utility.size(); ++j) {
    total += std::exp((utility[j] - best) / plan.temperature);  // the best weighs 1: total >= 1
    cumulative[j] = total;
  }
  const double pick = noise.uniform() * total;
  std::size_t j = std::lower_bound(cumulative.begin(), cumulative.end(), pick) - cumulative.begin();
  j = std::min(j, kQuantileGridIntervals);
  return j == kQuantileGridIntervals ? query.upper : query.lower + static_cast<double>(j) * plan.grid_step;
}

ReleasedFigure quantile_figure(const BoundedGroup& group, const AggregateQuery& query, const Plan& plan,
                               NoiseSource& noise) {
  std::vector<double> sorted = group.values;
  std::sort(sorted.begin(), sorted.end());
  ReleasedFigure figure;
  const double rank_width =
      plan.temperature * std::log(static_cast<double>(kQuantileGridIntervals + 1) / (1 - kAccuracyConfidence));
  for (double level : query.quantile_levels) {
    figure.values.push_back(grid_quantile(sorted, level, query, plan, noise));
    figure.accuracy.push_back({kAccuracyConfidence, rank_width, AccuracyUnit::rank});
  }
  std::sort(figure.values.begin(), figure.values.end());  // the levels increase: so must their values
  return figure;
}

Plan plan_for(const AggregateQuery& query) {
  Plan plan;
  plan.l0 = grouped(query) ? query.limits.max_partitions_per_unit : 1;
  plan.r = query.limits.max_rows_per_unit_per_partition;
  plan.epsilon_aggregation = grouped(query) ? query.epsilon / 2 : query.epsilon;
  const auto r = static_cast<double>(plan.r);
  switch (query.kind) {
    case AggregateKind::count: plan.main = integer_laplace(plan.epsilon_aggregation, plan.l0, r); break;
    case AggregateKind::sum:
      plan.main = real_laplace(plan.epsilon_aggregation, plan.l0, plan.r,
                               std::max(std::abs(query.lower), std::abs(query.upper)));
      break;
    case AggregateKind::mean:
      plan.main = real_laplace(plan.epsilon_aggregation / 2, plan.l0, plan.r, (query.upper - query.lower) / 2);
      plan.count = integer_laplace(plan.epsilon_aggregation / 2, plan.l0, r);
      break;
    case AggregateKind::quantiles:
      plan.quantile_epsilon =
          plan.epsilon_aggregation / static_cast<double>(query.quantile_levels.size()) / static_cast<double>(plan.l0);
      plan.temperature = 2 * r / plan.quantile_epsilon;
      plan.grid_step = (query.upper - query.lower) / static_cast<double>(kQuantileGridIntervals);
      break;
  }
  return plan;
}

}  // namespace

std::string_view to_string(AggregateKind kind) {
  switch (kind) {
    case AggregateKind::count: return "count";
    case AggregateKind::sum: return "sum";
    case AggregateKind::mean: return "mean";
    case AggregateKind::quantiles: return "quantiles";
  }
  return "unknown";
}

std::string_view to_string(AccuracyUnit unit) {
  switch (unit) {
    case AccuracyUnit::value: return "value";
    case AccuracyUnit::rank: return "rank";
  }
  return "unknown";
}

PrivacyCost privacy_cost(const AggregateQuery& query) {
  validate(query);
  return {query.epsilon, grouped(query) ? query.delta : 0};
}

PrivateRelease private_aggregate(const std::vector<ProductRow>& rows, const AggregateQuery& query, NoiseSource& noise) {
  validate(query);
  const Plan plan = plan_for(query);
  const BoundedGroups groups = bound_contributions(collect(rows, query), query, draw_key(noise));

  PrivateRelease out;
  out.kind = query.kind;
  static constexpr std::array<std::string_view, 4> kMechanisms = {"laplace_count", "laplace_sum", "laplace_mean",
                                                                  "exponential_grid_quantiles"};
  out.mechanism = kMechanisms[static_cast<std::size_t>(query.kind)];
  out.selection = grouped(query) ? "laplace_partition_selection" : "none";
  out.epsilon = query.epsilon;
  out.delta = grouped(query) ? query.delta : 0;
  out.aggregation_epsilon = plan.epsilon_aggregation;
  out.selection_epsilon = query.epsilon - plan.epsilon_aggregation;
  if (query.kind != AggregateKind::count) {
    out.lower = query.lower;
    out.upper = query.upper;
  }
  out.limits = query.limits;
  out.quantile_levels = query.quantile_levels;
  if (query.kind == AggregateKind::quantiles) {
    out.sensitivity = static_cast<double>(plan.r);
    out.noise_scale = plan.temperature;
    out.granularity = plan.grid_step;
  } else {
    out.sensitivity = plan.main.sensitivity;
    out.noise_scale = plan.main.scale;
    out.granularity = plan.main.granularity;
  }
  if (query.kind == AggregateKind::mean) {
    out.count_sensitivity = plan.count.sensitivity;
    out.count_noise_scale = plan.count.scale;
  }

  std::optional<Laplace> selection;
  if (grouped(query)) {
    selection = integer_laplace(out.selection_epsilon, plan.l0, 1);
    const double per_group_delta = -std::expm1(std::log1p(-query.delta) / static_cast<double>(plan.l0));
    out.selection_noise_scale = selection->scale;
    out.selection_threshold = static_cast<double>(query.min_units) + selection->granularity -
                              selection->scale * std::log(2 * per_group_delta);
    out.min_units = query.min_units;
  }

  for (const auto& [key, group] : groups) {
    if (selection) {
      if (group.units < query.min_units) continue;
      if (!(release(group.units, *selection, noise) > out.selection_threshold)) continue;
    }
    ReleasedFigure figure = query.kind == AggregateKind::quantiles ? quantile_figure(group, query, plan, noise)
                                                                   : laplace_figure(group, query, plan, noise);
    if (selection) figure.group = key;
    out.figures.push_back(std::move(figure));
  }
  return out;
}

}  // namespace tongban::domain
