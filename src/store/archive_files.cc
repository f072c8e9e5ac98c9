#include "store/archive_files.h"

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>

#include "store/backup_archive.h"
#include "store/store_error.h"

namespace tongban::store {
namespace {

[[noreturn]] void io_failure(std::string_view what, const std::filesystem::path& path) {
  throw StoreUnavailable(std::string(what) + " " + path.string() + ": " + std::strerror(errno));
}

}  // namespace

std::string Sha256::hex() {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&state_, digest);
  char text[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(text, sizeof text, digest, sizeof digest);
  return std::string(text, crypto_hash_sha256_BYTES * 2);
}

FileHandle::FileHandle(const std::filesystem::path& path, int flags, mode_t mode)
    : path_(path), fd_(::open(path.c_str(), flags, mode)) {
  if (fd_ < 0) io_failure("cannot open", path);
}

FileHandle::~FileHandle() {
  if (fd_ >= 0) ::close(fd_);
}

std::string FileHandle::read(std::size_t n) {
  std::string bytes(n, '\0');
  for (;;) {
    ssize_t r = ::read(fd_, bytes.data(), n);
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) io_failure("cannot read", path_);
    bytes.resize(static_cast<std::size_t>(r));
    return bytes;
  }
}

void FileHandle::write(std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t w = ::write(fd_, bytes.data(), bytes.size());
    if (w < 0 && errno == EINTR) continue;
    if (w < 0) io_failure("cannot write", path_);
    bytes.remove_prefix(static_cast<std::size_t>(w));
  }
}

void FileHandle::sync() {
  if (::fsync(fd_) != 0) io_failure("cannot fsync", path_);
}

void sync_directory(const std::filesystem::path& directory) {
  FileHandle(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC).sync();
}

void rename_no_replace(const std::filesystem::path& from, const std::filesystem::path& to) {
  if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE) != 0) {
    if (errno == EEXIST || errno == ENOTEMPTY)
      throw BackupPathRefused(to.string() + " appeared while this ran; nothing was replaced");
    io_failure("cannot rename into", to);
  }
}

std::filesystem::path directory_of(const std::filesystem::path& path) {
  std::filesystem::path parent = path.parent_path();
  return parent.empty() ? std::filesystem::path(".") : parent;
}

std::filesystem::path without_trailing_slash(std::filesystem::path path) {
  path = path.lexically_normal();
  if (path.filename().empty() && path.has_parent_path()) path = path.parent_path();
  return path;
}

std::string compact_utc(std::int64_t ms) {
  std::time_t seconds = static_cast<std::time_t>(ms / 1000);
  std::tm parts{};
  gmtime_r(&seconds, &parts);
  char text[32];
  std::strftime(text, sizeof text, "%Y%m%dT%H%M%SZ", &parts);
  return text;
}

Leftovers::~Leftovers() {
  std::error_code ignored;
  for (const auto& path : paths_) std::filesystem::remove_all(path, ignored);
}

}  // namespace tongban::store
