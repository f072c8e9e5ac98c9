// DeadlineView: the words pages put next to a case's due dates, shared by the case, track, receipt and workbench
// pages, and the timeline line of a deadline recount.
//
// provisional_note: when a due date was counted across a year whose official holiday calendar is not imported yet
// (node::CaseTiming::unofficial_years), one translated sentence naming those years — "Provisional: the official
// holiday calendar for 2027 is not yet published." — else empty. Templates show it as {{provisional_note}} on the
// deadline lines. recount_note: the timeline text of a recompute_deadlines event (node/deadline_recompute.h),
// translated, with the moved dates in the page's language; any other note is returned as written.
#pragma once

#include <string>

#include "domain/case.h"
#include "node/case_desk.h"
#include "web/page_context.h"

namespace tongban::web {

std::string provisional_note(const Page& page, const node::CaseTiming& timing);
// Sets "provisional_note" on data when the note is not empty.
void set_provisional_note(const Page& page, const node::CaseTiming& timing, Data& data);
std::string timeline_note(const Page& page, const domain::Event& event);

}  // namespace tongban::web
