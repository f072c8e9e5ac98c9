#include "store/sqlite/sqlite_connection.h"

#include <sqlite3.h>

#include <string>

#include "store/sql/migrations.h"
#include "store/store_error.h"

namespace tongban::store::sqlite {
namespace {

// At most this many statements are kept per connection (the store's queries are a few dozen texts; list_cases
// builds one per filter shape). Beyond it, statements are prepared for one use.
constexpr std::size_t kCachedStatements = 256;

// "UNIQUE constraint failed: accounts.login" -> "accounts.login"; several columns are joined by ", ".
std::string constraint_of(std::string_view message) {
  constexpr std::string_view marker = "constraint failed: ";
  auto at = message.find(marker);
  if (at == std::string_view::npos) {
    if (message.find("FOREIGN KEY") != std::string_view::npos) return sql::constraint_name("FOREIGN KEY");
    return std::string(message);
  }
  return sql::constraint_name(message.substr(at + marker.size()));
}

}  // namespace

class SqliteStatement final : public sql::StatementBackend {
 public:
  SqliteStatement(Connection& connection, std::string_view text, bool cached)
      : connection_(&connection), cached_(cached) {
    unsigned flags = cached ? SQLITE_PREPARE_PERSISTENT : 0;
    int rc = sqlite3_prepare_v3(connection.handle(), text.data(), static_cast<int>(text.size()), flags, &statement_,
                                nullptr);
    if (rc != SQLITE_OK) connection.fail(rc, "sqlite prepare");
  }
  ~SqliteStatement() override { sqlite3_finalize(statement_); }
  SqliteStatement(const SqliteStatement&) = delete;
  SqliteStatement& operator=(const SqliteStatement&) = delete;

  bool in_use() const { return in_use_; }
  void take() { in_use_ = true; }

  void bind_text(int index, std::string_view text) override {
    check(sqlite3_bind_text(statement_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT));
  }
  void bind_integer(int index, std::int64_t value) override { check(sqlite3_bind_int64(statement_, index, value)); }
  void bind_null(int index) override { check(sqlite3_bind_null(statement_, index)); }

  bool step() override {
    int rc = sqlite3_step(statement_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) {
      changes_ = sqlite3_changes64(connection_->handle());
      return false;
    }
    connection_->fail(rc, "sqlite step");
  }
  std::int64_t changes() const override { return changes_; }

  std::string text(int column) const override {
    const auto* bytes = reinterpret_cast<const char*>(sqlite3_column_text(statement_, column));
    if (bytes == nullptr) return {};
    return std::string(bytes, static_cast<std::size_t>(sqlite3_column_bytes(statement_, column)));
  }
  std::int64_t integer(int column) const override { return sqlite3_column_int64(statement_, column); }
  bool is_null(int column) const override { return sqlite3_column_type(statement_, column) == SQLITE_NULL; }

  void finish() noexcept override {
    if (!cached_) {
      delete this;
      return;
    }
    sqlite3_reset(statement_);
    sqlite3_clear_bindings(statement_);
    changes_ = 0;
    in_use_ = false;
  }

 private:
  void check(int rc) {
    if (rc != SQLITE_OK) connection_->fail(rc, "sqlite bind");
  }

  Connection* connection_;
  sqlite3_stmt* statement_ = nullptr;
  bool cached_;
  bool in_use_ = false;
  std::int64_t changes_ = 0;
};

Connection::Connection(const std::filesystem::path& file, Mode mode, int busy_timeout_ms) {
  int flags = SQLITE_OPEN_NOMUTEX;
  flags |= mode == Mode::read_only ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  int rc = sqlite3_open_v2(file.c_str(), &db_, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
    sqlite3_close(db_);
    db_ = nullptr;
    throw StoreUnavailable("cannot open database " + file.string() + ": " + message);
  }
  sqlite3_extended_result_codes(db_, 1);
  sqlite3_busy_timeout(db_, busy_timeout_ms);
}

Connection::~Connection() {
  cache_.clear();
  sqlite3_close_v2(db_);
}

void Connection::execute(std::string_view sql) {
  std::string text(sql);
  char* error = nullptr;
  int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &error);
  if (rc != SQLITE_OK) {
    std::string message = error ? error : sqlite3_errstr(rc);
    sqlite3_free(error);
    if ((rc & 0xff) == SQLITE_CONSTRAINT) throw Conflict(constraint_of(message), message);
    throw StoreUnavailable("sqlite: " + message);
  }
}

Statement Connection::prepare(std::string_view sql) {
  auto found = cache_.find(sql);
  if (found != cache_.end() && !found->second->in_use()) {
    found->second->take();
    return Statement(found->second.get());
  }
  if (found == cache_.end() && cache_.size() < kCachedStatements) {
    auto statement = std::make_unique<SqliteStatement>(*this, sql, true);
    statement->take();
    SqliteStatement* raw = statement.get();
    cache_.emplace(std::string(sql), std::move(statement));
    return Statement(raw);
  }
  return Statement(new SqliteStatement(*this, sql, false));
}

std::int64_t Connection::schema_version() {
  Statement statement = prepare("PRAGMA user_version");
  statement.step();
  return statement.integer(0);
}

void Connection::set_schema_version(std::int64_t version) {
  execute("PRAGMA user_version = " + std::to_string(version));
}

bool Connection::in_transaction() const {
  return sqlite3_get_autocommit(db_) == 0;
}

void Connection::fail(int rc, std::string_view what) const {
  std::string message = sqlite3_errmsg(db_);
  if ((rc & 0xff) == SQLITE_CONSTRAINT) throw Conflict(constraint_of(message), message);
  throw StoreUnavailable(std::string(what) + ": " + message);
}

}  // namespace tongban::store::sqlite
