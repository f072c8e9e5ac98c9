#include "store/sql/channel_rows.h"

#include <string>

#include "store/store_error.h"

namespace tongban::store::sql {

std::vector<domain::ChannelCaseFacts> query_channel_case_facts(Connection& connection) {
  // One row per case taken in; the two subqueries use events_case (case_id, sequence).
  Statement statement = connection.prepare(
      "SELECT c.channel, c.intake_point, c.jurisdiction, c.created_at_ms, "
      "(SELECT min(e.at_ms) FROM events e WHERE e.case_id = c.id AND e.action = 'submit'), "
      "(SELECT min(e.at_ms) FROM events e WHERE e.case_id = c.id AND e.action IN ('approve', 'reject', "
      "'not_accept')) "
      "FROM cases c WHERE c.state <> 'draft' ORDER BY c.seq");
  std::vector<domain::ChannelCaseFacts> facts;
  while (statement.step()) {
    domain::ChannelCaseFacts row;
    std::string channel = statement.text(0);
    auto parsed = domain::parse_channel(channel);
    if (!parsed) throw StoreUnavailable("a stored case has the unknown channel '" + channel + "'");
    row.channel = *parsed;
    row.intake_point = statement.text(1);
    row.jurisdiction = statement.text(2);
    row.taken_in_at_ms = statement.is_null(4) ? statement.integer(3) : statement.integer(4);
    if (!statement.is_null(5)) row.decided_at_ms = statement.integer(5);
    facts.push_back(std::move(row));
  }
  return facts;
}

}  // namespace tongban::store::sql
