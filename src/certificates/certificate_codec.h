// The wire forms of e-certificates and status lists (docs/certificates.md): JSON documents with strict parsing
// (unknown members, missing or mistyped fields refused), Ed25519 signatures by a node key over the canonical bytes
// of domain/e_certificate.h and domain/certificate_status_list.h, and the compact token a QR code holds.
//
// Presentation JSON (the holder's copy, or what the holder chose to disclose):
//   {"format": "tongban.ecert.v1", "id", "issuer": {"node", "jurisdiction", "authority"}, "item_code",
//    "result": {"kind", "name": {"zh-Hans", "zh-Hant", "pt", "en"}}, "issued_at_ms", "valid_from", "valid_until",
//    "fields": [{"name", "digest"}], "signature", "disclosed": [{"name", "value", "salt"}]}
// Token: "tbec1." + base64url without padding (RFC 4648 §5) of that JSON, compact. Status list JSON:
//   {"format": "tongban.ecert.status.v1", "issuer_node", "number", "issued_at_ms", "valid_until_ms",
//    "entries": [{"id", "status"}], "signature"}
// Parse errors are CodecError with a message naming the member. No I/O but libsodium's randombytes (salts).
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

#include "domain/certificate_status_list.h"
#include "domain/e_certificate.h"
#include "federation/node_key.h"

namespace tongban::certificates {

inline constexpr std::string_view kTokenPrefix = "tbec1.";
inline constexpr std::size_t kMaxDocumentBytes = 64 * 1024;

class CodecError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

std::string presentation_to_json(const domain::Presentation& presentation);
domain::Presentation parse_presentation(std::string_view json_text);
std::string presentation_token(const domain::Presentation& presentation);
// A token or a JSON document (leading and trailing white space ignored). Throws CodecError.
domain::Presentation parse_presentation_text(std::string_view text);

std::string status_list_to_json(const domain::CertificateStatusList& list);
domain::CertificateStatusList parse_status_list(std::string_view json_text);

void sign_certificate(domain::ECertificate& certificate, const federation::NodeKey& key);
bool certificate_signature_valid(const domain::ECertificate& certificate, const federation::PublicKey& key);
void sign_status_list(domain::CertificateStatusList& list, const federation::NodeKey& key);
bool status_list_signature_valid(const domain::CertificateStatusList& list, const federation::PublicKey& key);

// 16 random bytes as 32 lowercase hex (libsodium randombytes_buf).
std::string random_salt();

std::string base64url(std::string_view bytes);
// Throws CodecError for text that is not unpadded base64url.
std::string from_base64url(std::string_view text);

}  // namespace tongban::certificates
