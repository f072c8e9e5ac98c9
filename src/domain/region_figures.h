// Region figures (issue 12 §2): the region page's figures — every node's daily aggregates (domain/region_aggregate.h)
// of a period added up: by item, handling mode, channel and jurisdiction pair, cases received by mode and channel,
// totals, a series by day, the nodes that contributed, and the on-time rate.
//
// Who owns what. Each node owns its aggregates and publishes a day again whenever its figures change; the region (any
// node showing the region page) keeps the aggregates it received, each checked by aggregate_problems on arrival
// (node/region_aggregate_json.h does), and passes them here every time the page is asked for. Nothing is kept between
// calls; pure, no I/O.
//
// Rules:
//   - of each (node_id, day) only the aggregate with the greatest generated_at_ms counts — the node's latest word on
//     that day's cohort; on a tie, the first of them in the list given;
//   - a day counts when it is within [from, to], each bound inclusive and optional;
//   - a figure by key (or a cell by mode and channel) is the sum of the published figures of that key over the
//     aggregates that count; some_hidden when one of them hid it (the sum is then a lower bound: a hidden figure is
//     at least 0). An aggregate without the key adds nothing and hides nothing: it had no case of that key;
//   - the totals, the days and the on-time rate are sums of the aggregates' totals, always published: exact;
//   - medians are not added up (the median of medians is no median): there are none here.
// Invariants: with k = 1 (nothing hidden), every figure equals the sum over the nodes of each node's own
// compute_case_figures over the period (tests/unit/domain/region_aggregate_test.cc checks it with three nodes); rows
// sorted by key, cells by (mode, channel), days by day, nodes by node id; published_sum >= 0.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/calendar_date.h"
#include "domain/region_aggregate.h"

namespace tongban::domain {

// A region figure: the published figures added up; some_hidden when one of those added was hidden, so that the sum is
// then a lower bound (of a count; of trips_saved too).
struct RegionCount {
  std::int64_t published_sum = 0;
  bool some_hidden = false;
  bool operator==(const RegionCount&) const = default;
};

struct RegionFigure {
  std::string key;
  std::array<RegionCount, kMeasureCount> counts{};
  bool operator==(const RegionFigure&) const = default;

  RegionCount& operator[](Measure m) { return counts[index_of(m)]; }
  const RegionCount& operator[](Measure m) const { return counts[index_of(m)]; }
};

struct RegionCell {
  std::string mode;
  std::string channel;
  RegionCount received;
  bool operator==(const RegionCell&) const = default;
};

// One day of the series: the aggregates' totals of that day added up over the nodes (totals are always published).
struct RegionDay {
  CalendarDate day{};
  std::int64_t received = 0;
  std::int64_t decided = 0;
  std::int64_t decided_within_legal = 0;
  std::int64_t trips_saved = 0;
  bool operator==(const RegionDay&) const = default;
};

struct RegionNode {
  std::string node_id;
  std::string jurisdiction;                 // that of its latest aggregate
  std::int64_t latest_generated_at_ms = 0;  // of its latest aggregate of any day in the range
  std::size_t days = 0;                     // days it has an aggregate of
  bool operator==(const RegionNode&) const = default;
};

struct RegionFigures {
  std::optional<CalendarDate> from;
  std::optional<CalendarDate> to;
  std::vector<RegionFigure> by_item;  // each sorted by key, one row per key some aggregate has
  std::vector<RegionFigure> by_mode;
  std::vector<RegionFigure> by_channel;
  std::vector<RegionFigure> by_jurisdiction_pair;
  std::vector<RegionCell> mode_by_channel;          // sorted by (mode, channel)
  std::array<std::int64_t, kMeasureCount> total{};  // the totals added up: exact
  std::vector<RegionDay> days;                      // sorted by day, one per day some aggregate has
  std::vector<RegionNode> nodes;                    // sorted by node id
  // total decided_within_legal / total decided; unset when nothing was decided.
  std::optional<double> on_time_rate;
  bool operator==(const RegionFigures&) const = default;

  std::int64_t total_of(Measure m) const { return total[index_of(m)]; }
};

// The region's figures of the days in [from, to], by the rules above. The aggregates are taken as they are: give ones
// that pass aggregate_problems. Throws std::overflow_error when a sum would overflow int64.
RegionFigures region_figures(const std::vector<DailyAggregate>& aggregates, std::optional<CalendarDate> from,
                             std::optional<CalendarDate> to);

}  // namespace tongban::domain
