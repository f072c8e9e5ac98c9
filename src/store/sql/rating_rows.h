// The rating tables (schema version 12): the 好差评 ratings of finished cases and the follow-ups bad ratings open.
// Queries and writes as free functions over a Connection, shared by SqlReads (both readers) and SqlTransaction;
// the same SQL on SQLite and PostgreSQL. Meanings: domain/rating.h. A stored word that is not a channel or an answer
// is corruption (StoreUnavailable naming it), never a default.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "domain/rating.h"
#include "store/sql/connection.h"

namespace tongban::store::sql {

// The ratings of one case, by channel word.
std::vector<domain::Rating> query_case_ratings(Connection& connection, std::string_view case_id);
// Every rating of the node, oldest first (the statistics read them with the cases).
std::vector<domain::Rating> query_ratings(Connection& connection);
std::optional<domain::RatingFollowUp> query_rating_follow_up(Connection& connection, std::string_view case_id,
                                                             domain::Channel channel);
// The follow-ups of an authority ("*": of every authority), only the open ones when open_only; by due date, then
// case and channel.
std::vector<domain::RatingFollowUp> query_rating_follow_ups(Connection& connection, std::string_view authority,
                                                            bool open_only);

// False (nothing written) when the case has a rating on that channel already.
bool insert_rating_row(Connection& connection, const domain::Rating& rating);
void insert_rating_follow_up_row(Connection& connection, const domain::RatingFollowUp& follow_up);
// Replaces the response and answer fields. NotFound if there is no such follow-up.
void update_rating_follow_up_row(Connection& connection, const domain::RatingFollowUp& follow_up);

}  // namespace tongban::store::sql
