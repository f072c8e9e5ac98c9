// The staff statistics page (issue 12 §1, docs/statistics.md): the node's case figures grouped by one dimension,
// for a period and a filter, as a chart drawn on the server (web/bar_chart_svg.h, no script) and as the table the
// chart is a view of, in the page's language; and the same figures as a download.
//
//   GET /staff/statistics         ?by= ?from= ?to= and one filter per dimension word, as the JSON API takes them
//                                 (domain/figure_query.h); a bad value is shown on the page with the form (400)
//   GET /staff/statistics.csv     the figures as CSV (domain/case_figures_csv.h), the same columns as the API's
//   GET /staff/statistics.xlsx    the figures as an XLSX workbook (report/figures_workbook.h)
// Clerks, reviewers and admins of the node, as the API. The figures are computed when asked (node/case_statistics.h).
#include <algorithm>

#include "domain/case_figures_csv.h"
#include "domain/figure_query.h"
#include "node/case_statistics.h"
#include "report/figures_workbook.h"
#include "web/application_view.h"
#include "web/bar_chart_svg.h"
#include "web/figure_view.h"
#include "web/locale_format.h"
#include "web/page_routes.h"

namespace tongban::web {
namespace {

constexpr std::size_t kChartedRows = 25;  // the chart shows the rows with the most cases; the table shows every row

std::optional<http::Response> require_staff(const Page& page) {
  return page.require({domain::Role::clerk, domain::Role::reviewer, domain::Role::admin});
}

domain::FigureQuery query_of(const Page& page) {
  return domain::parse_figure_query([&page](std::string_view name) { return page.request.query_param(name); });
}

// The query string of the page's own query, for the download links.
std::string query_string(const Page& page) {
  auto at = page.request.target.find('?');
  return at == std::string::npos ? "" : page.request.target.substr(at);
}

Data row_data(const Page& page, domain::Dimension dimension, const domain::CaseFigure& figure) {
  Data row;
  row.set("name", figure.key.empty() ? page.t("All cases") : figure_key_name(page, dimension, figure.key));
  row.set("key", figure.key);
  row.set("received", count_text(page, figure.received));
  row.set("decided", count_text(page, figure.decided));
  row.set("on_time", count_text(page, figure.decided_within_legal));
  row.set("on_time_rate",
          rate_text(page, figure.decided > 0 ? std::optional<double>(static_cast<double>(figure.decided_within_legal) /
                                                                     static_cast<double>(figure.decided))
                                             : std::nullopt));
  row.set("overdue_open", count_text(page, figure.overdue_open));
  row.set("median", figure.median_working_days ? format_decimal(page.language, *figure.median_working_days)
                                               : page.t("no figure"));
  row.set("p90", figure.p90_working_days ? count_text(page, *figure.p90_working_days) : page.t("no figure"));
  row.set("trips_saved", count_text(page, figure.trips_saved));
  row.set("bad_ratings", count_text(page, figure.bad_ratings));
  row.set("follow_up_rate", rate_text(page, figure.follow_up_rate));
  return row;
}

std::string received_chart(const Page& page, const domain::CaseFigures& figures) {
  std::vector<const domain::CaseFigure*> rows;
  for (const auto& row : figures.rows) rows.push_back(&row);
  std::stable_sort(rows.begin(), rows.end(), [](const auto* a, const auto* b) { return a->received > b->received; });
  if (rows.size() > kChartedRows) rows.resize(kChartedRows);
  BarChart chart;
  chart.title = page.t("Cases received") + " — " + dimension_name(page, figures.dimension);
  chart.description = page.t("One bar per row of the table below, the rows with the most cases first.");
  chart.format_value = [&page](std::int64_t value) { return count_text(page, value); };
  for (const auto* row : rows)
    chart.bars.push_back({figure_key_name(page, figures.dimension, row->key), row->received});
  return bar_chart_svg(chart, "received");
}

http::Response statistics_page(Page& page) {
  if (auto denied = require_staff(page)) return *denied;
  domain::FigureQuery query = query_of(page);
  Data data;
  data.set("title", page.t("Statistics"));
  data.set("action", page.link("/staff/statistics"));
  data.set("dimensions", dimension_choices(page, query.dimension));
  if (query.filter.from) data.set("from", domain::format_date(*query.filter.from));
  if (query.filter.to) data.set("to", domain::format_date(*query.filter.to));
  Data errors{Data::type::list};
  for (const auto& error : query.errors) {
    Data entry;
    entry.set("href", "#" + error.field);
    entry.set("message", page.t(error.rule == "range"  ? "The last day is before the first day."
                                : error.rule == "date" ? "Enter the date as YYYY-MM-DD."
                                                       : "This value cannot be used."));
    errors.push_back(entry);
  }
  data.set("errors", errors);
  data.set("has_errors", !query.errors.empty());
  if (!query.errors.empty()) return page.render("staff_statistics", data, 400);

  domain::CaseFigures figures = node::case_statistics(page.site.node, query.dimension, query.filter);
  data.set("dimension_name", dimension_name(page, figures.dimension));
  Data rows{Data::type::list};
  for (const auto& row : figures.rows) rows.push_back(row_data(page, figures.dimension, row));
  data.set("rows", rows);
  data.set("none", figures.rows.empty());
  data.set("total", row_data(page, figures.dimension, figures.total));
  data.set("chart", received_chart(page, figures));
  data.set("csv_href", page.link("/staff/statistics.csv") + query_string(page));
  data.set("xlsx_href", page.link("/staff/statistics.xlsx") + query_string(page));
  return page.render("staff_statistics", data);
}

// The workbook's words in the page's language: sheet names, title, period, when generated, and the definitions of
// the figures a reader most needs (the rest are in docs/statistics.md, which the about sheet does not replace).
report::WorkbookWords workbook_words(const Page& page, const domain::FigureQuery& query,
                                     const domain::CaseFigures& figures) {
  report::WorkbookWords words;
  words.figures_sheet = page.t("Figures");
  words.about_sheet = page.t("About");
  words.title = page.t("Statistics") + " — " + dimension_name(page, figures.dimension);
  std::string from = query.filter.from ? format_date(page.language, *query.filter.from) : page.t("the first case");
  std::string to = query.filter.to ? format_date(page.language, *query.filter.to) : page.t("today");
  words.period = fill(fill(page.t("Cases taken in from {from} to {to}"), "from", from), "to", to);
  const int offset = page.site.node.utc_offset_minutes(page.site.node.config().jurisdiction);
  words.generated_at_ms = page.site.node.now_ms();
  words.generated =
      fill(page.t("Generated on {date}"), "date", format_date_time(page.language, words.generated_at_ms, offset));
  static constexpr std::pair<const char*, const char*> kDefinitions[] = {
      {"received", "Cases past draft taken in during the period."},
      {"decided", "Cases with a decision: approved, rejected or not accepted."},
      {"decided_within_legal", "Cases decided on or before their legal due date."},
      {"overdue", "Cases past their legal due date at the decision, the pause or today."},
      {"median_working_days", "Median working days from acceptance to decision, minus the days paused."},
      {"trips_saved", "Visits to a counter the item needs minus the visits made, per case, summed."},
      {"bad_ratings", "Ratings of level 1 or 2."},
      {"follow_up_rate", "Bad ratings the authority answered, as a share of all bad ratings."},
  };
  for (const auto& [term, text] : kDefinitions) words.definitions.push_back({term, page.t(text)});
  return words;
}

http::Response bad_query(const Page& page, const domain::FigureQuery& query) {
  return problem_page(page, {"validation-failed", "", query.errors});
}

http::Response statistics_csv(Page& page) {
  if (auto denied = require_staff(page)) return *denied;
  domain::FigureQuery query = query_of(page);
  if (!query.errors.empty()) return bad_query(page, query);
  domain::CaseFigures figures = node::case_statistics(page.site.node, query.dimension, query.filter);
  auto response = http::Response::text(200, domain::case_figures_csv(figures), "text/csv; charset=utf-8");
  response.set_header("Content-Disposition", "attachment; filename=\"tongban-statistics.csv\"");
  return page.finish(std::move(response));
}

http::Response statistics_xlsx(Page& page) {
  if (auto denied = require_staff(page)) return *denied;
  domain::FigureQuery query = query_of(page);
  if (!query.errors.empty()) return bad_query(page, query);
  domain::CaseFigures figures = node::case_statistics(page.site.node, query.dimension, query.filter);
  report::WorkbookWords words = workbook_words(page, query, figures);
  auto response = http::Response::text(200, report::figures_workbook(figures, words),
                                       "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  response.set_header("Content-Disposition", "attachment; filename=\"tongban-statistics.xlsx\"");
  return page.finish(std::move(response));
}

}  // namespace

void add_statistics_pages(http::Router& router, const std::shared_ptr<Site>& site) {
  add_page(router, site, "GET", "/staff/statistics", statistics_page);
  add_page(router, site, "GET", "/staff/statistics.csv", statistics_csv);
  add_page(router, site, "GET", "/staff/statistics.xlsx", statistics_xlsx);
}

}  // namespace tongban::web
