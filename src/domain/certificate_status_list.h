// CertificateStatusList: the signed status of every e-certificate one node has issued, as of one moment — the
// issuer's node, a list number (strictly increasing per issuer: a verifier keeps the newest), issued_at,
// valid_until (after which the list says nothing: a verifier reports STATUS_STALE, never VALID), and one entry
// per certificate (its identifier and status, sorted by identifier, each identifier once). Modelled on the W3C
// Bitstring Status List's signed list with validUntil, written as entries rather than bits because a list travels
// between a handful of nodes, not to millions of wallets.
//
// Signed bytes (domain/canonical_bytes.h): "tongban.ecert.status.v1", issuer_node, number (integer), issued_at_ms
// (integer), valid_until_ms (integer), entry count (integer), then per entry: certificate_id, status word
// ("valid", "suspended", … of e_certificate.h). The signature: base64 Ed25519 by the issuer's node key
// (certificates/certificate_codec.h).
//
// status_verdict() is the status half of verification (certificates/certificate_verifier.h does the signatures and
// the issuer): given the certificate and the newest list held for its issuer, the outcome and the data's age.
// Pure, no I/O.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/e_certificate.h"

namespace tongban::domain {

struct StatusEntry {
  std::string certificate_id;
  CertificateStatus status = CertificateStatus::valid;
  bool operator==(const StatusEntry&) const = default;
};

struct CertificateStatusList {
  std::string issuer_node;
  std::int64_t number = 0;  // >= 1
  std::int64_t issued_at_ms = 0;
  std::int64_t valid_until_ms = 0;  // > issued_at_ms
  std::vector<StatusEntry> entries;
  std::string signature;  // base64; "" before signing
  bool operator==(const CertificateStatusList&) const = default;

  const StatusEntry* find(std::string_view certificate_id) const;
};

std::string status_list_signed_bytes(const CertificateStatusList& list);
// The shape rules above (issuer id, number >= 1, valid_until > issued_at, entries sorted, unique, valid
// identifiers), or nullopt.
std::optional<std::string> status_list_shape_problem(const CertificateStatusList& list);

// The outcomes a verifier reports (docs/certificates.md). Their text: "VALID", "REVOKED", "SUSPENDED",
// "STATUS_STALE", "UNKNOWN_ISSUER", "INVALID".
enum class VerificationOutcome { valid, revoked, suspended, status_stale, unknown_issuer, invalid };
std::string_view to_string(VerificationOutcome outcome);

struct StatusVerdict {
  VerificationOutcome outcome = VerificationOutcome::status_stale;
  std::optional<CertificateStatus> status;  // the status the list gives (or lapsed past valid_until)
  std::optional<std::int64_t> age_ms;       // now - the list's issued_at; nullopt when no list is held
  std::string detail;                       // in English, for logs and the CLI
};

// The status of `certificate` by `list` (nullopt: no list held for its issuer) at `now_ms`, with `today` the
// verifier's civil date (for valid_until). In order: no list, or a list past its valid_until, or a list older than
// the certificate that does not name it -> STATUS_STALE; a list from another issuer -> INVALID (a programming error
// of the caller, never good); a current list that does not name a certificate issued before it -> INVALID (the
// issuer does not know it); past the certificate's valid_until -> REVOKED (lapsed); valid -> VALID; suspended ->
// SUSPENDED; revoked, cancelled, lapsed, withdrawn -> REVOKED.
StatusVerdict status_verdict(const ECertificate& certificate, const std::optional<CertificateStatusList>& list,
                             std::int64_t now_ms, std::string_view today);

}  // namespace tongban::domain
