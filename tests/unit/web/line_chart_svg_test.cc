// Line charts as SVG (web/line_chart_svg.h), read back with a real XML parser (svg_reader.h: python3's xml.etree): nice
// ticks (1, 2, 5 x 10^n), points placed on the axis those ticks draw, gaps breaking the line, series told apart by more
// than colour, day labels thinned without skipping irregularly, hostile text kept as text, limits.
#include "web/line_chart_svg.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "svg_reader.h"

namespace tongban::web {
namespace {

using testing::attribute;
using testing::children;
using testing::has_class;
using testing::read_svg;
using testing::SvgElement;
using testing::with_class;

std::vector<std::string> days(std::size_t count) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < count; ++i) out.push_back("3月" + std::to_string(i + 1) + "日");
  return out;
}

LineChart chart_of(std::vector<LineSeries> series) {
  LineChart chart;
  chart.title = "每日收件与办结";
  chart.description = "2026年3月每日收件量与办结量。";
  chart.days = days(series.empty() ? 0 : series[0].values.size());
  chart.series = std::move(series);
  return chart;
}

// The commands of a path's d attribute as (letter, numbers) pairs: "M1 2L3 4" → (M, 1 2), (L, 3 4).
std::vector<std::pair<char, std::vector<double>>> commands(const std::string& d) {
  std::vector<std::pair<char, std::vector<double>>> out;
  std::size_t i = 0;
  while (i < d.size()) {
    if (std::isalpha(static_cast<unsigned char>(d[i]))) {
      out.push_back({d[i++], {}});
      continue;
    }
    if (d[i] == ' ') {
      ++i;
      continue;
    }
    std::size_t used = 0;
    out.back().second.push_back(std::stod(d.substr(i), &used));
    i += used;
  }
  return out;
}

// Is step 1, 2 or 5 times a power of ten?
bool one_two_five(std::int64_t step) {
  while (step % 10 == 0) step /= 10;
  return step == 1 || step == 2 || step == 5;
}

// The nice step before `step` (1, 2, 5, 10, 20, 50, …), 0 before 1.
std::int64_t smaller_step(std::int64_t step) {
  std::int64_t power = 1;
  while (step % (power * 10) == 0) power *= 10;
  const std::int64_t mantissa = step / power;
  if (mantissa == 5) return 2 * power;
  if (mantissa == 2) return power;
  return power == 1 ? 0 : power / 2;
}

TEST(NiceTicks, AreOneTwoOrFiveTimesAPowerOfTen) {
  EXPECT_EQ(nice_ticks(37), (std::vector<std::int64_t>{0, 10, 20, 30, 40}));
  EXPECT_EQ(nice_ticks(5), (std::vector<std::int64_t>{0, 1, 2, 3, 4, 5}));
  EXPECT_EQ(nice_ticks(101), (std::vector<std::int64_t>{0, 50, 100, 150}));
  EXPECT_EQ(nice_ticks(0), (std::vector<std::int64_t>{0, 1}));
  EXPECT_EQ(nice_ticks(1), (std::vector<std::int64_t>{0, 1}));
  EXPECT_THROW(nice_ticks(-1), std::invalid_argument);
  EXPECT_THROW(nice_ticks(kMaxChartValue + 1), std::invalid_argument);
  std::vector<std::int64_t> maxima;
  for (std::int64_t m = 1; m <= 3000; ++m) maxima.push_back(m);
  for (std::int64_t m = 7; m <= kMaxChartValue; m = m * 3 + 1) maxima.push_back(m);
  maxima.push_back(kMaxChartValue);
  for (std::int64_t m : maxima) {
    const std::vector<std::int64_t> ticks = nice_ticks(m);
    ASSERT_GE(ticks.size(), 2u) << m;
    ASSERT_LE(ticks.size(), 6u) << m;
    const std::int64_t step = ticks[1];
    EXPECT_TRUE(one_two_five(step)) << m;
    for (std::size_t i = 0; i < ticks.size(); ++i) EXPECT_EQ(ticks[i], static_cast<std::int64_t>(i) * step) << m;
    EXPECT_GE(ticks.back(), m) << "the top reaches the largest value";
    EXPECT_LT(ticks.back() - step, m) << "and no tick more";
    // The next smaller nice step would need more than five intervals.
    const std::int64_t smaller = smaller_step(step);
    if (smaller > 0) {
      EXPECT_GT((m + smaller - 1) / smaller, 5) << m;
    }
  }
}

TEST(LineChartSvg, IsAnImageNamedByItsTitleAndDescription) {
  const std::vector<SvgElement> svg = read_svg(line_chart_svg(chart_of({{"收件", {3, 7, 5}}}), "daily"));
  const SvgElement& root = svg.at(0);
  EXPECT_EQ(root.tag, "svg");
  EXPECT_EQ(attribute(root, "role"), "img");
  EXPECT_EQ(attribute(root, "aria-labelledby"), "daily-title daily-desc");
  const std::vector<SvgElement> first = children(svg, root);
  ASSERT_GE(first.size(), 2u);
  EXPECT_EQ(first[0].tag, "title");
  EXPECT_EQ(attribute(first[0], "id"), "daily-title");
  EXPECT_EQ(first[0].text, "每日收件与办结");
  EXPECT_EQ(first[1].tag, "desc");
  EXPECT_EQ(attribute(first[1], "id"), "daily-desc");
  EXPECT_EQ(first[1].text, "2026年3月每日收件量与办结量。");
  EXPECT_THROW(line_chart_svg(chart_of({{"收件", {3}}}), "Daily"), std::invalid_argument);
}

TEST(LineChartSvg, PointsSitOnTheAxisItsTicksDrawAndGapsBreakTheLine) {
  const std::vector<std::optional<std::int64_t>> values = {3, 7, std::nullopt, 5, std::nullopt, std::nullopt, 37};
  LineChart chart = chart_of({{"收件", values}});
  chart.format_value = [](std::int64_t v) { return "#" + std::to_string(v); };
  const std::vector<SvgElement> svg = read_svg(line_chart_svg(chart, "daily"));

  const std::vector<std::int64_t> ticks = nice_ticks(37);
  const auto tick_texts = with_class(svg, "chart-tick");
  ASSERT_EQ(tick_texts.size(), ticks.size());
  for (std::size_t i = 0; i < ticks.size(); ++i) EXPECT_EQ(tick_texts[i].text, "#" + std::to_string(ticks[i]));

  const auto lines = with_class(svg, "chart-path");
  ASSERT_EQ(lines.size(), 2u);  // the legend's sample, then the series
  const auto path = commands(attribute(lines[1], "d"));
  // Days 0-1 joined, day 3 alone, day 6 alone: M L M M.
  ASSERT_EQ(path.size(), 4u) << attribute(lines[1], "d");
  EXPECT_EQ(path[0].first, 'M');
  EXPECT_EQ(path[1].first, 'L');
  EXPECT_EQ(path[2].first, 'M');
  EXPECT_EQ(path[3].first, 'M');
  // y = zero - value x scale, the same for every point; the ticks' numbers stand at the same y as their values.
  const double scale = (path[0].second[1] - path[1].second[1]) / (7 - 3);
  const double zero = path[0].second[1] + 3 * scale;
  EXPECT_GT(scale, 0);
  EXPECT_NEAR(path[2].second[1], zero - 5 * scale, 0.02);
  EXPECT_NEAR(path[3].second[1], zero - 37 * scale, 0.02);
  for (std::size_t i = 0; i < ticks.size(); ++i)
    EXPECT_NEAR(std::stod(attribute(tick_texts[i], "y")), zero - static_cast<double>(ticks[i]) * scale, 0.02);
  // Evenly spaced days: day 3 is three steps from day 0, day 6 six (each coordinate rounded to 0.01).
  const double pitch = path[1].second[0] - path[0].second[0];
  EXPECT_NEAR(path[2].second[0] - path[0].second[0], 3 * pitch, 0.05);
  EXPECT_NEAR(path[3].second[0] - path[0].second[0], 6 * pitch, 0.05);
  // Every value has its point (the days are far apart).
  const auto points = with_class(svg, "chart-points");
  ASSERT_EQ(points.size(), 2u);
  const auto marks = commands(attribute(points[1], "d"));
  EXPECT_EQ(std::count_if(marks.begin(), marks.end(), [](const auto& c) { return c.first == 'M'; }), 4);
}

TEST(LineChartSvg, OnACrowdedAxisOnlyLonelyValuesAreMarkedAndDaysAreLabelledAtAFixedStep) {
  std::vector<std::optional<std::int64_t>> values(kMaxPoints, 4);
  for (std::size_t lonely : {10u, 200u, 399u}) {
    values[lonely - 1] = std::nullopt;
    if (lonely + 1 < values.size()) values[lonely + 1] = std::nullopt;
  }
  LineChart chart = chart_of({{"收件", values}});
  chart.days.clear();
  for (std::size_t i = 0; i < kMaxPoints; ++i) chart.days.push_back("2026-03-" + std::to_string(i));
  const std::vector<SvgElement> svg = read_svg(line_chart_svg(chart, "daily"));
  const auto marks = commands(attribute(with_class(svg, "chart-points").at(1), "d"));
  EXPECT_EQ(std::count_if(marks.begin(), marks.end(), [](const auto& c) { return c.first == 'M'; }), 3);

  const auto labels = with_class(svg, "chart-day");
  ASSERT_GE(labels.size(), 2u);
  EXPECT_LT(labels.size(), kMaxPoints) << "not every one of 400 dates fits";
  EXPECT_EQ(labels[0].text, chart.days[0]);
  const std::size_t step = std::stoul(labels[1].text.substr(8));
  for (std::size_t i = 0; i < labels.size(); ++i) EXPECT_EQ(labels[i].text, chart.days[i * step]);
  const double room = std::stod(attribute(labels[1], "x")) - std::stod(attribute(labels[0], "x"));
  for (std::size_t i = 1; i < labels.size(); ++i)
    EXPECT_NEAR(std::stod(attribute(labels[i], "x")) - std::stod(attribute(labels[i - 1], "x")), room, 0.02);

  LineChart week = chart_of({{"收件", {1, 2, 3, 4, 5, 6, 7}}});
  EXPECT_EQ(with_class(read_svg(line_chart_svg(week, "week")), "chart-day").size(), 7u) << "room for every day";
}

TEST(LineChartSvg, SeriesDifferInColourDashAndShapeAndTheLegendNamesThem) {
  std::vector<LineSeries> series;
  for (std::size_t i = 0; i < kMaxSeries; ++i)
    series.push_back({"系列 " + std::to_string(i + 1), {static_cast<std::int64_t>(i), 2, 3}});
  const std::vector<SvgElement> svg = read_svg(line_chart_svg(chart_of(series), "daily"));
  const auto legend = with_class(svg, "chart-legend");
  ASSERT_EQ(legend.size(), 1u);
  std::set<std::string> colours, dashes, shapes, groups;
  std::size_t index = 0;
  for (const SvgElement& item : children(svg, legend[0])) {
    groups.insert(attribute(item, "class"));
    for (const SvgElement& part : children(svg, item)) {
      if (has_class(part, "chart-path")) {
        colours.insert(attribute(part, "stroke"));
        dashes.insert(attribute(part, "stroke-dasharray"));
      }
      if (has_class(part,
                    "chart-points")) {  // the shape: the point's path after the absolute move to its place
        const std::string d = attribute(part, "d");
        shapes.insert(d.substr(d.find_first_of("ahlv")));
      }
      if (part.tag == "text") {
        EXPECT_EQ(part.text, series.at(index).name);
      }
    }
    ++index;
  }
  EXPECT_EQ(groups.size(), kMaxSeries);
  EXPECT_EQ(colours.size(), kMaxSeries);
  EXPECT_EQ(dashes.size(), kMaxSeries);
  EXPECT_EQ(shapes.size(), kMaxSeries);
}

TEST(LineChartSvg, HostileTextStaysText) {
  const std::string hostile = "<script>alert('x')</script> & \"q\" \x01\n";
  LineChart chart = chart_of({{hostile, {1, 2}}});
  chart.days = {hostile, "3月2日"};
  chart.title = hostile;
  const std::string out = line_chart_svg(chart, "daily");
  EXPECT_EQ(out.find("<script"), std::string::npos);
  const std::vector<SvgElement> svg = read_svg(out);
  const std::string as_read = "<script>alert('x')</script> & \"q\"  ";  // \x01 dropped, \n a space
  EXPECT_EQ(svg.at(1).text, as_read);
  EXPECT_EQ(with_class(svg, "chart-legend-name").at(0).text, as_read);
  EXPECT_EQ(with_class(svg, "chart-day").at(0).text, as_read);
  EXPECT_TRUE(std::none_of(svg.begin(), svg.end(), [](const SvgElement& e) { return e.tag == "script"; }));
}

TEST(LineChartSvg, LimitsThrow) {
  EXPECT_NO_THROW(line_chart_svg(chart_of({{"a", std::vector<std::optional<std::int64_t>>(kMaxPoints, 1)}}), "d"));
  EXPECT_THROW(line_chart_svg(chart_of({{"a", std::vector<std::optional<std::int64_t>>(kMaxPoints + 1, 1)}}), "d"),
               std::invalid_argument);
  EXPECT_THROW(line_chart_svg(chart_of({}), "d"), std::invalid_argument);
  EXPECT_THROW(line_chart_svg(chart_of(std::vector<LineSeries>(kMaxSeries + 1, LineSeries{"a", {1}})), "d"),
               std::invalid_argument);
  LineChart uneven = chart_of({{"a", {1, 2}}, {"b", {1}}});
  EXPECT_THROW(line_chart_svg(uneven, "d"), std::invalid_argument);
  EXPECT_THROW(line_chart_svg(chart_of({{"a", {1, -2}}}), "d"), std::invalid_argument);
  EXPECT_THROW(line_chart_svg(chart_of({{"a", {kMaxChartValue + 1}}}), "d"), std::invalid_argument);
  EXPECT_NO_THROW(line_chart_svg(chart_of({{"a", {kMaxChartValue}}}), "d"));
  EXPECT_THROW(line_chart_svg(chart_of({{" ", {1}}}), "d"), std::invalid_argument);
  LineChart untitled = chart_of({{"a", {1}}});
  untitled.title.clear();
  EXPECT_THROW(line_chart_svg(untitled, "d"), std::invalid_argument);
}

TEST(LineChartSvg, NothingToDrawStillGivesAnAxisAndTheSameChartGivesTheSameBytes) {
  const std::vector<SvgElement> empty = read_svg(line_chart_svg(chart_of({{"收件", {}}}), "daily"));
  EXPECT_EQ(with_class(empty, "chart-tick").size(), nice_ticks(0).size());
  EXPECT_TRUE(with_class(empty, "chart-day").empty());
  const std::vector<SvgElement> all_gaps =
      read_svg(line_chart_svg(chart_of({{"收件", {std::nullopt, std::nullopt}}}), "daily"));
  EXPECT_EQ(with_class(all_gaps, "chart-path").size(), 1u) << "the legend's sample only";
  const LineChart chart = chart_of({{"收件", {3, std::nullopt, 5}}, {"办结", {1, 2, std::nullopt}}});
  EXPECT_EQ(line_chart_svg(chart, "daily"), line_chart_svg(chart, "daily"));
}

}  // namespace
}  // namespace tongban::web
