#include "store/sql/federation_rows.h"

#include <fmt/format.h>

#include <stdexcept>
#include <string>

#include "store/sql/sql_reads.h"
#include "store/store_error.h"

namespace tongban::store::sql {
namespace {

constexpr std::string_view kOutboxColumns =
    "message_id, peer, type, case_ref, sequence, data_categories, payload, payload_sha256, created_at_ms, state, "
    "attempts, next_attempt_at_ms, last_attempt_at_ms, last_error, delivered_at_ms, receipt, dead_reason, "
    "settled_at_ms";
constexpr std::string_view kInboxColumns =
    "message_id, peer, type, case_ref, sequence, payload_sha256, envelope, last_sent_at_ms, state, received_at_ms, "
    "applied_at_ms, receipt, last_error, dead_reason";
constexpr std::string_view kLogColumns =
    "sequence, direction, message_id, peer, type, case_ref, case_sequence, data_categories, payload_sha256, at_ms, "
    "envelope, prev_hash, hash";

OutboxRecord read_outbox(const Statement& row) {
  OutboxRecord m;
  m.message_id = row.text(0);
  m.peer = row.text(1);
  m.type = row.text(2);
  m.case_ref = row.text(3);
  m.sequence = row.integer(4);
  m.data_categories = row.text(5);
  m.payload = row.text(6);
  m.payload_sha256 = row.text(7);
  m.created_at_ms = row.integer(8);
  m.state = outbox_state_from(row.text(9));
  m.attempts = row.integer(10);
  m.next_attempt_at_ms = row.integer(11);
  m.last_attempt_at_ms = row.integer(12);
  m.last_error = row.text(13);
  m.delivered_at_ms = row.integer(14);
  m.receipt = row.text(15);
  m.dead_reason = row.text(16);
  m.settled_at_ms = row.integer(17);
  return m;
}

InboxRecord read_inbox(const Statement& row) {
  InboxRecord m;
  m.message_id = row.text(0);
  m.peer = row.text(1);
  m.type = row.text(2);
  m.case_ref = row.text(3);
  m.sequence = row.integer(4);
  m.payload_sha256 = row.text(5);
  m.envelope = row.text(6);
  m.last_sent_at_ms = row.integer(7);
  m.state = inbox_state_from(row.text(8));
  m.received_at_ms = row.integer(9);
  m.applied_at_ms = row.integer(10);
  m.receipt = row.text(11);
  m.last_error = row.text(12);
  m.dead_reason = row.text(13);
  return m;
}

MessageLogEntry read_log(const Statement& row) {
  MessageLogEntry e;
  e.sequence = row.integer(0);
  e.direction = row.text(1);
  e.message_id = row.text(2);
  e.peer = row.text(3);
  e.type = row.text(4);
  e.case_ref = row.text(5);
  e.case_sequence = row.integer(6);
  e.data_categories = row.text(7);
  e.payload_sha256 = row.text(8);
  e.at_ms = row.integer(9);
  e.envelope = row.text(10);
  e.prev_hash = row.text(11);
  e.hash = row.text(12);
  return e;
}

std::string select(std::string_view columns, std::string_view rest) {
  return "SELECT " + std::string(columns) + " " + std::string(rest);
}

void require(bool condition, std::string_view message) {
  if (!condition) throw std::invalid_argument(std::string(message));
}

}  // namespace

// Not leased by an instance beyond now (schema version 6). Per (peer, case_ref) only the lowest sequence still queued
// or dead (a dead message holds its successors back); messages outside a case (case_ref '') are not ordered.
constexpr std::string_view kDueCondition =
    "state = 'queued' AND next_attempt_at_ms <= ?1 AND lease_until_ms <= ?1 AND (case_ref = '' OR NOT EXISTS (SELECT 1 "
    "FROM "
    "federation_outbox p WHERE p.peer = o.peer AND p.case_ref = o.case_ref AND p.state IN ('queued', 'dead') AND "
    "p.sequence < o.sequence))";

std::vector<OutboxRecord> query_due_outbox(Connection& connection, std::int64_t now_ms, int limit) {
  Statement statement =
      connection.prepare(select(kOutboxColumns, "FROM federation_outbox o WHERE " + std::string(kDueCondition) +
                                                    " ORDER BY next_attempt_at_ms, created_at_ms "
                                                    "LIMIT ?2"));
  statement.bind(1, now_ms).bind(2, std::max(1, limit));
  std::vector<OutboxRecord> due;
  while (statement.step()) due.push_back(read_outbox(statement));
  return due;
}

std::vector<OutboxRecord> query_due_outbox_to(Connection& connection, std::string_view peer, std::int64_t now_ms,
                                              int limit) {
  Statement statement = connection.prepare(select(kOutboxColumns, "FROM federation_outbox o WHERE peer = ?3 AND " +
                                                                      std::string(kDueCondition) +
                                                                      " ORDER BY next_attempt_at_ms, created_at_ms "
                                                                      "LIMIT ?2"));
  statement.bind(1, now_ms).bind(2, std::max(1, limit)).bind(3, peer);
  std::vector<OutboxRecord> due;
  while (statement.step()) due.push_back(read_outbox(statement));
  return due;
}

std::vector<OutboxRecord> lease_due_outbox_to(Connection& connection, std::string_view peer, std::int64_t now_ms,
                                              int limit, std::string_view owner, std::int64_t until_ms) {
  require(!owner.empty(), "an outbox lease needs an owner");
  require(until_ms > now_ms, "an outbox lease must end after now");
  std::vector<OutboxRecord> due = query_due_outbox_to(connection, peer, now_ms, limit);
  for (const auto& message : due) {
    connection.prepare("UPDATE federation_outbox SET lease_owner = ?, lease_until_ms = ? WHERE message_id = ?")
        .bind(1, owner)
        .bind(2, until_ms)
        .bind(3, message.message_id)
        .run();
  }
  return due;
}

std::vector<OutboxRecord> query_outbox_in_state(Connection& connection, OutboxState state, int limit) {
  Statement statement = connection.prepare(
      select(kOutboxColumns, "FROM federation_outbox WHERE state = ? ORDER BY created_at_ms LIMIT ?"));
  statement.bind(1, to_string(state)).bind(2, std::max(1, limit));
  std::vector<OutboxRecord> found;
  while (statement.step()) found.push_back(read_outbox(statement));
  return found;
}

std::vector<InboxRecord> query_inbox_in_state(Connection& connection, InboxState state, int limit) {
  Statement statement = connection.prepare(
      select(kInboxColumns, "FROM federation_inbox WHERE state = ? ORDER BY received_at_ms LIMIT ?"));
  statement.bind(1, to_string(state)).bind(2, std::max(1, limit));
  std::vector<InboxRecord> found;
  while (statement.step()) found.push_back(read_inbox(statement));
  return found;
}

std::optional<OutboxRecord> query_outbox_message(Connection& connection, std::string_view message_id) {
  Statement statement = connection.prepare(select(kOutboxColumns, "FROM federation_outbox WHERE message_id = ?"));
  statement.bind(1, message_id);
  if (!statement.step()) return std::nullopt;
  return read_outbox(statement);
}

std::optional<InboxRecord> query_inbox_message(Connection& connection, std::string_view message_id) {
  Statement statement = connection.prepare(select(kInboxColumns, "FROM federation_inbox WHERE message_id = ?"));
  statement.bind(1, message_id);
  if (!statement.step()) return std::nullopt;
  return read_inbox(statement);
}

std::optional<InboxRecord> query_held_message(Connection& connection, std::string_view peer, std::string_view case_ref,
                                              std::int64_t sequence) {
  Statement statement = connection.prepare(
      select(kInboxColumns,
             "FROM federation_inbox WHERE peer = ? AND case_ref = ? AND sequence = ? AND state = 'held' LIMIT 1"));
  statement.bind(1, peer).bind(2, case_ref).bind(3, sequence);
  if (!statement.step()) return std::nullopt;
  return read_inbox(statement);
}

std::vector<InboxRecord> query_held_messages(Connection& connection, int limit) {
  Statement statement = connection.prepare(
      select(kInboxColumns, "FROM federation_inbox WHERE state = 'held' ORDER BY received_at_ms LIMIT ?"));
  statement.bind(1, std::max(1, limit));
  std::vector<InboxRecord> held;
  while (statement.step()) held.push_back(read_inbox(statement));
  return held;
}

std::int64_t query_sequence(Connection& connection, std::string_view direction, std::string_view peer,
                            std::string_view case_ref) {
  Statement statement =
      connection.prepare("SELECT value FROM federation_sequences WHERE direction = ? AND peer = ? AND case_ref = ?");
  statement.bind(1, direction).bind(2, peer).bind(3, case_ref);
  return statement.step() ? statement.integer(0) : 0;
}

std::vector<PeerQueue> query_outbox_queues(Connection& connection) {
  Statement statement = connection.prepare(
      "SELECT peer, sum(CASE WHEN state = 'queued' AND attempts = 0 THEN 1 ELSE 0 END), "
      "sum(CASE WHEN state = 'queued' AND attempts > 0 THEN 1 ELSE 0 END), "
      "sum(CASE WHEN state = 'delivered' THEN 1 ELSE 0 END), sum(CASE WHEN state = 'dead' THEN 1 ELSE 0 END), "
      "sum(CASE WHEN state = 'dropped' THEN 1 ELSE 0 END), coalesce(min(CASE WHEN state = 'queued' "
      "THEN created_at_ms END), 0), "
      "coalesce(max(CASE WHEN state = 'queued' THEN last_attempt_at_ms END), 0) "
      "FROM federation_outbox GROUP BY peer ORDER BY peer");
  std::vector<PeerQueue> queues;
  while (statement.step()) {
    PeerQueue queue;
    queue.peer = statement.text(0);
    queue.queued = statement.integer(1);
    queue.in_flight = statement.integer(2);
    queue.delivered = statement.integer(3);
    queue.dead = statement.integer(4);
    queue.dropped = statement.integer(5);
    queue.oldest_unacknowledged_at_ms = statement.integer(6);
    queue.last_attempt_at_ms = statement.integer(7);
    queues.push_back(std::move(queue));
  }
  for (auto& queue : queues) {
    Statement last = connection.prepare(
        "SELECT last_error FROM federation_outbox WHERE peer = ? AND state = 'queued' AND attempts > 0 "
        "ORDER BY last_attempt_at_ms DESC LIMIT 1");
    last.bind(1, queue.peer);
    if (last.step()) queue.last_error = last.text(0);
  }
  return queues;
}

ChainHead query_message_log_head(Connection& connection) {
  Statement statement = connection.prepare("SELECT sequence, hash FROM federation_log ORDER BY sequence DESC LIMIT 1");
  if (!statement.step()) return {0, kGenesisHash};
  return {statement.integer(0), statement.text(1)};
}

void scan_message_log(Connection& connection, const std::function<bool(const MessageLogEntry&)>& f) {
  Statement statement = connection.prepare(select(kLogColumns, "FROM federation_log ORDER BY sequence"));
  while (statement.step()) {
    if (!f(read_log(statement))) return;
  }
}

std::int64_t bump_sequence(Connection& connection, std::string_view direction, std::string_view peer,
                           std::string_view case_ref) {
  Statement statement = connection.prepare(
      "INSERT INTO federation_sequences (direction, peer, case_ref, value) VALUES (?, ?, ?, 1) "
      "ON CONFLICT (direction, peer, case_ref) DO UPDATE SET value = federation_sequences.value + 1 RETURNING value");
  statement.bind(1, direction).bind(2, peer).bind(3, case_ref);
  statement.step();
  std::int64_t value = statement.integer(0);
  statement.run();
  return value;
}

void write_sequence(Connection& connection, std::string_view direction, std::string_view peer,
                    std::string_view case_ref, std::int64_t value) {
  connection
      .prepare(
          "INSERT INTO federation_sequences (direction, peer, case_ref, value) VALUES (?, ?, ?, ?) "
          "ON CONFLICT (direction, peer, case_ref) DO UPDATE SET value = excluded.value")
      .bind(1, direction)
      .bind(2, peer)
      .bind(3, case_ref)
      .bind(4, value)
      .run();
}

void insert_outbox(Connection& connection, const OutboxRecord& m) {
  require(!m.message_id.empty() && !m.peer.empty() && !m.type.empty(), "outbox message needs id, peer and type");
  require(m.state == OutboxState::queued || m.state == OutboxState::delivered,
          "a new outbox message must be queued or delivered");
  Statement statement = connection.prepare("INSERT INTO federation_outbox (" + std::string(kOutboxColumns) +
                                           ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  statement.bind(1, m.message_id)
      .bind(2, m.peer)
      .bind(3, m.type)
      .bind(4, m.case_ref)
      .bind(5, m.sequence)
      .bind(6, m.data_categories)
      .bind(7, m.payload)
      .bind(8, m.payload_sha256)
      .bind(9, m.created_at_ms)
      .bind(10, to_string(m.state))
      .bind(11, m.attempts)
      .bind(12, m.next_attempt_at_ms)
      .bind(13, m.last_attempt_at_ms)
      .bind(14, m.last_error)
      .bind(15, m.delivered_at_ms)
      .bind(16, m.receipt)
      .bind(17, m.dead_reason)
      .bind(18, m.settled_at_ms)
      .run();
}

void update_outbox_attempt(Connection& connection, std::string_view message_id, std::int64_t attempts,
                           std::int64_t next_attempt_at_ms, std::int64_t attempted_at_ms, std::string_view error) {
  Statement statement = connection.prepare(
      "UPDATE federation_outbox SET attempts = ?, next_attempt_at_ms = ?, last_attempt_at_ms = ?, last_error = ?, "
      "lease_owner = '', lease_until_ms = 0 WHERE message_id = ?");
  statement.bind(1, attempts).bind(2, next_attempt_at_ms).bind(3, attempted_at_ms).bind(4, error).bind(5, message_id);
  statement.run();
  if (statement.changes() == 0) throw NotFound("no outbox message " + std::string(message_id));
}

void update_outbox_delivered(Connection& connection, std::string_view message_id, std::int64_t delivered_at_ms,
                             std::string_view receipt) {
  Statement statement = connection.prepare(
      "UPDATE federation_outbox SET state = 'delivered', delivered_at_ms = ?, receipt = ?, last_error = '', "
      "lease_owner = '', lease_until_ms = 0 WHERE message_id = ? AND state = 'queued'");
  statement.bind(1, delivered_at_ms).bind(2, receipt).bind(3, message_id).run();
  if (statement.changes() == 0 && !query_outbox_message(connection, message_id)) {
    throw NotFound("no outbox message " + std::string(message_id));
  }
}

void update_outbox_state(Connection& connection, std::string_view message_id, OutboxState state,
                         std::string_view reason, std::int64_t now_ms) {
  require(state != OutboxState::delivered, "only a signed receipt delivers an outbox message");
  Statement statement =
      state == OutboxState::queued
          ? connection.prepare(
                "UPDATE federation_outbox SET state = 'queued', attempts = 0, next_attempt_at_ms = ?2, "
                "dead_reason = '', settled_at_ms = 0 WHERE message_id = ?1")
          : connection.prepare(
                "UPDATE federation_outbox SET state = ?3, dead_reason = ?4, settled_at_ms = ?2 WHERE message_id = ?1");
  statement.bind(1, message_id).bind(2, now_ms);
  if (state != OutboxState::queued) statement.bind(3, to_string(state)).bind(4, reason);
  statement.run();
  if (statement.changes() == 0) throw NotFound("no outbox message " + std::string(message_id));
}

std::int64_t renumber_outbox(Connection& connection, std::string_view peer, std::string_view case_ref,
                             std::int64_t sequence) {
  require(!case_ref.empty(), "messages outside a case have no sequence to renumber");
  Statement later = connection.prepare(
      "SELECT count(*) FROM federation_outbox WHERE peer = ? AND case_ref = ? AND sequence > ? AND attempts > 0");
  later.bind(1, peer).bind(2, case_ref).bind(3, sequence);
  later.step();
  require(later.integer(0) == 0, "a later message of this case was already attempted; its number cannot change");
  // Ascending, so that no two rows ever share a number (there is no unique index, but keep it clean anyway).
  Statement move = connection.prepare(
      "UPDATE federation_outbox SET sequence = sequence - 1 WHERE peer = ? AND case_ref = ? AND sequence > ?");
  move.bind(1, peer).bind(2, case_ref).bind(3, sequence).run();
  const std::int64_t moved = move.changes();
  connection
      .prepare(
          "UPDATE federation_sequences SET value = value - 1 WHERE direction = 'out' AND peer = ? AND case_ref = ? "
          "AND value >= ?")
      .bind(1, peer)
      .bind(2, case_ref)
      .bind(3, sequence)
      .run();
  return moved;
}

void insert_inbox(Connection& connection, const InboxRecord& m) {
  require(!m.message_id.empty() && !m.peer.empty() && !m.type.empty(), "inbox message needs id, peer and type");
  require(m.state == InboxState::held || m.state == InboxState::applied, "a new inbox message must be held or applied");
  Statement statement = connection.prepare("INSERT INTO federation_inbox (" + std::string(kInboxColumns) +
                                           ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  statement.bind(1, m.message_id)
      .bind(2, m.peer)
      .bind(3, m.type)
      .bind(4, m.case_ref)
      .bind(5, m.sequence)
      .bind(6, m.payload_sha256)
      .bind(7, m.envelope)
      .bind(8, m.last_sent_at_ms)
      .bind(9, to_string(m.state))
      .bind(10, m.received_at_ms)
      .bind(11, m.applied_at_ms)
      .bind(12, m.receipt)
      .bind(13, m.last_error)
      .bind(14, m.dead_reason)
      .run();
}

void update_inbox(Connection& connection, const InboxRecord& m) {
  Statement statement = connection.prepare(
      "UPDATE federation_inbox SET state = ?, envelope = ?, last_sent_at_ms = ?, applied_at_ms = ?, receipt = ?, "
      "last_error = ?, dead_reason = ? WHERE message_id = ?");
  statement.bind(1, to_string(m.state))
      .bind(2, m.envelope)
      .bind(3, m.last_sent_at_ms)
      .bind(4, m.applied_at_ms)
      .bind(5, m.receipt)
      .bind(6, m.last_error)
      .bind(7, m.dead_reason)
      .bind(8, m.message_id)
      .run();
  if (statement.changes() == 0) throw NotFound("no inbox message " + m.message_id);
}

void insert_message_log(Connection& connection, const MessageLogEntry& e) {
  ChainHead head = query_message_log_head(connection);
  if (e.sequence != head.sequence + 1 || e.prev_hash != head.hash) {
    throw Conflict("message_log_chain",
                   fmt::format("message log entry does not continue the chain: it has sequence {} and prev_hash {}, "
                               "the log ends at {} with {}",
                               e.sequence, e.prev_hash, head.sequence, head.hash));
  }
  require(!e.hash.empty(), "message log entry is not sealed (empty hash)");
  require(e.direction == "out" || e.direction == "in", "message log direction must be out or in");
  Statement statement = connection.prepare("INSERT INTO federation_log (" + std::string(kLogColumns) +
                                           ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  statement.bind(1, e.sequence)
      .bind(2, e.direction)
      .bind(3, e.message_id)
      .bind(4, e.peer)
      .bind(5, e.type)
      .bind(6, e.case_ref)
      .bind(7, e.case_sequence)
      .bind(8, e.data_categories)
      .bind(9, e.payload_sha256)
      .bind(10, e.at_ms)
      .bind(11, e.envelope)
      .bind(12, e.prev_hash)
      .bind(13, e.hash)
      .run();
}

}  // namespace tongban::store::sql

namespace tongban::store {

std::string_view to_string(OutboxState state) {
  switch (state) {
    case OutboxState::queued: return "queued";
    case OutboxState::delivered: return "delivered";
    case OutboxState::dead: return "dead";
    case OutboxState::dropped: return "dropped";
  }
  return "queued";
}

std::string_view to_string(InboxState state) {
  switch (state) {
    case InboxState::held: return "held";
    case InboxState::applied: return "applied";
    case InboxState::dead: return "dead";
    case InboxState::dropped: return "dropped";
  }
  return "held";
}

OutboxState outbox_state_from(std::string_view word) {
  for (auto state : {OutboxState::queued, OutboxState::delivered, OutboxState::dead, OutboxState::dropped})
    if (to_string(state) == word) return state;
  throw std::invalid_argument("not an outbox state: " + std::string(word));
}

InboxState inbox_state_from(std::string_view word) {
  for (auto state : {InboxState::held, InboxState::applied, InboxState::dead, InboxState::dropped})
    if (to_string(state) == word) return state;
  throw std::invalid_argument("not an inbox state: " + std::string(word));
}

}  // namespace tongban::store
