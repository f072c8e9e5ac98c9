#include "store/backup_manifest.h"

#include <fmt/format.h>

#include <boost/json.hpp>
#include <ctime>
#include <set>

#include "store/blob_directory.h"
#include "store/tar_stream.h"

namespace tongban::store {
namespace {

namespace json = boost::json;

[[noreturn]] void bad(std::string_view what) {
  throw ArchiveDamaged("the backup manifest is not valid: " + std::string(what));
}

}  // namespace

std::string utc_text(std::int64_t ms) {
  std::time_t seconds = static_cast<std::time_t>(ms / 1000);
  std::tm parts{};
  gmtime_r(&seconds, &parts);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday,
                     parts.tm_hour, parts.tm_min, parts.tm_sec);
}

namespace {

const json::value& field(const json::object& object, std::string_view key) {
  const json::value* value = object.if_contains(key);
  if (!value) bad("no \"" + std::string(key) + "\"");
  return *value;
}

std::string text_field(const json::object& object, std::string_view key) {
  const json::value& value = field(object, key);
  if (!value.is_string()) bad("\"" + std::string(key) + "\" is not a string");
  return std::string(value.as_string());
}

std::int64_t integer_field(const json::object& object, std::string_view key) {
  const json::value& value = field(object, key);
  if (value.is_int64() && value.as_int64() >= 0) return value.as_int64();
  if (value.is_uint64() && value.as_uint64() <= static_cast<std::uint64_t>(INT64_MAX))
    return static_cast<std::int64_t>(value.as_uint64());
  bad("\"" + std::string(key) + "\" is not a non-negative integer");
}

const json::object& object_field(const json::object& object, std::string_view key) {
  const json::value& value = field(object, key);
  if (!value.is_object()) bad("\"" + std::string(key) + "\" is not an object");
  return value.as_object();
}

EntryKind kind_of(std::string_view word) {
  if (word == "database") return EntryKind::database;
  if (word == "file") return EntryKind::file;
  if (word == "blob") return EntryKind::blob;
  bad("unknown entry kind \"" + std::string(word) + "\"");
}

ManifestEntry parse_entry(const json::value& value) {
  if (!value.is_object()) bad("an entry is not an object");
  const auto& object = value.as_object();
  ManifestEntry entry{text_field(object, "path"), kind_of(text_field(object, "kind")),
                      static_cast<std::uint64_t>(integer_field(object, "size")), text_field(object, "sha256")};
  if (!is_clean_relative_path(entry.path)) bad("entry path \"" + entry.path + "\" is not a clean relative path");
  if (!is_sha256_hex(entry.sha256)) bad("entry " + entry.path + " has no SHA-256 in lowercase hex");
  const bool under_blobs = entry.path.rfind("blobs/", 0) == 0;
  const bool database_like = entry.path.rfind(std::string(kDatabaseName), 0) == 0;
  switch (entry.kind) {
    case EntryKind::database:
      if (entry.path != kDatabaseName) bad("the database entry is not named tongban.db");
      break;
    case EntryKind::blob:
      if (entry.path != blob_entry_path(entry.sha256)) bad("blob entry " + entry.path + " is not at its hash's path");
      break;
    case EntryKind::file:
      if (under_blobs || database_like || entry.path == kManifestName || entry.path == kManifestHashName)
        bad("file entry " + entry.path + " has a reserved name");
      break;
  }
  return entry;
}

}  // namespace

std::string_view to_string(EntryKind kind) {
  switch (kind) {
    case EntryKind::database: return "database";
    case EntryKind::file: return "file";
    case EntryKind::blob: return "blob";
  }
  return "file";
}

std::string blob_entry_path(std::string_view sha256) {
  return "blobs/" + std::string(sha256.substr(0, 2)) + "/" + std::string(sha256);
}

bool is_clean_relative_path(std::string_view path) {
  if (path.empty() || path.size() > 255 || path.front() == '/' || path.back() == '/') return false;
  for (unsigned char c : path)
    if (c < 0x20 || c == 0x7f || c == '\\') return false;
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    std::string_view part = path.substr(start, end - start);
    if (part.empty() || part == "." || part == "..") return false;
    start = end + 1;
  }
  return true;
}

std::string serialize_manifest(const BackupManifest& manifest) {
  json::array entries;
  for (const auto& entry : manifest.entries)
    entries.push_back(
        {{"path", entry.path}, {"kind", to_string(entry.kind)}, {"size", entry.size}, {"sha256", entry.sha256}});
  json::object document{
      {"format", "tongban-backup"},
      {"format_version", manifest.format_version},
      {"tongban_version", manifest.tongban_version},
      {"created_at", utc_text(manifest.created_at_ms)},
      {"created_at_ms", manifest.created_at_ms},
      {"node_id", manifest.node_id},
      {"schema_version", manifest.schema_version},
      {"audit_head", {{"sequence", manifest.audit_head.sequence}, {"hash", manifest.audit_head.hash}}},
      {"counts", {{"cases", manifest.cases}, {"events", manifest.events}, {"blobs", manifest.blobs}}},
      {"entries", std::move(entries)},
  };
  return json::serialize(document) + "\n";
}

BackupManifest parse_manifest(std::string_view text) {
  boost::system::error_code error;
  json::value document = json::parse(text, error);
  if (error || !document.is_object()) bad("not a JSON object");
  const auto& object = document.as_object();
  if (text_field(object, "format") != "tongban-backup") bad("not a tongban backup");
  BackupManifest manifest;
  manifest.format_version = integer_field(object, "format_version");
  if (manifest.format_version != kBackupFormatVersion)
    bad("format_version " + std::to_string(manifest.format_version) + " (this tongban reads version " +
        std::to_string(kBackupFormatVersion) + ")");
  manifest.tongban_version = text_field(object, "tongban_version");
  manifest.created_at_ms = integer_field(object, "created_at_ms");
  manifest.node_id = text_field(object, "node_id");
  manifest.schema_version = integer_field(object, "schema_version");
  const auto& head = object_field(object, "audit_head");
  manifest.audit_head = {integer_field(head, "sequence"), text_field(head, "hash")};
  if (!is_sha256_hex(manifest.audit_head.hash)) bad("audit_head.hash is not a SHA-256");
  const auto& counts = object_field(object, "counts");
  manifest.cases = integer_field(counts, "cases");
  manifest.events = integer_field(counts, "events");
  manifest.blobs = integer_field(counts, "blobs");
  const json::value& entries = field(object, "entries");
  if (!entries.is_array()) bad("\"entries\" is not an array");
  std::set<std::string, std::less<>> seen;
  std::int64_t databases = 0, blobs = 0;
  for (const auto& value : entries.as_array()) {
    ManifestEntry entry = parse_entry(value);
    if (!seen.insert(entry.path).second) bad("entry " + entry.path + " is listed twice");
    databases += entry.kind == EntryKind::database ? 1 : 0;
    blobs += entry.kind == EntryKind::blob ? 1 : 0;
    manifest.entries.push_back(std::move(entry));
  }
  if (databases != 1) bad("there must be exactly one database entry");
  if (blobs != manifest.blobs) bad("counts.blobs does not match the blob entries");
  return manifest;
}

std::string manifest_hash_line(std::string_view manifest_bytes) {
  return sha256_hex(manifest_bytes) + "  " + std::string(kManifestName) + "\n";
}

void check_manifest_hash(std::string_view manifest_bytes, std::string_view hash_line) {
  if (hash_line != manifest_hash_line(manifest_bytes))
    throw ArchiveDamaged("the backup manifest does not match its SHA-256 (" + std::string(kManifestHashName) +
                         "): the manifest or its hash was altered or damaged");
}

}  // namespace tongban::store
