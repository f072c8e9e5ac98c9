// The verifier of e-certificates (docs/certificates.md "Verification"): one function from a presented text (token
// or JSON document), the locally held issuer keys (issuer_keys.h) and the newest status list held for the issuer
// to a node::CertificateVerification. Nothing is fetched.
//
// In order, the first that fails decides: the text parses and the document's shape (identifier with its check
// character, words, dates) holds -> else INVALID; the issuer node is known -> else UNKNOWN_ISSUER; the signature
// verifies with a key of the issuer valid at issued_at -> else INVALID; every disclosed field matches its signed
// digest -> else INVALID; then the status (domain::status_verdict): a status list that does not verify with the
// issuer's key counts as no list (STATUS_STALE, never good).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "certificates/issuer_keys.h"
#include "domain/certificate_status_list.h"
#include "node/certificate_port.h"

namespace tongban::certificates {

node::CertificateVerification verify_certificate(std::string_view text, const IssuerKeys& issuers,
                                                 const std::optional<domain::CertificateStatusList>& status_list,
                                                 std::int64_t now_ms, std::string_view today);

// The status list's signature and shape against the issuer keys: true if it is a list `issuer` signed.
bool status_list_authentic(const domain::CertificateStatusList& list, const IssuerKeys& issuers);

}  // namespace tongban::certificates
