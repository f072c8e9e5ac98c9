#include "store/postgres/postgres_store.h"

#include <sodium.h>

#include "store/postgres/pg_connection.h"
#include "store/private_files.h"
#include "store/sql/migrations.h"
#include "store/sql/sql_store.h"
#include "store/store_error.h"

namespace tongban::store::postgres {
namespace {

std::unique_ptr<Connection> open_writer(const PostgresStoreOptions& options) {
  auto connection = std::make_unique<Connection>(options.conninfo);
  sql::migrate(*connection);
  return connection;
}

class PostgresStore final : public sql::SqlStore {
 public:
  explicit PostgresStore(const PostgresStoreOptions& options)
      : SqlStore(
            open_writer(options), [conninfo = options.conninfo] { return std::make_unique<Connection>(conninfo); },
            options.blob_dir, sql::CaseNumbering{options.node_code, options.utc_offset_minutes}, options.max_batch,
            [conninfo = options.conninfo] { return std::make_unique<Connection>(conninfo); }) {}

  ~PostgresStore() override { close(); }

  bool shared() const override { return true; }

 protected:
  void read_on(sql::Connection& connection, const std::function<void(sql::Connection&)>& f) const override {
    f(connection);
  }

  bool reusable(sql::Connection& connection) const override {
    auto& pg = static_cast<Connection&>(connection);
    if (pg.broken()) return false;
    try {
      if (pg.in_transaction()) pg.execute("ROLLBACK");
      return true;
    } catch (const StoreError&) {
      return false;
    }
  }
};

}  // namespace
}  // namespace tongban::store::postgres

namespace tongban::store {

std::unique_ptr<Store> open_postgres_store(const PostgresStoreOptions& options) {
  if (options.conninfo.empty()) throw std::invalid_argument("the PostgreSQL store needs a connection URL");
  if (options.blob_dir.empty()) throw std::invalid_argument("the PostgreSQL store needs a blob directory");
  if (options.node_code.empty()) throw std::invalid_argument("the store needs a node code for case ids");
  if (options.max_batch < 1) throw std::invalid_argument("max_batch must be at least 1");
  if (sodium_init() < 0) throw StoreUnavailable("libsodium cannot be initialised");
  make_private_directory(options.blob_dir);
  return std::make_unique<postgres::PostgresStore>(options);
}

std::string describe_pending_postgres_migrations(const std::string& conninfo) {
  postgres::Connection connection(conninfo);
  std::string text;
  for (const auto& migration : sql::pending_migrations(connection)) {
    text += "-- version " + std::to_string(migration.version) + "\n";
    text += sql::render(migration.sql, sql::Dialect::postgres);
    text += "\n";
  }
  return text;
}

}  // namespace tongban::store
