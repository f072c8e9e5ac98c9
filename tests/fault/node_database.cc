#include "node_database.h"

#include <sqlite3.h>

#include <stdexcept>

namespace tongban::fault_test {

NodeDatabase::NodeDatabase(const std::filesystem::path& data_dir) {
  const std::string file = (data_dir / "tongban.db").string();
  if (sqlite3_open_v2(file.c_str(), &db_, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    std::string message = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    throw std::runtime_error("cannot open " + file + ": " + message);
  }
  sqlite3_busy_timeout(db_, 5000);
}

NodeDatabase::~NodeDatabase() {
  sqlite3_close(db_);
}

std::vector<Row> NodeDatabase::query(const std::string& sql) const {
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

std::int64_t NodeDatabase::count(const std::string& sql) const {
  auto rows = query(sql);
  if (rows.size() != 1 || rows[0].size() != 1) throw std::runtime_error("not a single value: " + sql);
  return std::stoll(rows[0][0]);
}

}  // namespace tongban::fault_test
