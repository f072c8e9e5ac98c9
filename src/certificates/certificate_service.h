// CertificateService: e-certificates on a running node with federation (docs/certificates.md).
//
// - Issuing: when a case of this node gets `issue_result` and its item's result is of kind certificate, licence,
//   approval or registration, the service issues one e-certificate for the case in the same store job (a failure
//   rolls the action back): identifier <issuer code of the case's authority>.<year + 8-digit node serial>.1, the
//   holder (the applicant's account, or the form's applicant_name / id_number for another node's applicant), the
//   result's note and the form fields that may cross borders as salted fields, signed with the node's key.
// - Status: a reviewer of the issuing authority suspends, reinstates, revokes, cancels or withdraws a certificate
//   with a reason (change_status): the change is stored with who and why, appended to the case's audit trail
//   (action certificate_status) and a new status list is published in the same job.
// - Status lists: a list of every certificate this node issued, signed, numbered (each list one more than the
//   last) and valid for `status_validity`; published at start, every `publish_interval`, at each issue and at each
//   status change; sent as message type certificate.status (no personal data; outside any case) to every peer whose
//   may_send names certificate.status. A received list is checked completely (from its issuer only, shape, signature by
//   a key the directory gives the issuer at its issued_at, not from the future) and kept if newer than the one held.
// - Verification: verify() with the issuer keys of the trust list and directory held now and the newest status list
//   held; nothing is fetched.
//
// Ownership: borrows the Node and the FederationNode (both outlive it); attaches itself as the node's
// CertificatePort and detaches in the destructor. stop() (or the destructor) ends the publishing thread.
#pragma once

#include <chrono>

#include "certificates/issuer_keys.h"
#include "federation/federation_node.h"
#include "federation/message_handler.h"
#include "node/case_change.h"
#include "node/certificate_port.h"
#include "node/node.h"
#include "node/periodic_task.h"

namespace tongban::certificates {

inline constexpr std::string_view kStatusMessageType = "certificate.status";

struct CertificateSettings {
  std::chrono::milliseconds status_validity{24 * 3600'000};  // a list's valid_until - issued_at
  std::chrono::milliseconds publish_interval{3600'000};      // a new list at least this often
};

class CertificateService final : public node::CertificatePort {
 public:
  CertificateService(node::Node& node, federation::FederationNode& federation, CertificateSettings settings);
  ~CertificateService() override;
  CertificateService(const CertificateService&) = delete;
  CertificateService& operator=(const CertificateService&) = delete;

  void register_handlers(federation::MessageDispatch& dispatch);
  // Inside the CaseDesk's job (node/case_change.h): issues the case's certificate when its result is issued.
  void case_changed(store::Transaction& tx, const node::CaseChange& change);
  void start();
  void stop();
  // Publishes a new status list now (one store job); returns it.
  domain::CertificateStatusList publish_now();
  IssuerKeys issuer_keys() const;

  node::CertificateVerification verify(std::string_view text) const override;
  std::vector<store::CertificateRecord> certificates_of(std::string_view account_id) const override;
  store::CertificateRecord change_status(const domain::Actor& actor, std::string_view certificate_id,
                                         domain::CertificateStatus status, const std::string& reason) override;
  std::string token_of(const store::CertificateRecord& record) const override;

 private:
  domain::CertificateStatusList publish_in(store::Transaction& tx);
  void apply_status_list(const federation::Envelope& envelope, store::Transaction& tx);
  std::string today() const;

  node::Node& node_;
  federation::FederationNode& federation_;
  CertificateSettings settings_;
  node::PeriodicTask publisher_;  // last: its thread stops before the rest goes
};

}  // namespace tongban::certificates
