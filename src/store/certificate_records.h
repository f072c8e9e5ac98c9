// The stored rows of e-certificates (schema version 8; written by src/certificates, see docs/certificates.md):
// the certificates this node issued, every change of their status (who, when, why), and the newest signed status
// list held per issuing node (this node's own and its peers').
#pragma once

#include <cstdint>
#include <string>

namespace tongban::store {

// One e-certificate this node issued. document is the holder's full copy: the signed document with every field
// disclosed, as JSON (certificates/certificate_codec.h); the store treats it as opaque text. status is a word of
// domain::CertificateStatus ("valid", "suspended", …), changed only with a CertificateStatusChange row.
struct CertificateRecord {
  std::string id;  // the GB/T 36904-shaped identifier
  std::string case_id;
  std::string holder_account;  // the case's applicant
  std::string issuer_authority;
  std::int64_t issued_at_ms = 0;
  std::string document;
  std::string status = "valid";
  std::string status_reason;
  std::int64_t status_changed_at_ms = 0;
};

// One change of a certificate's status, in the order they happened (sequence from 1, node-wide).
struct CertificateStatusChange {
  std::int64_t sequence = 0;  // assigned by the store
  std::string certificate_id;
  std::string from_status;
  std::string to_status;
  std::string reason;
  std::string actor_id;
  std::int64_t at_ms = 0;
};

// The newest signed status list held for one issuing node (document: its JSON, signature checked before storing).
struct StatusListRecord {
  std::string issuer_node;
  std::int64_t number = 0;
  std::int64_t issued_at_ms = 0;
  std::int64_t valid_until_ms = 0;
  std::string document;
  std::int64_t received_at_ms = 0;
};

}  // namespace tongban::store
