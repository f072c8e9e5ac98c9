#include "store/sql/case_fact_rows.h"

#include <map>
#include <string>

#include "store/store_error.h"

namespace tongban::store::sql {
namespace {

std::optional<domain::CalendarDate> date_or_none(const std::string& text) {
  if (text.empty()) return std::nullopt;
  auto date = domain::parse_date(text);
  if (!date) throw StoreUnavailable("a stored case has the date '" + text + "'");
  return date;
}

template <typename T>
T word(std::optional<T> parsed, const std::string& text, std::string_view what) {
  if (!parsed) throw StoreUnavailable("a stored case has the unknown " + std::string(what) + " '" + text + "'");
  return *parsed;
}

// One subquery over the case's events (they use the index events_case (case_id, sequence)).
std::string events_where(std::string_view condition) {
  return "FROM events e WHERE e.case_id = c.id AND " + std::string(condition);
}

constexpr std::string_view kDecisions = "e.action IN ('approve', 'reject', 'not_accept')";

domain::CaseFacts read_facts(const Statement& row) {
  domain::CaseFacts facts;
  facts.item_code = row.text(0);
  facts.authority = row.text(1);
  facts.mode = word(domain::parse_handling_mode(row.text(2)), row.text(2), "mode");
  facts.channel = word(domain::parse_channel(row.text(3)), row.text(3), "channel");
  facts.intake_point = row.text(4);
  facts.jurisdiction = row.text(5);
  facts.taken_in_at_ms = row.is_null(13) ? row.integer(6) : row.integer(13);
  facts.clock.started_on = date_or_none(row.text(7));
  facts.clock.paused_on = date_or_none(row.text(8));
  facts.clock.paused_working_days = static_cast<int>(row.integer(9));
  facts.clock.legal_due = date_or_none(row.text(10));
  facts.clock.promised_due = date_or_none(row.text(11));
  if (!row.is_null(14)) {
    auto action = word(domain::parse_case_action(row.text(14)), row.text(14), "action");
    facts.decision = domain::CaseDecision{*domain::decision_of(action), row.integer(15)};
  }
  if (!row.is_null(16)) facts.withdrawn_at_ms = row.integer(16);
  facts.supplements_requested = static_cast<int>(row.integer(17));
  const bool in_person = facts.channel != domain::Channel::web;
  const bool picked_up = row.text(12) == "window_pickup" && row.integer(19) > 0;
  facts.visits_made = (in_person ? 1 : 0) + static_cast<int>(row.integer(18)) + (picked_up ? 1 : 0);
  return facts;
}

}  // namespace

std::vector<domain::CaseFacts> query_case_facts(Connection& connection) {
  Statement cases = connection.prepare(
      "SELECT c.item_code, c.authority, c.mode, c.channel, c.intake_point, c.jurisdiction, c.created_at_ms, "
      "c.clock_started_on, c.clock_paused_on, c.clock_paused_working_days, c.clock_legal_due, c.clock_promised_due, "
      "c.delivery_method, "
      "(SELECT min(e.at_ms) " +
      events_where("e.action = 'submit'") + "), " + "(SELECT e.action " + events_where(kDecisions) +
      " ORDER BY e.sequence LIMIT 1), " + "(SELECT e.at_ms " + events_where(kDecisions) +
      " ORDER BY e.sequence LIMIT 1), " + "(SELECT min(e.at_ms) " + events_where("e.action = 'withdraw'") + "), " +
      "(SELECT count(*) " + events_where("e.action = 'request_supplement'") + "), " + "(SELECT count(*) " +
      events_where("e.action = 'supplement' AND e.actor_role IN ('clerk', 'agent')") + "), " + "(SELECT count(*) " +
      events_where("e.action = 'deliver'") + "), " + "c.id FROM cases c WHERE c.state <> 'draft' ORDER BY c.seq");
  std::vector<domain::CaseFacts> facts;
  std::map<std::string, std::size_t, std::less<>> index;
  while (cases.step()) {
    index.emplace(cases.text(20), facts.size());
    facts.push_back(read_facts(cases));
  }
  Statement ratings = connection.prepare(
      "SELECT r.case_id, r.level, f.responded_at_ms, f.responded_on, f.due_on FROM ratings r "
      "LEFT JOIN rating_follow_ups f ON f.case_id = r.case_id AND f.channel = r.channel "
      "ORDER BY r.case_id, r.channel");
  while (ratings.step()) {
    auto found = index.find(ratings.text(0));
    if (found == index.end()) continue;  // a rating of a case still in draft cannot exist; nothing to count
    domain::CaseRating rating;
    rating.level = static_cast<int>(ratings.integer(1));
    if (!ratings.is_null(2) && ratings.integer(2) != 0) {
      auto responded = date_or_none(ratings.text(3));
      auto due = date_or_none(ratings.text(4));
      rating.follow_up = responded && due && !(*due < *responded) ? domain::FollowUp::answered_in_time
                                                                  : domain::FollowUp::answered_late;
    }
    facts[found->second].ratings.push_back(rating);
  }
  return facts;
}

}  // namespace tongban::store::sql
