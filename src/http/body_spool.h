// BodySpool: a request body written to a private temporary file while it is read, and hashed (SHA-256) on the way,
// so a large upload never sits whole in memory.
//
// The file is <directory>/body-<random>.part, created with O_EXCL and mode 0600; the directory is the server's
// spool directory (ServerOptions::spool_dir, <data-dir>/spool), on the same filesystem as the blob store so the
// store can take the file by renaming it (store::Store::put_blob_file). The destructor removes the file unless
// moved_away() said it has been renamed elsewhere. Not thread-safe: one reader appends, then one handler reads.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

namespace tongban::http {

class BodySpool {
 public:
  static constexpr std::size_t kHeadBytes = 4096;  // kept in memory too, for content sniffing

  // Throws std::runtime_error when the file cannot be created.
  explicit BodySpool(const std::filesystem::path& directory);
  ~BodySpool();
  BodySpool(const BodySpool&) = delete;
  BodySpool& operator=(const BodySpool&) = delete;

  // Throws std::runtime_error on a write error.
  void append(std::string_view bytes);
  // Flushes the file to disk (fsync) and completes the hash. Throws std::runtime_error on an I/O error.
  void finish();

  const std::filesystem::path& path() const { return path_; }
  std::uint64_t size() const { return size_; }
  // Lowercase hex SHA-256 of the bytes; valid after finish().
  const std::string& sha256() const { return sha256_; }
  // The first kHeadBytes bytes (fewer when the body is shorter).
  std::string_view head() const { return head_; }
  // The file was renamed away by its new owner: do not remove it.
  void moved_away() { moved_ = true; }

  // Removes files a previous run left behind (body-*.part) and makes the directory (0700) if missing.
  static void prepare_directory(const std::filesystem::path& directory);

 private:
  struct Hash;
  std::filesystem::path path_;
  int fd_ = -1;
  std::uint64_t size_ = 0;
  std::string head_;
  std::string sha256_;
  std::unique_ptr<Hash> hash_;
  bool moved_ = false;
};

}  // namespace tongban::http
