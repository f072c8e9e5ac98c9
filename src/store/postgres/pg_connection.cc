#include "store/postgres/pg_connection.h"

#include <libpq-fe.h>

#include <charconv>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "store/sql/migrations.h"
#include "store/store_error.h"

namespace tongban::store::postgres {
namespace {

constexpr std::size_t kCachedStatements = 256;
constexpr unsigned kTextOid = 25;

struct ResultDeleter {
  void operator()(PGresult* result) const { PQclear(result); }
};
using Result = std::unique_ptr<PGresult, ResultDeleter>;

std::string error_field(const PGresult* result, int field) {
  const char* value = result == nullptr ? nullptr : PQresultErrorField(result, field);
  return value == nullptr ? std::string() : std::string(value);
}

std::string trimmed(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

// Throws the store error a failed result stands for.
[[noreturn]] void fail(PGconn* conn, const PGresult* result, std::string_view what) {
  std::string message = trimmed(result != nullptr ? PQresultErrorMessage(result) : PQerrorMessage(conn));
  if (message.empty()) message = trimmed(PQerrorMessage(conn));
  const std::string state = error_field(result, PG_DIAG_SQLSTATE);
  if (state == "23505") throw Conflict(sql::constraint_name(error_field(result, PG_DIAG_CONSTRAINT_NAME)), message);
  if (state == "23503") throw Conflict(sql::constraint_name("FOREIGN KEY"), message);
  throw StoreUnavailable("postgres " + std::string(what) + ": " + message);
}

bool succeeded(const PGresult* result) {
  if (result == nullptr) return false;
  auto status = PQresultStatus(result);
  return status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;
}

}  // namespace

std::string dollar_parameters(std::string_view sql, int& count, std::vector<bool>& named) {
  std::string out;
  out.reserve(sql.size() + 16);
  count = 0;
  named.assign(1, false);
  int highest = 0;
  char quote = 0;
  for (std::size_t i = 0; i < sql.size(); ++i) {
    char c = sql[i];
    if (quote != 0) {
      out += c;
      if (c == quote) quote = 0;
      continue;
    }
    if (c == '\'' || c == '"') {
      quote = c;
      out += c;
      continue;
    }
    if (c != '?') {
      out += c;
      continue;
    }
    std::size_t digits = i + 1;
    while (digits < sql.size() && sql[digits] >= '0' && sql[digits] <= '9') ++digits;
    int number = highest + 1;
    if (digits > i + 1) {
      std::from_chars(sql.data() + i + 1, sql.data() + digits, number);
      i = digits - 1;
    }
    highest = std::max(highest, number);
    if (static_cast<int>(named.size()) <= number) named.resize(static_cast<std::size_t>(number) + 1, false);
    named[static_cast<std::size_t>(number)] = true;
    out += '$';
    out += std::to_string(number);
  }
  count = highest;
  return out;
}

class PgStatement final : public sql::StatementBackend {
 public:
  PgStatement(Connection& connection, std::string_view sql, bool cached) : connection_(&connection), cached_(cached) {
    std::vector<bool> named;
    text_ = dollar_parameters(sql, count_, named);
    types_.assign(static_cast<std::size_t>(count_), 0);
    for (int i = 1; i <= count_; ++i) {
      if (!named[static_cast<std::size_t>(i)]) types_[static_cast<std::size_t>(i - 1)] = kTextOid;
    }
    values_.assign(static_cast<std::size_t>(count_), std::nullopt);
  }
  PgStatement(const PgStatement&) = delete;
  PgStatement& operator=(const PgStatement&) = delete;

  bool in_use() const { return in_use_; }
  void take() { in_use_ = true; }

  void bind_text(int index, std::string_view text) override {
    if (text.find('\0') != std::string_view::npos)
      throw std::invalid_argument("text with a NUL character cannot be stored");
    slot(index) = std::string(text);
  }
  void bind_integer(int index, std::int64_t value) override { slot(index) = std::to_string(value); }
  void bind_null(int index) override { slot(index).reset(); }

  bool step() override {
    if (!executed_) execute();
    return ++row_ < rows_;
  }
  std::int64_t changes() const override { return changes_; }

  std::string text(int column) const override {
    const char* value = PQgetvalue(result_.get(), row_, column);
    return std::string(value, static_cast<std::size_t>(PQgetlength(result_.get(), row_, column)));
  }
  std::int64_t integer(int column) const override {
    if (PQgetisnull(result_.get(), row_, column)) return 0;
    const char* value = PQgetvalue(result_.get(), row_, column);
    const char* end = value + PQgetlength(result_.get(), row_, column);
    std::int64_t number = 0;
    auto [ptr, error] = std::from_chars(value, end, number);
    if (error != std::errc() || ptr != end) {
      throw StoreUnavailable("postgres: column " + std::to_string(column) + " is not an integer: '" +
                             std::string(value, end) + "'");
    }
    return number;
  }
  bool is_null(int column) const override { return PQgetisnull(result_.get(), row_, column) != 0; }

  void finish() noexcept override {
    if (!cached_) {
      delete this;
      return;
    }
    result_.reset();
    for (auto& value : values_) value.reset();
    executed_ = false;
    row_ = -1;
    rows_ = 0;
    changes_ = 0;
    in_use_ = false;
  }

 private:
  std::optional<std::string>& slot(int index) {
    if (index < 1 || index > count_) {
      throw std::out_of_range("parameter " + std::to_string(index) + " of a statement with " + std::to_string(count_) +
                              ": " + text_);
    }
    return values_[static_cast<std::size_t>(index - 1)];
  }

  void execute() {
    PGconn* conn = connection_->handle();
    if (name_.empty()) {
      std::string name = connection_->next_statement_name();
      Result prepared(PQprepare(conn, name.c_str(), text_.c_str(), count_, types_.data()));
      if (!succeeded(prepared.get())) fail(conn, prepared.get(), "prepare");
      name_ = std::move(name);
    }
    std::vector<const char*> values(values_.size());
    for (std::size_t i = 0; i < values_.size(); ++i) values[i] = values_[i] ? values_[i]->c_str() : nullptr;
    result_.reset(PQexecPrepared(conn, name_.c_str(), count_, values.data(), nullptr, nullptr, 0));
    executed_ = true;
    if (!succeeded(result_.get())) fail(conn, result_.get(), "statement");
    rows_ = PQntuples(result_.get());
    const char* tuples = PQcmdTuples(result_.get());
    changes_ = 0;
    if (tuples != nullptr && *tuples != '\0')
      std::from_chars(tuples, tuples + std::char_traits<char>::length(tuples), changes_);
  }

  Connection* connection_;
  bool cached_;
  std::string text_;
  std::string name_;  // of the server-side prepared statement, once prepared
  int count_ = 0;
  std::vector<unsigned> types_;
  std::vector<std::optional<std::string>> values_;
  Result result_;
  bool executed_ = false;
  bool in_use_ = false;
  int row_ = -1;
  int rows_ = 0;
  std::int64_t changes_ = 0;
};

Connection::Connection(const std::string& conninfo) {
  conn_ = PQconnectdb(conninfo.c_str());
  if (conn_ == nullptr || PQstatus(conn_) != CONNECTION_OK) {
    std::string message = conn_ != nullptr ? trimmed(PQerrorMessage(conn_)) : "out of memory";
    PQfinish(conn_);
    conn_ = nullptr;
    throw StoreUnavailable("cannot connect to PostgreSQL: " + message);
  }
  // Errors and notices in English whatever the server's locale; no notices on stderr.
  PQsetNoticeProcessor(
      conn_, [](void*, const char*) {}, nullptr);
  execute("SET client_encoding = 'UTF8'; SET lc_messages = 'C'");
}

Connection::~Connection() {
  cache_.clear();
  PQfinish(conn_);
}

void Connection::execute(std::string_view sql) {
  std::string text(sql);
  Result result(PQexec(conn_, text.c_str()));
  if (!succeeded(result.get())) fail(conn_, result.get(), "execute");
}

sql::Statement Connection::prepare(std::string_view sql) {
  auto found = cache_.find(sql);
  if (found != cache_.end() && !found->second->in_use()) {
    found->second->take();
    return sql::Statement(found->second.get());
  }
  if (found == cache_.end() && cache_.size() < kCachedStatements) {
    auto statement = std::make_unique<PgStatement>(*this, sql, true);
    statement->take();
    PgStatement* raw = statement.get();
    cache_.emplace(std::string(sql), std::move(statement));
    return sql::Statement(raw);
  }
  return sql::Statement(new PgStatement(*this, sql, false));
}

bool Connection::in_transaction() const {
  auto status = PQtransactionStatus(conn_);
  return status == PQTRANS_INTRANS || status == PQTRANS_INERROR || status == PQTRANS_ACTIVE;
}

void Connection::begin_write() {
  execute("BEGIN; SELECT pg_advisory_xact_lock(" + std::to_string(kWriterLockKey) + ")");
}

std::int64_t Connection::schema_version() {
  sql::Statement exists = prepare("SELECT to_regclass('tongban_schema') IS NOT NULL");
  exists.step();
  if (exists.text(0) != "t") return 0;
  sql::Statement version = prepare("SELECT coalesce(max(version), 0) FROM tongban_schema");
  version.step();
  return version.integer(0);
}

void Connection::set_schema_version(std::int64_t version) {
  execute(
      "CREATE TABLE IF NOT EXISTS tongban_schema (version BIGINT NOT NULL); DELETE FROM tongban_schema; "
      "INSERT INTO tongban_schema (version) VALUES (" +
      std::to_string(version) + ")");
}

bool Connection::broken() const {
  return PQstatus(conn_) != CONNECTION_OK;
}

}  // namespace tongban::store::postgres
