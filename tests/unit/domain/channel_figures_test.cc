// The per-channel and per-service-point-kind figures (domain/channel_figures.h) over a small hand-made catalog and
// hand-made case facts whose answers are worked out here: items available per channel and per kind (following
// each point's own list of items), cases taken in and completed, the completion rate, and the median working days
// from intake to decision in the competent jurisdiction's calendar (National Day holidays skipped).
#include "domain/channel_figures.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace tongban::domain {
namespace {

using namespace std::chrono;

Item item(std::string code, std::vector<Channel> channels) {
  Item i;
  i.code = std::move(code);
  i.jurisdiction = "CN-GD-JM";
  i.authority = "JM-HRSS";
  i.channels = std::move(channels);
  return i;
}

ServicePoint point(std::string code, ServicePointKind kind, std::vector<Channel> channels,
                   std::vector<std::string> items = {}) {
  ServicePoint p;
  p.code = std::move(code);
  p.jurisdiction = "CN-GD-JM";
  p.kind = kind;
  p.channels = std::move(channels);
  p.items = std::move(items);
  return p;
}

Catalog sample_catalog() {
  Catalog catalog;
  Jurisdiction jm;
  jm.code = "CN-GD-JM";
  jm.utc_offset_minutes = 480;
  catalog.jurisdictions = {jm};
  catalog.items = {item("A", {Channel::web, Channel::window, Channel::bank}),
                   item("B", {Channel::window, Channel::bank}), item("C", {Channel::window, Channel::post}),
                   item("D", {Channel::web})};
  catalog.service_points = {
      point("WIN", ServicePointKind::window, {Channel::window, Channel::kiosk}),
      point("BANK", ServicePointKind::bank_branch, {Channel::bank}, {"A"}),  // B is offered by bank, but not listed
      point("POST", ServicePointKind::post_office, {Channel::post}),
  };
  ServicePoint foreign = point("MO-WIN", ServicePointKind::window, {Channel::window});
  foreign.jurisdiction = "MO";
  catalog.service_points.push_back(foreign);
  return catalog;
}

WorkingCalendar autumn_2025() {
  WorkingCalendar calendar("CN-GD-JM");
  calendar.cover_year(2025);
  for (unsigned d = 1; d <= 8; ++d) calendar.mark(2025y / October / day{d}, DayKind::holiday, "国庆节");
  calendar.mark(2025y / September / 28d, DayKind::makeup_working, "调休上班");
  calendar.mark(2025y / October / 11d, DayKind::makeup_working, "调休上班");
  return calendar;
}

// 10:00 local time (UTC+8) of the date, in UTC milliseconds.
std::int64_t at(year_month_day date) {
  return duration_cast<milliseconds>(sys_days(date).time_since_epoch()).count() + 2 * 3600 * 1000;
}

ChannelCaseFacts facts(Channel channel, std::string point, year_month_day taken_in,
                       std::optional<year_month_day> decided = std::nullopt) {
  ChannelCaseFacts f;
  f.channel = channel;
  f.intake_point = std::move(point);
  f.jurisdiction = "CN-GD-JM";
  f.taken_in_at_ms = at(taken_in);
  if (decided) f.decided_at_ms = at(*decided);
  return f;
}

const ChannelFigure& row(const std::vector<ChannelFigure>& rows, std::string_view key) {
  auto found = std::find_if(rows.begin(), rows.end(), [&](const ChannelFigure& f) { return f.key == key; });
  if (found == rows.end()) throw std::runtime_error("no row " + std::string(key));
  return *found;
}

TEST(ChannelFigures, EveryChannelAndKindHasARowInEnumOrder) {
  ChannelFigures figures = compute_channel_figures({}, "CN-GD-JM", {}, {});
  ASSERT_EQ(figures.channels.size(), 6u);
  ASSERT_EQ(figures.point_kinds.size(), 6u);
  EXPECT_EQ(figures.channels.front().key, "web");
  EXPECT_EQ(figures.channels.back().key, "cabin");
  EXPECT_EQ(figures.point_kinds[1].key, "bank_branch");
  EXPECT_EQ(figures.point_kinds.back().key, "partner_office");
  for (const auto& figure : figures.channels) {
    EXPECT_EQ(figure.cases_taken_in, 0);
    EXPECT_FALSE(figure.completion_rate.has_value());
    EXPECT_FALSE(figure.median_working_days.has_value());
  }
}

TEST(ChannelFigures, ItemsAvailableFollowChannelsAndThePointsOwnLists) {
  ChannelFigures figures = compute_channel_figures(sample_catalog(), "CN-GD-JM", {}, {});
  EXPECT_EQ(row(figures.channels, "web").items_available, 2);     // A, D
  EXPECT_EQ(row(figures.channels, "window").items_available, 3);  // A, B, C at WIN (MO-WIN is not this node's)
  EXPECT_EQ(row(figures.channels, "bank").items_available, 1);    // A only: BANK lists A
  EXPECT_EQ(row(figures.channels, "post").items_available, 1);    // C
  EXPECT_EQ(row(figures.channels, "kiosk").items_available, 0);   // WIN has a kiosk, no item offers it
  EXPECT_EQ(row(figures.channels, "window").points, 1);
  EXPECT_EQ(row(figures.channels, "kiosk").points, 1);
  EXPECT_EQ(row(figures.point_kinds, "window").items_available, 3);
  EXPECT_EQ(row(figures.point_kinds, "window").points, 1);
  EXPECT_EQ(row(figures.point_kinds, "bank_branch").items_available, 1);
  EXPECT_EQ(row(figures.point_kinds, "post_office").items_available, 1);
  EXPECT_EQ(row(figures.point_kinds, "partner_office").points, 0);
}

TEST(ChannelFigures, CasesCompletionAndMedianWorkingDays) {
  const WorkingCalendar calendar = autumn_2025();
  auto lookup = [&](std::string_view j) { return j == "CN-GD-JM" ? &calendar : nullptr; };
  std::vector<ChannelCaseFacts> cases = {
      // Bank: Mon 22 Sep -> Fri 26 Sep = 4 working days; Fri 26 Sep -> Thu 9 Oct = Sun 28 (make-up), Mon 29,
      // Tue 30 Sep, Thu 9 Oct = 4; Tue 30 Sep -> Sat 11 Oct = 9 Oct, 10 Oct, Sat 11 (make-up) = 3; one undecided.
      facts(Channel::bank, "BANK", 2025y / September / 22d, 2025y / September / 26d),
      facts(Channel::bank, "BANK", 2025y / September / 26d, 2025y / October / 9d),
      facts(Channel::bank, "BANK", 2025y / September / 30d, 2025y / October / 11d),
      facts(Channel::bank, "BANK", 2025y / October / 13d),
      // Window: decided the same day (0) and after 2 working days: median 1.
      facts(Channel::window, "WIN", 2025y / September / 22d, 2025y / September / 22d),
      facts(Channel::window, "WIN", 2025y / September / 22d, 2025y / September / 24d),
      // Web: no intake point; decided in a year the calendar does not cover, so not timed.
      facts(Channel::web, "", 2026y / March / 2d, 2026y / March / 4d),
      // Post at a point the catalog does not know: counted under the channel only.
      facts(Channel::post, "GONE", 2025y / September / 22d),
  };
  ChannelFigures figures = compute_channel_figures(sample_catalog(), "CN-GD-JM", cases, lookup);
  const ChannelFigure& bank = row(figures.channels, "bank");
  EXPECT_EQ(bank.cases_taken_in, 4);
  EXPECT_EQ(bank.cases_completed, 3);
  EXPECT_DOUBLE_EQ(bank.completion_rate.value(), 0.75);
  EXPECT_EQ(bank.timed_cases, 3);
  EXPECT_DOUBLE_EQ(bank.median_working_days.value(), 4.0);  // 3, 4, 4
  const ChannelFigure& window = row(figures.channels, "window");
  EXPECT_EQ(window.cases_completed, 2);
  EXPECT_DOUBLE_EQ(window.median_working_days.value(), 1.0);
  const ChannelFigure& web = row(figures.channels, "web");
  EXPECT_EQ(web.cases_completed, 1);
  EXPECT_EQ(web.timed_cases, 0);
  EXPECT_FALSE(web.median_working_days.has_value());
  EXPECT_EQ(row(figures.channels, "post").cases_taken_in, 1);
  EXPECT_DOUBLE_EQ(row(figures.channels, "post").completion_rate.value(), 0.0);
  // Per kind: the bank branch's four, the window's two; the unknown point counts under no kind.
  EXPECT_EQ(row(figures.point_kinds, "bank_branch").cases_taken_in, 4);
  EXPECT_DOUBLE_EQ(row(figures.point_kinds, "bank_branch").median_working_days.value(), 4.0);
  EXPECT_EQ(row(figures.point_kinds, "window").cases_taken_in, 2);
  EXPECT_EQ(row(figures.point_kinds, "post_office").cases_taken_in, 0);
}

TEST(ChannelFigures, WithoutACalendarNothingIsTimed) {
  std::vector<ChannelCaseFacts> cases = {facts(Channel::bank, "BANK", 2025y / September / 22d, 2025y / October / 9d)};
  ChannelFigures figures = compute_channel_figures(sample_catalog(), "CN-GD-JM", cases, {});
  EXPECT_EQ(row(figures.channels, "bank").cases_completed, 1);
  EXPECT_EQ(row(figures.channels, "bank").timed_cases, 0);
  EXPECT_FALSE(row(figures.channels, "bank").median_working_days.has_value());
}

TEST(ChannelFigures, Median) {
  EXPECT_FALSE(median({}).has_value());
  EXPECT_DOUBLE_EQ(median({5}).value(), 5.0);
  EXPECT_DOUBLE_EQ(median({9, 1, 4}).value(), 4.0);
  EXPECT_DOUBLE_EQ(median({1, 2, 3, 10}).value(), 2.5);
}

}  // namespace
}  // namespace tongban::domain
