// NodeDatabase: a look into a node's database for the fault tests' accounting after (or while) the node runs — its
// SQLite file (<data dir>/tongban.db, opened read-only) or, in the pg.* runs, its PostgreSQL database (the one
// node_store.h names for the data directory, the URL the node process was given). The node is a separate process,
// so this reads what it durably committed: SQLite's WAL mode and PostgreSQL's MVCC let this reader run beside the
// node's writer and see only committed transactions.
//
// query() returns every row as text columns (NULL as ""); the tests phrase their counts in SQL over the tables of
// src/store/sql/migrations.cc, in the dialect both run (store/sql/connection.h: no SQLite-only functions, a subquery
// in FROM named). Everything here reads, except integrity() on PostgreSQL, which installs the amcheck extension in
// the node's (throwaway) database. Ownership: owns one connection. Not thread-safe.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace tongban::fault_test {

using Row = std::vector<std::string>;

class NodeDatabase {
 public:
  explicit NodeDatabase(const std::filesystem::path& data_dir);
  ~NodeDatabase();
  NodeDatabase(const NodeDatabase&) = delete;
  NodeDatabase& operator=(const NodeDatabase&) = delete;

  // Every row of a SELECT; std::runtime_error with the database's message on any error.
  std::vector<Row> query(const std::string& sql) const;
  // The single integer a SELECT count(*)… answers.
  std::int64_t count(const std::string& sql) const;
  // The rows of each SELECT, all read in ONE read transaction: one consistent snapshot beside the running node's
  // writer (SQLite: a WAL read transaction; PostgreSQL: REPEATABLE READ, READ ONLY).
  std::vector<std::vector<Row>> snapshot(const std::vector<std::string>& queries) const;
  // The database's own check of its storage: "ok", or its complaints. SQLite: PRAGMA integrity_check. PostgreSQL:
  // amcheck's bt_index_check with heapallindexed over every valid B-tree index of the node's schema (each index
  // consistent, and every table row in it).
  std::string integrity() const;

  class Session;  // the backend (node_database.cc)

 private:
  std::unique_ptr<Session> session_;
};

}  // namespace tongban::fault_test
