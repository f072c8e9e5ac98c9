#include "web/bar_chart_svg.h"

#include <algorithm>
#include <stdexcept>

#include "web/chart_svg_parts.h"

namespace tongban::web {
namespace {

using chart::ChartText;
using chart::coordinate;
using chart::kChartWidth;
using chart::kPadding;

constexpr double kBarHeight = 20;
constexpr double kRowPitch = 32;
constexpr double kGap = 8;             // between the label column and the axis
constexpr double kValueGap = 6;        // between a bar's end and its value
constexpr double kMinPlotWidth = 160;  // the chart widens rather than squeeze the bars below this
constexpr std::string_view kHiddenDash = "3 2";

// What is drawn, measured before any of it is written.
struct Layout {
  std::vector<ChartText> labels;
  std::vector<ChartText> values;  // empty text for a hidden bar
  ChartText hidden;
  double label_column = 0;
  double axis_x = 0;
  double plot_width = 0;
  double width = 0;
  double height = 0;
  std::int64_t largest = 0;
};

void check(const BarChart& chart) {
  if (chart.bars.size() > kMaxBars)
    throw std::invalid_argument("bar chart: " + std::to_string(chart.bars.size()) + " bars, at most " +
                                std::to_string(kMaxBars));
  bool any_hidden = false;
  for (const Bar& bar : chart.bars) {
    if (bar.value && *bar.value < 0) throw std::invalid_argument("bar chart: a negative value");
    any_hidden = any_hidden || !bar.value;
  }
  if (any_hidden && chart::blank(chart::chart_text(chart.value_label_hidden)))
    throw std::invalid_argument("bar chart: a hidden value needs value_label_hidden");
}

std::string value_text(const BarChart& chart, std::int64_t value) {
  return chart.format_value ? chart.format_value(value) : std::to_string(value);
}

Layout measure(const BarChart& chart) {
  Layout layout;
  double widest_value = 0;
  bool any_hidden = false;
  for (const Bar& bar : chart.bars) {
    layout.labels.push_back(chart::chart_text(bar.label));
    layout.label_column = std::max(layout.label_column, layout.labels.back().width);
    layout.values.push_back(bar.value ? chart::chart_text(value_text(chart, *bar.value)) : ChartText{});
    widest_value = std::max(widest_value, layout.values.back().width);
    if (bar.value) layout.largest = std::max(layout.largest, *bar.value);
    any_hidden = any_hidden || !bar.value;
  }
  if (any_hidden) layout.hidden = chart::chart_text(chart.value_label_hidden);
  layout.label_column = std::min(layout.label_column, kMaxLabelWidth);
  layout.axis_x = kPadding + layout.label_column + kGap;
  const double hidden_needs = any_hidden ? kBarHeight + kValueGap + layout.hidden.width : 0;
  layout.width = std::max({kChartWidth, layout.axis_x + kMinPlotWidth + kValueGap + widest_value + kPadding,
                           layout.axis_x + hidden_needs + kPadding});
  layout.plot_width = layout.width - kPadding - layout.axis_x - kValueGap - widest_value;
  const auto rows = static_cast<double>(chart.bars.size());
  layout.height = 2 * kPadding + (chart.bars.empty() ? 0 : rows * kRowPitch - (kRowPitch - kBarHeight));
  return layout;
}

std::string hatch_pattern(std::string_view id_prefix) {
  return "<defs><pattern id=\"" + std::string(id_prefix) +
         "-hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
         "<path class=\"chart-hatch\" d=\"M0 0V6\" stroke=\"" +
         std::string(chart::kMutedColour) + "\" stroke-width=\"2\"/></pattern></defs>";
}

std::string axis(const Layout& layout) {
  return "<path class=\"chart-axis\" d=\"M" + coordinate(layout.axis_x) + " " + coordinate(kPadding / 2) + "V" +
         coordinate(layout.height - kPadding / 2) + "\" stroke=\"" + std::string(chart::kTextColour) +
         "\" fill=\"none\"/>";
}

// A text on a row's middle line: y is the middle, dy moves the baseline down by about half the x-height.
std::string row_text(std::string_view css_class, double x, double middle, std::string_view anchor,
                     const std::string& content) {
  std::string out = "<text class=\"" + std::string(css_class) + "\" x=\"" + coordinate(x) + "\" y=\"" +
                    coordinate(middle) + "\" dy=\"0.35em\"";
  if (!anchor.empty()) out += " text-anchor=\"" + std::string(anchor) + "\"";
  return out + ">" + content + "</text>";
}

std::string label(const Layout& layout, std::size_t i, double middle) {
  const ChartText& text = layout.labels[i];
  const std::string shown = chart::fit_text(text, layout.label_column);
  const std::string content = shown == text.escaped ? shown : "<title>" + text.escaped + "</title>" + shown;
  return row_text("chart-label", layout.axis_x - kGap, middle, "end", content);
}

std::string shown_bar(const Layout& layout, std::size_t i, std::int64_t value, double top) {
  const double length =
      layout.largest > 0 ? layout.plot_width * static_cast<double>(value) / static_cast<double>(layout.largest) : 0;
  return "<rect class=\"chart-bar\" x=\"" + coordinate(layout.axis_x) + "\" y=\"" + coordinate(top) + "\" width=\"" +
         coordinate(length) + "\" height=\"" + coordinate(kBarHeight) + "\" fill=\"" + std::string(chart::kBarColour) +
         "\"/>" +
         row_text("chart-value", layout.axis_x + length + kValueGap, top + kBarHeight / 2, "",
                  layout.values[i].escaped);
}

std::string hidden_bar(const Layout& layout, std::string_view id_prefix, double top) {
  return "<rect class=\"chart-bar-hidden\" x=\"" + coordinate(layout.axis_x + 0.5) + "\" y=\"" + coordinate(top + 0.5) +
         "\" width=\"" + coordinate(kBarHeight - 1) + "\" height=\"" + coordinate(kBarHeight - 1) + "\" fill=\"url(#" +
         std::string(id_prefix) + "-hatch)\" stroke=\"" + std::string(chart::kTextColour) + "\" stroke-dasharray=\"" +
         std::string(kHiddenDash) + "\"/>" +
         row_text("chart-value chart-value-hidden", layout.axis_x + kBarHeight + kValueGap, top + kBarHeight / 2, "",
                  layout.hidden.escaped);
}

std::string row(const BarChart& chart, const Layout& layout, std::string_view id_prefix, std::size_t i) {
  const double top = kPadding + static_cast<double>(i) * kRowPitch;
  const std::optional<std::int64_t>& value = chart.bars[i].value;
  std::string out = value ? "<g class=\"chart-row\">" : "<g class=\"chart-row chart-row-hidden\">";
  out += label(layout, i, top + kBarHeight / 2);
  out += value ? shown_bar(layout, i, *value, top) : hidden_bar(layout, id_prefix, top);
  return out + "</g>";
}

}  // namespace

std::string bar_chart_svg(const BarChart& chart, std::string_view id_prefix) {
  check(chart);
  const Layout layout = measure(chart);
  std::string out =
      chart::svg_open("chart-bars", id_prefix, chart.title, chart.description, layout.width, layout.height);
  const bool any_hidden =
      std::any_of(chart.bars.begin(), chart.bars.end(), [](const Bar& bar) { return !bar.value.has_value(); });
  if (any_hidden) out += hatch_pattern(id_prefix);
  if (!chart.bars.empty()) out += axis(layout);
  for (std::size_t i = 0; i < chart.bars.size(); ++i) out += row(chart, layout, id_prefix, i);
  return out + std::string(chart::kSvgClose);
}

}  // namespace tongban::web
