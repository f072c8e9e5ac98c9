#include "domain/case_figures.h"

#include <algorithm>
#include <stdexcept>
#include <utility>

#include "domain/word_table.h"

namespace tongban::domain {
namespace {

using std::chrono::sys_days;

constexpr WordTable<Decision, 3> kDecisions{{
    {Decision::approved, "approved"},
    {Decision::rejected, "rejected"},
    {Decision::not_accepted, "not_accepted"},
}};

constexpr WordTable<Dimension, 6> kDimensions{{
    {Dimension::item, "item"},
    {Dimension::authority, "authority"},
    {Dimension::mode, "mode"},
    {Dimension::channel, "channel"},
    {Dimension::service_point, "service_point"},
    {Dimension::jurisdiction_pair, "jurisdiction_pair"},
}};

bool after(CalendarDate a, CalendarDate b) {
  return sys_days{a} > sys_days{b};
}

bool on_or_before(CalendarDate day, const std::optional<CalendarDate>& due) {
  return due && !after(day, *due);
}

// What one case contributes, worked out once and then added to its row and to the total.
struct Contribution {
  std::optional<Decision> decision;  // set when decided
  bool withdrawn = false;
  bool within_promised = false;
  bool within_legal = false;
  bool overdue = false;
  std::optional<int> working_days;  // set when the case is timed
  int trips_saved = 0;
};

void check_ratings(const CaseFacts& facts) {
  for (const CaseRating& rating : facts.ratings)
    if (rating.level < 1 || rating.level > 5)
      throw std::invalid_argument("a rating level is 1 to 5, not " + std::to_string(rating.level));
}

// The date at which an undecided case's lateness is judged: the clock stands still while paused.
CalendarDate undecided_reference_date(const CaseFacts& facts, CalendarDate today) {
  if (facts.clock.paused_on) return *facts.clock.paused_on;
  if (facts.withdrawn_at_ms) return local_date(*facts.withdrawn_at_ms, facts.utc_offset_minutes);
  return today;
}

std::optional<int> working_days_taken(const CaseFacts& facts, CalendarDate decided_on,
                                      const CalendarLookup& calendars) {
  if (!facts.clock.started_on) return std::nullopt;
  const WorkingCalendar* calendar = calendars ? calendars(facts.jurisdiction) : nullptr;
  if (calendar == nullptr || !calendar->covers_range(*facts.clock.started_on, decided_on)) return std::nullopt;
  const int counted = calendar->working_days_between(*facts.clock.started_on, decided_on);
  return std::max(0, counted - facts.clock.paused_working_days);
}

Contribution contribution_of(const CaseFacts& facts, std::int64_t now_ms, const CalendarLookup& calendars) {
  Contribution c;
  c.trips_saved = std::max(0, facts.visits_needed - facts.visits_made);
  if (facts.decision) {
    const CalendarDate decided_on = local_date(facts.decision->at_ms, facts.utc_offset_minutes);
    c.decision = facts.decision->decision;
    c.within_promised = on_or_before(decided_on, facts.clock.promised_due);
    c.within_legal = on_or_before(decided_on, facts.clock.legal_due);
    c.overdue = facts.clock.legal_due && after(decided_on, *facts.clock.legal_due);
    c.working_days = working_days_taken(facts, decided_on, calendars);
    return c;
  }
  c.withdrawn = facts.withdrawn_at_ms.has_value();
  const CalendarDate today = local_date(now_ms, facts.utc_offset_minutes);
  c.overdue = facts.clock.legal_due && after(undecided_reference_date(facts, today), *facts.clock.legal_due);
  return c;
}

// A row being summed: the additive figures in place, the working days of its timed cases aside.
struct Tally {
  CaseFigure figure;
  std::vector<int> days;
};

void count_decision(CaseFigure& f, Decision decision) {
  switch (decision) {
    case Decision::approved: ++f.approved; break;
    case Decision::rejected: ++f.rejected; break;
    case Decision::not_accepted: ++f.not_accepted; break;
  }
}

void count_rating(CaseFigure& f, const CaseRating& rating) {
  ++f.ratings_by_level.at(static_cast<std::size_t>(rating.level - 1));
  if (rating.level > 2) return;
  ++f.bad_ratings;
  if (rating.follow_up == FollowUp::none) return;
  ++f.bad_ratings_followed_up;
  if (rating.follow_up == FollowUp::answered_in_time) ++f.bad_ratings_followed_up_in_time;
}

void add(Tally& tally, const CaseFacts& facts, const Contribution& c) {
  CaseFigure& f = tally.figure;
  ++f.received;
  if (c.decision) {
    ++f.decided;
    count_decision(f, *c.decision);
  } else if (c.withdrawn) {
    ++f.withdrawn;
  } else {
    ++f.open;
  }
  if (c.within_promised) ++f.decided_within_promised;
  if (c.within_legal) ++f.decided_within_legal;
  if (c.overdue) ++f.overdue;
  if (c.overdue && !c.decision && !c.withdrawn) ++f.overdue_open;
  if (c.working_days) tally.days.push_back(*c.working_days);
  f.supplements_requested += facts.supplements_requested;
  if (facts.supplements_requested > 0) ++f.cases_with_supplement;
  f.visits_made += facts.visits_made;
  f.trips_saved += c.trips_saved;
  for (const CaseRating& rating : facts.ratings) count_rating(f, rating);
}

void note_item_limits(CaseFigure& f, const CaseFacts& facts) {
  if (!f.promised_days) f.promised_days = facts.promised_days;
  if (!f.legal_days) f.legal_days = facts.legal_days;
}

CaseFigure finish(Tally tally) {
  CaseFigure f = std::move(tally.figure);
  f.timed_cases = static_cast<std::int64_t>(tally.days.size());
  f.median_working_days = median(tally.days);
  f.p90_working_days = percentile(std::move(tally.days), 90);
  if (f.bad_ratings > 0)
    f.follow_up_rate = static_cast<double>(f.bad_ratings_followed_up) / static_cast<double>(f.bad_ratings);
  return f;
}

bool passes(const CaseFacts& facts, const FigureFilter& filter) {
  const CalendarDate taken_in_on = local_date(facts.taken_in_at_ms, facts.utc_offset_minutes);
  if (filter.from && after(*filter.from, taken_in_on)) return false;
  if (filter.to && after(taken_in_on, *filter.to)) return false;
  return std::all_of(filter.only.begin(), filter.only.end(),
                     [&](const auto& entry) { return figure_key(facts, entry.first) == entry.second; });
}

}  // namespace

std::string_view to_string(Decision decision) {
  return word_of(kDecisions, decision);
}

std::optional<Decision> decision_of(CaseAction action) {
  switch (action) {
    case CaseAction::approve: return Decision::approved;
    case CaseAction::reject: return Decision::rejected;
    case CaseAction::not_accept: return Decision::not_accepted;
    default: return std::nullopt;
  }
}

std::string_view to_string(Dimension dimension) {
  return word_of(kDimensions, dimension);
}

std::optional<Dimension> parse_dimension(std::string_view word) {
  return value_of(kDimensions, word);
}

std::string figure_key(const CaseFacts& facts, Dimension dimension) {
  switch (dimension) {
    case Dimension::item: return facts.item_code;
    case Dimension::authority: return facts.authority;
    case Dimension::mode: return std::string(to_string(facts.mode));
    case Dimension::channel: return std::string(to_string(facts.channel));
    case Dimension::service_point:
      return facts.intake_point.empty() ? std::string(kWebServicePointKey) : facts.intake_point;
    case Dimension::jurisdiction_pair: return facts.intake_jurisdiction + ">" + facts.jurisdiction;
  }
  return {};
}

CaseFigures compute_case_figures(const std::vector<CaseFacts>& cases, Dimension dimension, const FigureFilter& filter,
                                 std::int64_t now_ms, const CalendarLookup& calendars) {
  for (const CaseFacts& facts : cases) check_ratings(facts);
  std::map<std::string, Tally> rows;
  Tally total;
  for (const CaseFacts& facts : cases) {
    if (!passes(facts, filter)) continue;
    const Contribution c = contribution_of(facts, now_ms, calendars);
    Tally& row = rows[figure_key(facts, dimension)];
    add(row, facts, c);
    if (dimension == Dimension::item) note_item_limits(row.figure, facts);
    add(total, facts, c);
  }
  CaseFigures figures;
  figures.dimension = dimension;
  figures.rows.reserve(rows.size());
  for (auto& [key, tally] : rows) {
    tally.figure.key = key;
    figures.rows.push_back(finish(std::move(tally)));
  }
  figures.total = finish(std::move(total));
  return figures;
}

std::optional<int> percentile(std::vector<int> values, int percent) {
  if (percent < 1 || percent > 100) throw std::invalid_argument("a percentile is 1 to 100");
  if (values.empty()) return std::nullopt;
  std::sort(values.begin(), values.end());
  const std::size_t n = values.size();
  const std::size_t rank = (static_cast<std::size_t>(percent) * n + 99) / 100;  // ceil(percent * n / 100) >= 1
  return values[rank - 1];
}

}  // namespace tongban::domain
