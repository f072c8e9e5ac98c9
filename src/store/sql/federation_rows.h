// The federation tables of the store (schema versions 2, 3 and 6): outbox, inbox, per-case sequence counters and
// the hash-chained message log. Column lists, row readers and binders, and the queries, as free functions over a
// Connection, so SqlReads (both readers) and SqlTransaction share them. Record meanings: store/store.h.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>
#include <vector>

#include "store/sql/connection.h"
#include "store/store.h"

namespace tongban::store::sql {

// Reads.
std::vector<OutboxRecord> query_due_outbox(Connection& connection, std::int64_t now_ms, int limit);
std::vector<OutboxRecord> query_due_outbox_to(Connection& connection, std::string_view peer, std::int64_t now_ms,
                                              int limit);
std::vector<OutboxRecord> query_outbox_in_state(Connection& connection, OutboxState state, int limit);
std::vector<InboxRecord> query_inbox_in_state(Connection& connection, InboxState state, int limit);
std::optional<OutboxRecord> query_outbox_message(Connection& connection, std::string_view message_id);
std::optional<InboxRecord> query_inbox_message(Connection& connection, std::string_view message_id);
std::optional<InboxRecord> query_held_message(Connection& connection, std::string_view peer, std::string_view case_ref,
                                              std::int64_t sequence);
std::vector<InboxRecord> query_held_messages(Connection& connection, int limit);
std::int64_t query_sequence(Connection& connection, std::string_view direction, std::string_view peer,
                            std::string_view case_ref);
std::vector<PeerQueue> query_outbox_queues(Connection& connection);
ChainHead query_message_log_head(Connection& connection);
void scan_message_log(Connection& connection, const std::function<bool(const MessageLogEntry&)>& f);

// Writes (on the writer connection, inside the job's transaction).
std::int64_t bump_sequence(Connection& connection, std::string_view direction, std::string_view peer,
                           std::string_view case_ref);
void write_sequence(Connection& connection, std::string_view direction, std::string_view peer,
                    std::string_view case_ref, std::int64_t value);
void insert_outbox(Connection& connection, const OutboxRecord& message);
// The due messages to peer, leased to owner until until_ms (store.h Transaction::lease_due_outbox_messages_to).
std::vector<OutboxRecord> lease_due_outbox_to(Connection& connection, std::string_view peer, std::int64_t now_ms,
                                              int limit, std::string_view owner, std::int64_t until_ms);
void update_outbox_attempt(Connection& connection, std::string_view message_id, std::int64_t attempts,
                           std::int64_t next_attempt_at_ms, std::int64_t attempted_at_ms, std::string_view error);
void update_outbox_delivered(Connection& connection, std::string_view message_id, std::int64_t delivered_at_ms,
                             std::string_view receipt);
void update_outbox_state(Connection& connection, std::string_view message_id, OutboxState state,
                         std::string_view reason, std::int64_t now_ms);
std::int64_t renumber_outbox(Connection& connection, std::string_view peer, std::string_view case_ref,
                             std::int64_t sequence);
void insert_inbox(Connection& connection, const InboxRecord& message);
void update_inbox(Connection& connection, const InboxRecord& message);
void insert_message_log(Connection& connection, const MessageLogEntry& sealed);

}  // namespace tongban::store::sql
