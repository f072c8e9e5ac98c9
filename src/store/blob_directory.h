// BlobDirectory: the content-addressed files of blobs, <root>/<first 2 hex>/<sha256>. It owns only the files; the
// blob metadata lives in the store's database. A file, once in place, is never changed: its name is the SHA-256
// of its bytes.
//
// put() makes the bytes durable before returning: it writes a temporary file in the target directory, fsyncs it,
// renames it into place and fsyncs the directory. Putting bytes whose file already exists does nothing.
#pragma once

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
  // The bytes of a stored blob, nullopt if there is no file. StoreUnavailable on an I/O error.
  std::optional<std::string> read(std::string_view sha256) const;

 private:
  std::filesystem::path root_;
};

}  // namespace tongban::store
