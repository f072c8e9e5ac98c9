#include "store/sqlite/sqlite_handle.h"

#include <sqlite3.h>

#include <string>

#include "store/sqlite/migrations.h"
#include "store/store_error.h"

namespace tongban::store::sqlite {
namespace {

// "UNIQUE constraint failed: accounts.login" -> "accounts.login"; several columns are joined by ", ".
std::string constraint_of(std::string_view message) {
  constexpr std::string_view marker = "constraint failed: ";
  auto at = message.find(marker);
  if (at == std::string_view::npos) return std::string(message);
  return constraint_name(message.substr(at + marker.size()));
}

}  // namespace

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

std::int64_t Connection::user_version() {
  Statement statement(*this, "PRAGMA user_version");
  statement.step();
  return statement.integer(0);
}

bool Connection::in_transaction() const {
  return sqlite3_get_autocommit(db_) == 0;
}

void Connection::fail(int rc, std::string_view what) const {
  std::string message = sqlite3_errmsg(db_);
  if ((rc & 0xff) == SQLITE_CONSTRAINT) throw Conflict(constraint_of(message), message);
  throw StoreUnavailable(std::string(what) + ": " + message);
}

Statement::Statement(Connection& connection, std::string_view sql) : connection_(&connection) {
  int rc = sqlite3_prepare_v2(connection.handle(), sql.data(), static_cast<int>(sql.size()), &statement_, nullptr);
  if (rc != SQLITE_OK) connection.fail(rc, "sqlite prepare");
}

Statement::~Statement() {
  sqlite3_finalize(statement_);
}

Statement::Statement(Statement&& other) noexcept : connection_(other.connection_), statement_(other.statement_) {
  other.statement_ = nullptr;
}

Statement& Statement::bind(int index, std::string_view text) {
  int rc = sqlite3_bind_text(statement_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
  if (rc != SQLITE_OK) connection_->fail(rc, "sqlite bind");
  return *this;
}

Statement& Statement::bind(int index, std::int64_t value) {
  int rc = sqlite3_bind_int64(statement_, index, value);
  if (rc != SQLITE_OK) connection_->fail(rc, "sqlite bind");
  return *this;
}

Statement& Statement::bind_null(int index) {
  int rc = sqlite3_bind_null(statement_, index);
  if (rc != SQLITE_OK) connection_->fail(rc, "sqlite bind");
  return *this;
}

Statement& Statement::bind(int index, const std::optional<std::string>& text) {
  return text ? bind(index, std::string_view(*text)) : bind_null(index);
}

bool Statement::step() {
  int rc = sqlite3_step(statement_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  connection_->fail(rc, "sqlite step");
}

void Statement::run() {
  while (step()) {
  }
}

std::int64_t Statement::changes() const {
  return sqlite3_changes64(connection_->handle());
}

std::string Statement::text(int column) const {
  const auto* bytes = reinterpret_cast<const char*>(sqlite3_column_text(statement_, column));
  if (bytes == nullptr) return {};
  return std::string(bytes, static_cast<std::size_t>(sqlite3_column_bytes(statement_, column)));
}

std::int64_t Statement::integer(int column) const {
  return sqlite3_column_int64(statement_, column);
}

bool Statement::is_null(int column) const {
  return sqlite3_column_type(statement_, column) == SQLITE_NULL;
}

}  // namespace tongban::store::sqlite
