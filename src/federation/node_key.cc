#include "federation/node_key.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace tongban::federation {
namespace {

void ensure_sodium() {
  static const bool ready = sodium_init() >= 0;
  if (!ready) throw std::runtime_error("libsodium could not be initialised");
}

const unsigned char* bytes_of(std::string_view text) {
  return reinterpret_cast<const unsigned char*>(text.data());
}

std::string trimmed(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) text.pop_back();
  return text;
}

// Writes text to a new file (O_EXCL) with the given mode and fsyncs it.
void write_new_file(const std::filesystem::path& path, const std::string& text, mode_t mode) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
  if (fd < 0) {
    throw std::runtime_error("cannot create " + path.string() + ": " + std::strerror(errno) +
                             (errno == EEXIST ? " (a key is never overwritten; remove it first if you mean it)" : ""));
  }
  std::size_t written = 0;
  while (written < text.size()) {
    ssize_t n = ::write(fd, text.data() + written, text.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      int error = errno;
      ::close(fd);
      throw std::runtime_error("cannot write " + path.string() + ": " + std::strerror(error));
    }
    written += static_cast<std::size_t>(n);
  }
  ::fchmod(fd, mode);  // the umask may have narrowed it; never widens beyond `mode`
  ::fsync(fd);
  ::close(fd);
}

}  // namespace

std::string to_base64(std::string_view bytes) {
  ensure_sodium();
  const std::size_t size = sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  std::string out(size, '\0');
  sodium_bin2base64(out.data(), size, bytes_of(bytes), bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(size - 1);  // drop the terminating NUL
  return out;
}

std::string from_base64(std::string_view text) {
  ensure_sodium();
  std::string out(text.size() / 4 * 3 + 3, '\0');
  std::size_t length = 0;
  const char* end = nullptr;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(), nullptr,
                        &length, &end, sodium_base64_VARIANT_ORIGINAL) != 0 ||
      end != text.data() + text.size()) {
    throw std::invalid_argument("not valid base64");
  }
  out.resize(length);
  if (to_base64(out) != text) throw std::invalid_argument("not canonical base64");
  return out;
}

std::string random_uuid_v4() {
  ensure_sodium();
  unsigned char bytes[16];
  randombytes_buf(bytes, sizeof bytes);
  bytes[6] = static_cast<unsigned char>((bytes[6] & 0x0f) | 0x40);
  bytes[8] = static_cast<unsigned char>((bytes[8] & 0x3f) | 0x80);
  char hex[33];
  sodium_bin2hex(hex, sizeof hex, bytes, sizeof bytes);
  std::string h(hex, 32);
  return h.substr(0, 8) + "-" + h.substr(8, 4) + "-" + h.substr(12, 4) + "-" + h.substr(16, 4) + "-" + h.substr(20);
}

PublicKey PublicKey::from_base64(std::string_view text) {
  std::string raw;
  try {
    raw = federation::from_base64(text);
  } catch (const std::invalid_argument&) {
    throw std::invalid_argument("public key is not valid base64");
  }
  if (raw.size() != crypto_sign_PUBLICKEYBYTES)
    throw std::invalid_argument("public key must be 32 bytes, not " + std::to_string(raw.size()));
  PublicKey key;
  std::memcpy(key.bytes_.data(), raw.data(), raw.size());
  return key;
}

std::string PublicKey::base64() const {
  return to_base64(std::string_view(reinterpret_cast<const char*>(bytes_.data()), bytes_.size()));
}

bool PublicKey::verify(std::string_view message, std::string_view signature_base64) const {
  std::string signature;
  try {
    signature = federation::from_base64(signature_base64);
  } catch (const std::invalid_argument&) {
    return false;
  }
  if (signature.size() != crypto_sign_BYTES) return false;
  return crypto_sign_verify_detached(bytes_of(signature), bytes_of(message), message.size(), bytes_.data()) == 0;
}

NodeKey NodeKey::generate() {
  ensure_sodium();
  NodeKey key;
  std::array<unsigned char, 32> public_bytes{};
  crypto_sign_keypair(public_bytes.data(), key.secret_.data());
  key.public_ = PublicKey::from_base64(
      to_base64(std::string_view(reinterpret_cast<const char*>(public_bytes.data()), public_bytes.size())));
  return key;
}

NodeKey NodeKey::load(const std::filesystem::path& secret_key_file) {
  ensure_sodium();
  struct stat info {};
  if (::stat(secret_key_file.c_str(), &info) != 0)
    throw std::runtime_error("cannot read key file " + secret_key_file.string() + ": " + std::strerror(errno));
  if ((info.st_mode & 077) != 0)
    throw std::runtime_error("key file " + secret_key_file.string() +
                             " is readable by group or others; chmod 600 it (and consider the key exposed)");
  std::ifstream in(secret_key_file, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  if (!in) throw std::runtime_error("cannot read key file " + secret_key_file.string());
  std::string raw;
  try {
    raw = from_base64(trimmed(text.str()));
  } catch (const std::invalid_argument&) {
    throw std::runtime_error("key file " + secret_key_file.string() + " does not hold base64");
  }
  if (raw.size() != crypto_sign_SECRETKEYBYTES) {
    sodium_memzero(raw.data(), raw.size());
    throw std::runtime_error("key file " + secret_key_file.string() + " does not hold a 64-byte Ed25519 secret key");
  }
  NodeKey key;
  std::memcpy(key.secret_.data(), raw.data(), raw.size());
  sodium_memzero(raw.data(), raw.size());
  std::array<unsigned char, 32> public_bytes{};
  crypto_sign_ed25519_sk_to_pk(public_bytes.data(), key.secret_.data());
  key.public_ = PublicKey::from_base64(
      to_base64(std::string_view(reinterpret_cast<const char*>(public_bytes.data()), public_bytes.size())));
  return key;
}

NodeKey::NodeKey(const NodeKey& other) : secret_(other.secret_), public_(other.public_) {}

NodeKey& NodeKey::operator=(const NodeKey& other) {
  secret_ = other.secret_;
  public_ = other.public_;
  return *this;
}

NodeKey::~NodeKey() {
  sodium_memzero(secret_.data(), secret_.size());
}

std::string NodeKey::sign(std::string_view message) const {
  unsigned char signature[crypto_sign_BYTES];
  crypto_sign_detached(signature, nullptr, bytes_of(message), message.size(), secret_.data());
  return to_base64(std::string_view(reinterpret_cast<const char*>(signature), sizeof signature));
}

KeyFiles generate_key_files(const std::filesystem::path& dir) {
  std::error_code error;
  if (!std::filesystem::exists(dir)) {
    std::filesystem::create_directories(dir, error);
    if (error) throw std::runtime_error("cannot create " + dir.string() + ": " + error.message());
    ::chmod(dir.c_str(), 0700);
  }
  KeyFiles files{dir / "node.key", dir / "node.pub", ""};
  if (std::filesystem::exists(files.secret_key_file) || std::filesystem::exists(files.public_key_file))
    throw std::runtime_error("a key already exists in " + dir.string() + "; a key is never overwritten");
  ensure_sodium();
  std::array<unsigned char, 32> public_bytes{};
  std::array<unsigned char, 64> secret{};
  crypto_sign_keypair(public_bytes.data(), secret.data());
  std::string secret_text = to_base64(std::string_view(reinterpret_cast<const char*>(secret.data()), 64)) + "\n";
  sodium_memzero(secret.data(), secret.size());
  files.public_key_base64 = to_base64(std::string_view(reinterpret_cast<const char*>(public_bytes.data()), 32));
  try {
    write_new_file(files.secret_key_file, secret_text, 0600);
  } catch (...) {
    sodium_memzero(secret_text.data(), secret_text.size());
    throw;
  }
  sodium_memzero(secret_text.data(), secret_text.size());
  write_new_file(files.public_key_file, files.public_key_base64 + "\n", 0644);
  return files;
}

}  // namespace tongban::federation
