#include "store/blob_directory.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "store/private_files.h"
#include "store/store_error.h"

namespace tongban::store {
namespace {

[[noreturn]] void io_failure(std::string_view what, const std::filesystem::path& path) {
  throw StoreUnavailable(std::string(what) + " " + path.string() + ": " + std::strerror(errno));
}

// Owns a file descriptor.
class FileDescriptor {
 public:
  FileDescriptor(const std::filesystem::path& path, int flags, mode_t mode = 0)
      : fd_(::open(path.c_str(), flags, mode)) {
    if (fd_ < 0) io_failure("cannot open", path);
  }
  ~FileDescriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

void write_all(const FileDescriptor& file, std::string_view bytes, const std::filesystem::path& path) {
  while (!bytes.empty()) {
    ssize_t written = ::write(file.get(), bytes.data(), bytes.size());
    if (written < 0) {
      if (errno == EINTR) continue;
      io_failure("cannot write", path);
    }
    bytes.remove_prefix(static_cast<std::size_t>(written));
  }
}

void sync(const FileDescriptor& file, const std::filesystem::path& path) {
  if (::fsync(file.get()) != 0) io_failure("cannot fsync", path);
}

std::filesystem::path temporary_name(const std::filesystem::path& target) {
  static std::atomic<unsigned long> counter{0};
  return target.string() + ".tmp." + std::to_string(::getpid()) + "." + std::to_string(counter++);
}

}  // namespace

std::string sha256_hex(std::string_view bytes) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return std::string(hex, crypto_hash_sha256_BYTES * 2);
}

bool is_sha256_hex(std::string_view text) {
  if (text.size() != 64) return false;
  for (char c : text) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

BlobDirectory::BlobDirectory(std::filesystem::path root) : root_(std::move(root)) {}

std::filesystem::path BlobDirectory::path_of(std::string_view sha256) const {
  if (!is_sha256_hex(sha256)) {
    throw std::invalid_argument("not a SHA-256 in lowercase hex: '" + std::string(sha256) + "'");
  }
  return root_ / std::string(sha256.substr(0, 2)) / std::string(sha256);
}

std::string BlobDirectory::put(std::string_view bytes) const {
  std::string sha256 = sha256_hex(bytes);
  std::filesystem::path target = path_of(sha256);
  std::error_code error;
  if (std::filesystem::file_size(target, error) == bytes.size() && !error) return sha256;
  const bool created = !std::filesystem::exists(target.parent_path());
  if (created) make_private_directory(target.parent_path());
  if (created) {  // the new directory entry must be durable too
    FileDescriptor root(root_, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    sync(root, root_);
  }
  std::filesystem::path temporary = temporary_name(target);
  {
    FileDescriptor file(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (::fchmod(file.get(), 0600) != 0) io_failure("cannot make private", temporary);
    write_all(file, bytes, temporary);
    sync(file, temporary);
  }
  if (::rename(temporary.c_str(), target.c_str()) != 0) {
    int saved = errno;
    ::unlink(temporary.c_str());
    errno = saved;
    io_failure("cannot rename into", target);
  }
  FileDescriptor directory(target.parent_path(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  sync(directory, target.parent_path());
  return sha256;
}

void BlobDirectory::adopt(const std::filesystem::path& file, std::string_view sha256, std::uint64_t size) const {
  std::filesystem::path target = path_of(sha256);
  std::error_code error;
  if (std::filesystem::file_size(target, error) == size && !error) {
    std::filesystem::remove(file, error);
    return;
  }
  const bool created = !std::filesystem::exists(target.parent_path());
  if (created) make_private_directory(target.parent_path());
  if (created) {
    FileDescriptor root(root_, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    sync(root, root_);
  }
  {
    FileDescriptor source(file, O_RDONLY | O_CLOEXEC);
    if (::fchmod(source.get(), 0600) != 0) io_failure("cannot make private", file);
    sync(source, file);
  }
  if (::rename(file.c_str(), target.c_str()) != 0) io_failure("cannot rename into", target);
  FileDescriptor directory(target.parent_path(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  sync(directory, target.parent_path());
}

std::optional<std::string> BlobDirectory::read(std::string_view sha256) const {
  std::filesystem::path path = path_of(sha256);
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (!std::filesystem::exists(path)) return std::nullopt;
    io_failure("cannot read", path);
  }
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (in.bad()) io_failure("cannot read", path);
  return std::move(bytes).str();
}

}  // namespace tongban::store
