#include "domain/region_figures.h"

#include <map>
#include <stdexcept>
#include <utility>

namespace tongban::domain {
namespace {

std::int64_t add_checked(std::int64_t a, std::int64_t b) {
  std::int64_t sum = 0;
  if (__builtin_add_overflow(a, b, &sum)) throw std::overflow_error("region figures: a sum overflows");
  return sum;
}

void add_to(RegionCount& count, const std::optional<std::int64_t>& figure) {
  if (figure)
    count.published_sum = add_checked(count.published_sum, *figure);
  else
    count.some_hidden = true;
}

using RegionRows = std::map<std::string, RegionFigure>;

void add_breakdown(RegionRows& rows, const AggregateBreakdown& b) {
  for (const AggregateFigure& row : b.rows) {
    RegionFigure& figure = rows[row.key];
    figure.key = row.key;
    for (Measure m : kAllMeasures) add_to(figure[m], row[m]);
  }
}

void add_mode_by_channel(std::map<std::pair<std::string, std::string>, RegionCount>& cells, const ModeChannelTable& t) {
  for (std::size_t i = 0; i < t.modes.size() && i < t.cells.size(); ++i)
    for (std::size_t j = 0; j < t.channels.size() && j < t.cells[i].size(); ++j)
      add_to(cells[{t.modes[i], t.channels[j]}], t.cells[i][j]);
}

void add_day(RegionDay& day, const AggregateTotal& total) {
  day.received = add_checked(day.received, total[Measure::received]);
  day.decided = add_checked(day.decided, total[Measure::decided]);
  day.decided_within_legal = add_checked(day.decided_within_legal, total[Measure::decided_within_legal]);
  day.trips_saved = add_checked(day.trips_saved, total[Measure::trips_saved]);
}

void add_node(std::map<std::string, RegionNode>& nodes, const DailyAggregate& a) {
  RegionNode& node = nodes[a.node_id];
  if (node.days == 0 || a.generated_at_ms > node.latest_generated_at_ms) {
    node.node_id = a.node_id;
    node.jurisdiction = a.jurisdiction;
    node.latest_generated_at_ms = a.generated_at_ms;
  }
  ++node.days;
}

std::vector<RegionFigure> values_of(RegionRows rows) {
  std::vector<RegionFigure> out;
  for (auto& entry : rows) out.push_back(std::move(entry.second));
  return out;
}

bool in_range(CalendarDate day, const std::optional<CalendarDate>& from, const std::optional<CalendarDate>& to) {
  return (!from || !(day < *from)) && (!to || !(*to < day));
}

// Of each (node, day) in range, the latest aggregate; the first of equally late ones.
std::vector<const DailyAggregate*> latest_aggregates(const std::vector<DailyAggregate>& aggregates,
                                                     const std::optional<CalendarDate>& from,
                                                     const std::optional<CalendarDate>& to) {
  std::map<std::pair<std::string, CalendarDate>, const DailyAggregate*> latest;
  for (const DailyAggregate& a : aggregates) {
    if (!in_range(a.day, from, to)) continue;
    const DailyAggregate*& kept = latest[{a.node_id, a.day}];
    if (kept == nullptr || a.generated_at_ms > kept->generated_at_ms) kept = &a;
  }
  std::vector<const DailyAggregate*> out;
  for (const auto& entry : latest) out.push_back(entry.second);
  return out;
}

}  // namespace

RegionFigures region_figures(const std::vector<DailyAggregate>& aggregates, std::optional<CalendarDate> from,
                             std::optional<CalendarDate> to) {
  std::map<Dimension, RegionRows> rows;
  std::map<std::pair<std::string, std::string>, RegionCount> cells;
  std::map<CalendarDate, RegionDay> days;
  std::map<std::string, RegionNode> nodes;
  RegionFigures region;
  region.from = from;
  region.to = to;
  for (const DailyAggregate* a : latest_aggregates(aggregates, from, to)) {
    for (Dimension dimension : kAggregateDimensions) add_breakdown(rows[dimension], breakdown_of(*a, dimension));
    add_mode_by_channel(cells, a->mode_by_channel);
    for (Measure m : kAllMeasures)
      region.total[index_of(m)] = add_checked(region.total[index_of(m)], a->by_item.total[m]);
    RegionDay& day = days[a->day];
    day.day = a->day;
    add_day(day, a->by_item.total);
    add_node(nodes, *a);
  }
  region.by_item = values_of(std::move(rows[Dimension::item]));
  region.by_mode = values_of(std::move(rows[Dimension::mode]));
  region.by_channel = values_of(std::move(rows[Dimension::channel]));
  region.by_jurisdiction_pair = values_of(std::move(rows[Dimension::jurisdiction_pair]));
  for (const auto& [key, count] : cells) region.mode_by_channel.push_back({key.first, key.second, count});
  for (const auto& entry : days) region.days.push_back(entry.second);
  for (const auto& entry : nodes) region.nodes.push_back(entry.second);
  const std::int64_t decided = region.total_of(Measure::decided);
  if (decided > 0)
    region.on_time_rate =
        static_cast<double>(region.total_of(Measure::decided_within_legal)) / static_cast<double>(decided);
  return region;
}

}  // namespace tongban::domain
