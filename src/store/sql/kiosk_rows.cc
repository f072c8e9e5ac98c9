#include "store/sql/kiosk_rows.h"

#include <stdexcept>

namespace tongban::store::sql {
namespace {

constexpr std::string_view kKioskColumns =
    "id, service_point, name, key_hash, created_at_ms, enrolled_at_ms, revoked, kind";

KioskRecord read_kiosk(const Statement& row) {
  KioskRecord kiosk;
  kiosk.id = row.text(0);
  kiosk.service_point = row.text(1);
  kiosk.name = row.text(2);
  kiosk.key_hash = row.text(3);
  kiosk.created_at_ms = row.integer(4);
  kiosk.enrolled_at_ms = row.integer(5);
  kiosk.revoked = row.integer(6) != 0;
  kiosk.kind = row.text(7);
  return kiosk;
}

}  // namespace

std::optional<KioskRecord> query_kiosk(Connection& connection, std::string_view column, std::string_view value) {
  if (column != "id" && column != "key_hash") throw std::invalid_argument("kiosks are found by id or key_hash");
  Statement statement =
      connection.prepare("SELECT " + std::string(kKioskColumns) + " FROM kiosks WHERE " + std::string(column) + " = ?");
  statement.bind(1, value);
  if (!statement.step()) return std::nullopt;
  return read_kiosk(statement);
}

std::vector<KioskRecord> query_kiosks(Connection& connection) {
  Statement statement = connection.prepare("SELECT " + std::string(kKioskColumns) + " FROM kiosks ORDER BY id");
  std::vector<KioskRecord> kiosks;
  while (statement.step()) kiosks.push_back(read_kiosk(statement));
  return kiosks;
}

std::optional<std::string> query_kiosk_pin(Connection& connection, std::string_view account_id) {
  Statement statement = connection.prepare("SELECT pin_hash FROM kiosk_pins WHERE account_id = ?");
  statement.bind(1, account_id);
  if (!statement.step()) return std::nullopt;
  return statement.text(0);
}

void insert_kiosk_row(Connection& connection, const KioskRecord& kiosk) {
  Statement statement =
      connection.prepare("INSERT INTO kiosks (" + std::string(kKioskColumns) + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  statement.bind(1, kiosk.id)
      .bind(2, kiosk.service_point)
      .bind(3, kiosk.name)
      .bind(4, kiosk.key_hash)
      .bind(5, kiosk.created_at_ms)
      .bind(6, kiosk.enrolled_at_ms)
      .bind(7, kiosk.revoked)
      .bind(8, kiosk.kind)
      .run();
}

void update_kiosk_row(Connection& connection, const KioskRecord& kiosk) {
  Statement statement =
      connection.prepare("UPDATE kiosks SET name = ?2, key_hash = ?3, enrolled_at_ms = ?4, revoked = ?5 WHERE id = ?1");
  statement.bind(1, kiosk.id).bind(2, kiosk.name).bind(3, kiosk.key_hash).bind(4, kiosk.enrolled_at_ms);
  statement.bind(5, kiosk.revoked).run();
  if (statement.changes() == 0) throw NotFound("no kiosk " + kiosk.id);
}

void write_kiosk_pin(Connection& connection, std::string_view account_id, std::string_view pin_hash,
                     std::int64_t at_ms) {
  Statement statement = connection.prepare(
      "INSERT INTO kiosk_pins (account_id, pin_hash, updated_at_ms) VALUES (?1, ?2, ?3) "
      "ON CONFLICT (account_id) DO UPDATE SET pin_hash = ?2, updated_at_ms = ?3");
  statement.bind(1, account_id).bind(2, pin_hash).bind(3, at_ms).run();
}

}  // namespace tongban::store::sql
