#include "certificates/certificate_verifier.h"

#include "certificates/certificate_codec.h"

namespace tongban::certificates {

bool status_list_authentic(const domain::CertificateStatusList& list, const IssuerKeys& issuers) {
  if (domain::status_list_shape_problem(list)) return false;
  for (const auto& key : issuers.keys_at(list.issuer_node, list.issued_at_ms))
    if (status_list_signature_valid(list, key)) return true;
  return false;
}

node::CertificateVerification verify_certificate(std::string_view text, const IssuerKeys& issuers,
                                                 const std::optional<domain::CertificateStatusList>& status_list,
                                                 std::int64_t now_ms, std::string_view today) {
  node::CertificateVerification v;
  v.outcome = domain::VerificationOutcome::invalid;
  try {
    v.presentation = parse_presentation_text(text);
  } catch (const CodecError& error) {
    v.detail = error.what();
    return v;
  }
  v.parsed = true;
  const auto& c = v.presentation->certificate;
  v.issuer_node = c.issuer_node;
  if (auto problem = domain::certificate_shape_problem(c)) {
    v.detail = *problem;
    return v;
  }
  const Issuer* issuer = issuers.find(c.issuer_node);
  if (!issuer) {
    v.outcome = domain::VerificationOutcome::unknown_issuer;
    v.detail = "the issuer node '" + c.issuer_node + "' is not in the federation directory held here";
    return v;
  }
  v.issuer_known = true;
  v.issuer_jurisdiction = issuer->jurisdiction;
  if (issuer->jurisdiction != c.issuer_jurisdiction) {
    v.detail = "the document names jurisdiction '" + c.issuer_jurisdiction + "' but the directory gives '" +
               issuer->jurisdiction + "' for " + c.issuer_node;
    return v;
  }
  bool signed_by_issuer = false;
  for (const auto& key : issuers.keys_at(c.issuer_node, c.issued_at_ms))
    signed_by_issuer = signed_by_issuer || certificate_signature_valid(c, key);
  if (!signed_by_issuer) {
    v.detail = "the signature does not verify with a key of " + c.issuer_node + " valid when it was issued";
    return v;
  }
  if (auto problem = domain::disclosure_problem(*v.presentation)) {
    v.detail = "a disclosed field was altered: " + *problem;
    return v;
  }
  v.integrity = true;
  std::optional<domain::CertificateStatusList> list = status_list;
  std::string list_note;
  if (list && (list->issuer_node != c.issuer_node || !status_list_authentic(*list, issuers))) {
    list.reset();
    list_note = " (the status list held did not verify)";
  }
  auto verdict = domain::status_verdict(c, list, now_ms, today);
  v.outcome = verdict.outcome;
  v.status = verdict.status;
  v.status_age_ms = verdict.age_ms;
  if (list) v.status_list_number = list->number;
  v.detail = verdict.detail + list_note;
  return v;
}

}  // namespace tongban::certificates
