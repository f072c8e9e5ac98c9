// The kiosk tables of the SQLite store (schema version 5): registered kiosks and the applicants' kiosk PINs. Queries
// and writes as free functions over a Connection, shared by SqlReads (both readers) and SqlTransaction. Record
// meanings: store/store.h (KioskRecord).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/sql/connection.h"
#include "store/store.h"

namespace tongban::store::sql {

// The kiosk whose `column` ("id" or "key_hash") equals value.
std::optional<KioskRecord> query_kiosk(Connection& connection, std::string_view column, std::string_view value);
std::vector<KioskRecord> query_kiosks(Connection& connection);
std::optional<std::string> query_kiosk_pin(Connection& connection, std::string_view account_id);

void insert_kiosk_row(Connection& connection, const KioskRecord& kiosk);
// NotFound if there is no kiosk with kiosk.id.
void update_kiosk_row(Connection& connection, const KioskRecord& kiosk);
void write_kiosk_pin(Connection& connection, std::string_view account_id, std::string_view pin_hash,
                     std::int64_t at_ms);

}  // namespace tongban::store::sql
