// Horizontal bar charts as inline SVG (issue 12: "charts rendered on the server as SVG (no script), in four
// languages"): one bar per item, authority or service point on the staff statistics page and the region page, written
// into the page's HTML by the server and read without any script.
//
// Words. The chart has no words of its own, in any language: the title, the description, every label, the text of a
// suppressed figure and every number come from the caller, already in the page's language. Numbers are written by the
// caller's formatter (the page's digit grouping), plain decimal digits without one.
//
// Accessibility. The <svg> has role="img" and aria-labelledby naming its <title> ("<prefix>-title") and <desc>
// ("<prefix>-desc"). With role="img" assistive technology announces those two and not the texts inside, so the
// description must say what the chart shows, and the page gives the same figures as a table: the chart is a view of the
// figures, never their only copy. No figure is told by colour or length alone: every value is written at its bar.
//
// Drawing. One row per bar, top to bottom in the given order: the label, right-aligned in a label column; the bar, from
// a common axis; its value just after the bar's end. Bar lengths are proportional to the values: the largest value
// spans the plot width, 0 is a bar of length 0 (its value is still written). The label column is as wide as the widest
// label, at most kMaxLabelWidth; a longer label is cut with "…" and keeps its whole text as a tooltip (a <title> in its
// <text>). A suppressed figure (value nullopt: a count hidden by domain/cell_suppression.h) is never drawn as a number
// or as a length: its row has a hatched square with a dashed outline, the same for every hidden bar whatever was
// hidden, and the caller's value_label_hidden, e.g. "hidden (fewer than 5)".
//
// Sizes are user units of the viewBox: chart::kChartWidth (web/chart_svg_parts.h: 800) wide (wider only when a long
// value or hidden text would not fit beside the smallest plot), as high as the rows. The <svg> has no width or height
// attribute: the stylesheet sizes it (width: 100%) and its texts scale with it. Fonts are the page's (no font-family).
// Colours come from CSS classes — chart, chart-bars, chart-axis, chart-row (chart-row-hidden), chart-label, chart-bar,
// chart-bar-hidden, chart-hatch, chart-value, chart-value-hidden (static/charts.css.snippet) — and every shape also
// carries the same colours as fill and stroke attributes, so the chart reads without the stylesheet. Texts are cleaned
// and escaped as web/chart_svg_parts.h says: whatever the caller passes, the document stays well-formed.
//
// Limits: std::invalid_argument for an id prefix that is not 1 to 32 characters of [a-z0-9-] beginning with a letter
// (ids must be unique on the page: the caller picks one prefix per chart), a blank title, more than kMaxBars bars, a
// negative value, or a hidden bar with a blank value_label_hidden. No bars: an <svg> with its title and description and
// nothing drawn.
//
// Deterministic: the same chart gives the same bytes. Pure, no I/O; owns nothing (the formatter is called during the
// call only).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tongban::web {

inline constexpr std::size_t kMaxBars = 400;
inline constexpr double kMaxLabelWidth = 320;  // user units: 20 Chinese characters, about 33 Latin ones

struct Bar {
  std::string label;                  // what the bar is, as the reader reads it: an item's name, a service point's
  std::optional<std::int64_t> value;  // >= 0; nullopt: a suppressed figure, never drawn as a number or a length
};

struct BarChart {
  std::string title;               // required: the <title>, the chart's accessible name
  std::string description;         // the <desc>: what the chart shows, in words; none when empty
  std::vector<Bar> bars;           // top to bottom; at most kMaxBars
  std::string value_label_hidden;  // written for each suppressed figure; required when a bar has no value
  std::function<std::string(std::int64_t)> format_value;  // a value as the page writes it; plain digits when empty
};

// The chart as an inline <svg> element (no XML declaration), its ids "<id_prefix>-title", "<id_prefix>-desc" and
// "<id_prefix>-hatch". std::invalid_argument when a limit above is broken.
std::string bar_chart_svg(const BarChart& chart, std::string_view id_prefix);

}  // namespace tongban::web
