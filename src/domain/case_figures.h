// Case figures (issue 12): a node's case statistics grouped by one dimension — item, authority, handling mode,
// channel, service point or jurisdiction pair — with a total: cases received, decided (approved, rejected, not
// accepted), withdrawn and open; decided within the promised and within the legal limit; overdue; working days
// taken (median, p90) beside the item's promised and legal limits; supplements requested; trips saved; ratings by
// level with the follow-up of bad ones.
//
// Pure computation over values. The caller (the node) reads the facts of its cases from the store each time the
// figures are asked for and passes them here as CaseFacts; nothing is kept between calls, so there is no second copy
// of any count and the figures can never drift from the cases. No personal data enters: no applicant, no form, no
// material. Nothing here does I/O; domain/case_figures_csv.h writes the result as CSV.
//
// Every figure is defined below, next to its field; the staff page and docs/api.md quote these definitions.
//
// Dates. Each case is counted in its competent jurisdiction (CaseFacts::jurisdiction): its calendar counts the
// working days and its UTC offset (CaseFacts::utc_offset_minutes) turns each instant into a local date — the
// taken-in date, the decision date, the withdrawal date and "today" (the local date of `now_ms`). The caller passes
// instants, never local dates, so one case cannot carry two disagreeing dates.
//
// Invariants of the result, on every row and on the total (tests/unit/domain/case_figures_test.cc checks each):
//   - decided == approved + rejected + not_accepted, and decided + withdrawn + open == received;
//   - decided_within_promised <= decided_within_legal <= decided, when each case's promised due date is on or before
//     its legal due date (start_clock and resume_clock keep it so whenever promised_days <= legal_days);
//   - overdue_open <= overdue, overdue_open <= open; timed_cases <= decided; cases_with_supplement <= received;
//   - bad_ratings == ratings_by_level[0] + ratings_by_level[1], and
//     bad_ratings_followed_up_in_time <= bad_ratings_followed_up <= bad_ratings;
//   - median and p90 are set exactly when timed_cases > 0; follow_up_rate exactly when bad_ratings > 0;
//   - for every additive figure (every count and sum: all fields but the median, the p90, the limits and the rate)
//     the rows add up to the total; the total is computed over the same cases, so its median and p90 are those of
//     all timed cases, not a mean of the rows';
//   - rows are sorted by key (byte order), one per key that at least one case passing the filter has; the same
//     facts give the same figures.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/calendar_date.h"
#include "domain/case.h"
#include "domain/channel_figures.h"

namespace tongban::domain {

// How a decided case was decided: its first approve, reject or not_accept event.
enum class Decision { approved, rejected, not_accepted };
std::string_view to_string(Decision);  // "approved", "rejected", "not_accepted"
// The decision an event's action records: approve, reject, not_accept; nullopt for every other action.
std::optional<Decision> decision_of(CaseAction action);

struct CaseDecision {
  Decision decision = Decision::approved;
  std::int64_t at_ms = 0;  // UTC ms of that first deciding event
};

// What became of a bad rating (level 1 or 2): the authority must answer it (回访整改) within a deadline.
enum class FollowUp {
  none,              // not answered (yet)
  answered_late,     // answered after its deadline
  answered_in_time,  // answered on or before its deadline
};

// One 好差评 rating of the case (domain/rating.h: one per case and channel it was given through): level 5 非常满意 …
// 1 非常不满意. The caller maps the rating's follow-up: none while it is open, else answered_in_time when it was
// responded in time (RatingFollowUp::responded_in_time), answered_late otherwise.
struct CaseRating {
  int level = 5;                        // 1..5; compute_case_figures throws std::invalid_argument otherwise
  FollowUp follow_up = FollowUp::none;  // read only for a bad rating (level 1 or 2)
};

// What one case past draft contributes. The caller fills it from the case, its events and the catalog.
struct CaseFacts {
  std::string item_code;
  std::string authority;  // the competent authority (Case::authority)
  HandlingMode mode = HandlingMode::online;
  Channel channel = Channel::web;
  std::string intake_point;         // the service point it was taken in at; "" for web
  std::string intake_jurisdiction;  // where the person was served: the intake point's jurisdiction, the node's for web
  std::string jurisdiction;         // competent: its calendar counts the working days
  int utc_offset_minutes = 0;       // the competent jurisdiction's (Jurisdiction::utc_offset_minutes)
  std::int64_t taken_in_at_ms = 0;  // the submit event (the case's creation when it has none)
  std::optional<CaseDecision> decision;         // unset while undecided
  std::optional<std::int64_t> withdrawn_at_ms;  // the withdraw event; ignored when decision is set (withdrawal is
                                                // only possible before a decision)
  CaseClock clock;                   // the case's clock as stored: started_on, paused_on, paused_working_days, dues
  std::optional<int> promised_days;  // the item's limits (Item::promised_days, legal_days) from the catalog; unset
  std::optional<int> legal_days;     // when the catalog no longer has the item
  int supplements_requested = 0;     // the case's request_supplement events (>= 0)
  int visits_needed = 0;             // the item's visits to a counter (Item::visits, >= 0)
  // In-person contacts of the case (>= 0), counted by the caller: taken in at a service point (any channel but web)
  // = 1; each supplement handed in at a counter (by a clerk or an agent) = 1; the result picked up at a window
  // (delivery_method window_pickup, delivered) = 1. Uploads, post and electronic delivery count 0.
  int visits_made = 0;
  std::vector<CaseRating> ratings;  // empty when not rated
};

// What the figures are grouped by.
enum class Dimension { item, authority, mode, channel, service_point, jurisdiction_pair };
// "item", "authority", "mode", "channel", "service_point", "jurisdiction_pair"; parse is exact (case-sensitive).
std::string_view to_string(Dimension);
std::optional<Dimension> parse_dimension(std::string_view word);

// The key of a service point row for cases taken in at none (the web): "web". Service point codes are upper case
// ("JM-WIN-CITY"), so it cannot be mistaken for one.
inline constexpr std::string_view kWebServicePointKey = "web";

// The key of a case in a dimension:
//   item: item_code; authority: authority; mode: the HandlingMode word ("remote_intake"); channel: the Channel word
//   ("bank"); service_point: intake_point, or kWebServicePointKey when it is ""; jurisdiction_pair:
//   "<intake_jurisdiction>><jurisdiction>" joined by '>' (ASCII), e.g. "CN-GD-JM>MO": served in Jiangmen for a
//   Macao matter; "CN-GD-JM>CN-GD-JM" for a local one.
std::string figure_key(const CaseFacts& facts, Dimension dimension);

// Which cases count. A case passes when its taken-in date (local date of taken_in_at_ms at the competent
// jurisdiction's offset) is within [from, to] — each bound inclusive, each optional — and, for every entry of
// `only`, its key in that dimension (figure_key) equals the entry's value exactly.
struct FigureFilter {
  std::optional<CalendarDate> from;
  std::optional<CalendarDate> to;
  std::map<Dimension, std::string> only;  // e.g. {authority: "JM-HRSS"} while grouping by item
};

// One row: the figures of the cases sharing one key (or of all cases, for the total). Counts are of cases unless
// said otherwise. Dates are the competent jurisdiction's local dates (see the top of this file).
struct CaseFigure {
  std::string key;            // figure_key; "" on the total
  std::int64_t received = 0;  // cases passing the filter (each is past draft)
  std::int64_t decided = 0;   // with a decision
  std::int64_t approved = 0;
  std::int64_t rejected = 0;
  std::int64_t not_accepted = 0;
  std::int64_t withdrawn = 0;  // withdrawn before any decision
  std::int64_t open = 0;       // neither decided nor withdrawn
  // Decided on or before clock.promised_due (a case without a promised due date, e.g. one not accepted, never counts).
  std::int64_t decided_within_promised = 0;
  // Decided on or before clock.legal_due (a case without a legal due date never counts).
  std::int64_t decided_within_legal = 0;
  // With a legal due date and past it at the case's reference date: the decision date when decided; else the pause
  // date while a supplement is awaited (the clock stands still, as in report_deadline); else the withdrawal date
  // when withdrawn; else today. Past = the reference date is after legal_due (the due date itself is on time).
  std::int64_t overdue = 0;
  std::int64_t overdue_open = 0;  // overdue and open: the ones still to act on
  // Decided, accepted (clock.started_on set), and of a jurisdiction whose calendar (CalendarLookup) exists and
  // covers every year from started_on to the decision date. Its working days taken: max(0, the working days d with
  // started_on < d <= decision date, as WorkingCalendar::working_days_between counts them — deadline.h's rule,
  // counting starts the working day after acceptance — minus clock.paused_working_days). A case decided on the day
  // of acceptance took 0.
  std::int64_t timed_cases = 0;
  std::optional<double> median_working_days;  // median() of the timed cases' working days
  std::optional<int> p90_working_days;        // percentile(…, 90) of them: nearest rank, an observed value
  // The item dimension only: the item's limits in working days, as the row's first case carrying them has them
  // (all its cases carry the catalog's same values); unset on the other dimensions and on the total.
  std::optional<int> promised_days;
  std::optional<int> legal_days;
  std::int64_t supplements_requested = 0;  // sum of the cases' request_supplement events
  std::int64_t cases_with_supplement = 0;  // cases with at least one
  std::int64_t visits_made = 0;            // sum of CaseFacts::visits_made
  std::int64_t trips_saved = 0;            // sum over cases of max(0, visits_needed - visits_made)
  // Ratings, not cases (a case rated through two channels counts twice): [0] = level 1 … [4] = level 5.
  std::array<std::int64_t, 5> ratings_by_level{};
  std::int64_t bad_ratings = 0;                      // ratings of level 1 or 2
  std::int64_t bad_ratings_followed_up = 0;          // of those, answered by the authority (late or in time)
  std::int64_t bad_ratings_followed_up_in_time = 0;  // answered on or before the follow-up's due date
  std::optional<double> follow_up_rate;  // bad_ratings_followed_up / bad_ratings; unset when bad_ratings == 0
};

struct CaseFigures {
  Dimension dimension = Dimension::item;
  std::vector<CaseFigure> rows;  // sorted by key; only keys with at least one case
  CaseFigure total;              // the same figures over every case passing the filter; key ""
};

// The figures of the cases passing the filter, grouped by `dimension`. `now_ms` is the instant the figures are for:
// "today" of a case is its local date (overdue). `calendars` may be empty (nothing is timed). Throws
// std::invalid_argument when any case, passing the filter or not, has a rating level outside 1..5.
CaseFigures compute_case_figures(const std::vector<CaseFacts>& cases, Dimension dimension, const FigureFilter& filter,
                                 std::int64_t now_ms, const CalendarLookup& calendars);

// The nearest-rank percentile: the value at rank ceil(percent / 100 * n) (1-based) of the n values in ascending
// order, so always one of the values; the percentile of one value is that value (p90 of 1..10 is 9, of 1..7 is 7).
// nullopt for none. Throws std::invalid_argument unless 1 <= percent <= 100.
std::optional<int> percentile(std::vector<int> values, int percent);

}  // namespace tongban::domain
