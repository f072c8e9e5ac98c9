// Helpers for the e-certificate unit tests: a signed certificate of a Macao node with salted fields, and the issuer
// keys that know it.
#pragma once

#include "certificates/certificate_codec.h"
#include "certificates/issuer_keys.h"
#include "domain/e_certificate_id.h"

namespace tongban::certificates::testing {

inline constexpr std::int64_t kIssuedAt = 1'796'000'000'000;

struct SignedSample {
  federation::NodeKey key = federation::NodeKey::generate();
  domain::Presentation full;
};

inline SignedSample signed_sample(std::int64_t serial = 1, std::string valid_until = "") {
  SignedSample s;
  auto& c = s.full.certificate;
  c.id = domain::format_e_certificate_id(
      {"MODSI", "2026" + std::string(8 - std::to_string(serial).size(), '0') + std::to_string(serial), 1});
  c.issuer_node = "MO";
  c.issuer_jurisdiction = "MO";
  c.issuer_authority = "MO-DSI";
  c.item_code = "MO-DSI-001";
  c.result_kind = domain::ResultKind::certificate;
  c.result_name = {"身份证明书", "身份證明書", "Certidão", "Certificate"};
  c.issued_at_ms = kIssuedAt;
  c.valid_from = "2026-12-01";
  c.valid_until = std::move(valid_until);
  for (auto [name, value] :
       {std::pair{"holder.name", "陈小明"}, std::pair{"holder.id_document.type", "MO_BIR"},
        std::pair{"holder.id_document.number", "1234567(8)"}, std::pair{"result.note", "issued"}}) {
    auto field = domain::salted_field(name, value, random_salt());
    c.fields.push_back({field.name, domain::field_digest(field.salt, field.name, field.value)});
    s.full.disclosed.push_back(field);
  }
  sign_certificate(c, s.key);
  return s;
}

inline IssuerKeys keys_knowing(const federation::NodeKey& mo_key) {
  IssuerKeys keys;
  federation::Peer peer;
  peer.node_id = "MO";
  peer.public_key = mo_key.public_key();
  keys.add(Issuer{"MO", "MO", peer});
  return keys;
}

inline domain::CertificateStatusList signed_list(const federation::NodeKey& key, std::int64_t number,
                                                 std::vector<domain::StatusEntry> entries, std::int64_t issued_at,
                                                 std::int64_t valid_ms) {
  domain::CertificateStatusList list;
  list.issuer_node = "MO";
  list.number = number;
  list.issued_at_ms = issued_at;
  list.valid_until_ms = issued_at + valid_ms;
  std::sort(entries.begin(), entries.end(),
            [](const auto& a, const auto& b) { return a.certificate_id < b.certificate_id; });
  list.entries = std::move(entries);
  sign_status_list(list, key);
  return list;
}

}  // namespace tongban::certificates::testing
