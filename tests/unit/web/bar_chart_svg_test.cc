// Bar charts as SVG (web/bar_chart_svg.h), each read back with a real XML parser (svg_reader.h: python3's xml.etree):
// the accessible name and description, bar lengths proportional to the values, a suppressed figure drawn as the
// placeholder with the caller's text and no number, hostile text kept as text, ids, long labels, limits.
#include "web/bar_chart_svg.h"

#include <gtest/gtest.h>

#include <algorithm>
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
using testing::with_attribute;
using testing::with_class;

constexpr std::string_view kSvgNamespace = "http://www.w3.org/2000/svg";

// Digits grouped by commas, as a page's formatter might write them.
std::string grouped(std::int64_t value) {
  std::string digits = std::to_string(value);
  for (auto at = static_cast<std::ptrdiff_t>(digits.size()) - 3; at > 0; at -= 3)
    digits.insert(static_cast<std::size_t>(at), ",");
  return digits;
}

BarChart chart_of(std::vector<Bar> bars) {
  BarChart chart;
  chart.title = "按事项统计的收件量";
  chart.description = "2026年3月各事项收件量，共四个事项。";
  chart.bars = std::move(bars);
  chart.value_label_hidden = "不公开（少于5宗）";
  return chart;
}

double number(const SvgElement& element, const std::string& name) {
  return std::stod(attribute(element, name));
}

// The row groups, each with its children.
std::vector<std::vector<SvgElement>> rows_of(const std::vector<SvgElement>& elements) {
  std::vector<std::vector<SvgElement>> rows;
  for (const SvgElement& row : with_class(elements, "chart-row")) rows.push_back(children(elements, row));
  return rows;
}

const SvgElement* child_with_class(const std::vector<SvgElement>& row, const std::string& name) {
  for (const SvgElement& element : row)
    if (has_class(element, name)) return &element;
  return nullptr;
}

TEST(BarChartSvg, IsAnImageNamedByItsTitleAndDescription) {
  const std::vector<SvgElement> svg = read_svg(bar_chart_svg(chart_of({{"出生登记", 12}}), "stats-items"));
  const SvgElement& root = svg.at(0);
  EXPECT_EQ(root.ns, kSvgNamespace);
  EXPECT_EQ(root.tag, "svg");
  EXPECT_EQ(attribute(root, "role"), "img");
  EXPECT_EQ(attribute(root, "aria-labelledby"), "stats-items-title stats-items-desc");
  EXPECT_TRUE(root.attributes.count("width") == 0 && root.attributes.count("height") == 0) << "sized by CSS";
  EXPECT_EQ(attribute(root, "viewBox").rfind("0 0 ", 0), 0u);
  EXPECT_EQ(root.attributes.count("font-family"), 0u) << "the page's font";
  const std::vector<SvgElement> first = children(svg, root);
  ASSERT_GE(first.size(), 2u);
  EXPECT_EQ(first[0].tag, "title");
  EXPECT_EQ(attribute(first[0], "id"), "stats-items-title");
  EXPECT_EQ(first[0].text, "按事项统计的收件量");
  EXPECT_EQ(first[1].tag, "desc");
  EXPECT_EQ(attribute(first[1], "id"), "stats-items-desc");
  EXPECT_EQ(first[1].text, "2026年3月各事项收件量，共四个事项。");

  BarChart no_description = chart_of({{"出生登记", 12}});
  no_description.description.clear();
  const std::vector<SvgElement> bare = read_svg(bar_chart_svg(no_description, "stats-items"));
  EXPECT_EQ(attribute(bare.at(0), "aria-labelledby"), "stats-items-title");
  EXPECT_TRUE(std::none_of(bare.begin(), bare.end(), [](const SvgElement& e) { return e.tag == "desc"; }));
}

TEST(BarChartSvg, BarLengthsAreProportionalToTheValues) {
  const std::vector<Bar> bars = {{"Renovação do BIR", 4000}, {"出生登记", 1000}, {"JM-WIN-CITY", 2500}, {"web", 0}};
  BarChart chart = chart_of(bars);
  chart.format_value = grouped;
  const std::vector<SvgElement> svg = read_svg(bar_chart_svg(chart, "stats-items"));
  const auto rows = rows_of(svg);
  ASSERT_EQ(rows.size(), bars.size());
  const SvgElement* longest = child_with_class(rows[0], "chart-bar");
  ASSERT_NE(longest, nullptr);
  const double unit = number(*longest, "width") / static_cast<double>(*bars[0].value);
  ASSERT_GT(unit, 0);
  double previous_y = -1;
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const SvgElement* bar = child_with_class(rows[i], "chart-bar");
    const SvgElement* value = child_with_class(rows[i], "chart-value");
    const SvgElement* label = child_with_class(rows[i], "chart-label");
    ASSERT_TRUE(bar && value && label) << i;
    EXPECT_NEAR(number(*bar, "width"), unit * static_cast<double>(*bars[i].value), 0.01) << bars[i].label;
    EXPECT_EQ(number(*bar, "x"), number(*longest, "x")) << "one axis for every bar";
    EXPECT_GT(number(*bar, "y"), previous_y) << "top to bottom in the given order";
    previous_y = number(*bar, "y");
    EXPECT_EQ(value->text, grouped(*bars[i].value));
    EXPECT_GE(number(*value, "x"), number(*bar, "x") + number(*bar, "width")) << "the value after the bar's end";
    EXPECT_EQ(label->text, bars[i].label);
    EXPECT_EQ(attribute(*bar, "fill").size(), 7u) << "a fallback colour #rrggbb without the stylesheet";
  }
  BarChart plain = chart_of(bars);
  const std::vector<SvgElement> plain_svg = read_svg(bar_chart_svg(plain, "stats-items"));
  EXPECT_EQ(with_class(plain_svg, "chart-value").at(0).text, std::to_string(*bars[0].value)) << "plain digits";
}

TEST(BarChartSvg, AHiddenFigureIsThePlaceholderWithTheCallersTextAndNoNumber) {
  const BarChart small = chart_of({{"事项甲", 12}, {"事项乙", std::nullopt}, {"事项丙", 7}});
  const BarChart large = chart_of({{"事项甲", 98765}, {"事项乙", std::nullopt}});
  const std::vector<SvgElement> svg = read_svg(bar_chart_svg(small, "stats-items"));
  const auto rows = rows_of(svg);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(child_with_class(rows[1], "chart-bar"), nullptr) << "no bar of any length";
  const SvgElement* placeholder = child_with_class(rows[1], "chart-bar-hidden");
  const SvgElement* text = child_with_class(rows[1], "chart-value-hidden");
  ASSERT_TRUE(placeholder && text);
  EXPECT_EQ(text->text, small.value_label_hidden);
  EXPECT_EQ(attribute(*placeholder, "fill"), "url(#stats-items-hatch)");
  EXPECT_EQ(with_attribute(svg, "id", "stats-items-hatch").at(0).tag, "pattern");
  std::vector<std::string> texts;  // what the row writes: its label and the caller's words, nothing else
  for (const SvgElement& element : rows[1])
    if (element.tag == "text") texts.push_back(element.text);
  EXPECT_EQ(texts, (std::vector<std::string>{"事项乙", small.value_label_hidden}));
  // The same placeholder whatever the other figures are: its size tells nothing.
  const std::vector<SvgElement> other = read_svg(bar_chart_svg(large, "region-items"));
  const SvgElement other_placeholder = with_class(other, "chart-bar-hidden").at(0);
  EXPECT_EQ(attribute(other_placeholder, "width"), attribute(*placeholder, "width"));
  EXPECT_EQ(attribute(other_placeholder, "height"), attribute(*placeholder, "height"));

  BarChart no_word = small;
  no_word.value_label_hidden = " \x01 ";
  EXPECT_THROW(bar_chart_svg(no_word, "stats-items"), std::invalid_argument);
  const BarChart none_hidden = chart_of({{"事项甲", 12}});
  EXPECT_TRUE(with_attribute(read_svg(bar_chart_svg(none_hidden, "x")), "id", "x-hatch").empty());
}

TEST(BarChartSvg, HostileTextStaysText) {
  const std::string hostile = "<script>alert('x')</script> & \"q\" ]]> <!-- \x01\x7F\xC2\x85\nline\tend\r";
  BarChart chart = chart_of({{hostile, 3}, {"ok", std::nullopt}});
  chart.title = hostile;
  chart.description = hostile;
  chart.value_label_hidden = hostile;
  chart.format_value = [](std::int64_t v) { return "<b>" + std::to_string(v) + "</b>"; };
  const std::string out = bar_chart_svg(chart, "stats-items");
  EXPECT_EQ(out.find("<script"), std::string::npos);
  const std::vector<SvgElement> svg = read_svg(out);  // well-formed, or this throws the parser's message
  const std::string as_read = "<script>alert('x')</script> & \"q\" ]]> <!--  line end ";
  EXPECT_TRUE(std::none_of(svg.begin(), svg.end(), [](const SvgElement& e) { return e.tag == "script"; }));
  EXPECT_EQ(with_attribute(svg, "id", "stats-items-title").at(0).text, as_read);
  EXPECT_EQ(with_attribute(svg, "id", "stats-items-desc").at(0).text, as_read);
  EXPECT_EQ(with_class(svg, "chart-value-hidden").at(0).text, as_read);
  EXPECT_EQ(with_class(svg, "chart-value").at(0).text, "<b>3</b>");
  const SvgElement label = with_class(svg, "chart-label").at(0);
  EXPECT_TRUE(label.text.find(as_read.substr(0, 20)) != std::string::npos) << label.text;
}

TEST(BarChartSvg, IdsComeFromTheCallersPrefixAndAreChecked) {
  const BarChart chart = chart_of({{"事项甲", std::nullopt}});
  std::set<std::string> ids;
  for (const char* prefix : {"stats-items", "region-items-2"}) {
    const std::vector<SvgElement> svg = read_svg(bar_chart_svg(chart, prefix));
    for (const SvgElement& element : svg) {
      if (element.attributes.count("id") > 0) {
        EXPECT_TRUE(ids.insert(attribute(element, "id")).second) << attribute(element, "id");
      }
    }
    for (const std::string suffix : {"-title", "-desc", "-hatch"})
      EXPECT_EQ(with_attribute(svg, "id", prefix + suffix).size(), 1u) << prefix << suffix;
  }
  EXPECT_NO_THROW(bar_chart_svg(chart, std::string(32, 'a')));
  const std::vector<std::string> bad_prefixes = {"",     "Items", "1-items",           "-items", "a_b", "a b",
                                                 "a\"b", "项目",  std::string(33, 'a')};
  for (const std::string& bad : bad_prefixes) EXPECT_THROW(bar_chart_svg(chart, bad), std::invalid_argument) << bad;
}

TEST(BarChartSvg, ALongLabelIsCutAndKeepsItsWholeTextAsATooltip) {
  const std::string long_label =
      "香港特别行政区居民在内地申请办理出入境证件及相关延期补发换发手续（含港澳台居民居住证）";
  const std::vector<SvgElement> svg = read_svg(bar_chart_svg(chart_of({{long_label, 5}, {"短", 3}}), "items"));
  const auto labels = with_class(svg, "chart-label");
  ASSERT_EQ(labels.size(), 2u);
  const std::vector<SvgElement> tooltip = children(svg, labels[0]);
  ASSERT_EQ(tooltip.size(), 1u);
  EXPECT_EQ(tooltip[0].tag, "title");
  EXPECT_EQ(tooltip[0].text, long_label);
  const std::string shown = labels[0].text.substr(long_label.size());
  EXPECT_LT(shown.size(), long_label.size());
  EXPECT_EQ(shown.substr(shown.size() - std::string("…").size()), "…");
  EXPECT_EQ(long_label.rfind(shown.substr(0, shown.size() - std::string("…").size()), 0), 0u) << "a prefix";
  EXPECT_EQ(labels[1].text, "短");
  EXPECT_TRUE(children(svg, labels[1]).empty());
}

TEST(BarChartSvg, LimitsThrow) {
  std::vector<Bar> bars(kMaxBars, Bar{"事项", 1});
  EXPECT_NO_THROW(bar_chart_svg(chart_of(bars), "items"));
  bars.push_back({"one too many", 1});
  EXPECT_THROW(bar_chart_svg(chart_of(bars), "items"), std::invalid_argument);
  EXPECT_THROW(bar_chart_svg(chart_of({{"negative", -1}}), "items"), std::invalid_argument);
  BarChart untitled = chart_of({{"事项", 1}});
  untitled.title = " \t\n";
  EXPECT_THROW(bar_chart_svg(untitled, "items"), std::invalid_argument);
}

TEST(BarChartSvg, NoBarsDrawNothingAndTheSameChartGivesTheSameBytes) {
  const std::vector<SvgElement> empty = read_svg(bar_chart_svg(chart_of({}), "items"));
  EXPECT_TRUE(with_class(empty, "chart-row").empty());
  EXPECT_EQ(with_attribute(empty, "id", "items-title").size(), 1u);
  BarChart chart = chart_of({{"事项甲", 12}, {"事项乙", std::nullopt}, {"事项丙", 7}});
  chart.format_value = grouped;
  EXPECT_EQ(bar_chart_svg(chart, "items"), bar_chart_svg(chart, "items"));
}

}  // namespace
}  // namespace tongban::web
