#include "web/node_secret.h"

#include <sodium.h>
#include <sys/stat.h>

#include <fstream>
#include <stdexcept>

namespace tongban::web {
namespace {

std::string hex(const unsigned char* bytes, std::size_t size) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < size; ++i) {
    out.push_back(kHex[bytes[i] >> 4]);
    out.push_back(kHex[bytes[i] & 15]);
  }
  return out;
}

void ensure_sodium() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium cannot be initialised");
}

}  // namespace

std::string random_hex(std::size_t bytes) {
  ensure_sodium();
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  return hex(reinterpret_cast<const unsigned char*>(raw.data()), raw.size());
}

NodeSecret NodeSecret::load_or_create(const std::filesystem::path& data_dir) {
  ensure_sodium();
  std::array<unsigned char, 32> key{};
  auto path = data_dir / "web-secret.key";
  if (std::filesystem::exists(path)) {
    std::ifstream in(path, std::ios::binary);
    in.read(reinterpret_cast<char*>(key.data()), key.size());
    if (!in || in.peek() != std::char_traits<char>::eof())
      throw std::runtime_error("the web secret " + path.string() + " is not 32 bytes; delete it to make a new one");
    return NodeSecret(key);
  }
  randombytes_buf(key.data(), key.size());
  auto temporary = path;
  temporary += ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out) throw std::runtime_error("cannot write the web secret at " + temporary.string());
    ::chmod(temporary.c_str(), 0600);
    out.write(reinterpret_cast<const char*>(key.data()), key.size());
    if (!out.flush()) throw std::runtime_error("cannot write the web secret at " + temporary.string());
  }
  std::filesystem::rename(temporary, path);
  return NodeSecret(key);
}

std::string NodeSecret::keyed(std::string_view purpose, std::string_view message) const {
  unsigned char digest[32];
  crypto_generichash_state state;
  crypto_generichash_init(&state, key_.data(), key_.size(), sizeof digest);
  crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(purpose.data()), purpose.size());
  const unsigned char zero = 0;
  crypto_generichash_update(&state, &zero, 1);
  crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(message.data()), message.size());
  crypto_generichash_final(&state, digest, sizeof digest);
  return hex(digest, sizeof digest);
}

}  // namespace tongban::web
