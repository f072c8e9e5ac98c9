// The region page (issue 12 §2, docs/region.md): the figures of every node of the region that publishes its daily
// aggregate to this node — and this node's own — added up (domain/region_figures.h): cases handled by mode and
// channel, by item and by jurisdiction pair, the on-time rate, trips saved and ratings, over time. Small cells were
// suppressed by each node before it published (domain/region_aggregate.h), so a sum that includes a hidden figure
// is shown as "at least" that sum, never as exact. Public: nothing about a person is in the aggregates.
//
//   GET /region    ?from= ?to= (taken-in dates, inclusive; default: the last 31 days of the held aggregates)
// The aggregates are read from the store (each peer's was checked when it arrived) and decoded on every request; a
// node without federation has none and shows its own figures of the last 31 days, computed on the request with the
// default k (node/case_statistics.h daily_aggregates).
#include <algorithm>

#include "domain/region_figures.h"
#include "node/case_statistics.h"
#include "node/region_aggregate_json.h"
#include "web/bar_chart_svg.h"
#include "web/figure_view.h"
#include "web/line_chart_svg.h"
#include "web/locale_format.h"
#include "web/page_routes.h"

namespace tongban::web {
namespace {

using domain::Measure;

constexpr int kDefaultDays = 31;

std::string sum_text(const Page& page, const domain::RegionCount& count) {
  std::string text = count_text(page, count.published_sum);
  return count.some_hidden ? page.t("at least") + " " + text : text;
}

Data figure_rows(const Page& page, domain::Dimension dimension, const std::vector<domain::RegionFigure>& figures) {
  Data rows{Data::type::list};
  for (const auto& figure : figures) {
    Data row;
    row.set("name", figure_key_name(page, dimension, figure.key));
    row.set("key", figure.key);
    row.set("received", sum_text(page, figure[Measure::received]));
    row.set("decided", sum_text(page, figure[Measure::decided]));
    row.set("on_time", sum_text(page, figure[Measure::decided_within_legal]));
    row.set("trips_saved", sum_text(page, figure[Measure::trips_saved]));
    row.set("hidden", figure[Measure::received].some_hidden);
    rows.push_back(row);
  }
  return rows;
}

std::string item_chart(const Page& page, const domain::RegionFigures& region) {
  std::vector<const domain::RegionFigure*> rows;
  for (const auto& row : region.by_item) rows.push_back(&row);
  std::stable_sort(rows.begin(), rows.end(), [](const auto* a, const auto* b) {
    return (*a)[Measure::received].published_sum > (*b)[Measure::received].published_sum;
  });
  if (rows.size() > 25) rows.resize(25);
  BarChart chart;
  chart.title = page.t("Cases received in the region by item");
  chart.description =
      page.t("One bar per item, the items with the most cases first; the table below gives every item.");
  chart.value_label_hidden = page.t("hidden (a small count)");
  chart.format_value = [&page](std::int64_t value) { return count_text(page, value); };
  for (const auto* row : rows) {
    const auto& received = (*row)[Measure::received];
    std::optional<std::int64_t> value;
    if (!received.some_hidden) value = received.published_sum;
    chart.bars.push_back({figure_key_name(page, domain::Dimension::item, row->key), value});
  }
  return bar_chart_svg(chart, "region-items");
}

std::string days_chart(const Page& page, const domain::RegionFigures& region) {
  LineChart chart;
  chart.title = page.t("Cases in the region by day");
  chart.description = page.t("Cases received and cases decided, by the day they were taken in.");
  chart.format_value = [&page](std::int64_t value) { return count_text(page, value); };
  LineSeries received{page.t("Cases received"), {}};
  LineSeries decided{page.t("Decided"), {}};
  for (const auto& day : region.days) {
    chart.days.push_back(format_date(page.language, day.day));
    received.values.emplace_back(day.received);
    decided.values.emplace_back(day.decided);
  }
  chart.series = {received, decided};
  return line_chart_svg(chart, "region-days");
}

http::Response region_page(Page& page) {
  std::optional<domain::CalendarDate> from, to;
  bool bad = false;
  for (auto [name, bound] : {std::pair{"from", &from}, std::pair{"to", &to}}) {
    if (auto text = page.request.query_param(name); text && !text->empty()) {
      *bound = domain::parse_date(*text);
      bad = bad || !*bound;
    }
  }
  if (bad) return problem_page(page, {"validation-failed", "", {}});
  if (!to || !from) {
    domain::CalendarDate today = domain::local_date(
        page.site.node.now_ms(), page.site.node.utc_offset_minutes(page.site.node.config().jurisdiction));
    if (!to) to = today;
    if (!from) from = domain::CalendarDate{std::chrono::sys_days(*to) - std::chrono::days(kDefaultDays - 1)};
  }
  if (*to < *from) return problem_page(page, {"validation-failed", "", {}});
  // With federation, every aggregate as held: the peers' as they arrived and this node's own as its exchange last
  // published it (refreshed every publishing round). Without, this node alone, computed now for the days of the
  // period among the last kDefaultDays (the days an exchange would republish): a public page does no more work.
  node::RegionPort* port = page.site.node.region();
  std::vector<domain::DailyAggregate> aggregates;
  for (const auto& record :
       page.site.node.store().list_region_aggregates(domain::format_date(*from), domain::format_date(*to)))
    aggregates.push_back(node::parse_daily_aggregate(record.document));
  if (!port) {
    const auto today = std::chrono::sys_days(domain::local_date(
        page.site.node.now_ms(), page.site.node.utc_offset_minutes(page.site.node.config().jurisdiction)));
    std::vector<domain::CalendarDate> own_days;
    for (auto day = std::max(std::chrono::sys_days(*from), today - std::chrono::days(kDefaultDays - 1));
         day <= std::chrono::sys_days(*to); day += std::chrono::days(1))
      own_days.emplace_back(day);
    for (auto& own : node::daily_aggregates(page.site.node, own_days, domain::kDefaultSuppressionThreshold,
                                            page.site.node.network_node_id()))
      aggregates.push_back(std::move(own));
  }
  domain::RegionFigures region = domain::region_figures(aggregates, from, to);

  Data data;
  data.set("title", page.t("The region's figures"));
  data.set("action", page.link("/region"));
  if (from) data.set("from", domain::format_date(*from));
  if (to) data.set("to", domain::format_date(*to));
  Data nodes{Data::type::list};
  for (const auto& node : region.nodes) {
    Data entry;
    auto snapshot = page.site.node.catalog();
    const auto* jurisdiction = snapshot->catalog.find_jurisdiction(node.jurisdiction);
    entry.set("name", jurisdiction ? jurisdiction->name.in(page.language) : node.node_id);
    entry.set("days", count_text(page, static_cast<std::int64_t>(node.days)));
    entry.set("latest", format_date_time(page.language, node.latest_generated_at_ms,
                                         page.site.node.utc_offset_minutes(page.site.node.config().jurisdiction)));
    nodes.push_back(entry);
  }
  data.set("nodes", nodes);
  data.set("none", region.nodes.empty());
  data.set("received", count_text(page, region.total_of(Measure::received)));
  data.set("decided", count_text(page, region.total_of(Measure::decided)));
  data.set("on_time_rate", rate_text(page, region.on_time_rate));
  data.set("trips_saved", count_text(page, region.total_of(Measure::trips_saved)));
  std::int64_t bad_ratings = region.total_of(Measure::rated_1) + region.total_of(Measure::rated_2);
  data.set("bad_ratings", count_text(page, bad_ratings));
  data.set("bad_followed_up", count_text(page, region.total_of(Measure::bad_ratings_followed_up)));
  std::int64_t ratings = 0;
  for (Measure level : {Measure::rated_1, Measure::rated_2, Measure::rated_3, Measure::rated_4, Measure::rated_5})
    ratings += region.total_of(level);
  data.set("ratings", count_text(page, ratings));
  if (!region.nodes.empty()) {
    data.set("items_chart", item_chart(page, region));
    data.set("days_chart", days_chart(page, region));
  }
  data.set("items", figure_rows(page, domain::Dimension::item, region.by_item));
  data.set("pairs", figure_rows(page, domain::Dimension::jurisdiction_pair, region.by_jurisdiction_pair));
  Data cells{Data::type::list};
  for (const auto& cell : region.mode_by_channel) {
    Data entry;
    entry.set("mode", word(page, "mode:", cell.mode));
    entry.set("channel", word(page, "channel:", cell.channel));
    entry.set("received", sum_text(page, cell.received));
    cells.push_back(entry);
  }
  data.set("cells", cells);
  return page.render("region", data);
}

}  // namespace

void add_region_pages(http::Router& router, const std::shared_ptr<Site>& site) {
  add_page(router, site, "GET", "/region", region_page);
}

}  // namespace tongban::web
