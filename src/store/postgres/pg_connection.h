// The PostgreSQL driver of the SQL layer (store/sql/connection.h), over libpq: Connection owns one PGconn and the
// statements prepared on it (named server-side prepared statements, one per SQL text, prepared on first use and kept
// for the connection's life). The only place (with pg_connection.cc) that includes libpq-fe.h.
//
// The common dialect's parameters `?` / `?N` are rewritten to `$N` (outside quoted text). Values travel in text
// format with their types left to the server to infer from the statement, except parameters the text never names
// (update_account binds one it does not use), which are declared text so the server accepts them. Integers are read
// back from their text. Text containing a NUL character cannot be stored by PostgreSQL: binding one throws
// std::invalid_argument (nothing is sent).
//
// Errors: a unique (23505) or foreign-key (23503) violation throws Conflict named by sql::constraint_name from the
// server's constraint name; anything else StoreUnavailable with the server's message (a lost connection too: the
// store drops the connection and opens a new one for the next use, see broken()). Not thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "store/sql/connection.h"

struct pg_conn;

namespace tongban::store::postgres {

class PgStatement;

// The advisory lock key every writer of a tongban database takes for its transaction ("tongban" in ASCII).
inline constexpr std::int64_t kWriterLockKey = 0x746f6e6762616e;

class Connection final : public sql::Connection {
 public:
  // conninfo: a libpq connection URI ("postgres://user@host:port/db") or key=value string. Throws StoreUnavailable
  // if the server cannot be reached or refuses (the message names the server, never the password).
  explicit Connection(const std::string& conninfo);
  ~Connection() override;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  sql::Dialect dialect() const override { return sql::Dialect::postgres; }
  void execute(std::string_view sql) override;
  sql::Statement prepare(std::string_view sql) override;
  bool in_transaction() const override;
  void begin_write() override;
  std::int64_t schema_version() override;
  void set_schema_version(std::int64_t version) override;

  bool healthy() const override { return !broken(); }
  // True once the connection to the server is lost; such a connection is not reused.
  bool broken() const;
  pg_conn* handle() const noexcept { return conn_; }
  // The name of a new server-side prepared statement on this connection.
  std::string next_statement_name() { return "tb" + std::to_string(++statements_); }

 private:
  pg_conn* conn_ = nullptr;
  std::int64_t statements_ = 0;
  std::map<std::string, std::unique_ptr<PgStatement>, std::less<>> cache_;
};

// `?` / `?N` -> `$N` outside single-quoted text and double-quoted names; `count` is set to the highest number and
// `named` to which numbers the text uses (index 0 unused).
std::string dollar_parameters(std::string_view sql, int& count, std::vector<bool>& named);

}  // namespace tongban::store::postgres
