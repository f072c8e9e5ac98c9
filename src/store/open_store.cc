#include "store/open_store.h"

#include <stdexcept>

#include "store/postgres/postgres_store.h"
#include "store/sqlite/sqlite_store.h"

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

}  // namespace tongban::store
