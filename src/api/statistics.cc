// GET /api/v1/statistics/channels: per channel and per service-point kind, items available, cases taken in,
// cases completed, completion rate and the median working days from intake to decision (docs/channels.md).
#include "api/statistics.h"

#include <fmt/format.h>

#include <boost/json/serialize.hpp>

#include "api/bind.h"
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

}  // namespace

std::string channel_metrics(node::Node& node) {
  domain::ChannelFigures figures = node::channel_statistics(node);
  std::string text;
  family(text, "tongban_channel", "through this channel", "channel", figures.channels);
  family(text, "tongban_point_kind", "at service points of this kind", "kind", figures.point_kinds);
  return text;
}

void add_statistics_routes(http::Router& router, ApiContext& context) {
  using domain::Role;
  router.add({"GET", "/api/v1/statistics/channels", http::Access::only({Role::clerk, Role::reviewer, Role::admin}),
              bind(context, channel_statistics), "Per-channel and per-service-point-kind figures"});
}

}  // namespace tongban::api
