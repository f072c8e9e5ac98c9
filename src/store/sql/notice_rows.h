// The tables of the Bay Area information platform (schema version 13): notices (domain/notice.h) — the node's own
// and the copies its peers published — and the applicants' subscriptions to topics, items and zones. Queries and
// writes as free functions over a Connection, shared by SqlReads (both readers) and SqlTransaction; the same SQL on
// SQLite and PostgreSQL. A stored word that is not a topic, state or kind, or a stored date that is not one, is
// corruption (StoreUnavailable naming it), never a default.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "domain/notice.h"
#include "store/sql/connection.h"

namespace tongban::store::sql {

// Every notice held, the node's own and the peers' copies, by id.
std::vector<domain::Notice> query_notices(Connection& connection);
std::optional<domain::Notice> query_notice(Connection& connection, std::string_view id);
// The subscriptions of an account ("*": of every account), by account, kind and value.
std::vector<domain::NoticeSubscription> query_notice_subscriptions(Connection& connection, std::string_view account_id);

// The notice with the next serial of its origin node (1 for the first) and the id made of it; Conflict
// ("notice_id") when that id is held already (a peer's copy cannot have it: peers' ids name their own node).
domain::Notice insert_notice_row(Connection& connection, domain::Notice notice);
// Replaces every field but the id, the origin node and the serial. NotFound if absent.
void update_notice_row(Connection& connection, const domain::Notice& notice);
// A peer's copy: inserted, or replacing the held one when it supersedes it (domain::supersedes: a higher
// revision); false (nothing written) otherwise. std::invalid_argument for an id that is not a notice id.
bool keep_notice_copy_row(Connection& connection, const domain::Notice& notice, std::int64_t received_at_ms);

// False (nothing written) when the account has that subscription already / did not have it.
bool insert_notice_subscription_row(Connection& connection, const domain::NoticeSubscription& subscription,
                                    std::int64_t at_ms);
bool delete_notice_subscription_row(Connection& connection, const domain::NoticeSubscription& subscription);

}  // namespace tongban::store::sql
