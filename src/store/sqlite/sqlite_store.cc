#include "store/sqlite/sqlite_store.h"

#include <sodium.h>

#include "store/private_files.h"
#include "store/sql/migrations.h"
#include "store/sql/sql_store.h"
#include "store/sqlite/sqlite_connection.h"
#include "store/store_error.h"

namespace tongban::store::sqlite {
namespace {

std::unique_ptr<Connection> open_writer(const std::filesystem::path& file, const SqliteStoreOptions& options) {
  auto connection = std::make_unique<Connection>(file, Connection::Mode::read_write_create, options.busy_timeout_ms);
  connection->execute("PRAGMA journal_mode = WAL");
  connection->execute("PRAGMA synchronous = FULL");
  connection->execute("PRAGMA foreign_keys = ON");
  sql::migrate(*connection);
  return connection;
}

class SqliteStore final : public sql::SqlStore {
 public:
  explicit SqliteStore(const SqliteStoreOptions& options, const std::filesystem::path& database)
      : SqlStore(
            open_writer(database, options),
            [database, timeout = options.busy_timeout_ms] {
              return std::make_unique<Connection>(database, Connection::Mode::read_only, timeout);
            },
            options.data_dir / "blobs", sql::CaseNumbering{options.node_code, options.utc_offset_minutes},
            options.max_batch) {}

  ~SqliteStore() override { close(); }

 protected:
  // One read transaction: the reads of f see one committed snapshot.
  void read_on(sql::Connection& connection, const std::function<void(sql::Connection&)>& f) const override {
    connection.execute("BEGIN");
    f(connection);
    connection.execute("COMMIT");
  }

  bool reusable(sql::Connection& connection) const override {
    try {
      if (connection.in_transaction()) connection.execute("ROLLBACK");
      return true;
    } catch (const StoreError&) {
      return false;  // a connection that cannot end its read transaction is dropped, not pooled
    }
  }
};

}  // namespace
}  // namespace tongban::store::sqlite

namespace tongban::store {

std::unique_ptr<Store> open_sqlite_store(const SqliteStoreOptions& options) {
  if (options.data_dir.empty()) throw std::invalid_argument("the store needs a data directory");
  if (options.node_code.empty()) throw std::invalid_argument("the store needs a node code for case ids");
  if (options.max_batch < 1) throw std::invalid_argument("max_batch must be at least 1");
  if (sodium_init() < 0) throw StoreUnavailable("libsodium cannot be initialised");
  make_private_directory(options.data_dir);
  make_private_directory(options.data_dir / "blobs");
  // SQLite gives the WAL and shared-memory files the mode of the database file, so creating it 0600 first keeps
  // all three private.
  make_private_file(options.data_dir / "tongban.db");
  return std::make_unique<sqlite::SqliteStore>(options, options.data_dir / "tongban.db");
}

}  // namespace tongban::store
