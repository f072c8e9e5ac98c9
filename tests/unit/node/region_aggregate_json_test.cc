// The wire form of a daily aggregate (node/region_aggregate_json.h): an exact round trip, hidden figures as null, the
// same bytes for the same aggregate, and the strict reading of a peer's document — unknown, missing and mistyped
// members, a wrong format or date, an oversize or non-JSON body, and the aggregate's own checks after reading.
#include "node/region_aggregate_json.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json.hpp>
#include <string>
#include <vector>

#include "domain/deadline.h"
#include "domain/problem.h"

namespace tongban::node {
namespace {

using namespace std::chrono;
using domain::CaseDecision;
using domain::CaseFacts;
using domain::DailyAggregate;
using domain::Measure;
namespace json = boost::json;

std::int64_t at(year_month_day date, int hour = 10) {
  return duration_cast<milliseconds>(sys_days(date).time_since_epoch()).count() + (hour - 8) * 3600LL * 1000;
}

constexpr year_month_day kDay = 2025y / September / 22d;  // a Monday
const std::int64_t kNow = at(2025y / November / 20d);

struct Calendar {
  domain::WorkingCalendar jiangmen{"CN-GD-JM"};
  Calendar() { jiangmen.cover_year(2025); }
  domain::CalendarLookup lookup() const {
    return
        [this](std::string_view j) -> const domain::WorkingCalendar* { return j == "CN-GD-JM" ? &jiangmen : nullptr; };
  }
};

// `n` cases of the item taken in on kDay through `channel`; the i-th accepted that day and approved i calendar days
// later, so their working days differ (and the median of an even count is a half).
void add_cases(std::vector<CaseFacts>& cases, int n, const std::string& item, const std::string& jurisdiction,
               domain::HandlingMode mode, domain::Channel channel, const Calendar& c) {
  for (int i = 0; i < n; ++i) {
    CaseFacts f;
    f.item_code = item;
    f.authority = item.substr(0, item.rfind('-'));
    f.mode = mode;
    f.channel = channel;
    f.intake_point = channel == domain::Channel::web ? "" : "JM-POINT";
    f.intake_jurisdiction = "CN-GD-JM";
    f.jurisdiction = jurisdiction;
    f.utc_offset_minutes = 480;
    f.taken_in_at_ms = at(kDay, 9 + i % 8);
    f.promised_days = 5;
    f.legal_days = 10;
    f.visits_needed = 1;
    f.clock = domain::start_clock(kDay, 10, 5, c.jiangmen);
    f.decision = CaseDecision{domain::Decision::approved, at(sys_days(kDay) + days{i}, 15)};
    f.ratings = {domain::CaseRating{1 + i % 5, domain::FollowUp::answered_in_time}};
    cases.push_back(f);
  }
}

// An aggregate with hidden figures (an item of two cases, k = 5) and published medians.
DailyAggregate sample(std::int64_t k = 5) {
  const Calendar c;
  std::vector<CaseFacts> cases;
  add_cases(cases, 10, "JM-CA-005", "CN-GD-JM", domain::HandlingMode::online, domain::Channel::web, c);
  add_cases(cases, 7, "JM-HRSS-010", "CN-GD-JM", domain::HandlingMode::online, domain::Channel::window, c);
  add_cases(cases, 6, "MO-DSAL-002", "MO", domain::HandlingMode::remote_intake, domain::Channel::bank, c);
  add_cases(cases, 2, "HK-IMMD-001", "HK", domain::HandlingMode::online, domain::Channel::post, c);
  return domain::make_daily_aggregate(cases, kDay, "CN-GD-JM", "CN-GD-JM", k, kNow, c.lookup());
}

// The problem parse_daily_aggregate throws for `text`.
domain::Problem refusal(std::string_view text) {
  try {
    parse_daily_aggregate(text);
  } catch (const domain::ProblemError& e) {
    return e.problem();
  }
  ADD_FAILURE() << "accepted";
  return {};
}

bool names(const domain::Problem& problem, std::string_view field, std::string_view rule) {
  return std::any_of(problem.errors.begin(), problem.errors.end(),
                     [&](const domain::FieldError& e) { return e.field == field && e.rule == rule; });
}

std::string listed(const domain::Problem& problem) {
  std::string out = problem.slug + ":";
  for (const auto& e : problem.errors) out += " " + e.field + " " + e.rule + ";";
  return out;
}

// The sample's JSON, changed by `edit`.
template <typename Edit>
std::string edited(Edit edit) {
  json::value document = json::parse(daily_aggregate_json(sample()));
  edit(document.as_object());
  return json::serialize(document);
}

TEST(DailyAggregateJson, TheRoundTripIsExact) {
  const DailyAggregate a = sample();
  ASSERT_FALSE(a.by_item.rows[0][Measure::received].has_value());  // HK-IMMD-001: 2 cases
  ASSERT_TRUE(a.by_item.rows[1].median_working_days.has_value());
  const std::string text = daily_aggregate_json(a);
  const DailyAggregate back = parse_daily_aggregate(text);
  EXPECT_EQ(back, a);
  EXPECT_EQ(daily_aggregate_json(back), text);
  const DailyAggregate open = sample(1);
  EXPECT_EQ(parse_daily_aggregate(daily_aggregate_json(open)), open);
  DailyAggregate empty = domain::make_daily_aggregate({}, kDay, "MO", "MO", 5, kNow, Calendar().lookup());
  EXPECT_EQ(parse_daily_aggregate(daily_aggregate_json(empty)), empty);
}

TEST(DailyAggregateJson, HiddenIsNullAndTheBytesAreTheSameEachTime) {
  const DailyAggregate a = sample();
  const std::string text = daily_aggregate_json(a);
  EXPECT_EQ(text, daily_aggregate_json(sample()));
  EXPECT_TRUE(text.starts_with(R"({"format":"tongban.region.daily.v1","node_id":"CN-GD-JM",)"
                               R"("jurisdiction":"CN-GD-JM","day":"2025-09-22",)"));
  const json::value document = json::parse(text);
  const json::object& hk = document.at("by_item").as_array().at(0).as_object();
  EXPECT_EQ(hk.at("key"), "HK-IMMD-001");
  EXPECT_TRUE(hk.at("received").is_null());
  EXPECT_TRUE(hk.at("median_working_days").is_null());
  EXPECT_EQ(document.at("by_item_total").at("received").as_int64(), a.by_item.total[Measure::received]);
}

TEST(DailyAggregateJson, UnknownMembersAreRefused) {
  const domain::Problem top = refusal(edited([](json::object& o) { o["signature_hint"] = "x"; }));
  EXPECT_EQ(top.slug, "validation-failed");
  EXPECT_TRUE(names(top, "signature_hint", "unknown_field")) << listed(top);
  const domain::Problem row =
      refusal(edited([](json::object& o) { o["by_item"].as_array()[1].as_object()["name"] = 1; }));
  EXPECT_TRUE(names(row, "by_item[1].name", "unknown_field")) << listed(row);
  const domain::Problem table =
      refusal(edited([](json::object& o) { o["mode_by_channel"].as_object()["note"] = nullptr; }));
  EXPECT_TRUE(names(table, "mode_by_channel.note", "unknown_field")) << listed(table);
}

TEST(DailyAggregateJson, WrongTypesAreRefused) {
  const domain::Problem k = refusal(edited([](json::object& o) { o["k"] = "5"; }));
  EXPECT_EQ(k.slug, "validation-failed");
  EXPECT_TRUE(names(k, "k", "type")) << listed(k);
  const domain::Problem fraction =
      refusal(edited([](json::object& o) { o["by_item"].as_array()[1].as_object()["decided"] = 2.5; }));
  EXPECT_TRUE(names(fraction, "by_item[1].decided", "type")) << listed(fraction);
  const domain::Problem hidden_total =
      refusal(edited([](json::object& o) { o["by_mode_total"].as_object()["overdue"] = nullptr; }));
  EXPECT_TRUE(names(hidden_total, "by_mode_total.overdue", "type")) << listed(hidden_total);
  const domain::Problem ratings = refusal(edited([](json::object& o) {
    o["by_channel_total"].as_object()["ratings_by_level"] = json::array{1, 2};
  }));
  EXPECT_TRUE(names(ratings, "by_channel_total.ratings_by_level", "length")) << listed(ratings);
  const domain::Problem rows = refusal(edited([](json::object& o) { o["by_item"] = json::object{}; }));
  EXPECT_TRUE(names(rows, "by_item", "type")) << listed(rows);
}

TEST(DailyAggregateJson, MissingMembersAWrongFormatOrDateAreRefused) {
  const domain::Problem missing = refusal(edited([](json::object& o) { o.erase("day"); }));
  EXPECT_TRUE(names(missing, "day", "required")) << listed(missing);
  const domain::Problem key =
      refusal(edited([](json::object& o) { o["by_mode"].as_array()[0].as_object().erase("key"); }));
  EXPECT_TRUE(names(key, "by_mode[0].key", "required")) << listed(key);
  const domain::Problem format = refusal(edited([](json::object& o) { o["format"] = "tongban.region.daily.v0"; }));
  EXPECT_TRUE(names(format, "format", "format")) << listed(format);
  const domain::Problem date = refusal(edited([](json::object& o) { o["day"] = "2025-02-30"; }));
  EXPECT_TRUE(names(date, "day", "date")) << listed(date);
}

TEST(DailyAggregateJson, AnOversizeOrNonJsonDocumentIsRefused) {
  std::string big = daily_aggregate_json(sample());
  big.append(kMaxDailyAggregateBytes + 1 - big.size(), ' ');  // valid JSON, one byte too long
  EXPECT_EQ(refusal(big).slug, "payload-too-large");
  EXPECT_EQ(refusal(R"({"format": "tongban.region.daily.v1",)").slug, "malformed-json");
  EXPECT_EQ(refusal("[]").slug, "malformed-json");
}

TEST(DailyAggregateJson, WhatIsReadIsCheckedAsAPeersAggregate) {
  // The item of two cases, published: a count below k.
  const domain::Problem small =
      refusal(edited([](json::object& o) { o["by_item"].as_array()[0].as_object()["received"] = 2; }));
  EXPECT_EQ(small.slug, "validation-failed");
  EXPECT_TRUE(names(small, "by_item[0].received", "small_count")) << listed(small);
  const domain::Problem k = refusal(edited([](json::object& o) { o["k"] = 0; }));
  EXPECT_TRUE(names(k, "k", "range")) << listed(k);
  const domain::Problem mode =
      refusal(edited([](json::object& o) { o["mode_by_channel"].as_object()["modes"].as_array()[0] = "teleport"; }));
  EXPECT_TRUE(names(mode, "mode_by_channel.modes[0]", "unknown_word")) << listed(mode);
}

}  // namespace
}  // namespace tongban::node
