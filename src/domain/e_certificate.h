// ECertificate: the canonical e-certificate document (电子证照) a node issues for a result of kind certificate,
// licence, approval or registration — who issued it (node, jurisdiction, authority), for which item and result,
// when (issued at, valid from, valid until), and the holder's and the result's fields as salted digests, so that a
// holder can disclose only some fields and a verifier still checks the whole document's integrity (the design of
// OpenAttestation's salted fields).
//
// Salted fields. Each field (holder.name, holder.id_document.type, holder.id_document.number, result.note,
// form.<id>, …) gets its own 16 random bytes of salt (32 lowercase hex) from the issuer; the document carries only
//   digest = SHA-256 of the canonical bytes of ("tongban.ecert.field.v1", salt, name, value)   (lowercase hex)
// and the signature covers the digests. A Presentation is the document plus the fields the holder discloses
// (name, value, salt): a verifier recomputes each disclosed digest and finds it under the same name in the signed
// list. A field not disclosed reveals nothing but its name (the salt makes its digest unguessable).
//
// Signed bytes (domain/canonical_bytes.h encoding), in this order:
//   "tongban.ecert.v1", id, issuer_node, issuer_jurisdiction, issuer_authority, item_code, result_kind (word),
//   result_name.zh_hans, .zh_hant, .pt, .en, issued_at_ms (integer), valid_from, valid_until,
//   field count (integer), then per field: name, digest.
// The issuer signs them with its node key (Ed25519, certificates/certificate_codec.h). The JSON form and the
// compact token are in certificates/certificate_codec.h.
//
// Status words of GB/T 36901-36906 map to CertificateStatus: 有效 valid, 暂扣 suspended, 撤销 revoked (withdrawn by
// the authority), 注销 cancelled (deregistered, e.g. at the holder's request), 失效 lapsed (no longer in force, e.g.
// past its validity), 吊销 withdrawn (revoked as a penalty). Only `valid` is in force.
//
// Pure values and functions, no I/O: salts come from the caller.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/catalog.h"
#include "domain/language.h"

namespace tongban::domain {

enum class CertificateStatus { valid, suspended, revoked, cancelled, lapsed, withdrawn };

// "valid", "suspended", "revoked", "cancelled", "lapsed", "withdrawn" (JSON, URLs, the store).
std::string_view to_string(CertificateStatus status);
// 有效, 暂扣, 撤销, 注销, 失效, 吊销.
std::string_view status_word(CertificateStatus status);
// Either form above; nullopt otherwise.
std::optional<CertificateStatus> parse_certificate_status(std::string_view word);
inline bool in_force(CertificateStatus status) {
  return status == CertificateStatus::valid;
}

// True for the result kinds issued as e-certificates: certificate, licence, approval, registration.
bool issued_as_e_certificate(ResultKind kind);

struct CertificateField {
  std::string name;    // [a-z0-9._-]{1,64}, unique in the document
  std::string digest;  // 64 lowercase hex
  bool operator==(const CertificateField&) const = default;
};

struct DisclosedField {
  std::string name;
  std::string value;  // UTF-8, at most 4096 bytes
  std::string salt;   // 32 lowercase hex (16 bytes)
  bool operator==(const DisclosedField&) const = default;
};

inline constexpr std::string_view kECertificateFormat = "tongban.ecert.v1";

struct ECertificate {
  std::string id;  // domain/e_certificate_id.h
  std::string issuer_node;
  std::string issuer_jurisdiction;
  std::string issuer_authority;
  std::string item_code;
  ResultKind result_kind = ResultKind::certificate;
  LocalizedText result_name;
  std::int64_t issued_at_ms = 0;
  std::string valid_from;   // YYYY-MM-DD
  std::string valid_until;  // YYYY-MM-DD, or "" for no end
  std::vector<CertificateField> fields;
  std::string signature;  // base64 Ed25519 over certificate_signed_bytes; "" before signing
  // Same signed bytes and signature (LocalizedText has no ==).
  bool operator==(const ECertificate& other) const;
};

struct Presentation {
  ECertificate certificate;
  std::vector<DisclosedField> disclosed;
};

std::string field_digest(std::string_view salt, std::string_view name, std::string_view value);
DisclosedField salted_field(std::string name, std::string value, std::string salt);
std::string certificate_signed_bytes(const ECertificate& certificate);

// What is wrong with the document's shape (id and its check character, words, dates, field names and digests), or
// nullopt. Says nothing of the signature.
std::optional<std::string> certificate_shape_problem(const ECertificate& certificate);
// The first disclosed field that does not match the signed digests (unknown name, wrong salt or value, a malformed
// salt, disclosed twice), or nullopt when every disclosed field matches.
std::optional<std::string> disclosure_problem(const Presentation& presentation);
// The presentation with only the named fields disclosed (the holder's choice); names not disclosed are ignored.
Presentation disclose_only(const Presentation& full, const std::vector<std::string>& names);

}  // namespace tongban::domain
