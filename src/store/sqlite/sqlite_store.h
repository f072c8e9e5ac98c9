// The SQLite implementation of store::Store: one database file <data_dir>/tongban.db in WAL mode with
// synchronous=FULL, blobs as files under <data_dir>/blobs/. One writer connection owned by the writer thread
// (group commit, see store/store.h); read-only connections, one per reading thread, opened on first use.
//
// open_sqlite_store creates data_dir and the database if needed and applies pending migrations
// (store/sql/migrations.h) in one transaction. It throws StoreUnavailable if the file cannot be opened or was
// written by a newer version of tongban (its schema version is higher than the code knows).
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "store/store.h"

namespace tongban::store {

struct SqliteStoreOptions {
  std::filesystem::path data_dir;
  std::string node_code = "JM";  // prefix of case ids: "<node_code>-<YYYY>-<seq>"
  int utc_offset_minutes = 480;  // the node's local time, for the year in case ids
  int max_batch = 256;           // jobs per group commit at most
  int busy_timeout_ms = 5000;
};

std::unique_ptr<Store> open_sqlite_store(const SqliteStoreOptions& options);

}  // namespace tongban::store
