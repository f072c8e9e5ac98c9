// Backup and restore of a node's data directory as one archive file (docs/operations.md, "Backup and restore").
//
// write_backup() works while the node serves: the database is copied with SQLite's online backup API from one read
// snapshot (store/sqlite/online_backup.h); then exactly the blobs that snapshot's `blobs` table names are copied,
// each one's SHA-256 checked against its name as it is read; then the data directory's other files (the web
// secret web-secret.key, the live catalog/ tree, and any key an operator keeps there) — so the
// archive HOLDS SECRETS. It is a POSIX ustar file (store/tar_stream.h) whose first entry is the manifest
// (store/backup_manifest.h) and second the manifest's SHA-256; it is written as a hidden ".<name>.partial-<pid>"
// beside --out with mode 0600 whatever the umask, fsynced, and renamed to --out only when complete (never over an
// existing file). Nothing in the data directory is written.
//
// restore_backup() never writes into the target until the whole archive checked out: it extracts into a hidden
// ".<name>.restoring-<pid>" directory beside the target (0700, files 0600), verifying the manifest's hash, every
// entry's name, order, size and SHA-256 against the manifest, the end of the archive, then PRAGMA integrity_check,
// the schema version, the blobs table against the blob entries and the audit chain up to the manifest's head; only
// then is it renamed to the target. Any failure removes the staging directory and leaves the target as it was.
// The target must not exist; with `replace`, an existing one is moved aside to "<target>.before-restore-<UTC time>"
// (never deleted) unless it looks in use by a node (tongban.db-wal or tongban.db-shm present).
//
// Errors, each a StoreError: BackupPathRefused (a path or option refused before anything is written),
// SourceDamaged (backup: a blob named by the database is missing or does not match its hash), ArchiveDamaged
// (store/tar_stream.h; restore: damaged, incomplete, altered or not a backup), RestoredDataDamaged (restore: the
// archive is intact but its database fails a check), StoreUnavailable (I/O).
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "store/backup_manifest.h"
#include "store/sqlite/online_backup.h"
#include "store/store_error.h"
#include "store/tar_stream.h"

namespace tongban::store {

class BackupPathRefused : public StoreError {
 public:
  using StoreError::StoreError;
};

class SourceDamaged : public StoreError {
 public:
  using StoreError::StoreError;
};

class RestoredDataDamaged : public StoreError {
 public:
  using StoreError::StoreError;
};

enum class BackupPhase { database, files, blobs, verify };
std::string_view to_string(BackupPhase phase);

struct BackupProgress {
  BackupPhase phase = BackupPhase::database;
  std::uint64_t bytes_done = 0;  // database: pages copied; files/blobs/verify: bytes
  std::uint64_t bytes_total = 0;
  std::int64_t blobs_done = 0;
  std::int64_t blobs_total = 0;
};
using BackupProgressFn = std::function<void(const BackupProgress&)>;

struct BackupOptions {
  std::filesystem::path data_dir;
  std::filesystem::path out;
  std::string tongban_version;
  std::int64_t now_ms = 0;
  BackupProgressFn progress;
};

struct BackupResult {
  BackupManifest manifest;
  std::uint64_t archive_bytes = 0;
  std::vector<std::string> skipped;  // data-directory entries left out (not regular files), for a warning
};

BackupResult write_backup(const BackupOptions& options);

struct RestoreOptions {
  std::filesystem::path archive;
  std::filesystem::path data_dir;
  bool replace = false;
  std::int64_t now_ms = 0;
  BackupProgressFn progress;
  // Further checks of the staged directory (e.g. the federation message log) before it is moved into place; throw
  // RestoredDataDamaged to refuse it.
  std::function<void(const std::filesystem::path& staged, const BackupManifest& manifest)> check_staged;
};

struct RestoreResult {
  BackupManifest manifest;
  sqlite::DatabaseCheck database;
  std::filesystem::path moved_aside;  // where --replace put the old target ("" if none)
};

RestoreResult restore_backup(const RestoreOptions& options);

}  // namespace tongban::store
