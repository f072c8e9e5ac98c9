#include "store/backup_archive.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "store/archive_files.h"
#include "store/blob_directory.h"

namespace tongban::store {
namespace {

namespace fs = std::filesystem;

void report(const BackupProgressFn& progress, const BackupProgress& state) {
  if (progress) progress(state);
}

// ---- backup ----

struct DataFile {
  std::string path;   // relative
  std::string bytes;  // as read
};

bool is_excluded_top_level(const std::string& name) {
  return name.rfind(std::string(kDatabaseName), 0) == 0 || name == "blobs" || name == "catalog.new" ||
         name == "catalog.old" || name == kManifestName || name == kManifestHashName;
}

std::string read_whole(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw StoreUnavailable("cannot read " + path.string() + " (did it change while the backup ran?)");
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (in.bad()) throw StoreUnavailable("cannot read " + path.string());
  return std::move(bytes).str();
}

// Every regular file of the data directory except the database, its journal files and the blobs; an append-only
// log (*.jsonl) up to its last complete line, since the node may be appending to it.
std::vector<DataFile> collect_data_files(const fs::path& data_dir, std::vector<std::string>& skipped) {
  std::vector<DataFile> files;
  for (auto it = fs::recursive_directory_iterator(data_dir); it != fs::recursive_directory_iterator(); ++it) {
    const fs::path relative = it->path().lexically_relative(data_dir);
    const std::string text = relative.generic_string();
    if (it.depth() == 0 && is_excluded_top_level(relative.filename().string())) {
      if (it->is_directory()) it.disable_recursion_pending();
      continue;
    }
    if (text.find(".tmp.") != std::string::npos) continue;  // a file being written (blob_directory.cc)
    if (it->is_symlink() || (!it->is_regular_file() && !it->is_directory())) {
      skipped.push_back(text + " (not a regular file)");
      continue;
    }
    if (it->is_directory()) continue;
    if (!is_clean_relative_path(text)) {
      skipped.push_back(text + " (a name the archive cannot hold)");
      continue;
    }
    std::string bytes = read_whole(it->path());
    if (relative.extension() == ".jsonl")
      bytes.resize(bytes.rfind('\n') == std::string::npos ? 0 : bytes.rfind('\n') + 1);
    files.push_back({text, std::move(bytes)});
  }
  std::sort(files.begin(), files.end(), [](const DataFile& a, const DataFile& b) { return a.path < b.path; });
  return files;
}

ManifestEntry hash_file(const fs::path& file, std::string path, EntryKind kind) {
  FileHandle in(file, O_RDONLY | O_CLOEXEC);
  Sha256 hash;
  std::uint64_t size = 0;
  for (std::string chunk = in.read(kArchiveChunk); !chunk.empty(); chunk = in.read(kArchiveChunk)) {
    hash.update(chunk);
    size += chunk.size();
  }
  return {std::move(path), kind, size, hash.hex()};
}

// Streams `file` into the current tar entry; returns the SHA-256 of what was copied. A file shorter or longer
// than `size` throws `Short` (the caller names what that means).
template <typename Short>
std::string copy_into(TarWriter& tar, const fs::path& file, std::uint64_t size,
                      const std::function<void(std::size_t)>& copied) {
  FileHandle in(file, O_RDONLY | O_CLOEXEC);
  Sha256 hash;
  std::uint64_t left = size;
  while (left > 0) {
    std::string chunk = in.read(static_cast<std::size_t>(std::min<std::uint64_t>(kArchiveChunk, left)));
    if (chunk.empty()) throw Short(file.string() + " is shorter than recorded");
    hash.update(chunk);
    tar.write(chunk);
    left -= chunk.size();
    copied(chunk.size());
  }
  if (!in.read(1).empty()) throw Short(file.string() + " is longer than recorded");
  return hash.hex();
}

void check_backup_paths(const BackupOptions& options) {
  const fs::path& data_dir = options.data_dir;
  if (!fs::is_directory(data_dir))
    throw BackupPathRefused("--data-dir " + data_dir.string() + " is not a directory (mistyped path?)");
  if (!fs::is_regular_file(data_dir / kDatabaseName))
    throw BackupPathRefused(data_dir.string() + " has no tongban.db: not a node's data directory");
  const fs::path out = without_trailing_slash(options.out);
  if (out.filename().empty()) throw BackupPathRefused("--out must name a file");
  if (!fs::is_directory(directory_of(out)))
    throw BackupPathRefused("the directory of --out, " + directory_of(out).string() +
                            ", does not exist (mistyped path?)");
  if (fs::exists(fs::symlink_status(out)))
    throw BackupPathRefused(out.string() + " exists already: a backup never overwrites a file; choose a new name");
  const auto data = fs::weakly_canonical(data_dir).generic_string() + "/";
  const auto where = fs::weakly_canonical(directory_of(out)).generic_string() + "/";
  if (where.rfind(data, 0) == 0)
    throw BackupPathRefused("--out " + out.string() + " is inside the data directory: keep archives elsewhere");
}

}  // namespace

std::string_view to_string(BackupPhase phase) {
  switch (phase) {
    case BackupPhase::database: return "database";
    case BackupPhase::files: return "files";
    case BackupPhase::blobs: return "blobs";
    case BackupPhase::verify: return "verify";
  }
  return "database";
}

namespace {

// The manifest of the snapshot: the database copy, the data files, and every blob the snapshot names (each one's
// file present with the size its row records).
BackupManifest manifest_of(const BackupOptions& options, const sqlite::DatabaseSnapshot& snapshot,
                           const fs::path& snapshot_file, const std::vector<DataFile>& files) {
  BackupManifest manifest;
  manifest.tongban_version = options.tongban_version;
  manifest.created_at_ms = options.now_ms;
  manifest.node_id = snapshot.node_code;
  manifest.schema_version = snapshot.schema_version;
  manifest.audit_head = snapshot.audit_head;
  manifest.cases = snapshot.cases;
  manifest.events = snapshot.events;
  manifest.blobs = static_cast<std::int64_t>(snapshot.blobs.size());
  manifest.entries.push_back(hash_file(snapshot_file, std::string(kDatabaseName), EntryKind::database));
  for (const auto& file : files)
    manifest.entries.push_back({file.path, EntryKind::file, file.bytes.size(), sha256_hex(file.bytes)});
  for (const auto& blob : snapshot.blobs) {
    if (!is_sha256_hex(blob.sha256)) throw SourceDamaged("the blobs table names a malformed hash: " + blob.sha256);
    const fs::path file = options.data_dir / blob_entry_path(blob.sha256);
    std::error_code error;
    const auto size = fs::file_size(file, error);
    if (error)
      throw SourceDamaged("blob " + blob.sha256 + " is named by the database but its file " + file.string() +
                          " is missing or unreadable: " + error.message());
    if (static_cast<std::int64_t>(size) != blob.size)
      throw SourceDamaged("blob file " + file.string() + " has " + std::to_string(size) + " bytes, the database says " +
                          std::to_string(blob.size));
    manifest.entries.push_back({blob_entry_path(blob.sha256), EntryKind::blob, size, blob.sha256});
  }
  return manifest;
}

// Writes the entries in the manifest's order: manifest, its hash, database, files, blobs (each blob's SHA-256
// checked against its name as it is copied).
void write_entries(TarWriter& tar, const BackupOptions& options, const BackupManifest& manifest,
                   const fs::path& snapshot_file, const std::vector<DataFile>& files) {
  const std::string manifest_bytes = serialize_manifest(manifest);
  const std::int64_t mtime = options.now_ms / 1000;
  auto add_bytes = [&](std::string_view name, std::string_view bytes) {
    tar.begin_entry(name, bytes.size(), mtime);
    tar.write(bytes);
    tar.end_entry();
  };
  add_bytes(kManifestName, manifest_bytes);
  add_bytes(kManifestHashName, manifest_hash_line(manifest_bytes));
  const ManifestEntry& database = manifest.entries.front();
  tar.begin_entry(database.path, database.size, mtime);
  if (copy_into<StoreUnavailable>(tar, snapshot_file, database.size, [](std::size_t) {}) != database.sha256)
    throw StoreUnavailable("the database snapshot changed while it was archived");
  tar.end_entry();
  BackupProgress state{BackupPhase::files, 0, 0, 0, 0};
  for (const auto& file : files) state.bytes_total += file.bytes.size();
  report(options.progress, state);
  for (const auto& file : files) {
    add_bytes(file.path, file.bytes);
    state.bytes_done += file.bytes.size();
    report(options.progress, state);
  }
  state = {BackupPhase::blobs, 0, 0, 0, manifest.blobs};
  for (const auto& entry : manifest.entries) state.bytes_total += entry.kind == EntryKind::blob ? entry.size : 0;
  report(options.progress, state);
  for (const auto& entry : manifest.entries) {
    if (entry.kind != EntryKind::blob) continue;
    tar.begin_entry(entry.path, entry.size, mtime);
    const fs::path file = options.data_dir / entry.path;
    auto copied = [&](std::size_t n) { state.bytes_done += n; };
    if (copy_into<SourceDamaged>(tar, file, entry.size, copied) != entry.sha256)
      throw SourceDamaged("blob file " + file.string() + " does not match its SHA-256: it is damaged on disk");
    tar.end_entry();
    ++state.blobs_done;
    report(options.progress, state);
  }
}

}  // namespace

BackupResult write_backup(const BackupOptions& options) {
  check_backup_paths(options);
  const fs::path out = without_trailing_slash(options.out);
  const fs::path dir = directory_of(out);
  const std::string stem = "." + out.filename().string();
  const fs::path partial = dir / (stem + ".partial-" + std::to_string(::getpid()));
  const fs::path snapshot_file = dir / (stem + ".db-" + std::to_string(::getpid()));
  for (const auto& scratch_file : {partial, snapshot_file})
    if (fs::exists(fs::symlink_status(scratch_file)))
      throw BackupPathRefused(scratch_file.string() + " exists (left by an interrupted backup?); remove it first");
  Leftovers partial_files, scratch;
  scratch.add(snapshot_file);
  scratch.add(snapshot_file.string() + "-journal");

  BackupResult result;
  auto pages = [&](std::int64_t copied, std::int64_t total) {
    report(options.progress,
           {BackupPhase::database, static_cast<std::uint64_t>(copied), static_cast<std::uint64_t>(total), 0, 0});
  };
  const auto snapshot = sqlite::snapshot_database(options.data_dir / kDatabaseName, snapshot_file, pages);
  const std::vector<DataFile> files = collect_data_files(options.data_dir, result.skipped);
  result.manifest = manifest_of(options, snapshot, snapshot_file, files);
  TarWriter tar(partial);
  partial_files.add(partial);
  write_entries(tar, options, result.manifest, snapshot_file, files);
  tar.finish();
  result.archive_bytes = tar.bytes_written();
  rename_no_replace(partial, out);
  partial_files.release();
  sync_directory(dir);
  return result;
}

}  // namespace tongban::store
