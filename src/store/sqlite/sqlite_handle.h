// Small RAII wrappers over the SQLite C API: Connection owns a sqlite3*, Statement owns a prepared sqlite3_stmt*.
// The only place (with sqlite_handle.cc) that includes sqlite3.h; the rest of store/sqlite/ goes through these.
//
// Errors: every failing call throws. A unique/primary-key violation throws Conflict naming the index (the
// constraint name is derived from the SQLite message, e.g. "accounts.login" -> the caller maps it); anything else
// throws StoreUnavailable with SQLite's message. Statements are not thread-safe, like their connection.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace tongban::store::sqlite {

class Connection;

class Statement {
 public:
  Statement(Connection& connection, std::string_view sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&&) = delete;

  // Parameters are 1-based, as in SQL "?".
  Statement& bind(int index, std::string_view text);
  Statement& bind(int index, const std::string& text) { return bind(index, std::string_view(text)); }
  Statement& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
  Statement& bind(int index, bool value) { return bind(index, static_cast<std::int64_t>(value ? 1 : 0)); }
  Statement& bind_null(int index);
  Statement& bind(int index, const std::optional<std::string>& text);

  // Advances; true while there is a row to read.
  bool step();
  // Runs a statement that returns no rows (or ignores them).
  void run();
  // Rows changed by the last run()/step() on the connection.
  std::int64_t changes() const;

  // Columns are 0-based.
  std::string text(int column) const;
  std::int64_t integer(int column) const;
  bool is_null(int column) const;

 private:
  Connection* connection_;
  sqlite3_stmt* statement_ = nullptr;
};

class Connection {
 public:
  enum class Mode { read_write_create, read_only };
  Connection(const std::filesystem::path& file, Mode mode, int busy_timeout_ms);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Runs one or more statements without results (PRAGMA, DDL, BEGIN/COMMIT).
  void execute(std::string_view sql);
  Statement prepare(std::string_view sql) { return Statement(*this, sql); }
  std::int64_t user_version();
  // False once a transaction ended (committed, rolled back, or aborted by an error such as SQLITE_FULL).
  bool in_transaction() const;

  sqlite3* handle() const noexcept { return db_; }
  // Throws the store error for result code `rc` with the connection's message, prefixed by `what`.
  [[noreturn]] void fail(int rc, std::string_view what) const;

 private:
  sqlite3* db_ = nullptr;
};

}  // namespace tongban::store::sqlite
