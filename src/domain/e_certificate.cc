#include "domain/e_certificate.h"

#include <algorithm>
#include <set>

#include "domain/calendar_date.h"
#include "domain/canonical_bytes.h"
#include "domain/e_certificate_id.h"
#include "domain/word_table.h"

namespace tongban::domain {
namespace {

constexpr WordTable<CertificateStatus, 6> kStatuses{{{CertificateStatus::valid, "valid"},
                                                     {CertificateStatus::suspended, "suspended"},
                                                     {CertificateStatus::revoked, "revoked"},
                                                     {CertificateStatus::cancelled, "cancelled"},
                                                     {CertificateStatus::lapsed, "lapsed"},
                                                     {CertificateStatus::withdrawn, "withdrawn"}}};
constexpr WordTable<CertificateStatus, 6> kStatusWords{{{CertificateStatus::valid, "有效"},
                                                        {CertificateStatus::suspended, "暂扣"},
                                                        {CertificateStatus::revoked, "撤销"},
                                                        {CertificateStatus::cancelled, "注销"},
                                                        {CertificateStatus::lapsed, "失效"},
                                                        {CertificateStatus::withdrawn, "吊销"}}};

bool lower_hex(std::string_view text, std::size_t size) {
  if (text.size() != size) return false;
  return std::all_of(text.begin(), text.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

bool field_name_ok(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
  });
}

bool id_word_ok(std::string_view word) {
  if (word.empty() || word.size() > 64) return false;
  return std::all_of(word.begin(), word.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
           c == '-';
  });
}

}  // namespace

bool ECertificate::operator==(const ECertificate& other) const {
  return signature == other.signature && certificate_signed_bytes(*this) == certificate_signed_bytes(other);
}

std::string_view to_string(CertificateStatus status) {
  return word_of(kStatuses, status);
}

std::string_view status_word(CertificateStatus status) {
  return word_of(kStatusWords, status);
}

std::optional<CertificateStatus> parse_certificate_status(std::string_view word) {
  if (auto status = value_of(kStatuses, word)) return status;
  return value_of(kStatusWords, word);
}

bool issued_as_e_certificate(ResultKind kind) {
  return kind == ResultKind::certificate || kind == ResultKind::licence || kind == ResultKind::approval ||
         kind == ResultKind::registration;
}

std::string field_digest(std::string_view salt, std::string_view name, std::string_view value) {
  std::string bytes;
  append_field(bytes, "tongban.ecert.field.v1");
  append_field(bytes, salt);
  append_field(bytes, name);
  append_field(bytes, value);
  return sha256_hex(bytes);
}

DisclosedField salted_field(std::string name, std::string value, std::string salt) {
  return DisclosedField{std::move(name), std::move(value), std::move(salt)};
}

std::string certificate_signed_bytes(const ECertificate& c) {
  std::string out;
  append_field(out, kECertificateFormat);
  append_field(out, c.id);
  append_field(out, c.issuer_node);
  append_field(out, c.issuer_jurisdiction);
  append_field(out, c.issuer_authority);
  append_field(out, c.item_code);
  append_field(out, to_string(c.result_kind));
  append_field(out, c.result_name.zh_hans);
  append_field(out, c.result_name.zh_hant);
  append_field(out, c.result_name.pt);
  append_field(out, c.result_name.en);
  append_int(out, c.issued_at_ms);
  append_field(out, c.valid_from);
  append_field(out, c.valid_until);
  append_int(out, static_cast<std::int64_t>(c.fields.size()));
  for (const auto& field : c.fields) {
    append_field(out, field.name);
    append_field(out, field.digest);
  }
  return out;
}

std::optional<std::string> certificate_shape_problem(const ECertificate& c) {
  std::string why;
  if (!parse_e_certificate_id(c.id, &why)) return "id: not an e-certificate identifier (" + why + ")";
  if (!id_word_ok(c.issuer_node)) return std::string("issuer_node: not a node id");
  if (!id_word_ok(c.issuer_jurisdiction)) return std::string("issuer_jurisdiction: not a jurisdiction code");
  if (!id_word_ok(c.issuer_authority)) return std::string("issuer_authority: not an authority code");
  if (parse_e_certificate_id(c.id)->issuer != issuer_code_for(c.issuer_authority))
    return std::string("id: the issuer code is not the issuing authority's");
  if (!id_word_ok(c.item_code)) return std::string("item_code: not an item code");
  if (!issued_as_e_certificate(c.result_kind)) return std::string("result_kind: not issued as an e-certificate");
  if (c.issued_at_ms <= 0) return std::string("issued_at_ms: not a time");
  if (!parse_date(c.valid_from)) return std::string("valid_from: not a date");
  if (!c.valid_until.empty()) {
    auto until = parse_date(c.valid_until);
    if (!until) return std::string("valid_until: not a date");
    if (*until < *parse_date(c.valid_from)) return std::string("valid_until: before valid_from");
  }
  if (c.fields.empty() || c.fields.size() > 64) return std::string("fields: 1 to 64 fields");
  std::set<std::string, std::less<>> names;
  for (const auto& field : c.fields) {
    if (!field_name_ok(field.name)) return "fields: bad name '" + field.name.substr(0, 64) + "'";
    if (!names.insert(field.name).second) return "fields: '" + field.name + "' twice";
    if (!lower_hex(field.digest, 64)) return "fields: the digest of '" + field.name + "' is not 64 lowercase hex";
  }
  return std::nullopt;
}

std::optional<std::string> disclosure_problem(const Presentation& p) {
  std::set<std::string, std::less<>> seen;
  for (const auto& disclosed : p.disclosed) {
    if (!seen.insert(disclosed.name).second) return "'" + disclosed.name + "' is disclosed twice";
    if (!lower_hex(disclosed.salt, 32)) return "the salt of '" + disclosed.name + "' is not 32 lowercase hex";
    if (disclosed.value.size() > 4096) return "the value of '" + disclosed.name + "' is too long";
    auto signed_field = std::find_if(p.certificate.fields.begin(), p.certificate.fields.end(),
                                     [&](const CertificateField& f) { return f.name == disclosed.name; });
    if (signed_field == p.certificate.fields.end()) return "'" + disclosed.name + "' is not a field of the document";
    if (field_digest(disclosed.salt, disclosed.name, disclosed.value) != signed_field->digest)
      return "'" + disclosed.name + "' does not match its signed digest";
  }
  return std::nullopt;
}

Presentation disclose_only(const Presentation& full, const std::vector<std::string>& names) {
  Presentation out{full.certificate, {}};
  for (const auto& field : full.disclosed)
    if (std::find(names.begin(), names.end(), field.name) != names.end()) out.disclosed.push_back(field);
  return out;
}

}  // namespace tongban::domain
