// NodeSecret: a 32-byte key that only this node knows, kept in <data_dir>/web-secret.key (mode 0600), created
// with libsodium's randombytes on first use. The pages derive from it, with keyed BLAKE2b (crypto_generichash),
// the CSRF tokens and the public tracking codes, so neither needs storage. Never logged, never sent.
//
// Immutable after construction; keyed() is safe from any thread.
#pragma once

#include <array>
#include <filesystem>
#include <string>
#include <string_view>

namespace tongban::web {

class NodeSecret {
 public:
  // Reads the key file, or creates it. Throws std::runtime_error when the file cannot be read or written or has
  // the wrong size.
  static NodeSecret load_or_create(const std::filesystem::path& data_dir);
  explicit NodeSecret(const std::array<unsigned char, 32>& key) : key_(key) {}

  // Lowercase hex of BLAKE2b-256 keyed with the secret over purpose || 0x00 || message.
  std::string keyed(std::string_view purpose, std::string_view message) const;

 private:
  std::array<unsigned char, 32> key_;
};

// n random bytes as lowercase hex.
std::string random_hex(std::size_t bytes);

}  // namespace tongban::web
