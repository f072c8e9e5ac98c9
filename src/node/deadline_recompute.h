// DeadlineRecompute: when a jurisdiction's calendar changes — the official notice replaces a provisional year, or a
// missing year is imported — the open cases of that jurisdiction get their due dates counted again
// (domain::recount_clock), in the transaction that stores the calendar.
//
// Open: accepted, in_review or supplement_requested (the clock runs or is paused). Only the clocks this node counts
// are recounted: a case of another jurisdiction in remote-intake or online mode is the intake side's copy of a case
// another node decides, and keeps the dates that node sends; delegated cases (decided here) are recounted. Each case
// whose legal or promised due date moved is updated (a new version) and gets one sealed event, action
// recompute_deadlines, actor "system", same state, with a note that is a catalog key and the moves:
//   "calendar:deadlines_recomputed legal_due=2027-02-23>2027-02-26 promised_due=2027-01-28>2027-02-02"
// (only the dates that moved; the web timeline translates it, web/deadline_view.h). Cases whose dates did not move
// are not touched.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/case.h"
#include "domain/working_calendar.h"
#include "store/store.h"

namespace tongban::node {

inline constexpr std::string_view kDeadlinesRecomputedNote = "calendar:deadlines_recomputed";

struct MovedDeadline {
  std::string case_id;
  domain::CaseClock before;
  domain::CaseClock after;
};

// The event note for a clock that moved (see above).
std::string deadlines_recomputed_note(const domain::CaseClock& before, const domain::CaseClock& after);

// One date change read back from such a note.
struct DueDateMove {
  std::string field;  // "legal_due" or "promised_due"
  domain::CalendarDate from;
  domain::CalendarDate to;
};
// The moves of a recompute note; nullopt when the note is not one.
std::optional<std::vector<DueDateMove>> parse_deadlines_recomputed_note(std::string_view note);

// Recounts the open cases of `jurisdiction` from `before` to `after` inside tx on the node serving
// `node_jurisdiction`; returns the cases that moved.
std::vector<MovedDeadline> recompute_open_deadlines(store::Transaction& tx, std::string_view node_jurisdiction,
                                                    std::string_view jurisdiction,
                                                    const domain::WorkingCalendar& before,
                                                    const domain::WorkingCalendar& after, std::int64_t now_ms);

}  // namespace tongban::node
