// GET /api/v1/statistics/channels: per channel and per service-point kind, items available, cases taken in,
// cases completed, completion rate and the median working days from intake to decision (docs/channels.md).
// GET /api/v1/statistics/cases: the case figures grouped by one dimension, with a period and filters, as JSON or
// (format=csv) as a CSV download (domain/case_figures.h, docs/statistics.md).
#include "api/statistics.h"

#include <fmt/format.h>

#include <boost/json/serialize.hpp>

#include "api/bind.h"
#include "domain/case_figures_csv.h"
#include "domain/figure_query.h"
#include "node/case_statistics.h"
#include "node/channel_statistics.h"

namespace tongban::api {
namespace {

using http::Request;
using http::Response;

boost::json::object figure_json(const domain::ChannelFigure& figure, std::string_view key_name) {
  boost::json::object json{{key_name, figure.key},
                           {"service_points", figure.points},
                           {"items_available", figure.items_available},
                           {"cases_taken_in", figure.cases_taken_in},
                           {"cases_completed", figure.cases_completed},
                           {"timed_cases", figure.timed_cases}};
  json["completion_rate"] = figure.completion_rate ? boost::json::value(*figure.completion_rate) : nullptr;
  json["median_working_days_to_decision"] =
      figure.median_working_days ? boost::json::value(*figure.median_working_days) : nullptr;
  return json;
}

Response channel_statistics(ApiContext& context, const Request&, const http::Caller&) {
  domain::ChannelFigures figures = node::channel_statistics(context.node);
  boost::json::array channels, kinds;
  for (const auto& figure : figures.channels) channels.push_back(figure_json(figure, "channel"));
  for (const auto& figure : figures.point_kinds) kinds.push_back(figure_json(figure, "kind"));
  boost::json::object body{{"jurisdiction", context.node.config().jurisdiction},
                           {"computed_at_ms", context.node.now_ms()},
                           {"channels", std::move(channels)},
                           {"service_point_kinds", std::move(kinds)}};
  return Response::json_text(200, boost::json::serialize(body)).set_header("Cache-Control", "no-store");
}

// The query of GET /api/v1/statistics/cases: by (the dimension, default item), from / to (inclusive local dates),
// one filter per dimension word (e.g. authority=JM-CA), format (json, default, or csv). Every problem is reported
// at once.
struct CaseFigureQuery {
  domain::Dimension dimension = domain::Dimension::item;
  domain::FigureFilter filter;
  bool csv = false;
};

CaseFigureQuery case_figure_query(const Request& request) {
  domain::FigureQuery parsed =
      domain::parse_figure_query([&request](std::string_view name) { return request.query_param(name); });
  CaseFigureQuery query{parsed.dimension, std::move(parsed.filter), false};
  std::vector<domain::FieldError> errors = std::move(parsed.errors);
  if (auto format = request.query_param("format")) {
    if (*format == "csv")
      query.csv = true;
    else if (*format != "json")
      errors.push_back({"format", "enum", "format is json or csv."});
  }
  if (!errors.empty()) throw domain::ProblemError("validation-failed", errors.front().message, errors);
  return query;
}

boost::json::value optional_json(const auto& value) {
  return value ? boost::json::value(*value) : boost::json::value(nullptr);
}

boost::json::object case_figure_json(const domain::CaseFigure& f) {
  boost::json::array levels;
  for (auto count : f.ratings_by_level) levels.push_back(count);
  return {{"key", f.key},
          {"received", f.received},
          {"decided", f.decided},
          {"approved", f.approved},
          {"rejected", f.rejected},
          {"not_accepted", f.not_accepted},
          {"withdrawn", f.withdrawn},
          {"open", f.open},
          {"decided_within_promised", f.decided_within_promised},
          {"decided_within_legal", f.decided_within_legal},
          {"overdue", f.overdue},
          {"overdue_open", f.overdue_open},
          {"timed_cases", f.timed_cases},
          {"median_working_days", optional_json(f.median_working_days)},
          {"p90_working_days", optional_json(f.p90_working_days)},
          {"promised_days", optional_json(f.promised_days)},
          {"legal_days", optional_json(f.legal_days)},
          {"supplements_requested", f.supplements_requested},
          {"cases_with_supplement", f.cases_with_supplement},
          {"visits_made", f.visits_made},
          {"trips_saved", f.trips_saved},
          {"ratings_by_level", std::move(levels)},
          {"bad_ratings", f.bad_ratings},
          {"bad_ratings_followed_up", f.bad_ratings_followed_up},
          {"bad_ratings_followed_up_in_time", f.bad_ratings_followed_up_in_time},
          {"follow_up_rate", optional_json(f.follow_up_rate)}};
}

Response case_statistics(ApiContext& context, const Request& request, const http::Caller&) {
  auto query = case_figure_query(request);
  domain::CaseFigures figures = node::case_statistics(context.node, query.dimension, query.filter);
  if (query.csv) {
    return Response::text(200, domain::case_figures_csv(figures), "text/csv; charset=utf-8")
        .set_header("Content-Disposition", "attachment; filename=\"tongban-cases-by-" +
                                               std::string(domain::to_string(query.dimension)) + ".csv\"")
        .set_header("Cache-Control", "no-store");
  }
  boost::json::array rows;
  for (const auto& row : figures.rows) rows.push_back(case_figure_json(row));
  boost::json::object body{
      {"jurisdiction", context.node.config().jurisdiction},
      {"computed_at_ms", context.node.now_ms()},
      {"by", domain::to_string(query.dimension)},
      {"from",
       query.filter.from ? boost::json::value(domain::format_date(*query.filter.from)) : boost::json::value(nullptr)},
      {"to", query.filter.to ? boost::json::value(domain::format_date(*query.filter.to)) : boost::json::value(nullptr)},
      {"rows", std::move(rows)},
      {"total", case_figure_json(figures.total)}};
  return Response::json_text(200, boost::json::serialize(body)).set_header("Cache-Control", "no-store");
}

void rows(std::string& text, std::string_view name, std::string_view help, std::string_view label,
          const std::vector<domain::ChannelFigure>& figures, auto value) {
  text += fmt::format("# HELP {0} {1}\n# TYPE {0} gauge\n", name, help);
  for (const auto& figure : figures) {
    std::optional<double> v = value(figure);
    if (v) text += fmt::format("{}{{{}=\"{}\"}} {}\n", name, label, figure.key, *v);
  }
}

void family(std::string& text, std::string_view prefix, std::string_view what, std::string_view label,
            const std::vector<domain::ChannelFigure>& figures) {
  using F = const domain::ChannelFigure&;
  auto some = [](auto x) { return std::optional<double>(static_cast<double>(x)); };
  rows(text, fmt::format("{}_items_available", prefix), fmt::format("Items one can hand in {}.", what), label, figures,
       [&](F f) { return some(f.items_available); });
  rows(text, fmt::format("{}_cases_taken_in", prefix), fmt::format("Cases taken in {}.", what), label, figures,
       [&](F f) { return some(f.cases_taken_in); });
  rows(text, fmt::format("{}_cases_completed", prefix),
       fmt::format("Cases taken in {} with a decision (approve, reject, not accept).", what), label, figures,
       [&](F f) { return some(f.cases_completed); });
  rows(text, fmt::format("{}_decision_working_days_median", prefix),
       fmt::format("Median working days from intake to decision of cases taken in {}.", what), label, figures,
       [](F f) { return f.median_working_days; });
}

// The case gauges of /metrics: by handling mode (label mode), over every case the node holds. Counts and sums
// only: a median would mislead once summed or averaged by a dashboard.
void case_rows(std::string& text, std::string_view name, std::string_view help, const domain::CaseFigures& figures,
               auto value) {
  text += fmt::format("# HELP {0} {1}\n# TYPE {0} gauge\n", name, help);
  for (const auto& figure : figures.rows)
    text += fmt::format("{}{{mode=\"{}\"}} {}\n", name, figure.key, value(figure));
}

}  // namespace

std::string channel_metrics(node::Node& node) {
  domain::ChannelFigures figures = node::channel_statistics(node);
  std::string text;
  family(text, "tongban_channel", "through this channel", "channel", figures.channels);
  family(text, "tongban_point_kind", "at service points of this kind", "kind", figures.point_kinds);
  return text;
}

std::string case_metrics(node::Node& node) {
  domain::CaseFigures figures = node::case_statistics(node, domain::Dimension::mode, {});
  using F = const domain::CaseFigure&;
  std::string text;
  case_rows(text, "tongban_cases_received", "Cases past draft, by handling mode.", figures,
            [](F f) { return f.received; });
  case_rows(text, "tongban_cases_decided", "Cases with a decision (approved, rejected, not accepted).", figures,
            [](F f) { return f.decided; });
  case_rows(text, "tongban_cases_open", "Cases neither decided nor withdrawn.", figures, [](F f) { return f.open; });
  case_rows(text, "tongban_cases_decided_within_legal_limit", "Cases decided on or before their legal due date.",
            figures, [](F f) { return f.decided_within_legal; });
  case_rows(text, "tongban_cases_overdue_open", "Open cases past their legal due date.", figures,
            [](F f) { return f.overdue_open; });
  case_rows(text, "tongban_cases_trips_saved", "Visits the items need in person minus visits made, summed.", figures,
            [](F f) { return f.trips_saved; });
  case_rows(text, "tongban_ratings_bad", "Ratings of level 1 or 2.", figures, [](F f) { return f.bad_ratings; });
  case_rows(text, "tongban_ratings_bad_followed_up", "Bad ratings the authority has answered.", figures,
            [](F f) { return f.bad_ratings_followed_up; });
  return text;
}

void add_statistics_routes(http::Router& router, ApiContext& context) {
  using domain::Role;
  router.add({"GET", "/api/v1/statistics/channels", http::Access::only({Role::clerk, Role::reviewer, Role::admin}),
              bind(context, channel_statistics), "Per-channel and per-service-point-kind figures"});
  router.add({"GET", "/api/v1/statistics/cases", http::Access::only({Role::clerk, Role::reviewer, Role::admin}),
              bind(context, case_statistics), "Case figures by item, authority, mode, channel, point or border"});
}

}  // namespace tongban::api
