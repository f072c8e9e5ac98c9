// The region's daily aggregate (domain/region_aggregate.h) and the region figures (domain/region_figures.h). With k = 1
// nothing is hidden and every figure is compute_case_figures' of the same cases and day; three nodes' aggregates add up
// to the sum of each node's own figures over the period. With k = 5 an attacker tries to recover an item of two cases
// from what one aggregate publishes — the totals minus the published rows, the mode by channel table and its margins —
// and cannot, while the same counts suppressed naively give it away. Then: the latest aggregate of a node and day wins,
// the period filters the days, and aggregate_problems refuses what a careless or hostile peer could send.
//
// The cases are synthetic, drawn from a fixed seed per node (the figures expected are compute_case_figures' over the
// same facts, never numbers written here), and, for the attack, made by hand.
#include "domain/region_aggregate.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "domain/deadline.h"
#include "domain/region_figures.h"

namespace tongban::domain {
namespace {

using namespace std::chrono;

// --- Facts ---------------------------------------------------------------------------------------------------------

// `hour` o'clock local time (UTC+8) of the date, in UTC milliseconds.
std::int64_t at(year_month_day date, int hour = 10) {
  return duration_cast<milliseconds>(sys_days(date).time_since_epoch()).count() + (hour - 8) * 3600LL * 1000;
}

const std::int64_t kNow = at(2025y / November / 20d);
constexpr year_month_day kMonday = 2025y / September / 22d;
constexpr year_month_day kTuesday = 2025y / September / 23d;
constexpr year_month_day kWednesday = 2025y / September / 24d;

// Jiangmen and Macao calendars of 2025 (National Day off); Hong Kong has none on these nodes, its clocks count by the
// weekend rule and its cases are never timed.
struct Calendars {
  WorkingCalendar jiangmen{"CN-GD-JM"};
  WorkingCalendar macao{"MO"};
  WorkingCalendar weekends_only{"HK"};
  Calendars() {
    jiangmen.cover_year(2025);
    macao.cover_year(2025);
    for (unsigned d = 1; d <= 8; ++d) jiangmen.mark(2025y / October / day{d}, DayKind::holiday, "国庆节");
    for (unsigned d : {1U, 2U}) macao.mark(2025y / October / day{d}, DayKind::holiday, "Feriado");
  }
  const WorkingCalendar& of(std::string_view jurisdiction) const {
    if (jurisdiction == "CN-GD-JM") return jiangmen;
    if (jurisdiction == "MO") return macao;
    return weekends_only;
  }
  CalendarLookup lookup() const {
    return [this](std::string_view j) -> const WorkingCalendar* {
      if (j == "CN-GD-JM") return &jiangmen;
      if (j == "MO") return &macao;
      return nullptr;
    };
  }
};

struct Offer {
  std::string item_code;
  std::string authority;
  std::string jurisdiction;  // competent
  HandlingMode mode;
};

struct NodeProfile {
  std::string node_id;
  std::string jurisdiction;
  std::vector<Offer> offers;
  std::uint32_t seed;
};

const NodeProfile kJiangmen{"CN-GD-JM",
                            "CN-GD-JM",
                            {{"JM-CA-005", "JM-CA", "CN-GD-JM", HandlingMode::online},
                             {"JM-HRSS-010", "JM-HRSS", "CN-GD-JM", HandlingMode::online},
                             {"MO-DSAL-002", "MO-DSAL", "MO", HandlingMode::remote_intake},
                             {"MO-DSAL-002", "JM-HRSS", "CN-GD-JM", HandlingMode::delegated}},
                            11};
const NodeProfile kMacao{"MO",
                         "MO",
                         {{"MO-DSI-001", "MO-DSI", "MO", HandlingMode::online},
                          {"MO-DSAL-002", "MO-DSAL", "MO", HandlingMode::online},
                          {"JM-CA-005", "JM-CA", "CN-GD-JM", HandlingMode::remote_intake},
                          {"HK-IMMD-001", "HK-IMMD", "HK", HandlingMode::joint}},
                         22};
const NodeProfile kHongKong{"HK",
                            "HK",
                            {{"HK-IMMD-001", "HK-IMMD", "HK", HandlingMode::online},
                             {"HK-TD-003", "HK-TD", "HK", HandlingMode::online},
                             {"MO-DSI-001", "MO-DSI", "MO", HandlingMode::remote_intake}},
                            33};

constexpr Channel kChannels[] = {Channel::web,  Channel::window, Channel::bank,
                                 Channel::post, Channel::kiosk,  Channel::cabin};

// One synthetic case of the node taken in on `taken_in`: every figure of CaseFacts varies with the draw.
CaseFacts draw_case(std::mt19937& rng, const NodeProfile& node, year_month_day taken_in, const Calendars& c) {
  const auto pick = [&](std::uint32_t n) { return static_cast<int>(rng() % n); };
  const Offer& offer = node.offers[static_cast<std::size_t>(pick(static_cast<std::uint32_t>(node.offers.size())))];
  CaseFacts f;
  f.item_code = offer.item_code;
  f.authority = offer.authority;
  f.mode = offer.mode;
  f.channel = kChannels[pick(6)];
  f.intake_point = f.channel == Channel::web ? "" : node.node_id + "-POINT-" + std::to_string(pick(3));
  f.intake_jurisdiction = node.jurisdiction;
  f.jurisdiction = offer.jurisdiction;
  f.utc_offset_minutes = 480;
  f.taken_in_at_ms = at(taken_in, 9 + pick(9));
  f.promised_days = 3 + pick(5);
  f.legal_days = *f.promised_days + pick(10);
  f.visits_needed = pick(3);
  f.visits_made = f.channel == Channel::web ? 0 : 1 + pick(2);
  f.supplements_requested = pick(4) == 0 ? 1 + pick(2) : 0;
  const int fate = pick(10);  // 0: open, not accepted; 1: withdrawn; 2: accepted, open; else decided
  if (fate == 0) return f;
  const WorkingCalendar& calendar = c.of(f.jurisdiction);
  const year_month_day accepted_on = sys_days(taken_in) + days{pick(2)};
  if (fate == 9) {  // not accepted: no clock
    f.decision = CaseDecision{Decision::not_accepted, at(accepted_on, 16)};
    return f;
  }
  f.clock = start_clock(accepted_on, *f.legal_days, *f.promised_days, calendar);
  if (fate == 1) {
    f.withdrawn_at_ms = at(sys_days(accepted_on) + days{1 + pick(5)});
    return f;
  }
  if (fate == 2) return f;
  const year_month_day decided_on = sys_days(accepted_on) + days{pick(25)};
  f.decision = CaseDecision{pick(4) == 0 ? Decision::rejected : Decision::approved, at(decided_on, 15)};
  for (int r = pick(3); r > 0; --r) f.ratings.push_back(CaseRating{1 + pick(5), static_cast<FollowUp>(pick(3))});
  return f;
}

// `per_day` cases of the node taken in on each day.
std::vector<CaseFacts> node_cases(const NodeProfile& node, const std::vector<year_month_day>& days_taken_in,
                                  int per_day, const Calendars& c) {
  std::mt19937 rng(node.seed);
  std::vector<CaseFacts> cases;
  for (year_month_day d : days_taken_in)
    for (int i = 0; i < per_day; ++i) cases.push_back(draw_case(rng, node, d, c));
  return cases;
}

// --- Expectations --------------------------------------------------------------------------------------------------

CaseFigures figures_over(const std::vector<CaseFacts>& cases, Dimension dimension, year_month_day from,
                         year_month_day to, const Calendars& c) {
  FigureFilter filter;
  filter.from = from;
  filter.to = to;
  return compute_case_figures(cases, dimension, filter, kNow, c.lookup());
}

const CaseFigure* find_row(const CaseFigures& figures, std::string_view key) {
  for (const CaseFigure& f : figures.rows)
    if (f.key == key) return &f;
  return nullptr;
}

bool nothing_hidden(const DailyAggregate& a) {
  for (Dimension d : kAggregateDimensions)
    for (const AggregateFigure& row : breakdown_of(a, d).rows)
      for (const auto& count : row.counts)
        if (!count) return false;
  for (const auto& row : a.mode_by_channel.cells)
    for (const auto& cell : row)
      if (!cell) return false;
  return std::all_of(a.mode_by_channel.mode_totals.begin(), a.mode_by_channel.mode_totals.end(),
                     [](const auto& v) { return v.has_value(); }) &&
         std::all_of(a.mode_by_channel.channel_totals.begin(), a.mode_by_channel.channel_totals.end(),
                     [](const auto& v) { return v.has_value(); });
}

bool has_problem(const std::vector<FieldError>& problems, std::string_view field, std::string_view rule) {
  return std::any_of(problems.begin(), problems.end(),
                     [&](const FieldError& e) { return e.field == field && e.rule == rule; });
}

std::string listed(const std::vector<FieldError>& problems) {
  std::string out;
  for (const FieldError& e : problems) out += e.field + " " + e.rule + "; ";
  return out;
}

// --- k = 1: the aggregate is the figures of the day --------------------------------------------------------------

TEST(DailyAggregate, WithKOneItIsTheCaseFiguresOfTheDay) {
  const Calendars c;
  const std::vector<CaseFacts> cases = node_cases(kJiangmen, {kMonday, kTuesday, kWednesday}, 40, c);
  const DailyAggregate a = make_daily_aggregate(cases, kTuesday, "CN-GD-JM", "CN-GD-JM", 1, kNow, c.lookup());
  EXPECT_EQ(a.node_id, "CN-GD-JM");
  EXPECT_EQ(a.day, kTuesday);
  EXPECT_EQ(a.generated_at_ms, kNow);
  EXPECT_TRUE(nothing_hidden(a));
  EXPECT_TRUE(aggregate_problems(a).empty()) << listed(aggregate_problems(a));
  for (Dimension d : kAggregateDimensions) {
    SCOPED_TRACE(to_string(d));
    const CaseFigures expected = figures_over(cases, d, kTuesday, kTuesday, c);
    const AggregateBreakdown& b = breakdown_of(a, d);
    ASSERT_EQ(b.rows.size(), expected.rows.size());
    for (std::size_t r = 0; r < b.rows.size(); ++r) {
      EXPECT_EQ(b.rows[r].key, expected.rows[r].key);
      for (Measure m : kAllMeasures) EXPECT_EQ(b.rows[r][m], measure_of(expected.rows[r], m)) << measure_field(m);
      EXPECT_EQ(b.rows[r].median_working_days, expected.rows[r].median_working_days);
    }
    for (Measure m : kAllMeasures) EXPECT_EQ(b.total[m], measure_of(expected.total, m)) << measure_field(m);
    EXPECT_EQ(b.total.median_working_days, expected.total.median_working_days);
  }
  // Only Tuesday's 40 cases, of the 120.
  EXPECT_EQ(a.by_item.total[Measure::received], 40);
  EXPECT_EQ(a.mode_by_channel.grand_total, 40);
  for (std::size_t i = 0; i < a.mode_by_channel.modes.size(); ++i) {
    FigureFilter filter;
    filter.from = filter.to = kTuesday;
    filter.only = {{Dimension::mode, a.mode_by_channel.modes[i]}};
    const CaseFigures row = compute_case_figures(cases, Dimension::channel, filter, kNow, c.lookup());
    for (std::size_t j = 0; j < a.mode_by_channel.channels.size(); ++j) {
      const CaseFigure* cell = find_row(row, a.mode_by_channel.channels[j]);
      EXPECT_EQ(a.mode_by_channel.cells[i][j], cell ? cell->received : 0);
    }
    EXPECT_EQ(a.mode_by_channel.mode_totals[i], row.total.received);
  }
}

TEST(DailyAggregate, ADayWithoutCasesHasNoRowsAndZeroTotals) {
  const Calendars c;
  const std::vector<CaseFacts> cases = node_cases(kMacao, {kMonday}, 10, c);
  const DailyAggregate a = make_daily_aggregate(cases, kWednesday, "MO", "MO", 5, kNow, c.lookup());
  for (Dimension d : kAggregateDimensions) {
    EXPECT_TRUE(breakdown_of(a, d).rows.empty());
    EXPECT_EQ(breakdown_of(a, d).total, AggregateTotal{});
  }
  EXPECT_EQ(a.mode_by_channel, ModeChannelTable{});
  EXPECT_TRUE(aggregate_problems(a).empty()) << listed(aggregate_problems(a));
}

TEST(DailyAggregate, BadArgumentsAreRefused) {
  const Calendars c;
  const std::vector<CaseFacts> cases = node_cases(kMacao, {kMonday}, 10, c);
  EXPECT_THROW(make_daily_aggregate(cases, kMonday, "MO", "MO", 0, kNow, c.lookup()), std::invalid_argument);
  EXPECT_THROW(make_daily_aggregate(cases, kMonday, "MO", "MO", kMaxSuppressionThreshold + 1, kNow, c.lookup()),
               std::invalid_argument);
  EXPECT_THROW(make_daily_aggregate(cases, kMonday, "M O", "MO", 5, kNow, c.lookup()), std::invalid_argument);
  std::vector<CaseFacts> spaced = cases;
  spaced.front().item_code = "MO DSI 001";
  spaced.front().taken_in_at_ms = at(kMonday);
  EXPECT_THROW(make_daily_aggregate(spaced, kMonday, "MO", "MO", 5, kNow, c.lookup()), std::invalid_argument);
}

TEST(DailyAggregate, EveryAggregateMadePassesItsOwnChecks) {
  const Calendars c;
  for (std::uint32_t seed = 1; seed <= 12; ++seed)
    for (int per_day : {1, 3, 8, 30, 90})
      for (std::int64_t k : {2, 3, 5, 10}) {
        SCOPED_TRACE("seed " + std::to_string(seed) + ", " + std::to_string(per_day) + " cases, k " +
                     std::to_string(k));
        NodeProfile node = seed % 2 == 0 ? kMacao : kJiangmen;
        node.seed = seed;
        const std::vector<CaseFacts> cases = node_cases(node, {kMonday}, per_day, c);
        // make_daily_aggregate throws when its result fails aggregate_problems.
        const DailyAggregate a =
            make_daily_aggregate(cases, kMonday, node.node_id, node.jurisdiction, k, kNow, c.lookup());
        for (Dimension d : kAggregateDimensions) {
          if (breakdown_of(a, d).rows.empty()) continue;
          for (Measure m : kAllMeasures) {
            EXPECT_TRUE(exactly_determined_entries(as_suppressed_table(breakdown_of(a, d), m, k)).empty());
          }
        }
        EXPECT_EQ(a.by_item.total[Measure::received], per_day);
      }
}

// --- Three nodes ---------------------------------------------------------------------------------------------------

TEST(RegionFigures, ThreeNodesAddUpToTheSumOfTheirOwnFigures) {
  const Calendars c;
  const std::vector<year_month_day> days_taken_in = {kMonday, kTuesday, kWednesday};
  const std::vector<NodeProfile> profiles = {kJiangmen, kMacao, kHongKong};
  std::vector<std::vector<CaseFacts>> cases;
  std::vector<DailyAggregate> aggregates;
  for (const NodeProfile& node : profiles) {
    cases.push_back(node_cases(node, days_taken_in, 25, c));
    for (year_month_day d : days_taken_in)
      aggregates.push_back(make_daily_aggregate(cases.back(), d, node.node_id, node.jurisdiction, 1, kNow, c.lookup()));
  }
  const RegionFigures region = region_figures(aggregates, std::nullopt, std::nullopt);

  const std::pair<Dimension, const std::vector<RegionFigure>*> breakdowns[] = {
      {Dimension::item, &region.by_item},
      {Dimension::mode, &region.by_mode},
      {Dimension::channel, &region.by_channel},
      {Dimension::jurisdiction_pair, &region.by_jurisdiction_pair}};
  for (const auto& [dimension, rows] : breakdowns) {
    SCOPED_TRACE(to_string(dimension));
    // Each node's own figures over the three days, added up key by key.
    std::map<std::string, std::array<std::int64_t, kMeasureCount>> expected;
    for (const auto& node_facts : cases)
      for (const CaseFigure& f : figures_over(node_facts, dimension, kMonday, kWednesday, c).rows)
        for (Measure m : kAllMeasures) expected[f.key][index_of(m)] += measure_of(f, m);
    ASSERT_EQ(rows->size(), expected.size());
    for (const RegionFigure& figure : *rows) {
      ASSERT_TRUE(expected.contains(figure.key)) << figure.key;
      for (Measure m : kAllMeasures) {
        EXPECT_EQ(figure[m].published_sum, expected[figure.key][index_of(m)]) << figure.key << " " << measure_field(m);
        EXPECT_FALSE(figure[m].some_hidden);
      }
    }
  }
  std::array<std::int64_t, kMeasureCount> total{};
  std::int64_t decided = 0;
  std::int64_t on_time = 0;
  for (const auto& node_facts : cases) {
    const CaseFigure own = figures_over(node_facts, Dimension::item, kMonday, kWednesday, c).total;
    for (Measure m : kAllMeasures) total[index_of(m)] += measure_of(own, m);
    decided += own.decided;
    on_time += own.decided_within_legal;
  }
  EXPECT_EQ(region.total, total);
  ASSERT_GT(decided, 0);
  EXPECT_DOUBLE_EQ(region.on_time_rate.value(), static_cast<double>(on_time) / static_cast<double>(decided));
  for (const RegionCell& cell : region.mode_by_channel) EXPECT_FALSE(cell.received.some_hidden);

  ASSERT_EQ(region.days.size(), 3u);
  for (const RegionDay& day : region.days) {
    RegionDay expected_day{day.day};
    for (const auto& node_facts : cases) {
      const CaseFigure own = figures_over(node_facts, Dimension::item, day.day, day.day, c).total;
      expected_day.received += own.received;
      expected_day.decided += own.decided;
      expected_day.decided_within_legal += own.decided_within_legal;
      expected_day.trips_saved += own.trips_saved;
    }
    EXPECT_EQ(day, expected_day) << format_date(day.day);
  }
  ASSERT_EQ(region.nodes.size(), 3u);
  EXPECT_EQ(region.nodes[0].node_id, "CN-GD-JM");
  EXPECT_EQ(region.nodes[1].node_id, "HK");
  EXPECT_EQ(region.nodes[2].node_id, "MO");
  for (const RegionNode& node : region.nodes) {
    EXPECT_EQ(node.days, 3u);
    EXPECT_EQ(node.latest_generated_at_ms, kNow);
    EXPECT_EQ(node.jurisdiction, node.node_id);
  }
}

TEST(RegionFigures, HiddenFiguresAreMarkedAndLeftOutOfTheSums) {
  const Calendars c;
  std::vector<DailyAggregate> aggregates;
  std::vector<CaseFacts> jm = node_cases(kJiangmen, {kMonday}, 30, c);
  std::vector<CaseFacts> mo = node_cases(kMacao, {kMonday}, 30, c);
  aggregates.push_back(make_daily_aggregate(jm, kMonday, "CN-GD-JM", "CN-GD-JM", 5, kNow, c.lookup()));
  aggregates.push_back(make_daily_aggregate(mo, kMonday, "MO", "MO", 5, kNow, c.lookup()));
  const RegionFigures region = region_figures(aggregates, std::nullopt, std::nullopt);
  bool some_hidden = false;
  for (const RegionFigure& figure : region.by_item) {
    for (Measure m : kAllMeasures) {
      RegionCount expected;
      for (const DailyAggregate& a : aggregates)
        for (const AggregateFigure& row : a.by_item.rows)
          if (row.key == figure.key) {
            expected.published_sum += row[m].value_or(0);
            expected.some_hidden = expected.some_hidden || !row[m];
          }
      EXPECT_EQ(figure[m], expected) << figure.key << " " << measure_field(m);
      some_hidden = some_hidden || figure[m].some_hidden;
    }
  }
  EXPECT_TRUE(some_hidden);  // 30 cases a node, over three items and five rating levels: some figure is below 5
  // The totals are published whatever is hidden.
  EXPECT_EQ(region.total_of(Measure::received), 60);
}

// --- The attack ----------------------------------------------------------------------------------------------------

// `n` web cases of the item on Monday, accepted and decided the same day.
void add_cases(std::vector<CaseFacts>& cases, int n, const Offer& offer, Channel channel, const Calendars& c) {
  for (int i = 0; i < n; ++i) {
    CaseFacts f;
    f.item_code = offer.item_code;
    f.authority = offer.authority;
    f.mode = offer.mode;
    f.channel = channel;
    f.intake_point = channel == Channel::web ? "" : "JM-POINT";
    f.intake_jurisdiction = "CN-GD-JM";
    f.jurisdiction = offer.jurisdiction;
    f.utc_offset_minutes = 480;
    f.taken_in_at_ms = at(kMonday, 9 + i % 8);
    f.promised_days = 5;
    f.legal_days = 10;
    f.visits_needed = 1;
    f.clock = start_clock(kMonday, 10, 5, c.of(offer.jurisdiction));
    f.decision = CaseDecision{Decision::approved, at(kMonday, 17)};
    cases.push_back(f);
  }
}

CountTable one_column(const std::vector<std::int64_t>& values) {
  CountTable counts;
  for (std::int64_t v : values) counts.push_back({v});
  return counts;
}

TEST(DailyAggregateAttack, AnItemOfTwoCasesCannotBeRecoveredFromWhatIsPublished) {
  const Calendars c;
  const Offer target{"MO-DSAL-002", "MO-DSAL", "MO", HandlingMode::remote_intake};
  std::vector<CaseFacts> cases;
  add_cases(cases, 12, {"JM-CA-005", "JM-CA", "CN-GD-JM", HandlingMode::online}, Channel::web, c);
  add_cases(cases, 7, {"JM-HRSS-010", "JM-HRSS", "CN-GD-JM", HandlingMode::online}, Channel::window, c);
  add_cases(cases, 6, {"HK-IMMD-001", "HK-IMMD", "HK", HandlingMode::online}, Channel::bank, c);
  add_cases(cases, 2, target, Channel::window, c);
  constexpr std::int64_t k = 5;
  const DailyAggregate a = make_daily_aggregate(cases, kMonday, "CN-GD-JM", "CN-GD-JM", k, kNow, c.lookup());
  ASSERT_TRUE(aggregate_problems(a).empty()) << listed(aggregate_problems(a));

  // The truth the attacker is after, from the facts.
  const CaseFigures by_item = figures_over(cases, Dimension::item, kMonday, kMonday, c);
  const CaseFigure* truth = find_row(by_item, target.item_code);
  ASSERT_NE(truth, nullptr);
  ASSERT_EQ(truth->received, 2);
  std::vector<std::int64_t> received;
  std::size_t target_row = 0;
  for (std::size_t r = 0; r < by_item.rows.size(); ++r) {
    received.push_back(by_item.rows[r].received);
    if (by_item.rows[r].key == target.item_code) target_row = r;
  }
  ASSERT_FALSE(a.by_item.rows[target_row][Measure::received].has_value());

  // Naively suppressed (only the small row hidden), the total minus the published rows is the hidden row.
  std::int64_t naive_rest = a.by_item.total[Measure::received];
  for (std::size_t r = 0; r < received.size(); ++r)
    if (r != target_row) naive_rest -= received[r];
  EXPECT_EQ(naive_rest, truth->received);

  // As published: the difference spreads over two hidden rows or more, and the target may be k or more.
  std::int64_t rest = a.by_item.total[Measure::received];
  std::size_t hidden_rows = 0;
  for (const AggregateFigure& row : a.by_item.rows) {
    rest -= row[Measure::received].value_or(0);
    hidden_rows += row[Measure::received] ? 0 : 1;
  }
  EXPECT_GE(hidden_rows, 2u);
  const std::int64_t largest_possible = rest - static_cast<std::int64_t>(hidden_rows - 1);  // the others >= 1
  EXPECT_GE(largest_possible, k);
  EXPECT_GT(largest_possible, 1);  // more than one value is possible: not determined

  // cell_suppression's own checks on the published tables.
  const SuppressedTable item_table = as_suppressed_table(a.by_item, Measure::received, k);
  EXPECT_TRUE(exactly_determined_entries(item_table).empty());
  EXPECT_GE(feasible_upper_bound(one_column(received), item_table, {TableEntryKind::cell, target_row, 0}), k);
  EXPECT_GE(feasible_upper_bound(one_column(received), item_table, {TableEntryKind::row_total, target_row, 0}), k);

  // The mode by channel table: the target's cases are the only remote intakes, at windows.
  const ModeChannelTable& t = a.mode_by_channel;
  const SuppressedTable mode_table = as_suppressed_table(t, k);
  EXPECT_TRUE(exactly_determined_entries(mode_table).empty());
  CountTable mode_counts(t.modes.size(), std::vector<std::int64_t>(t.channels.size(), 0));
  for (const CaseFacts& f : cases) {
    const auto i = std::find(t.modes.begin(), t.modes.end(), to_string(f.mode)) - t.modes.begin();
    const auto j = std::find(t.channels.begin(), t.channels.end(), to_string(f.channel)) - t.channels.begin();
    ++mode_counts[static_cast<std::size_t>(i)][static_cast<std::size_t>(j)];
  }
  const std::size_t remote =
      static_cast<std::size_t>(std::find(t.modes.begin(), t.modes.end(), "remote_intake") - t.modes.begin());
  const std::size_t window =
      static_cast<std::size_t>(std::find(t.channels.begin(), t.channels.end(), "window") - t.channels.begin());
  ASSERT_EQ(mode_counts[remote][window], 2);
  EXPECT_FALSE(t.cells[remote][window].has_value());
  EXPECT_FALSE(t.mode_totals[remote].has_value());
  EXPECT_GE(feasible_upper_bound(mode_counts, mode_table, {TableEntryKind::cell, remote, window}), k);
  EXPECT_GE(feasible_upper_bound(mode_counts, mode_table, {TableEntryKind::row_total, remote, 0}), k);
  // by_mode publishes those very margins, nothing more: two modes, both hidden, so the total says nothing.
  for (std::size_t i = 0; i < t.modes.size(); ++i) EXPECT_EQ(a.by_mode.rows[i][Measure::received], t.mode_totals[i]);
  for (std::size_t j = 0; j < t.channels.size(); ++j)
    EXPECT_EQ(a.by_channel.rows[j][Measure::received], t.channel_totals[j]);

  // No measure of any breakdown has a hidden figure that its published ones determine.
  for (Dimension d : kAggregateDimensions)
    for (Measure m : kAllMeasures)
      EXPECT_TRUE(exactly_determined_entries(as_suppressed_table(breakdown_of(a, d), m, k)).empty())
          << to_string(d) << " " << measure_field(m);
  // A hidden row tells nothing else about its people.
  const AggregateFigure& hidden = a.by_item.rows[target_row];
  for (Measure m : kAllMeasures) EXPECT_FALSE(hidden[m].has_value()) << measure_field(m);
  EXPECT_FALSE(hidden.median_working_days.has_value());
}

TEST(DailyAggregate, AMedianNeedsKTimedCases) {
  const Calendars c;
  std::vector<CaseFacts> cases;
  add_cases(cases, 9, {"JM-CA-005", "JM-CA", "CN-GD-JM", HandlingMode::online}, Channel::web, c);
  add_cases(cases, 6, {"HK-IMMD-001", "HK-IMMD", "HK", HandlingMode::online}, Channel::web, c);  // never timed
  const DailyAggregate a = make_daily_aggregate(cases, kMonday, "CN-GD-JM", "CN-GD-JM", 5, kNow, c.lookup());
  const CaseFigures expected = figures_over(cases, Dimension::item, kMonday, kMonday, c);
  ASSERT_EQ(a.by_item.rows.size(), 2u);
  const AggregateFigure& hk = a.by_item.rows[0];
  const AggregateFigure& jm = a.by_item.rows[1];
  EXPECT_EQ(hk[Measure::received], 6);
  EXPECT_EQ(hk[Measure::timed_cases], 0);
  EXPECT_FALSE(hk.median_working_days.has_value());
  EXPECT_EQ(jm[Measure::timed_cases], 9);
  EXPECT_EQ(jm.median_working_days, expected.rows[1].median_working_days);
  EXPECT_EQ(a.by_item.total.median_working_days, expected.total.median_working_days);
  // With k = 10, nine timed cases are too few, in the row and in the total.
  const DailyAggregate strict = make_daily_aggregate(cases, kMonday, "CN-GD-JM", "CN-GD-JM", 10, kNow, c.lookup());
  EXPECT_FALSE(strict.by_item.total.median_working_days.has_value());
  // A peer's median over fewer than k timed cases is refused.
  DailyAggregate forged = a;
  forged.by_item.rows[0].median_working_days = 1.5;
  EXPECT_TRUE(has_problem(aggregate_problems(forged), "by_item[0].median_working_days", "median"));
  forged = a;
  forged.by_item.rows[1].median_working_days = 1.25;
  EXPECT_TRUE(has_problem(aggregate_problems(forged), "by_item[1].median_working_days", "median"));
}

// --- Latest wins, the period ---------------------------------------------------------------------------------------

TEST(RegionFigures, TheLatestAggregateOfANodeAndDayWins) {
  const Calendars c;
  std::vector<CaseFacts> cases = node_cases(kJiangmen, {kMonday}, 20, c);
  const DailyAggregate early = make_daily_aggregate(cases, kMonday, "CN-GD-JM", "CN-GD-JM", 1, kNow, c.lookup());
  const std::vector<CaseFacts> more = node_cases(kJiangmen, {kMonday}, 26, c);  // six cases more, taken in late
  const DailyAggregate late = make_daily_aggregate(more, kMonday, "CN-GD-JM", "CN-GD-JM", 1, kNow + 1, c.lookup());
  const DailyAggregate other =
      make_daily_aggregate(node_cases(kMacao, {kMonday}, 10, c), kMonday, "MO", "MO", 1, kNow - 5, c.lookup());
  for (const auto& aggregates : {std::vector{early, late, other}, std::vector{late, other, early}}) {
    const RegionFigures region = region_figures(aggregates, std::nullopt, std::nullopt);
    EXPECT_EQ(region.total_of(Measure::received),
              late.by_item.total[Measure::received] + other.by_item.total[Measure::received]);
    ASSERT_EQ(region.nodes.size(), 2u);
    EXPECT_EQ(region.nodes[0].latest_generated_at_ms, kNow + 1);
    EXPECT_EQ(region.nodes[0].days, 1u);
    EXPECT_EQ(region.nodes[1].latest_generated_at_ms, kNow - 5);
  }
  EXPECT_NE(early.by_item.total[Measure::received], late.by_item.total[Measure::received]);
}

TEST(RegionFigures, OnlyTheDaysOfThePeriodCount) {
  const Calendars c;
  const std::vector<CaseFacts> cases = node_cases(kHongKong, {kMonday, kTuesday, kWednesday}, 15, c);
  std::vector<DailyAggregate> aggregates;
  for (year_month_day d : {kMonday, kTuesday, kWednesday})
    aggregates.push_back(make_daily_aggregate(cases, d, "HK", "HK", 1, kNow, c.lookup()));
  const auto received_over = [&](year_month_day from, year_month_day to) {
    return figures_over(cases, Dimension::item, from, to, c).total.received;
  };
  const RegionFigures tuesday = region_figures(aggregates, kTuesday, kTuesday);
  EXPECT_EQ(tuesday.total_of(Measure::received), received_over(kTuesday, kTuesday));
  ASSERT_EQ(tuesday.days.size(), 1u);
  EXPECT_EQ(tuesday.days[0].day, kTuesday);
  EXPECT_EQ(tuesday.from, kTuesday);
  const RegionFigures from_tuesday = region_figures(aggregates, kTuesday, std::nullopt);
  EXPECT_EQ(from_tuesday.total_of(Measure::received), received_over(kTuesday, kWednesday));
  const RegionFigures to_tuesday = region_figures(aggregates, std::nullopt, kTuesday);
  EXPECT_EQ(to_tuesday.total_of(Measure::received), received_over(kMonday, kTuesday));
  const RegionFigures none = region_figures(aggregates, 2025y / October / 1d, std::nullopt);
  EXPECT_TRUE(none.days.empty());
  EXPECT_TRUE(none.nodes.empty());
  EXPECT_FALSE(none.on_time_rate.has_value());
}

// --- What a peer may not send --------------------------------------------------------------------------------------

// 40 cases of a Jiangmen Monday and two of a Hong Kong item taken in at a post office.
std::vector<CaseFacts> peer_cases(const Calendars& c) {
  std::vector<CaseFacts> cases = node_cases(kJiangmen, {kMonday}, 40, c);
  add_cases(cases, 2, {"HK-IMMD-001", "HK-IMMD", "HK", HandlingMode::online}, Channel::post, c);
  return cases;
}

// A valid aggregate with hidden figures, k = 5.
DailyAggregate peer_aggregate() {
  const Calendars c;
  return make_daily_aggregate(peer_cases(c), kMonday, "CN-GD-JM", "CN-GD-JM", 5, kNow, c.lookup());
}

std::size_t first_hidden(const AggregateBreakdown& b, Measure m) {
  for (std::size_t r = 0; r < b.rows.size(); ++r)
    if (!b.rows[r][m]) return r;
  throw std::logic_error("nothing hidden");
}

TEST(AggregateProblems, AValidAggregateHasNone) {
  const DailyAggregate a = peer_aggregate();
  EXPECT_TRUE(aggregate_problems(a).empty()) << listed(aggregate_problems(a));
  EXPECT_FALSE(nothing_hidden(a));
}

TEST(AggregateProblems, APublishedSmallCountIsRefused) {
  DailyAggregate a = peer_aggregate();
  const std::size_t r = first_hidden(a.by_item, Measure::received);
  a.by_item.rows[r][Measure::received] = 2;
  const auto problems = aggregate_problems(a);
  EXPECT_TRUE(has_problem(problems, "by_item[" + std::to_string(r) + "].received", "small_count")) << listed(problems);
}

TEST(AggregateProblems, OneHiddenRowIsRefusedAsDetermined) {
  DailyAggregate a = peer_aggregate();
  const AggregateBreakdown& b = a.by_item;
  std::vector<std::size_t> hidden;
  for (std::size_t r = 0; r < b.rows.size(); ++r)
    if (!b.rows[r][Measure::received]) hidden.push_back(r);
  ASSERT_GE(hidden.size(), 2u);
  // Publish all but the last hidden row, with their true counts: the last is the total minus the others.
  const Calendars c;
  const CaseFigures truth = figures_over(peer_cases(c), Dimension::item, kMonday, kMonday, c);
  for (std::size_t i = 0; i + 1 < hidden.size(); ++i)
    a.by_item.rows[hidden[i]][Measure::received] = truth.rows[hidden[i]].received;
  const auto problems = aggregate_problems(a);
  EXPECT_TRUE(has_problem(problems, "by_item[" + std::to_string(hidden.back()) + "].received", "determined"))
      << listed(problems);
}

TEST(AggregateProblems, UnsortedOrRepeatedKeysAreRefused) {
  DailyAggregate a = peer_aggregate();
  ASSERT_GE(a.by_item.rows.size(), 2u);
  std::swap(a.by_item.rows[0], a.by_item.rows[1]);
  EXPECT_TRUE(has_problem(aggregate_problems(a), "by_item[1].key", "order"));
  DailyAggregate repeated = peer_aggregate();
  repeated.by_jurisdiction_pair.rows.push_back(repeated.by_jurisdiction_pair.rows.back());
  const std::string last =
      "by_jurisdiction_pair[" + std::to_string(repeated.by_jurisdiction_pair.rows.size() - 1) + "]";
  EXPECT_TRUE(has_problem(aggregate_problems(repeated), last + ".key", "order"));
}

TEST(AggregateProblems, ANegativeOrHugeCountIsRefused) {
  DailyAggregate a = peer_aggregate();
  a.by_channel.rows[0][Measure::overdue] = -1;
  a.mode_by_channel.grand_total = kMaxSuppressionCount + 1;
  const auto problems = aggregate_problems(a);
  EXPECT_TRUE(has_problem(problems, "by_channel[0].overdue", "negative")) << listed(problems);
  EXPECT_TRUE(has_problem(problems, "mode_by_channel.grand_total", "too_large")) << listed(problems);
}

TEST(AggregateProblems, UnknownWordsAndMalformedKeysAreRefused) {
  DailyAggregate a = peer_aggregate();
  a.by_mode.rows[0].key = "teleport";
  a.mode_by_channel.channels[0] = "pigeon";
  a.by_jurisdiction_pair.rows[0].key = "CN-GD-JM-MO";
  a.by_item.rows[0].key = "JM CA 005";
  const auto problems = aggregate_problems(a);
  EXPECT_TRUE(has_problem(problems, "by_mode[0].key", "unknown_word")) << listed(problems);
  EXPECT_TRUE(has_problem(problems, "mode_by_channel.channels[0]", "unknown_word")) << listed(problems);
  EXPECT_TRUE(has_problem(problems, "by_jurisdiction_pair[0].key", "jurisdiction_pair")) << listed(problems);
  EXPECT_TRUE(has_problem(problems, "by_item[0].key", "code")) << listed(problems);
  EXPECT_TRUE(has_problem(problems, "by_mode", "margin_mismatch")) << listed(problems);
}

TEST(AggregateProblems, MoreDecidedThanReceivedIsRefused) {
  DailyAggregate a = peer_aggregate();
  std::size_t r = 0;
  while (!a.by_item.rows[r][Measure::received] || !a.by_item.rows[r][Measure::decided]) ++r;
  a.by_item.rows[r][Measure::decided] = *a.by_item.rows[r][Measure::received] + 1;
  a.by_item.total[Measure::decided_within_legal] = a.by_item.total[Measure::decided] + 1;
  const auto problems = aggregate_problems(a);
  EXPECT_TRUE(has_problem(problems, "by_item[" + std::to_string(r) + "].decided", "exceeds")) << listed(problems);
  EXPECT_TRUE(has_problem(problems, "by_item_total.decided_within_legal", "exceeds")) << listed(problems);
  EXPECT_TRUE(has_problem(problems, "by_mode_total", "total_mismatch")) << listed(problems);
}

TEST(AggregateProblems, KMustBeOneToTheMaximum) {
  DailyAggregate a = peer_aggregate();
  a.k = 0;
  EXPECT_TRUE(has_problem(aggregate_problems(a), "k", "range"));
  a.k = kMaxSuppressionThreshold + 1;
  EXPECT_TRUE(has_problem(aggregate_problems(a), "k", "range"));
}

TEST(AggregateProblems, AHiddenRowPublishesNothingElse) {
  DailyAggregate a = peer_aggregate();
  const std::size_t r = first_hidden(a.by_item, Measure::received);
  a.by_item.rows[r][Measure::trips_saved] = 0;
  a.by_item.rows[r].median_working_days = 2.0;
  const auto problems = aggregate_problems(a);
  const std::string row = "by_item[" + std::to_string(r) + "].";
  EXPECT_TRUE(has_problem(problems, row + "trips_saved", "hidden_with_received")) << listed(problems);
  EXPECT_TRUE(has_problem(problems, row + "median_working_days", "hidden_with_received")) << listed(problems);
}

TEST(AggregateProblems, RowsThatDoNotAddUpAreRefused) {
  DailyAggregate a = peer_aggregate();
  a.by_item.total[Measure::received] += 1;
  a.by_mode.total[Measure::received] += 1;
  a.by_channel.total[Measure::received] += 1;
  a.by_jurisdiction_pair.total[Measure::received] += 1;
  const auto problems = aggregate_problems(a);
  EXPECT_TRUE(has_problem(problems, "mode_by_channel.grand_total", "total_mismatch")) << listed(problems);
  DailyAggregate b = peer_aggregate();
  for (AggregateFigure& row : b.by_item.rows) row[Measure::received] = row[Measure::received].value_or(0) + 100;
  EXPECT_TRUE(has_problem(aggregate_problems(b), "by_item_total.received", "sum_exceeds_total"));
}

}  // namespace
}  // namespace tongban::domain
