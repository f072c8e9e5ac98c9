// BlobDirectory: the content-addressed files of blobs, <root>/<first 2 hex>/<sha256>. It owns only the files; the
// blob metadata lives in the store's database. A file, once in place, is never changed: its name is the SHA-256
// of its bytes.
//
// put() makes the bytes durable before returning: it writes a temporary file in the target directory, fsyncs it,
// renames it into place and fsyncs the directory. Putting bytes whose file already exists does nothing.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace tongban::store {

// Lowercase hex SHA-256 of bytes.
std::string sha256_hex(std::string_view bytes);
// True for 64 lowercase hex characters.
bool is_sha256_hex(std::string_view text);

class BlobDirectory {
 public:
  explicit BlobDirectory(std::filesystem::path root);

  // std::invalid_argument unless sha256 is 64 lowercase hex characters.
  std::filesystem::path path_of(std::string_view sha256) const;
  // Stores bytes under their SHA-256 and returns it. Throws StoreUnavailable on an I/O error.
  std::string put(std::string_view bytes) const;
  // Moves a file whose SHA-256 and size the caller computed into place: 0600, fsync, rename, fsync of the
  // directory. When the blob's file exists already, `file` is removed instead. The file must be on the root's
  // filesystem. std::invalid_argument for a bad sha256; StoreUnavailable on an I/O error.
  void adopt(const std::filesystem::path& file, std::string_view sha256, std::uint64_t size) const;
  // The bytes of a stored blob, nullopt if there is no file. StoreUnavailable on an I/O error.
  std::optional<std::string> read(std::string_view sha256) const;

 private:
  std::filesystem::path root_;
};

}  // namespace tongban::store
