#include "node/deadline_recompute.h"

#include <algorithm>

#include "domain/audit_chain.h"
#include "domain/deadline.h"

namespace tongban::node {

namespace {

using domain::CaseState;

bool same_date(const std::optional<domain::CalendarDate>& a, const std::optional<domain::CalendarDate>& b) {
  return a.has_value() == b.has_value() && (!a || *a == *b);
}

void add_move(std::string& note, std::string_view field, const std::optional<domain::CalendarDate>& from,
              const std::optional<domain::CalendarDate>& to) {
  if (same_date(from, to) || !from || !to) return;
  note += " " + std::string(field) + "=" + domain::format_date(*from) + ">" + domain::format_date(*to);
}

// A copy of a case another node decides: the owner counts its clock.
bool counted_elsewhere(const domain::Case& kase, std::string_view node_jurisdiction) {
  return kase.jurisdiction != node_jurisdiction &&
         (kase.mode == domain::HandlingMode::remote_intake || kase.mode == domain::HandlingMode::online);
}

std::vector<domain::Case> open_cases(const store::Reader& reader, std::string_view node_jurisdiction,
                                     std::string_view jurisdiction) {
  store::CaseFilter filter;
  filter.states = {CaseState::accepted, CaseState::in_review, CaseState::supplement_requested};
  filter.limit = 500;
  std::vector<domain::Case> found;
  while (true) {
    store::CasePage page = reader.list_cases(filter);
    for (auto& kase : page.cases) {
      if (kase.jurisdiction == jurisdiction && kase.clock.started_on && !counted_elsewhere(kase, node_jurisdiction))
        found.push_back(std::move(kase));
    }
    if (page.next_cursor.empty()) break;
    filter.after = page.next_cursor;
  }
  return found;
}

}  // namespace

std::string deadlines_recomputed_note(const domain::CaseClock& before, const domain::CaseClock& after) {
  std::string note(kDeadlinesRecomputedNote);
  add_move(note, "legal_due", before.legal_due, after.legal_due);
  add_move(note, "promised_due", before.promised_due, after.promised_due);
  return note;
}

std::optional<std::vector<DueDateMove>> parse_deadlines_recomputed_note(std::string_view note) {
  if (!note.starts_with(kDeadlinesRecomputedNote)) return std::nullopt;
  std::string_view rest = note.substr(kDeadlinesRecomputedNote.size());
  std::vector<DueDateMove> moves;
  while (!rest.empty()) {
    if (rest.front() != ' ') return std::nullopt;
    rest.remove_prefix(1);
    const std::size_t end = std::min(rest.find(' '), rest.size());
    const std::string_view part = rest.substr(0, end);
    rest.remove_prefix(end);
    const std::size_t equals = part.find('=');
    const std::size_t arrow = part.find('>');
    if (equals == std::string_view::npos || arrow == std::string_view::npos || arrow < equals) return std::nullopt;
    const auto from = domain::parse_date(part.substr(equals + 1, arrow - equals - 1));
    const auto to = domain::parse_date(part.substr(arrow + 1));
    const std::string field(part.substr(0, equals));
    if (!from || !to || (field != "legal_due" && field != "promised_due")) return std::nullopt;
    moves.push_back({field, *from, *to});
  }
  return moves;
}

std::vector<MovedDeadline> recompute_open_deadlines(store::Transaction& tx, std::string_view node_jurisdiction,
                                                    std::string_view jurisdiction,
                                                    const domain::WorkingCalendar& before,
                                                    const domain::WorkingCalendar& after, std::int64_t now_ms) {
  std::vector<MovedDeadline> moved;
  for (domain::Case kase : open_cases(tx, node_jurisdiction, jurisdiction)) {
    const domain::CaseClock recounted = domain::recount_clock(kase.clock, before, after);
    if (same_date(recounted.legal_due, kase.clock.legal_due) &&
        same_date(recounted.promised_due, kase.clock.promised_due)) {
      continue;
    }
    domain::Event event;
    event.case_id = kase.id;
    event.actor_id = "system";
    event.actor_role = domain::Role::admin;
    event.action = domain::CaseAction::recompute_deadlines;
    event.from_state = kase.state;
    event.to_state = kase.state;
    event.note = deadlines_recomputed_note(kase.clock, recounted);
    event.at_ms = now_ms;
    MovedDeadline move{kase.id, kase.clock, recounted};
    const std::int64_t version = kase.version;
    kase.clock = recounted;
    kase.updated_at_ms = now_ms;
    tx.update_case(kase, version);
    tx.seal_and_append(event, domain::seal);
    moved.push_back(std::move(move));
  }
  return moved;
}

}  // namespace tongban::node
