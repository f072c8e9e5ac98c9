#include "store/open_store.h"

#include <stdexcept>

#include "store/postgres/pg_connection.h"
#include "store/postgres/postgres_store.h"
#include "store/sql/migrations.h"
#include "store/sqlite/sqlite_connection.h"
#include "store/sqlite/sqlite_store.h"
#include "store/store_error.h"

namespace tongban::store {

StoreKind store_kind(std::string_view location) {
  if (location.empty() || location == "sqlite") return StoreKind::sqlite;
  if (location.starts_with("postgres://") || location.starts_with("postgresql://")) return StoreKind::postgres;
  throw std::invalid_argument("--store must be 'sqlite' or a postgres://user@host:port/database URL, not '" +
                              redacted_location(location) + "'");
}

std::string redacted_location(std::string_view location) {
  auto scheme = location.find("://");
  if (scheme == std::string_view::npos) return std::string(location);
  auto authority = scheme + 3;
  auto at = location.find('@', authority);
  auto slash = location.find('/', authority);
  if (at == std::string_view::npos || (slash != std::string_view::npos && slash < at)) return std::string(location);
  auto colon = location.find(':', authority);
  if (colon == std::string_view::npos || colon > at) return std::string(location);
  return std::string(location.substr(0, colon + 1)) + "***" + std::string(location.substr(at));
}

std::unique_ptr<Store> open_store(const StoreSettings& settings) {
  if (store_kind(settings.location) == StoreKind::sqlite) {
    SqliteStoreOptions options;
    options.data_dir = settings.data_dir;
    options.node_code = settings.node_code;
    options.utc_offset_minutes = settings.utc_offset_minutes;
    return open_sqlite_store(options);
  }
  PostgresStoreOptions options;
  options.conninfo = settings.location;
  options.blob_dir = settings.data_dir / "blobs";
  options.node_code = settings.node_code;
  options.utc_offset_minutes = settings.utc_offset_minutes;
  return open_postgres_store(options);
}

namespace {

std::unique_ptr<sql::Connection> connect(const StoreSettings& settings, bool writable) {
  if (store_kind(settings.location) == StoreKind::postgres) {
    return std::make_unique<postgres::Connection>(settings.location);
  }
  const auto file = settings.data_dir / "tongban.db";
  if (!std::filesystem::is_regular_file(file)) {
    throw StoreUnavailable(file.string() +
                           " does not exist: not a node's data directory (a new node is made by "
                           "`tongban serve` or `tongban demo`)");
  }
  using Mode = sqlite::Connection::Mode;
  return std::make_unique<sqlite::Connection>(file, writable ? Mode::read_write_create : Mode::read_only, 5000);
}

SchemaStatus status_of(sql::Connection& connection) {
  SchemaStatus status;
  status.version = connection.schema_version();
  status.latest = sql::latest_schema_version();
  for (const auto& migration : sql::pending_migrations(connection)) {
    status.pending.push_back({migration.version, sql::render(migration.sql, connection.dialect())});
  }
  return status;
}

}  // namespace

SchemaStatus schema_status(const StoreSettings& settings) {
  auto connection = connect(settings, false);
  return status_of(*connection);
}

SchemaStatus migrate_store(const StoreSettings& settings) {
  auto connection = connect(settings, true);
  SchemaStatus before = status_of(*connection);
  sql::migrate(*connection);
  return before;
}

}  // namespace tongban::store
