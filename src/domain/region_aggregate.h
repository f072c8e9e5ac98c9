// The region's daily aggregate (issue 12 §2): what one node publishes to the region about the cases taken in on one
// local day — counts and medians by item, handling mode, channel and jurisdiction pair, and the cases received by mode
// and channel in one table — with the small cells hidden, and the checks of an aggregate received from a peer. The
// region page adds up every node's aggregates: domain/region_figures.h. Nothing about a person: no applicant, no case
// id, no form, no date finer than the day.
//
// Who owns what. A node makes its own aggregates (make_daily_aggregate) from the facts of its cases, as
// domain/case_figures.h counts them: each figure below is compute_case_figures' figure of the same name over the cases
// taken in on `day`, so there is no second copy of the counting and the aggregate can never disagree with the node's
// own statistics page. The node signs and sends the aggregate (node/region_aggregate_json.h is its wire form; the
// signature is the federation envelope's); it is a value, and nothing here keeps it. Figures of a day change after the
// day (cases get decided, go overdue, are rated), so a node publishes a day again and again: each publication carries
// generated_at_ms and the latest one of a node and day wins (domain/region_figures.h). A peer's aggregate is checked by
// aggregate_problems before it is used: a peer is trusted no more than a local user.
//
// The day is a cohort: the cases whose taken-in date (the local date of taken_in_at_ms at the competent jurisdiction's
// offset, FigureFilter{from = to = day}) is `day`; their decisions and ratings count whenever they came, up to
// generated_at_ms ("today" of the overdue figure).
//
// Suppression (domain/cell_suppression.h, with the aggregate's k). Published figures are std::optional: a count, or
// nullopt for a hidden one. The disclosure marks are never published (a "primary" mark says "below k"):
//   - mode_by_channel, the cases received by mode (rows) and channel (columns), is suppressed as one two-dimensional
//     table; the received figures of by_mode and by_channel ARE its row and column totals, so the region sees one
//     table, not two tables of the same margins suppressed differently (a total one hides and the other shows would
//     give the hidden cells away);
//   - every other count measure of a dimension (Measure below, received of by_item and by_jurisdiction_pair
//     included) is suppressed on its own, as a one-column table whose rows are the dimension's keys;
//   - then every figure of a row whose received is hidden is hidden too — trips_saved and the median included — so
//     nothing is told about the few people of a hidden row ("none of them was decided in time" is about them as much
//     as their number). Hiding more never helps an attacker: a figure undetermined with fewer figures hidden stays
//     undetermined, and its largest consistent value can only grow. But the figures hidden this way may be 0, unlike
//     those cell_suppression hides, so an attacker must take a hidden figure of a row whose received is hidden as
//     >= 0, and any other hidden figure as >= 1 (cell_suppression's attacker, with the zeros it publishes);
//   - trips_saved is a sum of visits, not a count of people, so "below k" means nothing for it (3 trips may be one
//     person's or three people's): it is hidden where received is hidden and published otherwise — on a row whose
//     received is published it is a sum over k cases or more, or over every case of the day (the only non-zero row,
//     which is the total, published anyway);
//   - median_working_days is published only where received and timed_cases are published and timed_cases >= k: the
//     median of fewer than k values is near one person's own (the median of one is theirs). The total's median the
//     same way with the total's timed_cases;
//   - the totals (AggregateTotal) are always published, as cell_suppression publishes the grand total.
// Not withstood (cell_suppression.h's list, and): differencing the linked tables of one aggregate — the same cases by
// item, by mode and by jurisdiction pair, received beside decided. With the catalog beside it: when only one item is
// offered in a mode, by_mode's row of that mode is that item's row of by_item, and may give away a hidden complement
// of by_item and with it the small row. Also the same day published twice with a case more, and what the sum of
// trips_saved over hidden rows (the total minus the published rows) says about those rows.
//
// Invariants of a DailyAggregate that make_daily_aggregate returns, and that aggregate_problems checks of any:
//   - node_id and jurisdiction are federation codes (is_notice_code: 1-64 characters of [A-Za-z0-9._-]); day is a
//     date; generated_at_ms >= 0; 1 <= k <= kMaxSuppressionThreshold;
//   - keys are figure_key's (item codes as federation codes; HandlingMode and Channel words; "<J>><J>" pairs of
//     federation codes), sorted by byte order, unique, each with at least one case (published received >= 1); at most
//     kMaxSuppressionRows rows, at most every mode and channel in mode_by_channel;
//   - every count is 0 .. kMaxSuppressionCount; a published count 0 < n < k only where cell_suppression publishes one:
//     it is its table's total (the only non-zero row, column or cell);
//   - each measure's published rows with its hidden ones (>= 1 or >= 0 as above) can add up to its total, and add up
//     to it exactly when none is hidden; no measure has exactly one hidden row (it would be the total minus the rest);
//     no hidden figure of mode_by_channel is determined by what it publishes (exactly_determined_entries);
//   - where both are published: decided <= received, decided_within_legal <= decided, overdue <= received,
//     cases_with_supplement <= received, timed_cases <= decided, bad_ratings_followed_up <= rated_1 + rated_2;
//   - a row whose received is hidden publishes nothing else; a median only as above, >= 0 and a multiple of 0.5;
//   - the four dimensions have the same total, whose received is mode_by_channel's grand total; by_mode's and
//     by_channel's keys and received are mode_by_channel's rows and columns and their totals.
// aggregate_problems cannot check the protection interval (rule 2 of cell_suppression.h): that needs the true counts.
// It does not refuse a figure hidden where suppress_small_cells would publish it: hiding more discloses less.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/calendar_date.h"
#include "domain/case_figures.h"
#include "domain/cell_suppression.h"
#include "domain/problem.h"

namespace tongban::domain {

// The additive figures an aggregate publishes per row, each compute_case_figures' CaseFigure field of the same name
// (rated_n is ratings_by_level[n - 1]: ratings, not cases). All are counts of cases or ratings but trips_saved, a sum.
enum class Measure {
  received,
  decided,
  decided_within_legal,  // on time
  overdue,
  cases_with_supplement,
  trips_saved,
  rated_1,
  rated_2,
  rated_3,
  rated_4,
  rated_5,
  bad_ratings_followed_up,
  timed_cases,
};
inline constexpr std::size_t kMeasureCount = 13;
inline constexpr std::array<Measure, kMeasureCount> kAllMeasures = {Measure::received,
                                                                    Measure::decided,
                                                                    Measure::decided_within_legal,
                                                                    Measure::overdue,
                                                                    Measure::cases_with_supplement,
                                                                    Measure::trips_saved,
                                                                    Measure::rated_1,
                                                                    Measure::rated_2,
                                                                    Measure::rated_3,
                                                                    Measure::rated_4,
                                                                    Measure::rated_5,
                                                                    Measure::bad_ratings_followed_up,
                                                                    Measure::timed_cases};
constexpr std::size_t index_of(Measure measure) {
  return static_cast<std::size_t>(measure);
}
// The measure as a field of the wire form and of FieldError paths: "received", …, "ratings_by_level[0]" (rated_1) …
// "ratings_by_level[4]" (rated_5), "bad_ratings_followed_up", "timed_cases".
std::string measure_field(Measure measure);
// The CaseFigure field the measure is.
std::int64_t measure_of(const CaseFigure& figure, Measure measure);

// The dimensions an aggregate is broken down by, in the order of its fields.
inline constexpr std::array<Dimension, 4> kAggregateDimensions = {Dimension::item, Dimension::mode, Dimension::channel,
                                                                  Dimension::jurisdiction_pair};

// One published row: nullopt where hidden.
struct AggregateFigure {
  std::string key;  // figure_key of the row's cases
  std::array<std::optional<std::int64_t>, kMeasureCount> counts{};
  std::optional<double> median_working_days;
  bool operator==(const AggregateFigure&) const = default;

  std::optional<std::int64_t>& operator[](Measure m) { return counts[index_of(m)]; }
  const std::optional<std::int64_t>& operator[](Measure m) const { return counts[index_of(m)]; }
};

// The figures of every case of the day: always published (the median as above).
struct AggregateTotal {
  std::array<std::int64_t, kMeasureCount> counts{};
  std::optional<double> median_working_days;
  bool operator==(const AggregateTotal&) const = default;

  std::int64_t& operator[](Measure m) { return counts[index_of(m)]; }
  std::int64_t operator[](Measure m) const { return counts[index_of(m)]; }
};

struct AggregateBreakdown {
  std::vector<AggregateFigure> rows;  // sorted by key; one per key with a case
  AggregateTotal total;
  bool operator==(const AggregateBreakdown&) const = default;
};

// The cases received by mode and channel as published: modes[i] x channels[j] is cells[i][j].
struct ModeChannelTable {
  std::vector<std::string> modes;     // HandlingMode words with a case, sorted by byte order
  std::vector<std::string> channels;  // Channel words with a case, sorted by byte order
  std::vector<std::vector<std::optional<std::int64_t>>> cells;
  std::vector<std::optional<std::int64_t>> mode_totals;     // one per mode
  std::vector<std::optional<std::int64_t>> channel_totals;  // one per channel
  std::int64_t grand_total = 0;                             // always published: the cases received
  bool operator==(const ModeChannelTable&) const = default;
};

struct DailyAggregate {
  std::string node_id;       // the publishing node, "CN-GD-JM"
  std::string jurisdiction;  // the node's jurisdiction, "CN-GD-JM"
  CalendarDate day{};        // the cohort: cases taken in on this local date
  std::int64_t generated_at_ms = 0;
  std::int64_t k = kDefaultSuppressionThreshold;
  ModeChannelTable mode_by_channel;
  AggregateBreakdown by_item;
  AggregateBreakdown by_mode;
  AggregateBreakdown by_channel;
  AggregateBreakdown by_jurisdiction_pair;
  bool operator==(const DailyAggregate&) const = default;
};

// The breakdown of a dimension of kAggregateDimensions; std::invalid_argument for another.
const AggregateBreakdown& breakdown_of(const DailyAggregate& aggregate, Dimension dimension);
AggregateBreakdown& breakdown_of(DailyAggregate& aggregate, Dimension dimension);
// "by_item", "by_mode", "by_channel", "by_jurisdiction_pair": the field of the wire form and of FieldError paths.
std::string breakdown_field(Dimension dimension);

// The aggregate of the cases taken in on `day`, suppressed with `k`, generated at `now_ms` (the instant of "today",
// as compute_case_figures takes it). Throws std::invalid_argument when k is out of 1 .. kMaxSuppressionThreshold, a
// rating level is not 1..5, a dimension has more than kMaxSuppressionRows keys, or the result would not pass
// aggregate_problems (a node id, a jurisdiction or an item code that is not a federation code, say).
DailyAggregate make_daily_aggregate(const std::vector<CaseFacts>& cases, CalendarDate day, std::string node_id,
                                    std::string jurisdiction, std::int64_t k, std::int64_t now_ms,
                                    const CalendarLookup& calendars);

// Every way the aggregate breaks the invariants above, as FieldErrors with the paths of the wire form ("k",
// "by_item[3].received", "by_mode_total.decided", "mode_by_channel.cells[1][2]") and these rules: "code", "date",
// "range", "negative", "too_large", "too_many", "shape", "unknown_word", "jurisdiction_pair", "order", "empty_row",
// "small_count", "sum_exceeds_total", "sum_differs_from_total", "determined", "exceeds", "hidden_with_received",
// "median", "total_mismatch", "margin_mismatch". Empty when it may be used.
std::vector<FieldError> aggregate_problems(const DailyAggregate& aggregate);

// The published form as a SuppressedTable, for the checks of cell_suppression.h (exactly_determined_entries,
// feasible_upper_bound): a hidden figure is marked complementary, a mark those checks do not read. A measure is a
// one-column table, its rows the breakdown's, its column total the breakdown's total. std::invalid_argument when the
// table has no rows.
SuppressedTable as_suppressed_table(const ModeChannelTable& table, std::int64_t k);
SuppressedTable as_suppressed_table(const AggregateBreakdown& breakdown, Measure measure, std::int64_t k);

}  // namespace tongban::domain
