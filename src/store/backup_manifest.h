// BackupManifest: what a backup archive holds (docs/operations.md, "The archive"), as the JSON document that is the
// archive's first entry, backup-manifest.json; the second entry, backup-manifest.sha256, is the SHA-256 of exactly
// those bytes in sha256sum's format ("<64 hex>  backup-manifest.json\n").
//
//   {"format": "tongban-backup", "format_version": 1, "tongban_version": "0.1.0",
//    "created_at": "2026-12-01T18:36:32Z", "created_at_ms": 1796150192000, "node_id": "JM", "schema_version": 3,
//    "audit_head": {"sequence": 812, "hash": "<64 hex>"}, "counts": {"cases": 120, "events": 812, "blobs": 360},
//    "entries": [{"path": "tongban.db", "kind": "database", "size": 1081344, "sha256": "<64 hex>"},
//                {"path": "web-secret.key", "kind": "file", "size": 32, "sha256": "…"},
//                {"path": "blobs/3f/3f…", "kind": "blob", "size": 5120, "sha256": "3f…"}, …]}
//
// Entries are listed in archive order: the database, then the other files of the data directory, then the blobs.
// parse_manifest() is strict (the archive is untrusted): every field present with its type, entry paths relative
// and clean (no "", ".", ".." components, no leading '/', no '\\', no control characters), unique, exactly one
// database entry named tongban.db, each blob at blobs/<first 2 hex>/<sha256> of its own hash, no file entry under
// blobs/ or named like the database or the manifest. Anything else throws ArchiveDamaged.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "domain/audit_chain.h"

namespace tongban::store {

inline constexpr std::string_view kManifestName = "backup-manifest.json";
inline constexpr std::string_view kManifestHashName = "backup-manifest.sha256";
inline constexpr std::string_view kDatabaseName = "tongban.db";
inline constexpr std::int64_t kBackupFormatVersion = 1;

enum class EntryKind { database, file, blob };

struct ManifestEntry {
  std::string path;  // relative to the data directory
  EntryKind kind = EntryKind::file;
  std::uint64_t size = 0;
  std::string sha256;  // lowercase hex
};

struct BackupManifest {
  std::int64_t format_version = kBackupFormatVersion;
  std::string tongban_version;
  std::int64_t created_at_ms = 0;
  std::string node_id;
  std::int64_t schema_version = 0;
  domain::ChainHead audit_head;
  std::int64_t cases = 0;
  std::int64_t events = 0;
  std::int64_t blobs = 0;
  std::vector<ManifestEntry> entries;
};

std::string_view to_string(EntryKind kind);
// "2026-12-01T18:36:32Z" for milliseconds since 1970.
std::string utc_text(std::int64_t ms);
// The archive path of a blob: blobs/<first 2 hex>/<sha256>.
std::string blob_entry_path(std::string_view sha256);
// True for a relative path that parse_manifest() would accept as an entry path.
bool is_clean_relative_path(std::string_view path);

std::string serialize_manifest(const BackupManifest& manifest);
BackupManifest parse_manifest(std::string_view json);

// The text of backup-manifest.sha256 for these manifest bytes, and the check of one (ArchiveDamaged on mismatch).
std::string manifest_hash_line(std::string_view manifest_bytes);
void check_manifest_hash(std::string_view manifest_bytes, std::string_view hash_line);

}  // namespace tongban::store
