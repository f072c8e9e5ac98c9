// The SQL layer both stores are written against: a Connection to one database session and the Statements prepared
// on it. The queries of store/sql/ (reads, the write transaction, the group-commit writer, migrations) are written
// once in the common dialect below; store/sqlite/ and store/postgres/ implement Connection over their C APIs, and
// nothing outside those two folders includes sqlite3.h or libpq-fe.h.
//
// The common dialect: SQL that SQLite 3.40 and PostgreSQL 15 both run, with parameters written `?` (the next
// number) or `?N` (number N, 1-based; a bare `?` after `?N` is N+1, as in SQLite). Integers are 64-bit, booleans
// are stored as 0/1 integers, text is compared bytewise, `INSERT … ON CONFLICT … DO NOTHING / DO UPDATE` and
// `RETURNING` replace SQLite's `INSERT OR IGNORE`. Each driver translates what it must (the PostgreSQL driver turns
// `?N` into `$N`); schema text is rendered per dialect by store/sql/migrations.h.
//
// Prepared statements are kept per connection, keyed by their SQL text: preparing the same text again reuses the
// parsed statement (SQLite's sqlite3_stmt, PostgreSQL's named prepared statement), so the SQL of a hot path is
// parsed once per connection, not once per call. A Statement is a handle on one of them for one execution: its
// destructor resets it for the next use. Preparing a text whose statement is in use (a nested query of the same
// text) gives a statement of its own.
//
// Errors: every failing call throws. A unique, primary-key or foreign-key violation throws Conflict named by
// constraint_name() (store/sql/migrations.h), anything else StoreUnavailable with the database's message. A
// Connection and its Statements belong to one thread at a time.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tongban::store::sql {

enum class Dialect { sqlite, postgres };

// What a driver implements for one prepared statement (see Statement for the meaning of each call).
class StatementBackend {
 public:
  virtual ~StatementBackend() = default;
  virtual void bind_text(int index, std::string_view text) = 0;
  virtual void bind_integer(int index, std::int64_t value) = 0;
  virtual void bind_null(int index) = 0;
  virtual bool step() = 0;
  virtual std::int64_t changes() const = 0;
  virtual std::string text(int column) const = 0;
  virtual std::int64_t integer(int column) const = 0;
  virtual bool is_null(int column) const = 0;
  // Ends this use: a cached statement is reset for the next Statement, a one-off one deletes itself.
  virtual void finish() noexcept = 0;
};

// One execution of a prepared statement. Bind parameters (1-based), then step() through the rows (columns 0-based)
// or run() a statement without rows.
class Statement {
 public:
  explicit Statement(StatementBackend* backend) : backend_(backend) {}
  ~Statement() {
    if (backend_ != nullptr) backend_->finish();
  }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  Statement(Statement&& other) noexcept : backend_(other.backend_) { other.backend_ = nullptr; }
  Statement& operator=(Statement&&) = delete;

  Statement& bind(int index, std::string_view text) {
    backend_->bind_text(index, text);
    return *this;
  }
  Statement& bind(int index, const std::string& text) { return bind(index, std::string_view(text)); }
  Statement& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
  Statement& bind(int index, std::int64_t value) {
    backend_->bind_integer(index, value);
    return *this;
  }
  Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
  Statement& bind(int index, bool value) { return bind(index, static_cast<std::int64_t>(value ? 1 : 0)); }
  Statement& bind_null(int index) {
    backend_->bind_null(index);
    return *this;
  }
  Statement& bind(int index, const std::optional<std::string>& text) {
    return text ? bind(index, std::string_view(*text)) : bind_null(index);
  }

  // Advances (the first call executes); true while there is a row to read.
  bool step() { return backend_->step(); }
  // Executes a statement and ignores its rows.
  void run() {
    while (step()) {
    }
  }
  // Rows changed by this statement's execution.
  std::int64_t changes() const { return backend_->changes(); }

  std::string text(int column) const { return backend_->text(column); }
  std::int64_t integer(int column) const { return backend_->integer(column); }
  bool is_null(int column) const { return backend_->is_null(column); }

 private:
  StatementBackend* backend_;
};

class Connection {
 public:
  virtual ~Connection() = default;

  virtual Dialect dialect() const = 0;
  // Runs one or more statements without parameters or results (DDL, BEGIN/COMMIT/SAVEPOINT).
  virtual void execute(std::string_view sql) = 0;
  virtual Statement prepare(std::string_view sql) = 0;
  // False once a transaction ended (committed, rolled back, or aborted by an error).
  virtual bool in_transaction() const = 0;
  // False once the session is lost (PostgreSQL: the server closed or dropped the connection); such a connection is
  // replaced, never reused. An embedded SQLite connection is never lost.
  virtual bool healthy() const { return true; }

  // Opens the transaction a write batch runs in, excluding every other writer of the database until it ends
  // (SQLite: BEGIN IMMEDIATE; PostgreSQL: BEGIN and a transaction-scoped advisory lock shared by all instances).
  virtual void begin_write() = 0;

  // The schema version the database records (0 for a new database) and setting it (inside the migration's
  // transaction).
  virtual std::int64_t schema_version() = 0;
  virtual void set_schema_version(std::int64_t version) = 0;
};

}  // namespace tongban::store::sql
