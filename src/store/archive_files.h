// The file handling that backup and restore share (store/backup_archive.cc, store/backup_restore.cc): a streaming
// SHA-256, an owned file descriptor, fsync of a directory, a rename that never replaces, and a guard that removes
// half-written files when a backup or restore fails. Internal to the store module.
#pragma once

#include <sodium.h>
#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace tongban::store {

inline constexpr std::size_t kArchiveChunk = 1 << 20;

class Sha256 {
 public:
  Sha256() { crypto_hash_sha256_init(&state_); }
  void update(std::string_view bytes) {
    crypto_hash_sha256_update(&state_, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  }
  // Lowercase hex; call once.
  std::string hex();

 private:
  crypto_hash_sha256_state state_;
};

// Owns an open file descriptor. StoreUnavailable on every I/O error.
class FileHandle {
 public:
  FileHandle(const std::filesystem::path& path, int flags, mode_t mode = 0);
  ~FileHandle();
  FileHandle(const FileHandle&) = delete;
  FileHandle& operator=(const FileHandle&) = delete;
  // Up to n bytes; "" at the end of the file.
  std::string read(std::size_t n);
  void write(std::string_view bytes);
  void sync();

 private:
  std::filesystem::path path_;
  int fd_;
};

void sync_directory(const std::filesystem::path& directory);
// rename(2) that fails with BackupPathRefused when `to` exists.
void rename_no_replace(const std::filesystem::path& from, const std::filesystem::path& to);
// The directory a path is in ("." for a bare name).
std::filesystem::path directory_of(const std::filesystem::path& path);
// "a/b/" -> "a/b", lexically normalised.
std::filesystem::path without_trailing_slash(std::filesystem::path path);
// 20261201T183632Z, for file names.
std::string compact_utc(std::int64_t ms);

// Removes the paths it holds (recursively) when destroyed, unless released.
class Leftovers {
 public:
  Leftovers() = default;
  Leftovers(const Leftovers&) = delete;
  Leftovers& operator=(const Leftovers&) = delete;
  ~Leftovers();
  void add(std::filesystem::path path) { paths_.push_back(std::move(path)); }
  void release() { paths_.clear(); }

 private:
  std::vector<std::filesystem::path> paths_;
};

}  // namespace tongban::store
