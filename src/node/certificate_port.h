// CertificatePort: what the API and the pages reach of e-certificates (docs/certificates.md) without linking the
// federation stack — verify a presented certificate, list a holder's own, change a status. The implementation is
// certificates::CertificateService (src/certificates/), which attaches itself to the node when federation is on
// (it signs with the node's federation key); with federation off the node has none and the surfaces say so.
//
// Verification is a plain value: the outcome (VALID, REVOKED, SUSPENDED, STATUS_STALE, UNKNOWN_ISSUER, INVALID)
// with the separate findings behind it — integrity (signature and disclosed fields), the issuer as the locally
// held directory names it, the status and the age of the status data.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/case.h"
#include "domain/certificate_status_list.h"
#include "domain/e_certificate.h"
#include "store/certificate_records.h"

namespace tongban::node {

struct CertificateVerification {
  domain::VerificationOutcome outcome = domain::VerificationOutcome::invalid;
  bool parsed = false;     // the text was a certificate document or token
  bool integrity = false;  // signature by the issuer's key and every disclosed field matches
  bool issuer_known = false;
  std::string issuer_node;
  std::string issuer_jurisdiction;  // as the directory names the issuer node ("" when unknown)
  std::optional<domain::CertificateStatus> status;
  std::optional<std::int64_t> status_age_ms;
  std::optional<std::int64_t> status_list_number;
  std::string detail;  // English, for logs, the CLI and the API's detail
  // What the document says (only when parsed):
  std::optional<domain::Presentation> presentation;
};

class CertificatePort {
 public:
  virtual ~CertificatePort() = default;
  // Verifies a token ("tbec1." + base64url) or a certificate document (JSON) with the status data held now.
  virtual CertificateVerification verify(std::string_view text) const = 0;
  // The certificates issued to an account by this node (newest first).
  virtual std::vector<store::CertificateRecord> certificates_of(std::string_view account_id) const = 0;
  // A reviewer of the issuing authority changes a certificate's status with a reason (recorded, audited, and in
  // the next status list, published at once). domain::ProblemError: not found (404), forbidden (403), a bad status
  // or missing reason (422), the same status (409).
  virtual store::CertificateRecord change_status(const domain::Actor& actor, std::string_view certificate_id,
                                                 domain::CertificateStatus status, const std::string& reason) = 0;
  // The compact token of a stored certificate's full copy (what the QR code holds).
  virtual std::string token_of(const store::CertificateRecord& record) const = 0;
};

}  // namespace tongban::node
