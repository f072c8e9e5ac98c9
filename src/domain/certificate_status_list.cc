#include "domain/certificate_status_list.h"

#include <algorithm>

#include "domain/canonical_bytes.h"
#include "domain/e_certificate_id.h"
#include "domain/word_table.h"

namespace tongban::domain {
namespace {

constexpr WordTable<VerificationOutcome, 6> kOutcomes{{{VerificationOutcome::valid, "VALID"},
                                                       {VerificationOutcome::revoked, "REVOKED"},
                                                       {VerificationOutcome::suspended, "SUSPENDED"},
                                                       {VerificationOutcome::status_stale, "STATUS_STALE"},
                                                       {VerificationOutcome::unknown_issuer, "UNKNOWN_ISSUER"},
                                                       {VerificationOutcome::invalid, "INVALID"}}};

}  // namespace

const StatusEntry* CertificateStatusList::find(std::string_view certificate_id) const {
  auto it = std::lower_bound(entries.begin(), entries.end(), certificate_id,
                             [](const StatusEntry& e, std::string_view id) { return e.certificate_id < id; });
  if (it == entries.end() || it->certificate_id != certificate_id) return nullptr;
  return &*it;
}

std::string status_list_signed_bytes(const CertificateStatusList& list) {
  std::string out;
  append_field(out, "tongban.ecert.status.v1");
  append_field(out, list.issuer_node);
  append_int(out, list.number);
  append_int(out, list.issued_at_ms);
  append_int(out, list.valid_until_ms);
  append_int(out, static_cast<std::int64_t>(list.entries.size()));
  for (const auto& entry : list.entries) {
    append_field(out, entry.certificate_id);
    append_field(out, to_string(entry.status));
  }
  return out;
}

std::optional<std::string> status_list_shape_problem(const CertificateStatusList& list) {
  if (list.issuer_node.empty() || list.issuer_node.size() > 64) return std::string("issuer_node: not a node id");
  if (list.number < 1) return std::string("number: at least 1");
  if (list.issued_at_ms <= 0) return std::string("issued_at_ms: not a time");
  if (list.valid_until_ms <= list.issued_at_ms) return std::string("valid_until_ms: not after issued_at_ms");
  for (std::size_t i = 0; i < list.entries.size(); ++i) {
    if (!parse_e_certificate_id(list.entries[i].certificate_id))
      return "entries[" + std::to_string(i) + "]: not an e-certificate identifier";
    if (i > 0 && !(list.entries[i - 1].certificate_id < list.entries[i].certificate_id))
      return "entries[" + std::to_string(i) + "]: not sorted, or twice";
  }
  return std::nullopt;
}

std::string_view to_string(VerificationOutcome outcome) {
  return word_of(kOutcomes, outcome);
}

StatusVerdict status_verdict(const ECertificate& certificate, const std::optional<CertificateStatusList>& list,
                             std::int64_t now_ms, std::string_view today) {
  StatusVerdict verdict;
  if (!list) {
    verdict.outcome = VerificationOutcome::status_stale;
    verdict.detail = "no status list of " + certificate.issuer_node + " is held";
    return verdict;
  }
  verdict.age_ms = now_ms - list->issued_at_ms;
  if (list->issuer_node != certificate.issuer_node) {
    verdict.outcome = VerificationOutcome::invalid;
    verdict.detail = "the status list is not the issuer's";
    return verdict;
  }
  if (now_ms >= list->valid_until_ms) {
    verdict.outcome = VerificationOutcome::status_stale;
    verdict.detail = "the newest status list (number " + std::to_string(list->number) + ") expired";
    return verdict;
  }
  const StatusEntry* entry = list->find(certificate.id);
  if (!entry) {
    if (certificate.issued_at_ms >= list->issued_at_ms) {
      verdict.outcome = VerificationOutcome::status_stale;
      verdict.detail = "the certificate is newer than the newest status list";
    } else {
      verdict.outcome = VerificationOutcome::invalid;
      verdict.detail = "the issuer's status list does not name this certificate";
    }
    return verdict;
  }
  verdict.status = entry->status;
  if (entry->status == CertificateStatus::valid && !certificate.valid_until.empty() &&
      std::string(today) > certificate.valid_until) {
    verdict.status = CertificateStatus::lapsed;
  }
  switch (*verdict.status) {
    case CertificateStatus::valid:
      verdict.outcome = VerificationOutcome::valid;
      verdict.detail = "in force";
      break;
    case CertificateStatus::suspended:
      verdict.outcome = VerificationOutcome::suspended;
      verdict.detail = "suspended (暂扣)";
      break;
    default:
      verdict.outcome = VerificationOutcome::revoked;
      verdict.detail = std::string("not in force: ") + std::string(to_string(*verdict.status)) + " (" +
                       std::string(status_word(*verdict.status)) + ")";
      break;
  }
  return verdict;
}

}  // namespace tongban::domain
