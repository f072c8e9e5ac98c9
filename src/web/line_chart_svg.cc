#include "web/line_chart_svg.h"

#include <algorithm>
#include <array>
#include <stdexcept>
#include <string>
#include <vector>

#include "web/chart_svg_parts.h"

namespace tongban::web {
namespace {

using chart::ChartText;
using chart::coordinate;
using chart::kChartWidth;
using chart::kPadding;

constexpr int kMaxIntervals = 5;
constexpr double kPlotHeight = 240;
constexpr double kLegendLine = 24;
constexpr double kSampleWidth = 28;     // the line-and-point sample before a series' name
constexpr double kLegendItemGap = 20;   // between one legend item and the next
constexpr double kTickGap = 6;          // between a tick's number and the plot
constexpr double kDayGap = 12;          // the least room between two day labels
constexpr double kMaxInset = 100;       // the first and last day stand at most this far inside the plot
constexpr double kDayLabelOffset = 18;  // from the plot's bottom to the middle of the day labels

// One look per series, by position: colour (site.css's palette, each >= 4.8:1 against white), dash, point shape.
struct SeriesLook {
  std::string_view colour;
  std::string_view dash;  // "" = solid
};
constexpr std::array<SeriesLook, kMaxSeries> kLooks = {{
    {"#1d70b8", ""},
    {"#d4351c", "6 3"},
    {"#00703c", "2 2"},
    {"#4c2c92", "8 3 2 3"},
    {"#912b88", "12 4"},
    {"#505a5f", "4 2 1 2"},
}};

std::string marker(std::size_t series, double x, double y) {
  switch (series) {
    case 0: return "M" + coordinate(x - 4) + " " + coordinate(y) + "a4 4 0 1 0 8 0a4 4 0 1 0 -8 0z";
    case 1: return "M" + coordinate(x - 3.5) + " " + coordinate(y - 3.5) + "h7v7h-7z";
    case 2: return "M" + coordinate(x) + " " + coordinate(y - 5) + "l5 5 -5 5 -5 -5z";
    case 3: return "M" + coordinate(x) + " " + coordinate(y - 5) + "l4.5 8h-9z";
    case 4: return "M" + coordinate(x) + " " + coordinate(y + 5) + "l4.5 -8h-9z";
    default: return "M" + coordinate(x - 5) + " " + coordinate(y - 2) + "h10v4h-10z";
  }
}

struct LegendItem {
  ChartText name;
  double x = 0;
  double middle = 0;
};

// What is drawn, measured before any of it is written.
struct Layout {
  std::vector<LegendItem> legend;
  std::vector<std::int64_t> ticks;
  std::vector<ChartText> tick_texts;
  std::vector<ChartText> days;
  std::size_t day_step = 1;  // every day_step-th day is labelled
  double left = 0;           // the plot's left edge (the y axis)
  double right = kChartWidth - kPadding;
  double first_x = 0;  // the first and the last day
  double last_x = 0;
  double top = 0;
  double bottom = 0;
  double height = 0;
};

void check(const LineChart& chart) {
  if (chart.days.size() > kMaxPoints)
    throw std::invalid_argument("line chart: " + std::to_string(chart.days.size()) + " days, at most " +
                                std::to_string(kMaxPoints));
  if (chart.series.empty() || chart.series.size() > kMaxSeries)
    throw std::invalid_argument("line chart: " + std::to_string(chart.series.size()) + " series, 1 to " +
                                std::to_string(kMaxSeries));
  for (const LineSeries& series : chart.series) {
    if (chart::blank(chart::chart_text(series.name))) throw std::invalid_argument("line chart: a series has no name");
    if (series.values.size() != chart.days.size())
      throw std::invalid_argument("line chart: series '" + series.name + "' has " +
                                  std::to_string(series.values.size()) + " values for " +
                                  std::to_string(chart.days.size()) + " days");
    for (const auto& value : series.values)
      if (value && (*value < 0 || *value > kMaxChartValue))
        throw std::invalid_argument("line chart: a value outside 0 to 10^15 in series '" + series.name + "'");
  }
}

std::int64_t largest_value(const LineChart& chart) {
  std::int64_t largest = 0;
  for (const LineSeries& series : chart.series)
    for (const auto& value : series.values)
      if (value) largest = std::max(largest, *value);
  return largest;
}

// Lays the legend items out left to right, wrapping; returns the number of lines. A name longer than a whole line is
// cut with "…".
int place_legend(const LineChart& chart, Layout& layout) {
  int lines = 1;
  double x = kPadding;
  const double longest_name = layout.right - kPadding - kSampleWidth - kTickGap;
  for (const LineSeries& series : chart.series) {
    LegendItem item{chart::chart_text(series.name), 0, 0};
    if (item.name.width > longest_name) {
      item.name.escaped = chart::fit_text(item.name, longest_name);
      item.name.width = chart::text_width(item.name.escaped);
    }
    const double item_width = kSampleWidth + kTickGap + item.name.width;
    if (x > kPadding && x + item_width > layout.right) {
      ++lines;
      x = kPadding;
    }
    item.x = x;
    item.middle = kPadding + (lines - 0.5) * kLegendLine;
    layout.legend.push_back(item);
    x += item_width + kLegendItemGap;
  }
  return lines;
}

void place_days(const LineChart& chart, Layout& layout) {
  double widest = 0;
  for (const std::string& day : chart.days) {
    layout.days.push_back(chart::chart_text(day));
    widest = std::max(widest, layout.days.back().width);
  }
  const double inset = std::min(std::max(widest / 2, kPadding), kMaxInset);
  layout.first_x = layout.left + inset;
  layout.last_x = layout.right - inset;
  if (layout.days.size() < 2) return;
  const double pitch = (layout.last_x - layout.first_x) / static_cast<double>(layout.days.size() - 1);
  while (layout.day_step < layout.days.size() && static_cast<double>(layout.day_step) * pitch < widest + kDayGap)
    ++layout.day_step;
}

Layout measure(const LineChart& chart) {
  Layout layout;
  const int legend_lines = place_legend(chart, layout);
  layout.ticks = nice_ticks(largest_value(chart));
  double widest_tick = 0;
  for (std::int64_t tick : layout.ticks) {
    layout.tick_texts.push_back(
        chart::chart_text(chart.format_value ? chart.format_value(tick) : std::to_string(tick)));
    widest_tick = std::max(widest_tick, layout.tick_texts.back().width);
  }
  layout.left = kPadding + widest_tick + kTickGap;
  place_days(chart, layout);
  layout.top = kPadding + legend_lines * kLegendLine + kPadding;
  layout.bottom = layout.top + kPlotHeight;
  layout.height = layout.bottom + kDayLabelOffset + chart::kFontSize / 2 + kPadding;
  return layout;
}

double x_of(const Layout& layout, std::size_t day) {
  if (layout.days.size() < 2) return (layout.first_x + layout.last_x) / 2;
  return layout.first_x +
         static_cast<double>(day) * (layout.last_x - layout.first_x) / static_cast<double>(layout.days.size() - 1);
}

double y_of(const Layout& layout, std::int64_t value) {
  return layout.bottom - static_cast<double>(value) / static_cast<double>(layout.ticks.back()) * kPlotHeight;
}

std::string text_at(std::string_view css_class, double x, double middle, std::string_view anchor, std::string_view fill,
                    const std::string& content) {
  std::string out = "<text class=\"" + std::string(css_class) + "\" x=\"" + coordinate(x) + "\" y=\"" +
                    coordinate(middle) + "\" dy=\"0.35em\"";
  if (!anchor.empty()) out += " text-anchor=\"" + std::string(anchor) + "\"";
  if (!fill.empty()) out += " fill=\"" + std::string(fill) + "\"";
  return out + ">" + content + "</text>";
}

std::string series_open(std::size_t series) {
  return "<g class=\"chart-series chart-series-" + std::to_string(series + 1) + "\">";
}

std::string line_path(std::size_t series, const std::string& d) {
  const SeriesLook& look = kLooks[series];
  std::string out = "<path class=\"chart-path\" d=\"" + d + "\" fill=\"none\" stroke=\"" + std::string(look.colour) +
                    "\" stroke-width=\"2\" stroke-linejoin=\"round\"";
  if (!look.dash.empty()) out += " stroke-dasharray=\"" + std::string(look.dash) + "\"";
  return out + "/>";
}

std::string points_path(std::size_t series, const std::string& d) {
  return "<path class=\"chart-points\" d=\"" + d + "\" fill=\"" + std::string(kLooks[series].colour) + "\"/>";
}

std::string legend(const Layout& layout) {
  std::string out = "<g class=\"chart-legend\">";
  for (std::size_t i = 0; i < layout.legend.size(); ++i) {
    const LegendItem& item = layout.legend[i];
    out += series_open(i);
    out += line_path(i, "M" + coordinate(item.x) + " " + coordinate(item.middle) + "h" + coordinate(kSampleWidth));
    out += points_path(i, marker(i, item.x + kSampleWidth / 2, item.middle));
    out += text_at("chart-legend-name", item.x + kSampleWidth + kTickGap, item.middle, "", "", item.name.escaped);
    out += "</g>";
  }
  return out + "</g>";
}

std::string y_axis(const Layout& layout) {
  std::string grid;
  std::string numbers;
  for (std::size_t i = 0; i < layout.ticks.size(); ++i) {
    const double y = y_of(layout, layout.ticks[i]);
    if (i > 0) grid += "M" + coordinate(layout.left) + " " + coordinate(y) + "H" + coordinate(layout.right);
    numbers +=
        text_at("chart-tick", layout.left - kTickGap, y, "end", chart::kMutedColour, layout.tick_texts[i].escaped);
  }
  return "<path class=\"chart-grid\" d=\"" + grid + "\" fill=\"none\" stroke=\"" + std::string(chart::kGridColour) +
         "\"/>" + numbers;
}

std::string x_axis(const Layout& layout) {
  std::string marks = "M" + coordinate(layout.left) + " " + coordinate(layout.top) + "V" + coordinate(layout.bottom) +
                      "H" + coordinate(layout.right);
  std::string labels;
  for (std::size_t day = 0; day < layout.days.size(); day += layout.day_step) {
    const double x = x_of(layout, day);
    marks += "M" + coordinate(x) + " " + coordinate(layout.bottom) + "v4";
    labels += text_at("chart-day", x, layout.bottom + kDayLabelOffset, "middle", "", layout.days[day].escaped);
  }
  return "<path class=\"chart-axis\" d=\"" + marks + "\" fill=\"none\" stroke=\"" + std::string(chart::kTextColour) +
         "\"/>" + labels;
}

// The steps of an axis in order, 1, 2, 5, 10, 20, 50, …: the k-th is (1, 2 or 5) x 10^(k / 3).
std::int64_t nth_step(int k) {
  std::int64_t power = 1;
  for (int i = 0; i < k / 3; ++i) power *= 10;
  constexpr std::array<std::int64_t, 3> kMantissas = {1, 2, 5};
  return kMantissas[static_cast<std::size_t>(k % 3)] * power;
}

bool has(const LineSeries& series, std::size_t day) {
  return day < series.values.size() && series.values[day].has_value();
}

std::string series_drawing(const Layout& layout, const LineSeries& series, std::size_t index) {
  const bool mark_every_point = layout.days.size() < 2 || x_of(layout, 1) - x_of(layout, 0) >= kMinMarkerPitch;
  std::string line;
  std::string points;
  for (std::size_t day = 0; day < series.values.size(); ++day) {
    if (!has(series, day)) continue;
    const double x = x_of(layout, day);
    const double y = y_of(layout, *series.values[day]);
    const bool after_a_value = day > 0 && has(series, day - 1);
    const bool isolated = !after_a_value && !has(series, day + 1);
    line += (after_a_value ? "L" : "M") + coordinate(x) + " " + coordinate(y);
    if (mark_every_point || isolated) points += marker(index, x, y);
  }
  std::string out = series_open(index);
  if (!line.empty()) out += line_path(index, line);
  if (!points.empty()) out += points_path(index, points);
  return out + "</g>";
}

}  // namespace

std::vector<std::int64_t> nice_ticks(std::int64_t max_value) {
  if (max_value < 0 || max_value > kMaxChartValue)
    throw std::invalid_argument("nice_ticks: " + std::to_string(max_value) + " is outside 0 to 10^15");
  if (max_value == 0) return {0, 1};
  for (int k = 0;; ++k) {
    const std::int64_t step = nth_step(k);
    const std::int64_t steps = (max_value + step - 1) / step;
    if (steps > kMaxIntervals) continue;
    std::vector<std::int64_t> ticks;
    for (std::int64_t i = 0; i <= steps; ++i) ticks.push_back(i * step);
    return ticks;
  }
}

std::string line_chart_svg(const LineChart& chart, std::string_view id_prefix) {
  check(chart);
  const Layout layout = measure(chart);
  std::string out =
      chart::svg_open("chart-line", id_prefix, chart.title, chart.description, kChartWidth, layout.height);
  out += legend(layout);
  out += y_axis(layout);
  out += x_axis(layout);
  for (std::size_t i = 0; i < chart.series.size(); ++i) out += series_drawing(layout, chart.series[i], i);
  return out + std::string(chart::kSvgClose);
}

}  // namespace tongban::web
