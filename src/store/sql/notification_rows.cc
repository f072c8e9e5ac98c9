#include "store/sql/notification_rows.h"

#include <algorithm>
#include <array>
#include <stdexcept>

namespace tongban::store {
namespace {

constexpr std::array<std::string_view, 6> kStatusWords = {
    "created", "sending", "delivered", "permanent-failure", "temporary-failure", "technical-failure"};

}  // namespace

std::string_view to_string(NotificationStatus status) {
  return kStatusWords[static_cast<std::size_t>(status)];
}

NotificationStatus notification_status_from(std::string_view word) {
  for (std::size_t i = 0; i < kStatusWords.size(); ++i)
    if (kStatusWords[i] == word) return static_cast<NotificationStatus>(i);
  throw std::invalid_argument("not a notification status: " + std::string(word));
}

}  // namespace tongban::store

namespace tongban::store::sql {
namespace {

constexpr std::string_view kColumns =
    "id, event_key, channel, recipient, address, case_id, kind, language, template_version, subject, body, "
    "statutory, dedup_key, status, settled, attempts, created_at_ms, not_before_ms, next_attempt_at_ms, "
    "last_attempt_at_ms, completed_at_ms, read_at_ms, last_error, provider_reference";

std::string select(std::string_view rest) {
  return "SELECT " + std::string(kColumns) + " FROM notifications " + std::string(rest);
}

NotificationRecord read_notification(const Statement& row) {
  NotificationRecord n;
  n.id = row.text(0);
  n.event_key = row.text(1);
  n.channel = row.text(2);
  n.recipient = row.text(3);
  n.address = row.text(4);
  n.case_id = row.text(5);
  n.kind = row.text(6);
  n.language = row.text(7);
  n.template_version = static_cast<int>(row.integer(8));
  n.subject = row.text(9);
  n.body = row.text(10);
  n.statutory = row.integer(11) != 0;
  n.dedup_key = row.text(12);
  n.status = notification_status_from(row.text(13));
  n.settled = row.integer(14) != 0;
  n.attempts = static_cast<int>(row.integer(15));
  n.created_at_ms = row.integer(16);
  n.not_before_ms = row.integer(17);
  n.next_attempt_at_ms = row.integer(18);
  n.last_attempt_at_ms = row.integer(19);
  n.completed_at_ms = row.integer(20);
  n.read_at_ms = row.integer(21);
  n.last_error = row.text(22);
  n.provider_reference = row.text(23);
  return n;
}

std::vector<NotificationRecord> read_all(Statement& statement) {
  std::vector<NotificationRecord> list;
  while (statement.step()) list.push_back(read_notification(statement));
  return list;
}

}  // namespace

std::optional<NotificationRecord> query_notification(Connection& connection, std::string_view id) {
  Statement statement = connection.prepare(select("WHERE id = ?"));
  statement.bind(1, id);
  if (!statement.step()) return std::nullopt;
  return read_notification(statement);
}

std::vector<NotificationRecord> query_notifications_of(Connection& connection, std::string_view recipient,
                                                       std::string_view channel, int limit) {
  Statement statement =
      connection.prepare(select("WHERE recipient = ? AND channel = ? ORDER BY created_at_ms DESC, seq DESC LIMIT ?"));
  statement.bind(1, recipient).bind(2, channel).bind(3, std::clamp(limit, 1, 500));
  return read_all(statement);
}

std::vector<NotificationRecord> query_case_notifications(Connection& connection, std::string_view case_id) {
  Statement statement = connection.prepare(select("WHERE case_id = ? ORDER BY seq"));
  statement.bind(1, case_id);
  return read_all(statement);
}

std::vector<NotificationRecord> query_recent_notifications(Connection& connection, std::string_view recipient,
                                                           std::string_view channel, std::int64_t since_ms) {
  Statement statement = connection.prepare(
      select("WHERE recipient = ? AND channel = ? AND not_before_ms >= ? ORDER BY not_before_ms, seq"));
  statement.bind(1, recipient).bind(2, channel).bind(3, since_ms);
  return read_all(statement);
}

std::vector<NotificationRecord> query_due_notifications(Connection& connection, std::int64_t now_ms, int limit) {
  Statement statement =
      connection.prepare(select("WHERE settled = 0 AND channel <> 'in_app' AND next_attempt_at_ms <= ? "
                                "ORDER BY next_attempt_at_ms, seq LIMIT ?"));
  statement.bind(1, now_ms).bind(2, std::clamp(limit, 1, 500));
  return read_all(statement);
}

std::int64_t query_unread_notifications(Connection& connection, std::string_view recipient) {
  Statement statement = connection.prepare(
      "SELECT COUNT(*) FROM notifications WHERE recipient = ? AND channel = 'in_app' AND read_at_ms = 0");
  statement.bind(1, recipient);
  statement.step();
  return statement.integer(0);
}

std::optional<NotificationPreferencesRecord> query_notification_preferences(Connection& connection,
                                                                            std::string_view account_id) {
  Statement statement = connection.prepare(
      "SELECT account_id, language, jurisdiction, email, phone, email_on, sms_on, in_app_on, updated_at_ms "
      "FROM notification_preferences WHERE account_id = ?");
  statement.bind(1, account_id);
  if (!statement.step()) return std::nullopt;
  NotificationPreferencesRecord p;
  p.account_id = statement.text(0);
  p.language = statement.text(1);
  p.jurisdiction = statement.text(2);
  p.email = statement.text(3);
  p.phone = statement.text(4);
  p.email_on = statement.integer(5) != 0;
  p.sms_on = statement.integer(6) != 0;
  p.in_app_on = statement.integer(7) != 0;
  p.updated_at_ms = statement.integer(8);
  return p;
}

bool insert_notification_row(Connection& connection, const NotificationRecord& n) {
  Statement statement =
      connection.prepare("INSERT INTO notifications (" + std::string(kColumns) +
                         ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                         "ON CONFLICT (event_key, channel, recipient) DO NOTHING");
  statement.bind(1, n.id).bind(2, n.event_key).bind(3, n.channel).bind(4, n.recipient).bind(5, n.address);
  statement.bind(6, n.case_id).bind(7, n.kind).bind(8, n.language).bind(9, n.template_version).bind(10, n.subject);
  statement.bind(11, n.body).bind(12, n.statutory).bind(13, n.dedup_key).bind(14, to_string(n.status));
  statement.bind(15, n.settled).bind(16, n.attempts).bind(17, n.created_at_ms).bind(18, n.not_before_ms);
  statement.bind(19, n.next_attempt_at_ms).bind(20, n.last_attempt_at_ms).bind(21, n.completed_at_ms);
  statement.bind(22, n.read_at_ms).bind(23, n.last_error).bind(24, n.provider_reference);
  statement.run();
  return statement.changes() > 0;
}

std::vector<NotificationRecord> lease_due_notification_rows(Connection& connection, std::int64_t now_ms, int limit,
                                                            std::int64_t lease_until_ms) {
  // Inside the write transaction, which excludes every other writer of the database (Connection::begin_write):
  // reading then updating cannot hand one row to two senders.
  std::vector<NotificationRecord> due = query_due_notifications(connection, now_ms, limit);
  for (auto& n : due) {
    Statement statement = connection.prepare(
        "UPDATE notifications SET status = 'sending', attempts = attempts + 1, last_attempt_at_ms = ?2, "
        "next_attempt_at_ms = ?3 WHERE id = ?1");
    statement.bind(1, n.id).bind(2, now_ms).bind(3, lease_until_ms).run();
    n.status = NotificationStatus::sending;
    n.attempts += 1;
    n.last_attempt_at_ms = now_ms;
    n.next_attempt_at_ms = lease_until_ms;
  }
  return due;
}

void record_notification_result_row(Connection& connection, std::string_view id, NotificationStatus status,
                                    bool settled, std::int64_t next_attempt_at_ms, std::string_view error,
                                    std::string_view provider_reference, std::int64_t at_ms) {
  bool done = settled || status == NotificationStatus::delivered;
  Statement statement = connection.prepare(
      "UPDATE notifications SET status = ?2, settled = ?3, next_attempt_at_ms = ?4, last_error = ?5, "
      "provider_reference = ?6, completed_at_ms = ?7 WHERE id = ?1");
  statement.bind(1, id).bind(2, to_string(status)).bind(3, done).bind(4, next_attempt_at_ms).bind(5, error);
  statement.bind(6, provider_reference).bind(7, done ? at_ms : std::int64_t{0}).run();
  if (statement.changes() == 0) throw NotFound("no notification " + std::string(id));
}

void mark_notification_read_row(Connection& connection, std::string_view id, std::string_view recipient,
                                std::int64_t at_ms) {
  Statement statement = connection.prepare(
      "UPDATE notifications SET read_at_ms = CASE WHEN read_at_ms = 0 THEN ?3 ELSE read_at_ms END "
      "WHERE id = ?1 AND recipient = ?2 AND channel = 'in_app'");
  statement.bind(1, id).bind(2, recipient).bind(3, at_ms).run();
  if (statement.changes() == 0) throw NotFound("no notification " + std::string(id) + " of this recipient");
}

void write_notification_preferences(Connection& connection, const NotificationPreferencesRecord& p) {
  Statement exists = connection.prepare("SELECT 1 FROM accounts WHERE id = ?");
  exists.bind(1, p.account_id);
  if (!exists.step()) throw NotFound("no account " + p.account_id);
  Statement statement = connection.prepare(
      "INSERT INTO notification_preferences (account_id, language, jurisdiction, email, phone, email_on, sms_on, "
      "in_app_on, updated_at_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT (account_id) DO UPDATE SET "
      "language = ?2, jurisdiction = ?3, email = ?4, phone = ?5, email_on = ?6, sms_on = ?7, in_app_on = ?8, "
      "updated_at_ms = ?9");
  statement.bind(1, p.account_id).bind(2, p.language).bind(3, p.jurisdiction).bind(4, p.email).bind(5, p.phone);
  statement.bind(6, p.email_on).bind(7, p.sms_on).bind(8, p.in_app_on).bind(9, p.updated_at_ms).run();
}

}  // namespace tongban::store::sql
