// The SQLite driver of the SQL layer (store/sql/connection.h): Connection owns a sqlite3* and the statements
// prepared on it (sqlite3_prepare_v3 with SQLITE_PREPARE_PERSISTENT, kept by SQL text and reset after each use).
// The only place (with sqlite_connection.cc) that includes sqlite3.h; the rest of store/ goes through sql::Connection.
//
// Errors: every failing call throws. A constraint violation throws Conflict named by sql::constraint_name (the
// detail taken from SQLite's message, e.g. "UNIQUE constraint failed: accounts.login" -> "account_login"); anything
// else throws StoreUnavailable with SQLite's message. Not thread-safe, like the sqlite3* it owns.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "store/sql/connection.h"

struct sqlite3;

namespace tongban::store::sqlite {

using sql::Statement;

class SqliteStatement;

class Connection final : public sql::Connection {
 public:
  enum class Mode { read_write_create, read_only };
  Connection(const std::filesystem::path& file, Mode mode, int busy_timeout_ms);
  ~Connection() override;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  sql::Dialect dialect() const override { return sql::Dialect::sqlite; }
  void execute(std::string_view sql) override;
  Statement prepare(std::string_view sql) override;
  bool in_transaction() const override;
  void begin_write() override { execute("BEGIN IMMEDIATE"); }
  // PRAGMA user_version.
  std::int64_t schema_version() override;
  void set_schema_version(std::int64_t version) override;
  std::int64_t user_version() { return schema_version(); }

  sqlite3* handle() const noexcept { return db_; }
  // Throws the store error for result code `rc` with the connection's message, prefixed by `what`.
  [[noreturn]] void fail(int rc, std::string_view what) const;

 private:
  sqlite3* db_ = nullptr;
  // Cached statements by SQL text; destroyed (finalized) before the connection closes.
  std::map<std::string, std::unique_ptr<SqliteStatement>, std::less<>> cache_;
};

}  // namespace tongban::store::sqlite
