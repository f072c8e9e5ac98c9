// Opening the store a node is configured with (`tongban serve --store`): nothing or "sqlite" is the SQLite store in
// the data directory (the default, one machine); a "postgres://" or "postgresql://" URL (libpq's URI form: user,
// host, port, database, parameters such as sslmode; the password best left to PGPASSWORD or ~/.pgpass) is the
// PostgreSQL store, with blobs under <data_dir>/blobs — shared by the instances of one node (docs/scaling.md).
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "store/store.h"

namespace tongban::store {

enum class StoreKind { sqlite, postgres };

struct StoreSettings {
  std::string location;  // "" | "sqlite" | "postgres://…"
  std::filesystem::path data_dir;
  std::string node_code = "JM";
  int utc_offset_minutes = 480;
};

// std::invalid_argument naming the accepted forms for anything else.
StoreKind store_kind(std::string_view location);
// The location as it may be logged or shown: a URL without its password ("postgres://tb:***@db:5432/tongban").
std::string redacted_location(std::string_view location);
// Opens (and migrates) the store; StoreUnavailable / std::invalid_argument as the backend's open.
std::unique_ptr<Store> open_store(const StoreSettings& settings);

// `tongban migrate`: the schema of an existing store and the migrations it lacks (store/sql/migrations.h), each
// with the SQL its database would run.
struct PendingMigration {
  std::int64_t version = 0;
  std::string sql;
};
struct SchemaStatus {
  std::int64_t version = 0;  // the database's
  std::int64_t latest = 0;   // this tongban's
  std::vector<PendingMigration> pending;
};
// Reads without changing anything. StoreUnavailable if the database cannot be opened, does not exist yet (SQLite:
// no tongban.db in data_dir — a mistyped path is refused, never created) or is newer than this tongban.
SchemaStatus schema_status(const StoreSettings& settings);
// Applies the pending migrations (in one transaction; on PostgreSQL under the writers' lock) and returns what was
// pending. Same refusals as schema_status.
SchemaStatus migrate_store(const StoreSettings& settings);

}  // namespace tongban::store
