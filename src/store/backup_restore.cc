// restore_backup() of store/backup_archive.h: extract into a staging directory beside the target, verify
// everything, then rename into place.
#include <fcntl.h>
#include <unistd.h>

#include <map>
#include <set>

#include "store/archive_files.h"
#include "store/backup_archive.h"
#include "store/private_files.h"
#include "store/sql/migrations.h"

namespace tongban::store {
namespace {

namespace fs = std::filesystem;

constexpr std::uint64_t kManifestLimit = 512ULL << 20;
constexpr std::uint64_t kHashLineLimit = 256;

[[noreturn]] void damaged(const std::string& what) {
  throw ArchiveDamaged(what);
}

// Where the restore goes, checked before anything is written.
struct Target {
  fs::path path;
  fs::path parent;
  bool exists = false;
  bool empty = false;
};

Target check_target(const RestoreOptions& options) {
  if (!fs::is_regular_file(options.archive))
    throw BackupPathRefused("--archive " + options.archive.string() + " is not a file (mistyped path?)");
  Target target;
  target.path = without_trailing_slash(options.data_dir);
  if (target.path.empty() || target.path.filename().empty() || target.path.filename() == "." ||
      target.path.filename() == "..")
    throw BackupPathRefused("--data-dir must name the new data directory");
  target.parent = directory_of(target.path);
  if (!fs::is_directory(target.parent))
    throw BackupPathRefused("the parent of --data-dir, " + target.parent.string() +
                            ", does not exist (mistyped path?); restore creates only the last directory");
  const auto status = fs::symlink_status(target.path);
  target.exists = fs::exists(status);
  if (!target.exists) return target;
  if (!fs::is_directory(status))
    throw BackupPathRefused(target.path.string() + " exists and is not a directory; nothing was changed");
  target.empty = fs::is_empty(target.path);
  if (!options.replace)
    throw BackupPathRefused(target.path.string() + (target.empty ? " exists (empty)" : " exists and is not empty") +
                            ": restore never writes into an existing directory; give a new one, or --replace to "
                            "move this one aside");
  for (const char* live : {"tongban.db-wal", "tongban.db-shm"})
    if (fs::exists(target.path / live))
      throw BackupPathRefused(target.path.string() + " has " + live +
                              ": a node may be running on it (or stopped uncleanly); stop it, or move the directory "
                              "away yourself; nothing was changed");
  return target;
}

std::string read_small_entry(TarReader& reader, const TarEntry& entry, std::uint64_t limit) {
  if (entry.size > limit)
    damaged("archive entry " + entry.name + " is implausibly large (" + std::to_string(entry.size) + " bytes)");
  std::string bytes;
  for (std::string chunk = reader.read(kArchiveChunk); !chunk.empty(); chunk = reader.read(kArchiveChunk))
    bytes += chunk;
  return bytes;
}

BackupManifest read_manifest(TarReader& reader, const fs::path& archive) {
  std::optional<TarEntry> first;
  try {
    first = reader.next();
  } catch (const ArchiveDamaged& error) {
    damaged(archive.string() + " is not a tongban backup (" + error.what() + ")");
  }
  if (!first || first->name != kManifestName)
    damaged(archive.string() + " is not a tongban backup: its first entry is not " + std::string(kManifestName));
  const std::string manifest_bytes = read_small_entry(reader, *first, kManifestLimit);
  auto second = reader.next();
  if (!second || second->name != kManifestHashName)
    damaged(archive.string() + ": the manifest's hash (" + std::string(kManifestHashName) + ") is missing");
  check_manifest_hash(manifest_bytes, read_small_entry(reader, *second, kHashLineLimit));
  BackupManifest manifest = parse_manifest(manifest_bytes);
  if (manifest.schema_version > sql::latest_schema_version())
    damaged("the archive holds schema version " + std::to_string(manifest.schema_version) +
            ", newer than this tongban knows (" + std::to_string(sql::latest_schema_version()) +
            "): restore it with the tongban version that wrote it (" + manifest.tongban_version + ")");
  return manifest;
}

// Creates the directories of `relative` under root, 0700, remembering them for the final fsync.
void make_parents(const fs::path& root, const fs::path& relative, std::set<fs::path>& made) {
  fs::path at = root;
  for (auto part = relative.begin(); std::next(part) != relative.end(); ++part) {
    at /= *part;
    if (made.insert(at).second) make_private_directory(at);
  }
}

void extract_entry(TarReader& reader, const ManifestEntry& entry, const fs::path& file) {
  FileHandle out(file, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  make_private_file(file);
  Sha256 hash;
  for (std::string chunk = reader.read(kArchiveChunk); !chunk.empty(); chunk = reader.read(kArchiveChunk)) {
    hash.update(chunk);
    out.write(chunk);
  }
  if (hash.hex() != entry.sha256)
    damaged("archive entry " + entry.path + " does not match its SHA-256 in the manifest (damaged or altered)");
  out.sync();
}

void extract_all(TarReader& reader, const BackupManifest& manifest, const fs::path& staging,
                 const RestoreOptions& options, std::uint64_t archive_size) {
  std::set<std::string, std::less<>> listed;
  for (const auto& entry : manifest.entries) listed.insert(entry.path);
  std::set<fs::path> made{staging};
  BackupProgress state{BackupPhase::verify, 0, archive_size, 0, manifest.blobs};
  for (const auto& entry : manifest.entries) {
    auto header = reader.next();
    if (!header) damaged("the archive ends before entry " + entry.path + " (truncated or incomplete)");
    if (header->name != entry.path)
      damaged("archive entry " + header->name +
              (listed.count(header->name) ? " is out of the manifest's order" : " is not in the manifest") +
              " (expected " + entry.path + ")");
    if (header->size != entry.size)
      damaged("archive entry " + entry.path + " has " + std::to_string(header->size) + " bytes, the manifest says " +
              std::to_string(entry.size));
    make_parents(staging, entry.path, made);
    extract_entry(reader, entry, staging / entry.path);
    state.bytes_done = reader.offset();
    if (entry.kind == EntryKind::blob) ++state.blobs_done;
    if (options.progress) options.progress(state);
  }
  if (auto extra = reader.next()) damaged("archive entry " + extra->name + " is not in the manifest (extra entry)");
  for (const auto& directory : made) sync_directory(directory);
}

void check_restored_database(const fs::path& staging, const BackupManifest& manifest, sqlite::DatabaseCheck& check) {
  check = sqlite::check_database(staging / kDatabaseName, manifest.audit_head);
  if (check.integrity != "ok")
    throw RestoredDataDamaged("the restored database fails PRAGMA integrity_check: " + check.integrity);
  if (check.chain_break)
    throw RestoredDataDamaged("the restored audit chain is broken at event " +
                              std::to_string(check.chain_break->sequence) + ": " + check.chain_break->reason);
  if (check.schema_version != manifest.schema_version || check.cases != manifest.cases ||
      check.events != manifest.events)
    damaged("the database does not match the manifest's schema version or counts");
  std::map<std::string, std::uint64_t, std::less<>> blob_entries;
  for (const auto& entry : manifest.entries)
    if (entry.kind == EntryKind::blob) blob_entries.emplace(entry.sha256, entry.size);
  if (check.blobs.size() != blob_entries.size())
    damaged("the database names " + std::to_string(check.blobs.size()) + " blobs, the archive holds " +
            std::to_string(blob_entries.size()));
  for (const auto& blob : check.blobs) {
    auto found = blob_entries.find(blob.sha256);
    if (found == blob_entries.end() || static_cast<std::int64_t>(found->second) != blob.size)
      damaged("blob " + blob.sha256 + " named by the database is not in the archive as recorded");
  }
}

}  // namespace

RestoreResult restore_backup(const RestoreOptions& options) {
  const Target target = check_target(options);
  const fs::path staging =
      target.parent / ("." + target.path.filename().string() + ".restoring-" + std::to_string(::getpid()));
  if (fs::exists(fs::symlink_status(staging)))
    throw BackupPathRefused(staging.string() + " exists (left by another restore?); remove it first");
  Leftovers leftovers;
  leftovers.add(staging);
  make_private_directory(staging);

  RestoreResult result;
  TarReader reader(options.archive);
  result.manifest = read_manifest(reader, options.archive);
  extract_all(reader, result.manifest, staging, options, fs::file_size(options.archive));
  check_restored_database(staging, result.manifest, result.database);
  if (options.check_staged) options.check_staged(staging, result.manifest);
  for (const char* scratch : {"tongban.db-wal", "tongban.db-shm"}) fs::remove(staging / scratch);

  if (target.exists) {
    if (target.empty) {
      fs::remove(target.path);
    } else {
      result.moved_aside = target.path.string() + ".before-restore-" + compact_utc(options.now_ms);
      rename_no_replace(target.path, result.moved_aside);
    }
  }
  rename_no_replace(staging, target.path);
  leftovers.release();
  sync_directory(target.parent);
  return result;
}

}  // namespace tongban::store
