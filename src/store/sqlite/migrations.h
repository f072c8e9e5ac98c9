// The schema of the SQLite store as an ordered list of migrations. Version N's SQL turns a version N-1 database
// into version N; the database records its version in PRAGMA user_version. Migrations are append-only: a released
// migration is never edited, a change is a new version (version 2: the federation outbox, inbox and message log).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tongban::store::sqlite {

class Connection;

struct Migration {
  std::int64_t version;
  std::string_view sql;
};

// Ordered by version, starting at 1, without gaps.
const std::vector<Migration>& migrations();
std::int64_t latest_schema_version();

// Applies every migration above the database's version in one transaction (all or nothing). Throws
// StoreUnavailable if the database is newer than latest_schema_version().
void migrate(Connection& connection);

// The store's name for a SQLite constraint failure detail ("accounts.login" -> "account_login"); the detail
// itself if unknown.
std::string constraint_name(std::string_view sqlite_detail);

}  // namespace tongban::store::sqlite
