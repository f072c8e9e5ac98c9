// Line charts as inline SVG (issue 12: "charts rendered on the server as SVG (no script), in four languages"): one or
// more series of daily figures (cases received, decided, … per day) on the staff statistics page and the region page,
// written into the page's HTML by the server and read without any script.
//
// Words. As web/bar_chart_svg.h: the chart has no words of its own; the title, the description, the series' names, the
// days (x labels, dates as the caller writes them in the page's language) and the numbers of the y axis come from the
// caller. Tick numbers are written by the caller's formatter, plain decimal digits without one.
//
// Accessibility. As the bar chart: role="img", aria-labelledby naming the <title> ("<prefix>-title") and <desc>
// ("<prefix>-desc"); the description says what the chart shows and the page gives the figures as a table. Series are
// told apart by more than colour: each has its own colour, dash pattern and point shape (circle, square, diamond,
// triangle up, triangle down, bar), and the legend above the plot shows each with its name.
//
// Drawing. The legend (wrapping onto more lines when the names need it), then the plot: the y axis from 0 to the top of
// nice_ticks(the largest value), a grid line and a number at each tick; the days evenly spaced from left to right,
// labelled at every k-th day from the first, k the smallest step at which the estimated label widths do not overlap.
// Each series is a polyline through its values; a missing value (nullopt) breaks the line, so a gap is never drawn as 0
// nor bridged. Points are marked with the series' shape where the days are at least kMinMarkerPitch units apart, and
// always where a value has no neighbour to draw a line to (it would not show otherwise).
//
// Sizes, fonts, colours and texts as in web/bar_chart_svg.h: a viewBox chart::kChartWidth (800) wide, no width or
// height attribute, CSS classes chart, chart-line, chart-legend, chart-legend-name, chart-grid, chart-axis, chart-tick,
// chart-day, chart-series chart-series-<n> (n = 1 …, in the legend and the plot), chart-path, chart-points
// (static/charts.css.snippet) and the same colours as attributes.
//
// Limits: std::invalid_argument for a bad id prefix (as the bar chart), a blank title, no series or more than
// kMaxSeries, a series with a blank name or not exactly one value per day, more than kMaxPoints days, a value below 0
// or above kMaxChartValue. No days: the legend and an empty plot.
//
// Deterministic: the same chart gives the same bytes. Pure, no I/O; owns nothing.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tongban::web {

inline constexpr std::size_t kMaxPoints = 400;  // days, so values per series
inline constexpr std::size_t kMaxSeries = 6;
inline constexpr std::int64_t kMaxChartValue = 1'000'000'000'000'000;  // 10^15: ticks and coordinates stay exact
inline constexpr double kMinMarkerPitch = 8;                           // user units between days

struct LineSeries {
  std::string name;                                 // required: the legend's text
  std::vector<std::optional<std::int64_t>> values;  // one per day of LineChart::days; nullopt: none (a gap)
};

struct LineChart {
  std::string title;               // required: the <title>, the chart's accessible name
  std::string description;         // the <desc>: what the chart shows, in words; none when empty
  std::vector<std::string> days;   // the x labels, left to right, as the caller writes dates; at most kMaxPoints
  std::vector<LineSeries> series;  // 1 to kMaxSeries
  // A tick's number as the page writes it; plain digits when empty.
  std::function<std::string(std::int64_t)> format_value;
};

// The chart as an inline <svg> element (no XML declaration), its ids "<id_prefix>-title" and "<id_prefix>-desc".
// std::invalid_argument when a limit above is broken.
std::string line_chart_svg(const LineChart& chart, std::string_view id_prefix);

// The y axis of a largest value: 0, s, 2s, … up to the first multiple of s at or above max_value, with s the smallest
// of 1, 2, 5, 10, 20, 50, … (1, 2 or 5 × 10^n) that needs at most 5 steps. So 37 gives 0 10 20 30 40, 5 gives
// 0 1 2 3 4 5, 101 gives 0 50 100 150, and 0 gives 0 1. std::invalid_argument below 0 or above kMaxChartValue.
std::vector<std::int64_t> nice_ticks(std::int64_t max_value);

}  // namespace tongban::web
