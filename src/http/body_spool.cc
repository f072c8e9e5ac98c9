#include "http/body_spool.h"

#include <fcntl.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace tongban::http {
namespace {

[[noreturn]] void io_failure(std::string_view what, const std::filesystem::path& path) {
  throw std::runtime_error(std::string(what) + " " + path.string() + ": " + std::strerror(errno));
}

std::string random_name() {
  unsigned char bytes[16];
  if (RAND_bytes(bytes, sizeof bytes) != 1) throw std::runtime_error("no random bytes for a spool file name");
  static constexpr char kHex[] = "0123456789abcdef";
  std::string name = "body-";
  for (unsigned char b : bytes) name += {kHex[b >> 4], kHex[b & 15]};
  return name + ".part";
}

}  // namespace

struct BodySpool::Hash {
  Hash() : context(EVP_MD_CTX_new()) {
    if (!context || EVP_DigestInit_ex(context, EVP_sha256(), nullptr) != 1)
      throw std::runtime_error("cannot start SHA-256");
  }
  ~Hash() { EVP_MD_CTX_free(context); }
  EVP_MD_CTX* context;
};

BodySpool::BodySpool(const std::filesystem::path& directory)
    : path_(directory / random_name()), hash_(std::make_unique<Hash>()) {
  fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd_ < 0) io_failure("cannot create", path_);
}

BodySpool::~BodySpool() {
  if (fd_ >= 0) ::close(fd_);
  if (!moved_) ::unlink(path_.c_str());
}

void BodySpool::append(std::string_view bytes) {
  if (head_.size() < kHeadBytes) head_.append(bytes.substr(0, kHeadBytes - head_.size()));
  if (EVP_DigestUpdate(hash_->context, bytes.data(), bytes.size()) != 1) throw std::runtime_error("SHA-256 failed");
  size_ += bytes.size();
  while (!bytes.empty()) {
    ssize_t written = ::write(fd_, bytes.data(), bytes.size());
    if (written < 0) {
      if (errno == EINTR) continue;
      io_failure("cannot write", path_);
    }
    bytes.remove_prefix(static_cast<std::size_t>(written));
  }
}

void BodySpool::finish() {
  if (::fsync(fd_) != 0) io_failure("cannot fsync", path_);
  ::close(fd_);
  fd_ = -1;
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_DigestFinal_ex(hash_->context, digest, &length) != 1) throw std::runtime_error("SHA-256 failed");
  static constexpr char kHex[] = "0123456789abcdef";
  sha256_.clear();
  for (unsigned int i = 0; i < length; ++i) sha256_ += {kHex[digest[i] >> 4], kHex[digest[i] & 15]};
}

void BodySpool::prepare_directory(const std::filesystem::path& directory) {
  std::filesystem::create_directories(directory);
  std::filesystem::permissions(directory, std::filesystem::perms::owner_all, std::filesystem::perm_options::replace);
  for (const auto& entry : std::filesystem::directory_iterator(directory)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind("body-", 0) == 0 && entry.path().extension() == ".part") std::filesystem::remove(entry.path());
  }
}

}  // namespace tongban::http
