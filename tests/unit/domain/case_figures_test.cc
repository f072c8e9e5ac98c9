// The case figures (domain/case_figures.h) over thirteen hand-made cases of a Jiangmen node whose answers are worked
// out here, case by case: three items (a Jiangmen one, a Macao one, a Hong Kong one without a calendar), every
// handling mode but joint, web, window and bank intake, a paused case, an overdue open case, a withdrawn one, a case
// decided late, one not accepted, one in a year the calendar does not cover, and bad ratings followed up in time,
// late and not at all. The clocks are made by domain/deadline.h itself, so the due dates are the node's own;
// SampleClocksAreAsWorkedOut pins the ones the answers rely on. The CSV is tested in case_figures_csv_test.cc.
#include "domain/case_figures.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <stdexcept>

#include "domain/deadline.h"

namespace tongban::domain {
namespace {

using namespace std::chrono;

// Jiangmen, autumn 2025: National Day 1-8 October off; Sunday 28 September and Saturday 11 October worked.
WorkingCalendar jiangmen_2025() {
  WorkingCalendar calendar("CN-GD-JM");
  calendar.cover_year(2025);
  for (unsigned d = 1; d <= 8; ++d) calendar.mark(2025y / October / day{d}, DayKind::holiday, "国庆节");
  calendar.mark(2025y / September / 28d, DayKind::makeup_working, "调休上班");
  calendar.mark(2025y / October / 11d, DayKind::makeup_working, "调休上班");
  return calendar;
}

// Macao, autumn 2025: 1, 2 and 7 October off.
WorkingCalendar macao_2025() {
  WorkingCalendar calendar("MO");
  calendar.cover_year(2025);
  for (unsigned d : {1U, 2U, 7U}) calendar.mark(2025y / October / day{d}, DayKind::holiday, "Feriado");
  return calendar;
}

// `hour` o'clock local time (UTC+8) of the date, in UTC milliseconds.
std::int64_t at(year_month_day date, int hour = 10) {
  return duration_cast<milliseconds>(sys_days(date).time_since_epoch()).count() + (hour - 8) * 3600LL * 1000;
}

const std::int64_t kNow = at(2026y / January / 20d);

struct Calendars {
  WorkingCalendar jiangmen = jiangmen_2025();
  WorkingCalendar macao = macao_2025();
  WorkingCalendar weekends_only{
      "HK"};  // Hong Kong's clocks are counted by the weekend rule; the node has no HK calendar
  CalendarLookup lookup() const {
    return [this](std::string_view j) -> const WorkingCalendar* {
      if (j == "CN-GD-JM") return &jiangmen;
      if (j == "MO") return &macao;
      return nullptr;
    };
  }
};

CaseFacts jiangmen_item(year_month_day taken_in) {
  CaseFacts f;
  f.item_code = "JM-CA-005";
  f.authority = "JM-CA";
  f.intake_jurisdiction = "CN-GD-JM";
  f.jurisdiction = "CN-GD-JM";
  f.utc_offset_minutes = 480;
  f.taken_in_at_ms = at(taken_in);
  f.promised_days = 5;
  f.legal_days = 10;
  return f;
}

CaseFacts macao_item(year_month_day taken_in) {
  CaseFacts f = jiangmen_item(taken_in);
  f.item_code = "MO-DSAL-002";
  f.authority = "MO-DSAL";
  f.jurisdiction = "MO";
  f.promised_days = 3;
  f.legal_days = 8;
  f.visits_needed = 2;
  return f;
}

CaseFacts hong_kong_item(year_month_day taken_in) {
  CaseFacts f = jiangmen_item(taken_in);
  f.item_code = "HK-IMMD-001";
  f.authority = "HK-IMMD";
  f.jurisdiction = "HK";
  f.visits_needed = 1;
  return f;
}

void accept(CaseFacts& f, year_month_day on, const WorkingCalendar& calendar) {
  f.clock = start_clock(on, *f.legal_days, *f.promised_days, calendar);
}

void decide(CaseFacts& f, Decision decision, year_month_day on) {
  f.decision = CaseDecision{decision, at(on, 15)};
}

void at_point(CaseFacts& f, Channel channel, std::string point, int visits_made) {
  f.channel = channel;
  f.intake_point = std::move(point);
  f.visits_made = visits_made;
}

CaseRating rated(int level, FollowUp follow_up = FollowUp::none) {
  return CaseRating{level, follow_up};
}

std::vector<CaseFacts> sample_cases(const Calendars& c) {
  std::vector<CaseFacts> cases;
  // c1: web, accepted Mon 22 Sep, approved Fri 26 Sep: 4 working days; promised due 28 Sep, legal 11 Oct. Rated 5.
  CaseFacts c1 = jiangmen_item(2025y / September / 22d);
  accept(c1, 2025y / September / 22d, c.jiangmen);
  decide(c1, Decision::approved, 2025y / September / 26d);
  c1.ratings = {rated(5)};
  cases.push_back(c1);
  // c2: web, accepted Fri 26 Sep, rejected Mon 13 Oct: 28, 29, 30 Sep, 9, 10, 11, 13 Oct = 7; promised due 10 Oct
  // (missed), legal 16 Oct (kept). Rated 1, followed up in time.
  CaseFacts c2 = jiangmen_item(2025y / September / 26d);
  accept(c2, 2025y / September / 26d, c.jiangmen);
  decide(c2, Decision::rejected, 2025y / October / 13d);
  c2.ratings = {rated(1, FollowUp::answered_in_time)};
  cases.push_back(c2);
  // c3: taken in at a Jiangmen window, accepted 22 Sep; two supplements: asked 24 Sep, handed in at the counter
  // 25 Sep (1 working day paused); asked 26 Sep, uploaded 29 Sep (28 and 29 Sep: 2). Dues moved to 9 Oct (promised)
  // and 15 Oct (legal). Approved Thu 9 Oct: 8 working days minus 3 paused = 5. Visits: intake + counter = 2.
  // Rated 2, followed up late.
  CaseFacts c3 = jiangmen_item(2025y / September / 22d);
  at_point(c3, Channel::window, "JM-WIN-CITY", 2);
  accept(c3, 2025y / September / 22d, c.jiangmen);
  c3.clock = resume_clock(pause_clock(c3.clock, 2025y / September / 24d), 2025y / September / 25d, c.jiangmen);
  c3.clock = resume_clock(pause_clock(c3.clock, 2025y / September / 26d), 2025y / September / 29d, c.jiangmen);
  c3.supplements_requested = 2;
  decide(c3, Decision::approved, 2025y / October / 9d);
  c3.ratings = {rated(2, FollowUp::answered_late)};
  cases.push_back(c3);
  // c4: web, accepted 22 Sep, still in review today (20 Jan 2026): past its legal due date of 11 Oct, overdue.
  CaseFacts c4 = jiangmen_item(2025y / September / 22d);
  accept(c4, 2025y / September / 22d, c.jiangmen);
  cases.push_back(c4);
  // c5: remote intake at a Macao window for the Jiangmen item, taken in 13 Oct, not yet accepted: open, no clock.
  CaseFacts c5 = jiangmen_item(2025y / October / 13d);
  c5.mode = HandlingMode::remote_intake;
  at_point(c5, Channel::window, "MO-WIN-CENTRO", 1);
  c5.intake_jurisdiction = "MO";
  cases.push_back(c5);
  // c6: web, accepted 30 Sep (legal due 21 Oct), withdrawn 9 Oct: neither decided nor open, not overdue.
  CaseFacts c6 = jiangmen_item(2025y / September / 30d);
  accept(c6, 2025y / September / 30d, c.jiangmen);
  c6.withdrawn_at_ms = at(2025y / October / 9d);
  cases.push_back(c6);
  // c7: remote intake at the Jiangmen window for Macao, taken in 29 Sep, accepted in Macao 30 Sep, approved Mon 6 Oct:
  // 3 and 6 Oct = 2 (1, 2 Oct off); promised due 8 Oct, legal 15 Oct. Result by post: 1 visit of 2, 1 saved. Rated 4.
  CaseFacts c7 = macao_item(2025y / September / 29d);
  c7.mode = HandlingMode::remote_intake;
  at_point(c7, Channel::window, "JM-WIN-CITY", 1);
  accept(c7, 2025y / September / 30d, c.macao);
  decide(c7, Decision::approved, 2025y / October / 6d);
  c7.ratings = {rated(4)};
  cases.push_back(c7);
  // c8: remote intake at a bank branch, 9 Oct, not accepted 10 Oct: decided, no clock, not timed; 1 trip saved.
  CaseFacts c8 = macao_item(2025y / October / 9d);
  c8.mode = HandlingMode::remote_intake;
  at_point(c8, Channel::bank, "JM-BANK-PENGJIANG", 1);
  decide(c8, Decision::not_accepted, 2025y / October / 10d);
  cases.push_back(c8);
  // c9: online across borders, accepted 8 Oct, approved Mon 20 Oct: 9, 10, 13-17, 20 Oct = 8; promised due 13 Oct
  // (missed), legal 20 Oct (kept, on the day). No visit: 2 saved. Rated 1, not followed up.
  CaseFacts c9 = macao_item(2025y / October / 8d);
  accept(c9, 2025y / October / 8d, c.macao);
  decide(c9, Decision::approved, 2025y / October / 20d);
  c9.ratings = {rated(1)};
  cases.push_back(c9);
  // c10: delegated to JM-HRSS, decided in Jiangmen: accepted Mon 13 Oct, approved 15 Oct = 2; promised due 16 Oct.
  // Taken in and picked up at the window: 2 visits, none saved.
  CaseFacts c10 = macao_item(2025y / October / 13d);
  c10.mode = HandlingMode::delegated;
  c10.authority = "JM-HRSS";
  c10.jurisdiction = "CN-GD-JM";
  at_point(c10, Channel::window, "JM-WIN-CITY", 2);
  accept(c10, 2025y / October / 13d, c.jiangmen);
  decide(c10, Decision::approved, 2025y / October / 15d);
  cases.push_back(c10);
  // c11: Hong Kong, no calendar on this node: accepted 22 Sep, approved 8 Oct, after its legal due date of 6 Oct
  // (weekend rule): decided overdue, not timed. 1 trip saved. Rated 3.
  CaseFacts c11 = hong_kong_item(2025y / September / 22d);
  accept(c11, 2025y / September / 22d, c.weekends_only);
  decide(c11, Decision::approved, 2025y / October / 8d);
  c11.ratings = {rated(3)};
  cases.push_back(c11);
  // c12: web, taken in and accepted Mon 3 Nov, approved 5 Nov: 2. Rated 5.
  CaseFacts c12 = jiangmen_item(2025y / November / 3d);
  accept(c12, 2025y / November / 3d, c.jiangmen);
  decide(c12, Decision::approved, 2025y / November / 5d);
  c12.ratings = {rated(5)};
  cases.push_back(c12);
  // c13: web, accepted Mon 5 Jan 2026, approved 7 Jan: the calendar does not cover 2026, so not timed; on time.
  CaseFacts c13 = jiangmen_item(2026y / January / 5d);
  accept(c13, 2026y / January / 5d, c.jiangmen);
  decide(c13, Decision::approved, 2026y / January / 7d);
  cases.push_back(c13);
  return cases;
}

const CaseFigure& row(const CaseFigures& figures, std::string_view key) {
  auto found =
      std::find_if(figures.rows.begin(), figures.rows.end(), [&](const CaseFigure& f) { return f.key == key; });
  if (found == figures.rows.end()) throw std::runtime_error("no row " + std::string(key));
  return *found;
}

std::vector<std::string> keys(const CaseFigures& figures) {
  std::vector<std::string> out;
  for (const CaseFigure& f : figures.rows) out.push_back(f.key);
  return out;
}

// Every additive figure, in a fixed order.
std::vector<std::int64_t> additive(const CaseFigure& f) {
  std::vector<std::int64_t> v = {f.received,
                                 f.decided,
                                 f.approved,
                                 f.rejected,
                                 f.not_accepted,
                                 f.withdrawn,
                                 f.open,
                                 f.decided_within_promised,
                                 f.decided_within_legal,
                                 f.overdue,
                                 f.overdue_open,
                                 f.timed_cases,
                                 f.supplements_requested,
                                 f.cases_with_supplement,
                                 f.visits_made,
                                 f.trips_saved,
                                 f.bad_ratings,
                                 f.bad_ratings_followed_up,
                                 f.bad_ratings_followed_up_in_time};
  v.insert(v.end(), f.ratings_by_level.begin(), f.ratings_by_level.end());
  return v;
}

// The counts and sums of a row, named, for one readable comparison.
std::string summary(const CaseFigure& f) {
  auto n = [](std::int64_t v) { return std::to_string(v); };
  const auto& r = f.ratings_by_level;
  return "received " + n(f.received) + ": decided " + n(f.decided) + " (" + n(f.approved) + " approved, " +
         n(f.rejected) + " rejected, " + n(f.not_accepted) + " not accepted), withdrawn " + n(f.withdrawn) + ", open " +
         n(f.open) + "; within promised " + n(f.decided_within_promised) + ", legal " + n(f.decided_within_legal) +
         "; overdue " + n(f.overdue) + " (open " + n(f.overdue_open) + "); timed " + n(f.timed_cases) +
         "; supplements " + n(f.supplements_requested) + " in " + n(f.cases_with_supplement) + "; visits " +
         n(f.visits_made) + ", saved " + n(f.trips_saved) + "; ratings " + n(r[0]) + " " + n(r[1]) + " " + n(r[2]) +
         " " + n(r[3]) + " " + n(r[4]) + ", bad " + n(f.bad_ratings) + ", followed up " + n(f.bad_ratings_followed_up) +
         ", in time " + n(f.bad_ratings_followed_up_in_time);
}

void expect_invariants(const CaseFigure& f) {
  SCOPED_TRACE("row " + f.key);
  EXPECT_EQ(f.decided, f.approved + f.rejected + f.not_accepted);
  EXPECT_EQ(f.decided + f.withdrawn + f.open, f.received);
  EXPECT_LE(f.decided_within_promised, f.decided_within_legal);
  EXPECT_LE(f.decided_within_legal, f.decided);
  EXPECT_LE(f.overdue_open, f.overdue);
  EXPECT_LE(f.overdue_open, f.open);
  EXPECT_LE(f.timed_cases, f.decided);
  EXPECT_LE(f.cases_with_supplement, f.received);
  EXPECT_EQ(f.bad_ratings, f.ratings_by_level[0] + f.ratings_by_level[1]);
  EXPECT_LE(f.bad_ratings_followed_up_in_time, f.bad_ratings_followed_up);
  EXPECT_LE(f.bad_ratings_followed_up, f.bad_ratings);
  EXPECT_EQ(f.median_working_days.has_value(), f.timed_cases > 0);
  EXPECT_EQ(f.p90_working_days.has_value(), f.timed_cases > 0);
  EXPECT_EQ(f.follow_up_rate.has_value(), f.bad_ratings > 0);
}

constexpr std::array kDimensions = {Dimension::item,    Dimension::authority,     Dimension::mode,
                                    Dimension::channel, Dimension::service_point, Dimension::jurisdiction_pair};

TEST(CaseFigures, SampleClocksAreAsWorkedOut) {
  const Calendars c;
  const std::vector<CaseFacts> cases = sample_cases(c);
  ASSERT_EQ(cases.size(), 13u);
  EXPECT_EQ(cases[0].clock.promised_due, 2025y / September / 28d);
  EXPECT_EQ(cases[0].clock.legal_due, 2025y / October / 11d);
  EXPECT_EQ(cases[1].clock.promised_due, 2025y / October / 10d);
  EXPECT_EQ(cases[1].clock.legal_due, 2025y / October / 16d);
  EXPECT_EQ(cases[2].clock.paused_working_days, 3);
  EXPECT_EQ(cases[2].clock.promised_due, 2025y / October / 9d);
  EXPECT_EQ(cases[2].clock.legal_due, 2025y / October / 15d);
  EXPECT_EQ(cases[5].clock.legal_due, 2025y / October / 21d);
  EXPECT_EQ(cases[6].clock.promised_due, 2025y / October / 8d);
  EXPECT_EQ(cases[6].clock.legal_due, 2025y / October / 15d);
  EXPECT_EQ(cases[8].clock.promised_due, 2025y / October / 13d);
  EXPECT_EQ(cases[8].clock.legal_due, 2025y / October / 20d);
  EXPECT_EQ(cases[9].clock.promised_due, 2025y / October / 16d);
  EXPECT_EQ(cases[10].clock.promised_due, 2025y / September / 29d);
  EXPECT_EQ(cases[10].clock.legal_due, 2025y / October / 6d);
  EXPECT_EQ(cases[12].clock.legal_due, 2026y / January / 19d);
}

TEST(CaseFigures, ByItemEveryFigureIsAsWorkedOut) {
  const Calendars c;
  const CaseFigures figures = compute_case_figures(sample_cases(c), Dimension::item, {}, kNow, c.lookup());
  EXPECT_EQ(figures.dimension, Dimension::item);
  EXPECT_EQ(keys(figures), (std::vector<std::string>{"HK-IMMD-001", "JM-CA-005", "MO-DSAL-002"}));

  const CaseFigure& jm = row(figures, "JM-CA-005");  // c1-c6, c12, c13
  EXPECT_EQ(summary(jm),
            "received 8: decided 5 (4 approved, 1 rejected, 0 not accepted), withdrawn 1, open 2; "
            "within promised 4, legal 5; overdue 1 (open 1); timed 4; supplements 2 in 1; "
            "visits 3, saved 0; ratings 1 1 0 0 2, bad 2, followed up 2, in time 1");
  EXPECT_DOUBLE_EQ(jm.median_working_days.value(), 4.5);  // 2, 4, 5, 7
  EXPECT_EQ(jm.p90_working_days, 7);
  EXPECT_EQ(jm.promised_days, 5);
  EXPECT_EQ(jm.legal_days, 10);
  EXPECT_DOUBLE_EQ(jm.follow_up_rate.value(), 1.0);

  const CaseFigure& mo = row(figures, "MO-DSAL-002");  // c7-c10
  EXPECT_EQ(summary(mo),
            "received 4: decided 4 (3 approved, 0 rejected, 1 not accepted), withdrawn 0, open 0; "
            "within promised 2, legal 3; overdue 0 (open 0); timed 3; supplements 0 in 0; "
            "visits 4, saved 4; ratings 1 0 0 1 0, bad 1, followed up 0, in time 0");
  EXPECT_DOUBLE_EQ(mo.median_working_days.value(), 2.0);  // 2, 2, 8
  EXPECT_EQ(mo.p90_working_days, 8);
  EXPECT_EQ(mo.promised_days, 3);
  EXPECT_EQ(mo.legal_days, 8);
  EXPECT_DOUBLE_EQ(mo.follow_up_rate.value(), 0.0);

  const CaseFigure& hk = row(figures, "HK-IMMD-001");  // c11: decided late, no calendar
  EXPECT_EQ(summary(hk),
            "received 1: decided 1 (1 approved, 0 rejected, 0 not accepted), withdrawn 0, open 0; "
            "within promised 0, legal 0; overdue 1 (open 0); timed 0; supplements 0 in 0; "
            "visits 0, saved 1; ratings 0 0 1 0 0, bad 0, followed up 0, in time 0");
  EXPECT_FALSE(hk.median_working_days.has_value());
  EXPECT_FALSE(hk.p90_working_days.has_value());
  EXPECT_FALSE(hk.follow_up_rate.has_value());
}

TEST(CaseFigures, TheTotalIsOverAllCases) {
  const Calendars c;
  const CaseFigures figures = compute_case_figures(sample_cases(c), Dimension::item, {}, kNow, c.lookup());
  const CaseFigure& total = figures.total;
  EXPECT_EQ(total.key, "");
  EXPECT_EQ(summary(total),
            "received 13: decided 10 (8 approved, 1 rejected, 1 not accepted), withdrawn 1, open 2; "
            "within promised 6, legal 8; overdue 2 (open 1); timed 7; supplements 2 in 1; "
            "visits 7, saved 5; ratings 2 1 1 1 2, bad 3, followed up 2, in time 1");
  EXPECT_DOUBLE_EQ(total.median_working_days.value(), 4.0);  // 2, 2, 2, 4, 5, 7, 8
  EXPECT_EQ(total.p90_working_days, 8);                      // rank ceil(6.3) = 7
  EXPECT_FALSE(total.promised_days.has_value());
  EXPECT_FALSE(total.legal_days.has_value());
  EXPECT_DOUBLE_EQ(total.follow_up_rate.value(), 2.0 / 3.0);
}

TEST(CaseFigures, EachDimensionGroupsTheSameCasesAndTheTotalsAgree) {
  const Calendars c;
  const std::vector<CaseFacts> cases = sample_cases(c);
  const CaseFigure item_total = compute_case_figures(cases, Dimension::item, {}, kNow, c.lookup()).total;
  for (Dimension dimension : kDimensions) {
    SCOPED_TRACE(std::string(to_string(dimension)));
    const CaseFigures figures = compute_case_figures(cases, dimension, {}, kNow, c.lookup());
    EXPECT_TRUE(std::is_sorted(figures.rows.begin(), figures.rows.end(),
                               [](const CaseFigure& a, const CaseFigure& b) { return a.key < b.key; }));
    std::vector<std::int64_t> sum(additive(figures.total).size(), 0);
    for (const CaseFigure& f : figures.rows) {
      expect_invariants(f);
      const std::vector<std::int64_t> v = additive(f);
      for (std::size_t i = 0; i < v.size(); ++i) sum[i] += v[i];
      if (dimension != Dimension::item) {
        EXPECT_FALSE(f.promised_days.has_value());
      }
    }
    expect_invariants(figures.total);
    EXPECT_EQ(sum, additive(figures.total));
    EXPECT_EQ(additive(figures.total), additive(item_total));
    EXPECT_EQ(figures.total.median_working_days, item_total.median_working_days);
    EXPECT_EQ(figures.total.p90_working_days, item_total.p90_working_days);
  }
}

TEST(CaseFigures, ByAuthorityModeAndChannel) {
  const Calendars c;
  const std::vector<CaseFacts> cases = sample_cases(c);
  const CaseFigures authority = compute_case_figures(cases, Dimension::authority, {}, kNow, c.lookup());
  EXPECT_EQ(keys(authority), (std::vector<std::string>{"HK-IMMD", "JM-CA", "JM-HRSS", "MO-DSAL"}));
  const CaseFigure& dsal = row(authority, "MO-DSAL");  // c7, c8, c9
  EXPECT_EQ(dsal.received, 3);
  EXPECT_EQ(dsal.not_accepted, 1);
  EXPECT_EQ(dsal.decided_within_promised, 1);
  EXPECT_EQ(dsal.decided_within_legal, 2);
  EXPECT_DOUBLE_EQ(dsal.median_working_days.value(), 5.0);  // 2, 8
  EXPECT_EQ(dsal.p90_working_days, 8);
  EXPECT_EQ(dsal.trips_saved, 4);
  EXPECT_EQ(row(authority, "JM-HRSS").p90_working_days, 2);

  const CaseFigures mode = compute_case_figures(cases, Dimension::mode, {}, kNow, c.lookup());
  EXPECT_EQ(keys(mode), (std::vector<std::string>{"delegated", "online", "remote_intake"}));
  EXPECT_EQ(row(mode, "online").received, 9);
  EXPECT_DOUBLE_EQ(row(mode, "online").median_working_days.value(), 5.0);  // 2, 4, 5, 7, 8
  EXPECT_EQ(row(mode, "remote_intake").received, 3);
  EXPECT_EQ(row(mode, "remote_intake").open, 1);
  EXPECT_EQ(row(mode, "remote_intake").visits_made, 3);
  EXPECT_EQ(row(mode, "remote_intake").trips_saved, 2);

  const CaseFigures channel = compute_case_figures(cases, Dimension::channel, {}, kNow, c.lookup());
  EXPECT_EQ(keys(channel), (std::vector<std::string>{"bank", "web", "window"}));
  const CaseFigure& web = row(channel, "web");
  EXPECT_EQ(web.received, 8);
  EXPECT_EQ(web.overdue, 2);  // c4 open, c11 decided late
  EXPECT_EQ(web.overdue_open, 1);
  EXPECT_DOUBLE_EQ(web.median_working_days.value(), 5.5);  // 2, 4, 7, 8
  EXPECT_EQ(web.p90_working_days, 8);
  EXPECT_EQ(web.trips_saved, 3);
  const CaseFigure& window = row(channel, "window");
  EXPECT_EQ(window.received, 4);
  EXPECT_EQ(window.visits_made, 6);
  EXPECT_EQ(window.supplements_requested, 2);
  EXPECT_EQ(window.p90_working_days, 5);  // 2, 2, 5
  EXPECT_EQ(row(channel, "bank").timed_cases, 0);
}

TEST(CaseFigures, WebCasesHaveTheServicePointKeyWebAndPairsReadIntakeThenCompetent) {
  const Calendars c;
  const std::vector<CaseFacts> cases = sample_cases(c);
  const CaseFigures points = compute_case_figures(cases, Dimension::service_point, {}, kNow, c.lookup());
  EXPECT_EQ(keys(points), (std::vector<std::string>{"JM-BANK-PENGJIANG", "JM-WIN-CITY", "MO-WIN-CENTRO", "web"}));
  EXPECT_EQ(row(points, "web").received, 8);
  EXPECT_EQ(row(points, "JM-WIN-CITY").received, 3);
  const CaseFigures pairs = compute_case_figures(cases, Dimension::jurisdiction_pair, {}, kNow, c.lookup());
  EXPECT_EQ(keys(pairs), (std::vector<std::string>{"CN-GD-JM>CN-GD-JM", "CN-GD-JM>HK", "CN-GD-JM>MO", "MO>CN-GD-JM"}));
  EXPECT_EQ(row(pairs, "CN-GD-JM>CN-GD-JM").received, 8);
  EXPECT_EQ(row(pairs, "CN-GD-JM>MO").received, 3);
  EXPECT_EQ(row(pairs, "MO>CN-GD-JM").open, 1);
  EXPECT_EQ(figure_key(cases[4], Dimension::jurisdiction_pair), "MO>CN-GD-JM");
  EXPECT_EQ(figure_key(cases[0], Dimension::service_point), kWebServicePointKey);
}

TEST(CaseFigures, APausedCaseCountsItsWorkingDaysWithoutThePause) {
  const Calendars c;
  const std::vector<CaseFacts> cases = {sample_cases(c)[2]};  // c3
  const CaseFigure total = compute_case_figures(cases, Dimension::item, {}, kNow, c.lookup()).total;
  EXPECT_EQ(total.timed_cases, 1);
  EXPECT_DOUBLE_EQ(total.median_working_days.value(), 5.0);  // 8 counted, 3 paused
  EXPECT_EQ(total.decided_within_promised, 1);               // on its moved promised due date
}

TEST(CaseFigures, AnOpenCaseIsOverdueOnlyAfterItsLegalDueAndNotWhilePaused) {
  const Calendars c;
  CaseFacts open = jiangmen_item(2025y / September / 22d);
  accept(open, 2025y / September / 22d, c.jiangmen);  // legal due Sat 11 Oct (a make-up working day)
  auto overdue = [&](const CaseFacts& f, std::int64_t now) {
    return compute_case_figures({f}, Dimension::item, {}, now, c.lookup()).total.overdue_open;
  };
  EXPECT_EQ(overdue(open, at(2025y / October / 11d, 23)), 0);  // the due date itself is on time
  EXPECT_EQ(overdue(open, at(2025y / October / 12d, 0)), 1);   // 00:00 local is still 11 Oct 16:00 UTC: local counts
  CaseFacts paused = open;
  paused.clock = pause_clock(open.clock, 2025y / October / 10d);
  EXPECT_EQ(overdue(paused, kNow), 0);  // the clock stands still at 10 Oct
  paused.clock = pause_clock(open.clock, 2025y / October / 13d);
  EXPECT_EQ(overdue(paused, kNow), 1);  // paused after the due date had passed
  CaseFacts withdrawn = open;
  withdrawn.withdrawn_at_ms = at(2025y / October / 13d);
  const CaseFigure w = compute_case_figures({withdrawn}, Dimension::item, {}, kNow, c.lookup()).total;
  EXPECT_EQ(w.withdrawn, 1);
  EXPECT_EQ(w.overdue, 1);  // withdrawn after the due date: the authority was late
  EXPECT_EQ(w.overdue_open, 0);
}

TEST(CaseFigures, CasesWithoutACalendarOrOutsideItsYearsAreNotTimed) {
  const Calendars c;
  const std::vector<CaseFacts> all = sample_cases(c);
  const std::vector<CaseFacts> cases = {all[10], all[12]};  // Hong Kong; Jiangmen in 2026
  const CaseFigure total = compute_case_figures(cases, Dimension::item, {}, kNow, c.lookup()).total;
  EXPECT_EQ(total.decided, 2);
  EXPECT_EQ(total.timed_cases, 0);
  EXPECT_FALSE(total.median_working_days.has_value());
  EXPECT_EQ(total.decided_within_legal, 1);  // dates need no calendar: c13 on time, c11 late
  EXPECT_EQ(total.overdue, 1);
  const CaseFigure no_lookup = compute_case_figures(all, Dimension::item, {}, kNow, {}).total;
  EXPECT_EQ(no_lookup.timed_cases, 0);
  EXPECT_EQ(no_lookup.decided, 10);
}

TEST(CaseFigures, ThePeriodFilterCountsTakenInDatesWithBothBoundsIncluded) {
  const Calendars c;
  FigureFilter filter;
  filter.from = 2025y / September / 29d;
  filter.to = 2025y / October / 13d;
  const CaseFigures figures = compute_case_figures(sample_cases(c), Dimension::item, filter, kNow, c.lookup());
  EXPECT_EQ(figures.total.received, 6);  // c5 (13 Oct), c6, c7 (29 Sep), c8, c9, c10 (13 Oct)
  EXPECT_EQ(row(figures, "JM-CA-005").received, 2);
  EXPECT_EQ(row(figures, "MO-DSAL-002").received, 4);
  EXPECT_EQ(keys(figures), (std::vector<std::string>{"JM-CA-005", "MO-DSAL-002"}));
}

TEST(CaseFigures, ThePeriodIsOfLocalDatesAtTheCompetentJurisdictionsOffset) {
  CaseFacts late = jiangmen_item(2025y / September / 28d);
  late.taken_in_at_ms = at(2025y / September / 28d, 23);  // 15:00 UTC on 28 Sep
  CaseFacts early = jiangmen_item(2025y / September / 29d);
  early.taken_in_at_ms = at(2025y / September / 29d, 0);  // 16:00 UTC on 28 Sep, but 29 Sep in Jiangmen
  FigureFilter filter;
  filter.from = 2025y / September / 29d;
  EXPECT_EQ(compute_case_figures({late, early}, Dimension::item, filter, kNow, {}).total.received, 1);
  filter.from.reset();
  filter.to = 2025y / September / 28d;
  EXPECT_EQ(compute_case_figures({late, early}, Dimension::item, filter, kNow, {}).total.received, 1);
}

TEST(CaseFigures, AValueFilterRestrictsAnotherDimension) {
  const Calendars c;
  const std::vector<CaseFacts> cases = sample_cases(c);
  FigureFilter filter;
  filter.only[Dimension::authority] = "MO-DSAL";
  CaseFigures figures = compute_case_figures(cases, Dimension::item, filter, kNow, c.lookup());
  EXPECT_EQ(keys(figures), (std::vector<std::string>{"MO-DSAL-002"}));  // c10 is JM-HRSS's
  EXPECT_EQ(figures.total.received, 3);
  filter.only = {{Dimension::channel, "window"}, {Dimension::item, "JM-CA-005"}};
  figures = compute_case_figures(cases, Dimension::service_point, filter, kNow, c.lookup());
  EXPECT_EQ(keys(figures), (std::vector<std::string>{"JM-WIN-CITY", "MO-WIN-CENTRO"}));  // c3, c5
  filter.only = {{Dimension::service_point, "web"}};
  EXPECT_EQ(compute_case_figures(cases, Dimension::channel, filter, kNow, c.lookup()).total.received, 8);
  filter.only = {{Dimension::mode, "nonsense"}};
  figures = compute_case_figures(cases, Dimension::mode, filter, kNow, c.lookup());
  EXPECT_TRUE(figures.rows.empty());
  EXPECT_EQ(figures.total.received, 0);
}

TEST(CaseFigures, NoCasesGiveNoRowsAndAnEmptyTotal) {
  const CaseFigures figures = compute_case_figures({}, Dimension::channel, {}, kNow, {});
  EXPECT_EQ(figures.dimension, Dimension::channel);
  EXPECT_TRUE(figures.rows.empty());
  EXPECT_EQ(figures.total.received, 0);
  EXPECT_FALSE(figures.total.median_working_days.has_value());
  EXPECT_FALSE(figures.total.follow_up_rate.has_value());
  expect_invariants(figures.total);
}

TEST(CaseFigures, TripsSavedNeverGoBelowZeroPerCase) {
  CaseFacts many_visits = jiangmen_item(2025y / September / 22d);  // needs 0, made 3
  many_visits.visits_made = 3;
  CaseFacts none = hong_kong_item(2025y / September / 22d);  // needs 1, made 0
  const CaseFigure total = compute_case_figures({many_visits, none}, Dimension::item, {}, kNow, {}).total;
  EXPECT_EQ(total.trips_saved, 1);
  EXPECT_EQ(total.visits_made, 3);
}

TEST(CaseFigures, RatingsCountOneByOneAndOnlyBadOnesHaveAFollowUp) {
  CaseFacts twice = jiangmen_item(2025y / September / 22d);  // rated at the window's pad and on the web
  twice.ratings = {rated(1, FollowUp::answered_in_time), rated(4)};
  CaseFacts good = jiangmen_item(2025y / September / 22d);
  good.ratings = {rated(3, FollowUp::answered_in_time)};  // a follow-up of a good rating is not read
  const CaseFigure total = compute_case_figures({twice, good}, Dimension::item, {}, kNow, {}).total;
  EXPECT_EQ(total.received, 2);
  EXPECT_EQ(total.ratings_by_level, (std::array<std::int64_t, 5>{1, 0, 1, 1, 0}));
  EXPECT_EQ(total.bad_ratings, 1);
  EXPECT_EQ(total.bad_ratings_followed_up, 1);
  EXPECT_EQ(total.bad_ratings_followed_up_in_time, 1);
  EXPECT_DOUBLE_EQ(total.follow_up_rate.value(), 1.0);
  EXPECT_FALSE(compute_case_figures({good}, Dimension::item, {}, kNow, {}).total.follow_up_rate.has_value());
}

TEST(CaseFigures, ARatingOutsideOneToFiveIsRefused) {
  for (int level : {0, 6, -1}) {
    CaseFacts f = jiangmen_item(2025y / September / 22d);
    f.ratings = {rated(level)};
    EXPECT_THROW(compute_case_figures({f}, Dimension::item, {}, kNow, {}), std::invalid_argument) << level;
  }
}

TEST(CaseFigures, MedianAndNearestRankP90) {
  EXPECT_FALSE(percentile({}, 90).has_value());
  EXPECT_EQ(percentile({6}, 90), 6);
  EXPECT_EQ(percentile({1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 90), 9);       // rank 9
  EXPECT_EQ(percentile({10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 11}, 90), 10);  // rank ceil(9.9) = 10
  EXPECT_EQ(percentile({7, 1, 3}, 90), 7);                             // rank ceil(2.7) = 3
  EXPECT_EQ(percentile({7, 1, 3}, 50), 3);
  EXPECT_EQ(percentile({7, 1, 3}, 100), 7);
  EXPECT_EQ(percentile({7, 1, 3}, 1), 1);
  EXPECT_THROW(percentile({1}, 0), std::invalid_argument);
  EXPECT_THROW(percentile({1}, 101), std::invalid_argument);
  EXPECT_DOUBLE_EQ(median({2, 4, 5, 7}).value(), 4.5);
}

TEST(CaseFigures, DimensionWordsRoundTripAndAnUnknownWordIsRefused) {
  for (Dimension dimension : kDimensions) EXPECT_EQ(parse_dimension(to_string(dimension)), dimension);
  EXPECT_EQ(to_string(Dimension::service_point), "service_point");
  EXPECT_EQ(to_string(Dimension::jurisdiction_pair), "jurisdiction_pair");
  EXPECT_FALSE(parse_dimension("Item").has_value());
  EXPECT_FALSE(parse_dimension("service-point").has_value());
  EXPECT_FALSE(parse_dimension("total").has_value());
  EXPECT_FALSE(parse_dimension("").has_value());
}

TEST(CaseFigures, DecisionsOfEventActions) {
  EXPECT_EQ(decision_of(CaseAction::approve), Decision::approved);
  EXPECT_EQ(decision_of(CaseAction::reject), Decision::rejected);
  EXPECT_EQ(decision_of(CaseAction::not_accept), Decision::not_accepted);
  EXPECT_FALSE(decision_of(CaseAction::issue_result).has_value());
  EXPECT_FALSE(decision_of(CaseAction::withdraw).has_value());
  EXPECT_EQ(to_string(Decision::not_accepted), "not_accepted");
}

}  // namespace
}  // namespace tongban::domain
