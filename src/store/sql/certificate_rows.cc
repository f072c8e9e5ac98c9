#include "store/sql/certificate_rows.h"

#include <stdexcept>

namespace tongban::store::sql {
namespace {

constexpr std::string_view kCertificateColumns =
    "id, case_id, holder_account, issuer_authority, issued_at_ms, document, status, status_reason, "
    "status_changed_at_ms";

CertificateRecord read_certificate(const Statement& row) {
  CertificateRecord c;
  c.id = row.text(0);
  c.case_id = row.text(1);
  c.holder_account = row.text(2);
  c.issuer_authority = row.text(3);
  c.issued_at_ms = row.integer(4);
  c.document = row.text(5);
  c.status = row.text(6);
  c.status_reason = row.text(7);
  c.status_changed_at_ms = row.integer(8);
  return c;
}

constexpr std::string_view kListColumns = "issuer_node, number, issued_at_ms, valid_until_ms, document, received_at_ms";

StatusListRecord read_list(const Statement& row) {
  StatusListRecord list;
  list.issuer_node = row.text(0);
  list.number = row.integer(1);
  list.issued_at_ms = row.integer(2);
  list.valid_until_ms = row.integer(3);
  list.document = row.text(4);
  list.received_at_ms = row.integer(5);
  return list;
}

}  // namespace

std::optional<CertificateRecord> query_certificate(Connection& connection, std::string_view column,
                                                   std::string_view value) {
  if (column != "id" && column != "case_id") throw std::invalid_argument("certificates are found by id or case_id");
  Statement statement = connection.prepare("SELECT " + std::string(kCertificateColumns) + " FROM certificates WHERE " +
                                           std::string(column) + " = ?");
  statement.bind(1, value);
  if (!statement.step()) return std::nullopt;
  return read_certificate(statement);
}

std::vector<CertificateRecord> query_certificates_of_holder(Connection& connection, std::string_view account_id) {
  Statement statement =
      connection.prepare("SELECT " + std::string(kCertificateColumns) +
                         " FROM certificates WHERE holder_account = ? ORDER BY issued_at_ms DESC, id");
  statement.bind(1, account_id);
  std::vector<CertificateRecord> out;
  while (statement.step()) out.push_back(read_certificate(statement));
  return out;
}

std::vector<std::pair<std::string, std::string>> query_certificate_statuses(Connection& connection) {
  Statement statement = connection.prepare("SELECT id, status FROM certificates ORDER BY id");
  std::vector<std::pair<std::string, std::string>> out;
  while (statement.step()) out.emplace_back(statement.text(0), statement.text(1));
  return out;
}

std::vector<CertificateStatusChange> query_certificate_status_changes(Connection& connection,
                                                                      std::string_view certificate_id) {
  Statement statement = connection.prepare(
      "SELECT seq, certificate_id, from_status, to_status, reason, actor_id, at_ms FROM certificate_status_changes "
      "WHERE certificate_id = ? ORDER BY seq");
  statement.bind(1, certificate_id);
  std::vector<CertificateStatusChange> out;
  while (statement.step()) {
    CertificateStatusChange change;
    change.sequence = statement.integer(0);
    change.certificate_id = statement.text(1);
    change.from_status = statement.text(2);
    change.to_status = statement.text(3);
    change.reason = statement.text(4);
    change.actor_id = statement.text(5);
    change.at_ms = statement.integer(6);
    out.push_back(std::move(change));
  }
  return out;
}

std::optional<StatusListRecord> query_status_list(Connection& connection, std::string_view issuer_node) {
  Statement statement = connection.prepare("SELECT " + std::string(kListColumns) +
                                           " FROM certificate_status_lists WHERE issuer_node = ?");
  statement.bind(1, issuer_node);
  if (!statement.step()) return std::nullopt;
  return read_list(statement);
}

std::int64_t next_certificate_serial_row(Connection& connection) {
  Statement statement =
      connection.prepare("UPDATE counters SET value = value + 1 WHERE name = 'certificate' RETURNING value");
  if (!statement.step()) throw std::runtime_error("the certificate counter is missing");
  return statement.integer(0);
}

void insert_certificate_row(Connection& connection, const CertificateRecord& c) {
  Statement statement = connection.prepare("INSERT INTO certificates (" + std::string(kCertificateColumns) +
                                           ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
  statement.bind(1, c.id)
      .bind(2, c.case_id)
      .bind(3, c.holder_account)
      .bind(4, c.issuer_authority)
      .bind(5, c.issued_at_ms)
      .bind(6, c.document)
      .bind(7, c.status)
      .bind(8, c.status_reason)
      .bind(9, c.status_changed_at_ms)
      .run();
}

CertificateStatusChange change_certificate_status_row(Connection& connection, const CertificateStatusChange& change) {
  auto held = query_certificate(connection, "id", change.certificate_id);
  if (!held) throw NotFound("no certificate " + change.certificate_id);
  CertificateStatusChange stored = change;
  stored.from_status = held->status;
  Statement update = connection.prepare(
      "UPDATE certificates SET status = ?2, status_reason = ?3, status_changed_at_ms = ?4 WHERE id = ?1");
  update.bind(1, change.certificate_id).bind(2, change.to_status).bind(3, change.reason).bind(4, change.at_ms).run();
  Statement insert = connection.prepare(
      "INSERT INTO certificate_status_changes (certificate_id, from_status, to_status, reason, actor_id, at_ms) "
      "VALUES (?, ?, ?, ?, ?, ?) RETURNING seq");
  insert.bind(1, stored.certificate_id)
      .bind(2, stored.from_status)
      .bind(3, stored.to_status)
      .bind(4, stored.reason)
      .bind(5, stored.actor_id)
      .bind(6, stored.at_ms);
  if (!insert.step()) throw std::runtime_error("the status change was not recorded");
  stored.sequence = insert.integer(0);
  return stored;
}

bool put_status_list_row(Connection& connection, const StatusListRecord& list) {
  Statement statement = connection.prepare(
      "INSERT INTO certificate_status_lists (" + std::string(kListColumns) +
      ") VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (issuer_node) DO UPDATE SET number = ?2, issued_at_ms = ?3, "
      "valid_until_ms = ?4, document = ?5, received_at_ms = ?6 WHERE certificate_status_lists.number < ?2");
  statement.bind(1, list.issuer_node)
      .bind(2, list.number)
      .bind(3, list.issued_at_ms)
      .bind(4, list.valid_until_ms)
      .bind(5, list.document)
      .bind(6, list.received_at_ms)
      .run();
  return statement.changes() > 0;
}

}  // namespace tongban::store::sql
