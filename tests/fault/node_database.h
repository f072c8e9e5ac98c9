// NodeDatabase: a read-only look into a node's SQLite file (<data dir>/tongban.db), for the fault test's accounting
// after (or while) the node runs. The node is a separate process, so this reads what it durably committed: WAL mode
// lets this reader run beside the node's writer and see only committed transactions.
//
// query() returns every row as text columns (NULL as ""); the test phrases its counts in SQL over the tables of
// src/store/sql/migrations.cc. Ownership: owns one read-only connection. Not thread-safe.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

struct sqlite3;

namespace tongban::fault_test {

using Row = std::vector<std::string>;

class NodeDatabase {
 public:
  explicit NodeDatabase(const std::filesystem::path& data_dir);
  ~NodeDatabase();
  NodeDatabase(const NodeDatabase&) = delete;
  NodeDatabase& operator=(const NodeDatabase&) = delete;

  // Every row of a SELECT; std::runtime_error with SQLite's message on any error.
  std::vector<Row> query(const std::string& sql) const;
  // The single integer a SELECT count(*)… answers.
  std::int64_t count(const std::string& sql) const;

 private:
  sqlite3* db_ = nullptr;
};

}  // namespace tongban::fault_test
