// Canonical bytes: the one encoding every signed or hash-chained record of tongban is hashed and signed over —
// audit events (domain/audit_chain.h), federation envelopes and receipts (federation/envelope.h) and the
// federation message log (federation/message_log.h). A record is a format tag followed by its fields in a fixed
// order; each field is a 4-byte big-endian length and then that many bytes; an integer is the 8 bytes of its
// big-endian two's complement (so its length prefix is always 8). Pure functions, no I/O.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace tongban::domain {

void append_field(std::string& out, std::string_view bytes);
void append_int(std::string& out, std::int64_t value);

// Lowercase hex SHA-256 (libsodium) of bytes: the digest of payloads, blobs, request fingerprints and chains.
std::string sha256_hex(std::string_view bytes);

}  // namespace tongban::domain
