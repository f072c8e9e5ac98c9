#include "node_database.h"

#include <libpq-fe.h>
#include <sqlite3.h>

#include <stdexcept>

#include "node_store.h"

namespace tongban::fault_test {

class NodeDatabase::Session {
 public:
  virtual ~Session() = default;
  virtual std::vector<Row> query(const std::string& sql) = 0;
  virtual std::string begin_snapshot() const = 0;
  virtual std::string integrity() = 0;
};

namespace {

class SqliteSession final : public NodeDatabase::Session {
 public:
  explicit SqliteSession(const std::filesystem::path& file) {
    if (sqlite3_open_v2(file.c_str(), &db_, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
      std::string message = db_ ? sqlite3_errmsg(db_) : "out of memory";
      sqlite3_close(db_);
      throw std::runtime_error("cannot open " + file.string() + ": " + message);
    }
    sqlite3_busy_timeout(db_, 5000);
  }
  ~SqliteSession() override { sqlite3_close(db_); }
  SqliteSession(const SqliteSession&) = delete;
  SqliteSession& operator=(const SqliteSession&) = delete;

  std::vector<Row> query(const std::string& sql) override {
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &statement, nullptr) != SQLITE_OK)
      throw std::runtime_error(std::string("SQL error: ") + sqlite3_errmsg(db_) + " in " + sql);
    std::vector<Row> rows;
    int step = SQLITE_ROW;
    while ((step = sqlite3_step(statement)) == SQLITE_ROW) {
      Row row;
      for (int i = 0; i < sqlite3_column_count(statement); ++i) {
        const unsigned char* text = sqlite3_column_text(statement, i);
        row.emplace_back(text ? reinterpret_cast<const char*>(text) : "");
      }
      rows.push_back(std::move(row));
    }
    std::string error = step == SQLITE_DONE ? "" : sqlite3_errmsg(db_);
    sqlite3_finalize(statement);
    if (!error.empty()) throw std::runtime_error("SQL error: " + error + " in " + sql);
    return rows;
  }

  // A deferred read transaction: its snapshot is taken at the first SELECT and kept to the end.
  std::string begin_snapshot() const override { return "BEGIN"; }

  std::string integrity() override {
    std::string result;
    for (const Row& row : query("PRAGMA integrity_check")) result += (result.empty() ? "" : "; ") + row.at(0);
    return result;
  }

 private:
  sqlite3* db_ = nullptr;
};

class PostgresSession final : public NodeDatabase::Session {
 public:
  explicit PostgresSession(const std::string& url) : conn_(PQconnectdb(url.c_str())) {
    if (conn_ == nullptr || PQstatus(conn_) != CONNECTION_OK) {
      std::string message = conn_ ? PQerrorMessage(conn_) : "out of memory";
      PQfinish(conn_);
      throw std::runtime_error("cannot connect to " + url + ": " + message);
    }
    query("SET client_min_messages = warning");  // not CREATE EXTENSION IF NOT EXISTS's notice on every check
  }
  ~PostgresSession() override { PQfinish(conn_); }
  PostgresSession(const PostgresSession&) = delete;
  PostgresSession& operator=(const PostgresSession&) = delete;

  std::vector<Row> query(const std::string& sql) override {
    std::unique_ptr<PGresult, decltype(&PQclear)> result(PQexec(conn_, sql.c_str()), &PQclear);
    const ExecStatusType status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK)
      throw std::runtime_error(std::string("SQL error: ") + PQerrorMessage(conn_) + " in " + sql);
    std::vector<Row> rows;
    for (int r = 0; r < PQntuples(result.get()); ++r) {
      Row row;
      for (int c = 0; c < PQnfields(result.get()); ++c)
        row.emplace_back(PQgetvalue(result.get(), r, c), static_cast<std::size_t>(PQgetlength(result.get(), r, c)));
      rows.push_back(std::move(row));
    }
    return rows;
  }

  // READ COMMITTED (the default) would take a new snapshot per statement.
  std::string begin_snapshot() const override { return "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"; }

  std::string integrity() override {
    query("CREATE EXTENSION IF NOT EXISTS amcheck");
    try {
      query(
          "SELECT bt_index_check(c.oid::regclass, true) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
          "JOIN pg_am a ON a.oid = c.relam WHERE a.amname = 'btree' AND i.indisvalid AND c.relpersistence = 'p' "
          "AND c.relnamespace = current_schema()::regnamespace");
    } catch (const std::runtime_error& complaint) {
      return complaint.what();
    }
    return "ok";
  }

 private:
  PGconn* conn_;
};

}  // namespace

NodeDatabase::NodeDatabase(const std::filesystem::path& data_dir) {
  if (std::string url = node_store(data_dir); !url.empty())
    session_ = std::make_unique<PostgresSession>(url);
  else
    session_ = std::make_unique<SqliteSession>(data_dir / "tongban.db");
}

NodeDatabase::~NodeDatabase() = default;

std::vector<Row> NodeDatabase::query(const std::string& sql) const {
  return session_->query(sql);
}

std::int64_t NodeDatabase::count(const std::string& sql) const {
  auto rows = query(sql);
  if (rows.size() != 1 || rows[0].size() != 1) throw std::runtime_error("not a single value: " + sql);
  return std::stoll(rows[0][0]);
}

std::vector<std::vector<Row>> NodeDatabase::snapshot(const std::vector<std::string>& queries) const {
  session_->query(session_->begin_snapshot());
  std::vector<std::vector<Row>> results;
  try {
    for (const auto& sql : queries) results.push_back(session_->query(sql));
  } catch (...) {
    session_->query("ROLLBACK");
    throw;
  }
  session_->query("COMMIT");
  return results;
}

std::string NodeDatabase::integrity() const {
  return session_->integrity();
}

}  // namespace tongban::fault_test
