// NodeKey: the Ed25519 signing key pair of a node (libsodium crypto_sign_*), the organisation-level identity every
// envelope and receipt the node emits is signed with. PublicKey: a peer's verification key, as named in the trust
// list.
//
// Files: the secret key file holds the base64 (standard alphabet, padded) of libsodium's 64-byte secret key
// (seed || public key) and one newline; the public key file the base64 of the 32-byte public key and one newline.
// generate_key_files() creates both, the secret one with mode 0600 (created with O_EXCL: it never overwrites), and
// load_node_key() refuses a secret key file readable by group or others. The secret key never leaves this object:
// it is not printed, logged or copied out; it is wiped (sodium_memzero) on destruction.
//
// Signatures are Ed25519 detached signatures (64 bytes), carried as base64.
#pragma once

#include <array>
#include <filesystem>
#include <string>
#include <string_view>

#include "domain/canonical_bytes.h"

namespace tongban::federation {

// Standard base64 with padding (RFC 4648 §4), as used for keys and signatures on the wire.
std::string to_base64(std::string_view bytes);
// Throws std::invalid_argument for text that is not canonical padded base64 (no whitespace allowed).
std::string from_base64(std::string_view text);

// Lowercase hex SHA-256 of bytes (the digest used for payloads, blobs and the message log).
using domain::sha256_hex;

// A new random UUID version 4 (RFC 9562) in lowercase 8-4-4-4-12 form, from libsodium's randombytes.
std::string random_uuid_v4();

class PublicKey {
 public:
  // From the base64 of 32 bytes; std::invalid_argument otherwise.
  static PublicKey from_base64(std::string_view text);
  std::string base64() const;
  // True iff signature_base64 is a valid Ed25519 signature of message by this key. Malformed base64 -> false.
  bool verify(std::string_view message, std::string_view signature_base64) const;
  bool operator==(const PublicKey& other) const = default;

 private:
  std::array<unsigned char, 32> bytes_{};
};

class NodeKey {
 public:
  // A fresh random key pair (crypto_sign_keypair).
  static NodeKey generate();
  // Reads a secret key file written by generate_key_files. Throws std::runtime_error naming the file if it is
  // missing, unreadable, readable by group/others (mode & 077), or not a valid 64-byte key.
  static NodeKey load(const std::filesystem::path& secret_key_file);

  NodeKey(const NodeKey& other);
  NodeKey& operator=(const NodeKey& other);
  ~NodeKey();

  const PublicKey& public_key() const { return public_; }
  // Base64 detached Ed25519 signature of message.
  std::string sign(std::string_view message) const;

 private:
  NodeKey() = default;
  std::array<unsigned char, 64> secret_{};
  PublicKey public_;
};

// The two files generate_key_files wrote.
struct KeyFiles {
  std::filesystem::path secret_key_file;  // <dir>/node.key, mode 0600
  std::filesystem::path public_key_file;  // <dir>/node.pub, mode 0644
  std::string public_key_base64;
};

// Generates a key pair and writes <dir>/node.key and <dir>/node.pub (dir is created, mode 0700, if absent).
// Throws std::runtime_error if either file exists (never overwrites a key) or on any I/O error.
KeyFiles generate_key_files(const std::filesystem::path& dir);

}  // namespace tongban::federation
