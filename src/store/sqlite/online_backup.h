// The database half of a backup and of a restore, with SQLite's own tools; used by store/backup_archive.h.
//
// snapshot_database() copies a live database (another process may have it open in WAL mode and keep committing)
// into a new file with the online backup API (sqlite3_backup_init / _step / _finish), from a read-only connection
// that first opens ONE read transaction (BEGIN, then a read): sqlite3_backup_step uses an open read transaction of
// its source rather than one per step, so every step copies pages of the same snapshot and the copy is never
// restarted by the node's commits, while the node keeps writing (WAL: a reader does not block the writer). The same
// transaction reads what the archive's manifest needs of that snapshot: the blobs its `blobs` table names (a blob's
// file is durable before its row commits, store.h, so each one named here is on disk), the audit chain's head,
// the schema version, the node code (prefix of the case ids) and counts.
//
// check_database() examines a restored copy before it is put in place: PRAGMA integrity_check, the schema version,
// the blobs table and the whole audit event chain (domain::ChainVerifier), anchored at the head the manifest
// recorded, so a chain cut short or re-sealed after the snapshot shows.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "domain/audit_chain.h"

namespace tongban::store::sqlite {

struct SnapshotBlob {
  std::string sha256;
  std::int64_t size = 0;
};

struct DatabaseSnapshot {
  std::int64_t schema_version = 0;
  std::vector<SnapshotBlob> blobs;  // every row of `blobs`, by sha256
  domain::ChainHead audit_head;     // last event of the snapshot (sequence 0 and 64 zeros if none)
  std::string node_code;            // prefix of the first case id ("" when there is no case)
  std::int64_t cases = 0;
  std::int64_t events = 0;
  std::int64_t pages = 0;  // database pages copied
};

// Called after each step with pages copied so far and the total.
using PageProgress = std::function<void(std::int64_t copied, std::int64_t total)>;

// Copies `source` (a tongban.db) into `destination`, a file that must not exist yet (created 0600). The source is
// opened read-only and never written. StoreUnavailable on any SQLite or I/O error (the destination is removed).
DatabaseSnapshot snapshot_database(const std::filesystem::path& source, const std::filesystem::path& destination,
                                   const PageProgress& progress = {});

struct DatabaseCheck {
  std::string integrity;  // "ok", or the first lines PRAGMA integrity_check reported
  std::int64_t schema_version = 0;
  std::vector<SnapshotBlob> blobs;
  std::int64_t cases = 0;
  std::int64_t events = 0;
  std::optional<domain::ChainBreak> chain_break;  // nullopt: the chain is intact and reaches the anchor
  domain::ChainHead audit_head;                   // last event verified
  bool ok() const { return integrity == "ok" && !chain_break; }
};

// Examines the database file `database` (nothing else has it open). The chain is only walked when the integrity
// check passed. StoreUnavailable when it does not open as a database at all.
DatabaseCheck check_database(const std::filesystem::path& database, const domain::ChainHead& anchor);

}  // namespace tongban::store::sqlite
