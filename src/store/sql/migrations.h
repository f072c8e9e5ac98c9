// The schema of the store as an ordered list of migrations, one description for both databases. Version N's SQL
// turns a version N-1 database into version N. It is written in SQLite's DDL and rendered for PostgreSQL by
// render(): INTEGER -> BIGINT, TEXT -> TEXT COLLATE "C" (bytewise, as SQLite compares), INTEGER PRIMARY KEY (SQLite's
// rowid alias, filled in when omitted) -> an identity column, WITHOUT ROWID dropped. Keep new migrations to DDL both
// run after that rendering; migrations_test runs every one on both.
//
// The database records its version (SQLite: PRAGMA user_version; PostgreSQL: the table tongban_schema).
// Migrations are append-only: a released migration is never edited, a change is a new version (version 2: the
// federation outbox, inbox and message log; 3: dead letters; 4: blob handlers; 5: kiosks; 6: outbox leases).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "store/sql/connection.h"

namespace tongban::store::sql {

struct Migration {
  std::int64_t version;
  std::string_view sql;
};

// Ordered by version, starting at 1, without gaps.
const std::vector<Migration>& migrations();
std::int64_t latest_schema_version();

// The migration's SQL as `dialect` runs it.
std::string render(std::string_view sql, Dialect dialect);

// The migrations above the database's version, in order (what `tongban migrate --dry-run` lists). Throws
// StoreUnavailable if the database is newer than latest_schema_version().
std::vector<Migration> pending_migrations(Connection& connection);

// Applies every pending migration in one write transaction (all or nothing; on PostgreSQL under the writers' lock,
// so instances starting together migrate once). Throws StoreUnavailable as pending_migrations.
void migrate(Connection& connection);

// The store's name for a constraint failure: from SQLite's detail ("accounts.login") or PostgreSQL's constraint
// name ("accounts_login"), both -> "account_login"; the argument itself if unknown.
std::string constraint_name(std::string_view detail_or_name);

}  // namespace tongban::store::sql
