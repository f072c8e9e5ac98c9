#include "domain/region_aggregate.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <stdexcept>
#include <utility>

#include "domain/notice.h"
#include "domain/word_table.h"

namespace tongban::domain {
namespace {

using Counts = std::array<std::optional<std::int64_t>, kMeasureCount>;

constexpr std::size_t kModeCount = 4;     // HandlingMode's values
constexpr std::size_t kChannelCount = 6;  // Channel's values
constexpr double kMaxMedian = 1e9;        // working days: far beyond any case, far below a double's exact integers

// The field of each measure but the ratings (ratings_by_level[i]).
constexpr WordTable<Measure, 8> kMeasureFields{{
    {Measure::received, "received"},
    {Measure::decided, "decided"},
    {Measure::decided_within_legal, "decided_within_legal"},
    {Measure::overdue, "overdue"},
    {Measure::cases_with_supplement, "cases_with_supplement"},
    {Measure::trips_saved, "trips_saved"},
    {Measure::bad_ratings_followed_up, "bad_ratings_followed_up"},
    {Measure::timed_cases, "timed_cases"},
}};

// --- Making an aggregate -----------------------------------------------------------------------------------------

CaseFigures day_figures(const std::vector<CaseFacts>& cases, Dimension dimension, CalendarDate day,
                        std::map<Dimension, std::string> only, std::int64_t now_ms, const CalendarLookup& calendars) {
  FigureFilter filter;
  filter.from = day;
  filter.to = day;
  filter.only = std::move(only);
  return compute_case_figures(cases, dimension, filter, now_ms, calendars);
}

std::optional<std::int64_t> shown_count(const SuppressedCount& figure) {
  return figure.disclosure == CellDisclosure::published ? figure.count : std::nullopt;
}

SuppressedCount as_suppressed_count(const std::optional<std::int64_t>& figure) {
  return {figure, figure ? CellDisclosure::published : CellDisclosure::complementary};
}

// The values as a one-column table, suppressed: a row is shown when its cell (and so its row total) is.
std::vector<std::optional<std::int64_t>> published_column(const std::vector<std::int64_t>& values, std::int64_t k) {
  if (values.empty()) return {};
  CountTable counts;
  for (std::int64_t value : values) counts.push_back({value});
  const SuppressedTable table = suppress_small_cells(counts, k);
  std::vector<std::optional<std::int64_t>> column;
  for (std::size_t r = 0; r < values.size(); ++r)
    column.push_back(table.row_totals[r].count ? shown_count(table.cells[r][0]) : std::nullopt);
  return column;
}

std::optional<double> published_median(const std::optional<double>& median, const std::optional<std::int64_t>& timed,
                                       std::int64_t k) {
  return timed && *timed >= k ? median : std::nullopt;
}

AggregateTotal total_of(const CaseFigure& figure, std::int64_t k) {
  AggregateTotal total;
  for (Measure m : kAllMeasures) total[m] = measure_of(figure, m);
  total.median_working_days = published_median(figure.median_working_days, total[Measure::timed_cases], k);
  return total;
}

// The breakdown of `figures` suppressed measure by measure; `received` when given is the received column already
// suppressed (mode_by_channel's margins).
AggregateBreakdown publish_breakdown(const CaseFigures& figures, std::int64_t k,
                                     const std::vector<std::optional<std::int64_t>>* received) {
  AggregateBreakdown breakdown;
  breakdown.rows.resize(figures.rows.size());
  for (std::size_t r = 0; r < figures.rows.size(); ++r) breakdown.rows[r].key = figures.rows[r].key;
  for (Measure m : kAllMeasures) {
    std::vector<std::int64_t> values;
    for (const CaseFigure& figure : figures.rows) values.push_back(measure_of(figure, m));
    std::vector<std::optional<std::int64_t>> column;
    if (m == Measure::received && received != nullptr)
      column = *received;
    else if (m == Measure::trips_saved)  // a sum: hidden only with received, below
      column.assign(values.begin(), values.end());
    else
      column = published_column(values, k);
    for (std::size_t r = 0; r < column.size(); ++r) breakdown.rows[r][m] = column[r];
  }
  for (std::size_t r = 0; r < figures.rows.size(); ++r) {
    AggregateFigure& row = breakdown.rows[r];
    if (!row[Measure::received]) {
      row.counts.fill(std::nullopt);
      continue;
    }
    row.median_working_days = published_median(figures.rows[r].median_working_days, row[Measure::timed_cases], k);
  }
  breakdown.total = total_of(figures.total, k);
  return breakdown;
}

std::vector<std::string> keys_of(const CaseFigures& figures) {
  std::vector<std::string> keys;
  for (const CaseFigure& figure : figures.rows) keys.push_back(figure.key);
  return keys;
}

// Cases received by mode and channel, each row counted by compute_case_figures over the day's cases of that mode.
ModeChannelTable publish_mode_by_channel(const std::vector<CaseFacts>& cases, CalendarDate day,
                                         const CaseFigures& by_mode, const CaseFigures& by_channel, std::int64_t now_ms,
                                         const CalendarLookup& calendars, std::int64_t k) {
  ModeChannelTable table;
  table.modes = keys_of(by_mode);
  table.channels = keys_of(by_channel);
  table.grand_total = by_mode.total.received;
  if (table.modes.empty()) return table;
  CountTable counts(table.modes.size(), std::vector<std::int64_t>(table.channels.size(), 0));
  for (std::size_t i = 0; i < table.modes.size(); ++i) {
    const CaseFigures row =
        day_figures(cases, Dimension::channel, day, {{Dimension::mode, table.modes[i]}}, now_ms, calendars);
    for (const CaseFigure& figure : row.rows) {
      const auto column = std::lower_bound(table.channels.begin(), table.channels.end(), figure.key);
      counts[i][static_cast<std::size_t>(column - table.channels.begin())] = figure.received;
    }
  }
  const SuppressedTable suppressed = suppress_small_cells(counts, k);
  for (std::size_t i = 0; i < table.modes.size(); ++i) {
    table.cells.emplace_back();
    for (const SuppressedCount& cell : suppressed.cells[i]) table.cells.back().push_back(shown_count(cell));
    table.mode_totals.push_back(shown_count(suppressed.row_totals[i]));
  }
  for (const SuppressedCount& total : suppressed.column_totals) table.channel_totals.push_back(shown_count(total));
  return table;
}

// --- Checking an aggregate ---------------------------------------------------------------------------------------

struct Report {
  std::vector<FieldError> errors;
  void add(std::string field, std::string rule, std::string message) {
    errors.push_back({std::move(field), std::move(rule), std::move(message)});
  }
};

std::string indexed(std::string_view name, std::size_t i) {
  return std::string(name) + "[" + std::to_string(i) + "]";
}

bool count_ok(Report& report, const std::string& field, std::int64_t count) {
  if (count < 0) report.add(field, "negative", "A count is never negative.");
  if (count > kMaxSuppressionCount) report.add(field, "too_large", "A count is at most 10^15.");
  return count >= 0 && count <= kMaxSuppressionCount;
}

bool counts_ok(Report& report, const std::string& prefix, const Counts& counts) {
  bool ok = true;
  for (Measure m : kAllMeasures)
    if (counts[index_of(m)]) ok = count_ok(report, prefix + measure_field(m), *counts[index_of(m)]) && ok;
  return ok;
}

Counts shown(const AggregateTotal& total) {
  Counts counts;
  for (Measure m : kAllMeasures) counts[index_of(m)] = total[m];
  return counts;
}

bool jurisdiction_pair_ok(std::string_view key) {
  const std::size_t arrow = key.find('>');
  return arrow != std::string_view::npos && is_notice_code(key.substr(0, arrow)) &&
         is_notice_code(key.substr(arrow + 1));
}

void check_key(Report& report, const std::string& field, Dimension dimension, const std::string& key) {
  switch (dimension) {
    case Dimension::mode:
      if (!parse_handling_mode(key)) report.add(field, "unknown_word", "Not a handling mode: '" + key + "'.");
      return;
    case Dimension::channel:
      if (!parse_channel(key)) report.add(field, "unknown_word", "Not a channel: '" + key + "'.");
      return;
    case Dimension::jurisdiction_pair:
      if (!jurisdiction_pair_ok(key))
        report.add(field, "jurisdiction_pair", "Not '<jurisdiction>><jurisdiction>' of two codes: '" + key + "'.");
      return;
    default:
      if (!is_notice_code(key)) report.add(field, "code", "Not a code of 1-64 of A-Z a-z 0-9 . _ -: '" + key + "'.");
      return;
  }
}

// Published figures and hidden ones, each at least something (their least sum `at_least`), against their total:
// they can add up to it, and do when none is hidden.
void check_sum(Report& report, const std::string& field, std::int64_t published, std::int64_t at_least, bool hidden,
               std::int64_t total) {
  if (published + at_least > total)
    report.add(field, "sum_exceeds_total", "The figures add up to more than their total.");
  else if (!hidden && published != total)
    report.add(field, "sum_differs_from_total", "The figures do not add up to their total.");
}

// The published rows of one measure against its total. A hidden row is at least 1, but where the row's received is
// hidden (it may then hide a 0) and in trips_saved (a sum, hidden only with received).
void check_column(Report& report, const std::string& name, const AggregateBreakdown& b, Measure m,
                  std::optional<std::int64_t> k) {
  const std::string field = measure_field(m);
  const std::int64_t total = b.total[m];
  std::int64_t published = 0;  // at most 400 counts of at most 10^15: no overflow
  std::int64_t at_least = 0;
  std::vector<std::size_t> hidden;
  for (std::size_t r = 0; r < b.rows.size(); ++r) {
    const std::optional<std::int64_t>& value = b.rows[r][m];
    if (!value) {
      hidden.push_back(r);
      const bool may_be_zero = m == Measure::trips_saved || (m != Measure::received && !b.rows[r][Measure::received]);
      at_least += may_be_zero ? 0 : 1;
      continue;
    }
    published += *value;
    if (k && m != Measure::trips_saved && *value > 0 && *value < *k && *value != total)
      report.add(indexed(name, r) + "." + field, "small_count", "A count below k is published.");
  }
  check_sum(report, name + "_total." + field, published, at_least, !hidden.empty(), total);
  if (hidden.size() == 1)
    report.add(indexed(name, hidden.front()) + "." + field, "determined",
               "The only hidden row is the total minus the others.");
}

// Where both are published, `lesser` is at most `greater`.
void check_not_above(Report& report, const std::string& prefix, const Counts& counts, Measure lesser,
                     std::optional<std::int64_t> greater, std::string_view greater_name) {
  const std::optional<std::int64_t>& value = counts[index_of(lesser)];
  if (value && greater && *value > *greater)
    report.add(prefix + measure_field(lesser), "exceeds", "More than " + std::string(greater_name) + ".");
}

void check_relations(Report& report, const std::string& prefix, const Counts& c) {
  const auto at = [&](Measure m) { return c[index_of(m)]; };
  check_not_above(report, prefix, c, Measure::decided, at(Measure::received), "received");
  check_not_above(report, prefix, c, Measure::decided_within_legal, at(Measure::decided), "decided");
  check_not_above(report, prefix, c, Measure::overdue, at(Measure::received), "received");
  check_not_above(report, prefix, c, Measure::cases_with_supplement, at(Measure::received), "received");
  check_not_above(report, prefix, c, Measure::timed_cases, at(Measure::decided), "decided");
  std::optional<std::int64_t> bad;
  if (at(Measure::rated_1) && at(Measure::rated_2)) bad = *at(Measure::rated_1) + *at(Measure::rated_2);
  check_not_above(report, prefix, c, Measure::bad_ratings_followed_up, bad, "the ratings of level 1 and 2");
}

void check_median(Report& report, const std::string& prefix, const Counts& c, const std::optional<double>& median,
                  std::optional<std::int64_t> k) {
  if (!median) return;
  const std::string field = prefix + "median_working_days";
  const std::optional<std::int64_t>& timed = c[index_of(Measure::timed_cases)];
  if (!c[index_of(Measure::received)] || !timed || (k && *timed < *k))
    report.add(field, "median", "A median is published only over k timed cases or more of a published row.");
  else if (!std::isfinite(*median) || *median < 0 || *median > kMaxMedian || std::floor(*median * 2) != *median * 2)
    report.add(field, "median", "A median of working days is a multiple of 0.5, 0 or more.");
}

void check_row(Report& report, const std::string& prefix, const AggregateFigure& row, std::optional<std::int64_t> k) {
  const std::optional<std::int64_t>& received = row[Measure::received];
  if (received && *received == 0) report.add(prefix + "received", "empty_row", "A row has at least one case.");
  if (!received) {
    for (Measure m : kAllMeasures)
      if (row[m]) report.add(prefix + measure_field(m), "hidden_with_received", "The row's received is hidden.");
    if (row.median_working_days)
      report.add(prefix + "median_working_days", "hidden_with_received", "The row's received is hidden.");
    return;
  }
  check_relations(report, prefix, row.counts);
  check_median(report, prefix, row.counts, row.median_working_days, k);
}

// Keys well-formed, sorted and unique; the field of key i is `name`[i]`suffix`.
void check_keys(Report& report, const std::string& name, const std::string& suffix, Dimension dimension,
                const std::vector<std::string>& keys) {
  for (std::size_t i = 0; i < keys.size(); ++i) {
    check_key(report, indexed(name, i) + suffix, dimension, keys[i]);
    if (i > 0 && !(keys[i - 1] < keys[i]))
      report.add(indexed(name, i) + suffix, "order", "Keys are sorted by byte order and unique: '" + keys[i] + "'.");
  }
}

void check_breakdown(Report& report, const DailyAggregate& a, Dimension dimension, std::optional<std::int64_t> k) {
  const std::string name = breakdown_field(dimension);
  const AggregateBreakdown& b = breakdown_of(a, dimension);
  if (b.rows.size() > kMaxSuppressionRows) {
    report.add(name, "too_many", "At most " + std::to_string(kMaxSuppressionRows) + " rows.");
    return;
  }
  std::vector<std::string> keys;
  for (const AggregateFigure& row : b.rows) keys.push_back(row.key);
  check_keys(report, name, ".key", dimension, keys);
  bool ok = counts_ok(report, name + "_total.", shown(b.total));
  for (std::size_t r = 0; r < b.rows.size(); ++r)
    ok = counts_ok(report, indexed(name, r) + ".", b.rows[r].counts) && ok;
  if (!ok) return;  // the sums below need counts in range
  for (std::size_t r = 0; r < b.rows.size(); ++r) check_row(report, indexed(name, r) + ".", b.rows[r], k);
  check_relations(report, name + "_total.", shown(b.total));
  check_median(report, name + "_total.", shown(b.total), b.total.median_working_days, k);
  for (Measure m : kAllMeasures) check_column(report, name, b, m, k);
}

// One row or column of mode_by_channel: its published figures and hidden ones (each >= 1) against its total.
void check_line(Report& report, const std::string& field, const std::vector<std::optional<std::int64_t>>& figures,
                std::optional<std::int64_t> total) {
  if (!total) return;
  std::int64_t published = 0;
  std::int64_t hidden = 0;
  for (const auto& figure : figures) {
    published += figure.value_or(0);
    hidden += figure ? 0 : 1;
  }
  check_sum(report, field, published, hidden, hidden > 0, *total);
}

std::string table_field(const TableEntry& entry) {
  const std::string name = "mode_by_channel.";
  switch (entry.kind) {
    case TableEntryKind::cell: return indexed(indexed(name + "cells", entry.row), entry.column);
    case TableEntryKind::row_total: return indexed(name + "mode_totals", entry.row);
    case TableEntryKind::column_total: return indexed(name + "channel_totals", entry.column);
  }
  return name;
}

bool shape_ok(Report& report, const ModeChannelTable& t) {
  if (t.modes.size() > kModeCount || t.channels.size() > kChannelCount) {
    report.add("mode_by_channel", "too_many", "At most every mode and every channel.");
    return false;
  }
  bool ok = t.cells.size() == t.modes.size() && t.mode_totals.size() == t.modes.size() &&
            t.channel_totals.size() == t.channels.size() && t.modes.empty() == t.channels.empty();
  for (const auto& row : t.cells) ok = ok && row.size() == t.channels.size();
  if (!ok) report.add("mode_by_channel", "shape", "One cell per mode and channel, one total per mode and channel.");
  return ok;
}

// Every figure of a table of the right shape but the grand total: cells row by row, mode totals, channel totals.
std::vector<std::pair<TableEntry, std::optional<std::int64_t>>> figures_of(const ModeChannelTable& t) {
  std::vector<std::pair<TableEntry, std::optional<std::int64_t>>> figures;
  for (std::size_t i = 0; i < t.modes.size(); ++i)
    for (std::size_t j = 0; j < t.channels.size(); ++j)
      figures.push_back({{TableEntryKind::cell, i, j}, t.cells[i][j]});
  for (std::size_t i = 0; i < t.modes.size(); ++i)
    figures.push_back({{TableEntryKind::row_total, i, 0}, t.mode_totals[i]});
  for (std::size_t j = 0; j < t.channels.size(); ++j)
    figures.push_back({{TableEntryKind::column_total, 0, j}, t.channel_totals[j]});
  return figures;
}

// Each published figure: in range; below k only when it is the grand total (the only non-zero cell, row or
// column); a mode or channel total not 0.
bool check_table_counts(Report& report, const ModeChannelTable& t, std::optional<std::int64_t> k) {
  bool ok = count_ok(report, "mode_by_channel.grand_total", t.grand_total);
  for (const auto& [entry, value] : figures_of(t)) {
    if (!value) continue;
    const std::string field = table_field(entry);
    ok = count_ok(report, field, *value) && ok;
    if (k && *value > 0 && *value < *k && *value != t.grand_total)
      report.add(field, "small_count", "A count below k is published.");
    if (*value == 0 && entry.kind != TableEntryKind::cell)
      report.add(field, "empty_row", "A mode or channel has at least one case.");
  }
  return ok;
}

void check_mode_by_channel(Report& report, const ModeChannelTable& t, std::optional<std::int64_t> k) {
  if (!shape_ok(report, t)) return;
  check_keys(report, "mode_by_channel.modes", "", Dimension::mode, t.modes);
  check_keys(report, "mode_by_channel.channels", "", Dimension::channel, t.channels);
  if (!check_table_counts(report, t, k)) return;
  if (t.modes.empty()) {
    if (t.grand_total != 0) report.add("mode_by_channel.grand_total", "shape", "Cases received but no mode.");
    return;
  }
  for (std::size_t i = 0; i < t.modes.size(); ++i)
    check_line(report, table_field({TableEntryKind::row_total, i, 0}), t.cells[i], t.mode_totals[i]);
  for (std::size_t j = 0; j < t.channels.size(); ++j) {
    std::vector<std::optional<std::int64_t>> column;
    for (const auto& row : t.cells) column.push_back(row[j]);
    check_line(report, table_field({TableEntryKind::column_total, 0, j}), column, t.channel_totals[j]);
  }
  check_line(report, "mode_by_channel.grand_total", t.mode_totals, t.grand_total);
  check_line(report, "mode_by_channel.grand_total", t.channel_totals, t.grand_total);
  for (const TableEntry& entry : exactly_determined_entries(as_suppressed_table(t, k.value_or(1))))
    report.add(table_field(entry), "determined", "The published figures give this hidden one away.");
}

// by_mode's and by_channel's rows and received against mode_by_channel's rows and columns.
void check_margins(Report& report, const AggregateBreakdown& b, const std::string& name,
                   const std::vector<std::string>& keys, const std::vector<std::optional<std::int64_t>>& totals) {
  bool same_keys = b.rows.size() == keys.size() && totals.size() == keys.size();
  for (std::size_t r = 0; same_keys && r < keys.size(); ++r) same_keys = b.rows[r].key == keys[r];
  if (!same_keys) {
    report.add(name, "margin_mismatch", "The rows are not those of mode_by_channel.");
    return;
  }
  for (std::size_t r = 0; r < keys.size(); ++r)
    if (b.rows[r][Measure::received] != totals[r])
      report.add(indexed(name, r) + ".received", "margin_mismatch", "Not mode_by_channel's total.");
}

void check_across(Report& report, const DailyAggregate& a) {
  for (Dimension dimension : kAggregateDimensions)
    if (!(breakdown_of(a, dimension).total == a.by_item.total))
      report.add(breakdown_field(dimension) + "_total", "total_mismatch", "The dimensions' totals differ.");
  if (a.mode_by_channel.grand_total != a.by_item.total[Measure::received])
    report.add("mode_by_channel.grand_total", "total_mismatch", "Not the cases received.");
  check_margins(report, a.by_mode, "by_mode", a.mode_by_channel.modes, a.mode_by_channel.mode_totals);
  check_margins(report, a.by_channel, "by_channel", a.mode_by_channel.channels, a.mode_by_channel.channel_totals);
}

// The aggregate's k when it is one, to check the small counts with.
std::optional<std::int64_t> check_header(Report& report, const DailyAggregate& a) {
  if (!is_notice_code(a.node_id)) report.add("node_id", "code", "Not a node id.");
  if (!is_notice_code(a.jurisdiction)) report.add("jurisdiction", "code", "Not a jurisdiction code.");
  if (!a.day.ok()) report.add("day", "date", "Not a date.");
  if (a.generated_at_ms < 0) report.add("generated_at_ms", "negative", "Not an instant.");
  if (a.k >= 1 && a.k <= kMaxSuppressionThreshold) return a.k;
  report.add("k", "range", "k is 1 to " + std::to_string(kMaxSuppressionThreshold) + ".");
  return std::nullopt;
}

}  // namespace

std::string measure_field(Measure measure) {
  if (measure >= Measure::rated_1 && measure <= Measure::rated_5)
    return "ratings_by_level[" + std::to_string(index_of(measure) - index_of(Measure::rated_1)) + "]";
  return std::string(word_of(kMeasureFields, measure));
}

std::int64_t measure_of(const CaseFigure& f, Measure measure) {
  switch (measure) {
    case Measure::received: return f.received;
    case Measure::decided: return f.decided;
    case Measure::decided_within_legal: return f.decided_within_legal;
    case Measure::overdue: return f.overdue;
    case Measure::cases_with_supplement: return f.cases_with_supplement;
    case Measure::trips_saved: return f.trips_saved;
    case Measure::rated_1:
    case Measure::rated_2:
    case Measure::rated_3:
    case Measure::rated_4:
    case Measure::rated_5: return f.ratings_by_level.at(index_of(measure) - index_of(Measure::rated_1));
    case Measure::bad_ratings_followed_up: return f.bad_ratings_followed_up;
    case Measure::timed_cases: return f.timed_cases;
  }
  return 0;
}

const AggregateBreakdown& breakdown_of(const DailyAggregate& aggregate, Dimension dimension) {
  switch (dimension) {
    case Dimension::item: return aggregate.by_item;
    case Dimension::mode: return aggregate.by_mode;
    case Dimension::channel: return aggregate.by_channel;
    case Dimension::jurisdiction_pair: return aggregate.by_jurisdiction_pair;
    default: break;
  }
  throw std::invalid_argument("daily aggregate: no breakdown by " + std::string(to_string(dimension)));
}

AggregateBreakdown& breakdown_of(DailyAggregate& aggregate, Dimension dimension) {
  return const_cast<AggregateBreakdown&>(breakdown_of(std::as_const(aggregate), dimension));
}

std::string breakdown_field(Dimension dimension) {
  return "by_" + std::string(to_string(dimension));
}

DailyAggregate make_daily_aggregate(const std::vector<CaseFacts>& cases, CalendarDate day, std::string node_id,
                                    std::string jurisdiction, std::int64_t k, std::int64_t now_ms,
                                    const CalendarLookup& calendars) {
  if (k < 1 || k > kMaxSuppressionThreshold)
    throw std::invalid_argument("daily aggregate: k must be 1 to " + std::to_string(kMaxSuppressionThreshold));
  DailyAggregate a;
  a.node_id = std::move(node_id);
  a.jurisdiction = std::move(jurisdiction);
  a.day = day;
  a.generated_at_ms = now_ms;
  a.k = k;
  const CaseFigures by_mode = day_figures(cases, Dimension::mode, day, {}, now_ms, calendars);
  const CaseFigures by_channel = day_figures(cases, Dimension::channel, day, {}, now_ms, calendars);
  a.mode_by_channel = publish_mode_by_channel(cases, day, by_mode, by_channel, now_ms, calendars, k);
  a.by_item = publish_breakdown(day_figures(cases, Dimension::item, day, {}, now_ms, calendars), k, nullptr);
  a.by_mode = publish_breakdown(by_mode, k, &a.mode_by_channel.mode_totals);
  a.by_channel = publish_breakdown(by_channel, k, &a.mode_by_channel.channel_totals);
  a.by_jurisdiction_pair =
      publish_breakdown(day_figures(cases, Dimension::jurisdiction_pair, day, {}, now_ms, calendars), k, nullptr);
  const std::vector<FieldError> problems = aggregate_problems(a);
  if (!problems.empty())
    throw std::invalid_argument("daily aggregate: " + problems.front().field + ": " + problems.front().message);
  return a;
}

std::vector<FieldError> aggregate_problems(const DailyAggregate& aggregate) {
  Report report;
  const std::optional<std::int64_t> k = check_header(report, aggregate);
  for (Dimension dimension : kAggregateDimensions) check_breakdown(report, aggregate, dimension, k);
  check_mode_by_channel(report, aggregate.mode_by_channel, k);
  check_across(report, aggregate);
  return std::move(report.errors);
}

SuppressedTable as_suppressed_table(const ModeChannelTable& t, std::int64_t k) {
  if (t.modes.empty() || t.channels.empty() || t.cells.size() != t.modes.size() ||
      t.mode_totals.size() != t.modes.size() || t.channel_totals.size() != t.channels.size())
    throw std::invalid_argument("daily aggregate: mode_by_channel has no rows, or not one per mode and channel");
  SuppressedTable table;
  table.k = k;
  table.grand_total = t.grand_total;
  for (std::size_t i = 0; i < t.modes.size(); ++i) {
    if (t.cells[i].size() != t.channels.size())
      throw std::invalid_argument("daily aggregate: mode_by_channel has not one cell per channel");
    table.cells.emplace_back();
    for (const auto& cell : t.cells[i]) table.cells.back().push_back(as_suppressed_count(cell));
    table.row_totals.push_back(as_suppressed_count(t.mode_totals[i]));
  }
  for (const auto& total : t.channel_totals) table.column_totals.push_back(as_suppressed_count(total));
  return table;
}

SuppressedTable as_suppressed_table(const AggregateBreakdown& breakdown, Measure measure, std::int64_t k) {
  if (breakdown.rows.empty()) throw std::invalid_argument("daily aggregate: the breakdown has no rows");
  SuppressedTable table;
  table.k = k;
  table.grand_total = breakdown.total[measure];
  for (const AggregateFigure& row : breakdown.rows) {
    table.cells.push_back({as_suppressed_count(row[measure])});
    table.row_totals.push_back(as_suppressed_count(row[measure]));
  }
  table.column_totals.push_back(as_suppressed_count(breakdown.total[measure]));
  return table;
}

}  // namespace tongban::domain
