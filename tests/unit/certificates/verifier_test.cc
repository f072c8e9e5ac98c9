// The verifier's outcomes: VALID, REVOKED, SUSPENDED, STATUS_STALE(age), UNKNOWN_ISSUER, INVALID — and a status
// list's signature and expiry (a stale or forged list is never taken as good).
#include <gtest/gtest.h>

#include "certificate_fixture.h"
#include "certificates/certificate_verifier.h"

namespace tongban::certificates {
namespace {

using domain::CertificateStatus;
using domain::VerificationOutcome;
using testing::keys_knowing;
using testing::kIssuedAt;
using testing::signed_list;
using testing::signed_sample;

constexpr std::int64_t kHour = 3'600'000;

node::CertificateVerification check(const testing::SignedSample& s, const std::string& text,
                                    const std::optional<domain::CertificateStatusList>& list, std::int64_t now) {
  return verify_certificate(text, keys_knowing(s.key), list, now, "2026-12-02");
}

TEST(CertificateVerifier, ValidWithAFreshList) {
  auto s = signed_sample();
  auto list = signed_list(s.key, 3, {{s.full.certificate.id, CertificateStatus::valid}}, kIssuedAt + kHour, kHour);
  auto v = check(s, presentation_token(s.full), list, kIssuedAt + kHour + 60'000);
  EXPECT_EQ(v.outcome, VerificationOutcome::valid) << v.detail;
  EXPECT_TRUE(v.integrity);
  EXPECT_TRUE(v.issuer_known);
  EXPECT_EQ(v.issuer_jurisdiction, "MO");
  EXPECT_EQ(v.status, CertificateStatus::valid);
  EXPECT_EQ(v.status_age_ms, 60'000);
  EXPECT_EQ(v.status_list_number, 3);
  // A partial disclosure is just as valid.
  auto partial = domain::disclose_only(s.full, {"holder.name"});
  EXPECT_EQ(check(s, presentation_to_json(partial), list, kIssuedAt + kHour + 1).outcome, VerificationOutcome::valid);
}

TEST(CertificateVerifier, RevokedSuspendedAndTheOtherStatusWords) {
  auto s = signed_sample();
  const auto& id = s.full.certificate.id;
  auto now = kIssuedAt + kHour + 1;
  auto with = [&](CertificateStatus status) {
    return check(s, presentation_token(s.full), signed_list(s.key, 4, {{id, status}}, kIssuedAt + kHour, kHour), now);
  };
  EXPECT_EQ(with(CertificateStatus::suspended).outcome, VerificationOutcome::suspended);
  for (auto status : {CertificateStatus::revoked, CertificateStatus::cancelled, CertificateStatus::lapsed,
                      CertificateStatus::withdrawn}) {
    auto v = with(status);
    EXPECT_EQ(v.outcome, VerificationOutcome::revoked) << domain::to_string(status);
    EXPECT_EQ(v.status, status);
  }
  // Past its own valid_until the certificate has lapsed, whatever the list says.
  auto dated = signed_sample(2, "2026-12-01");
  auto list =
      signed_list(dated.key, 1, {{dated.full.certificate.id, CertificateStatus::valid}}, kIssuedAt + kHour, kHour);
  auto v = verify_certificate(presentation_token(dated.full), keys_knowing(dated.key), list, now, "2026-12-02");
  EXPECT_EQ(v.outcome, VerificationOutcome::revoked);
  EXPECT_EQ(v.status, CertificateStatus::lapsed);
}

TEST(CertificateVerifier, StaleOrMissingStatusIsNeverGood) {
  auto s = signed_sample();
  const auto& id = s.full.certificate.id;
  auto list = signed_list(s.key, 5, {{id, CertificateStatus::valid}}, kIssuedAt + kHour, kHour);
  auto v = check(s, presentation_token(s.full), list, kIssuedAt + 3 * kHour);
  EXPECT_EQ(v.outcome, VerificationOutcome::status_stale);
  EXPECT_EQ(v.status_age_ms, 2 * kHour);
  EXPECT_TRUE(v.integrity);
  v = check(s, presentation_token(s.full), std::nullopt, kIssuedAt + kHour);
  EXPECT_EQ(v.outcome, VerificationOutcome::status_stale);
  EXPECT_EQ(v.status_age_ms, std::nullopt);
  // A list older than the certificate that does not name it: its status is not known yet.
  auto older = signed_list(s.key, 1, {}, kIssuedAt - kHour, 4 * kHour);
  EXPECT_EQ(check(s, presentation_token(s.full), older, kIssuedAt + 1).outcome, VerificationOutcome::status_stale);
  // A list signed by someone else is no list at all.
  auto forged =
      signed_list(federation::NodeKey::generate(), 9, {{id, CertificateStatus::valid}}, kIssuedAt + kHour, kHour);
  v = check(s, presentation_token(s.full), forged, kIssuedAt + kHour + 1);
  EXPECT_EQ(v.outcome, VerificationOutcome::status_stale);
  EXPECT_FALSE(status_list_authentic(forged, keys_knowing(s.key)));
  EXPECT_TRUE(status_list_authentic(list, keys_knowing(s.key)));
}

TEST(CertificateVerifier, ACurrentListThatDoesNotNameAnOlderCertificateMakesItInvalid) {
  auto s = signed_sample();
  auto list = signed_list(s.key, 2, {}, kIssuedAt + kHour, kHour);
  EXPECT_EQ(check(s, presentation_token(s.full), list, kIssuedAt + kHour + 1).outcome, VerificationOutcome::invalid);
}

TEST(CertificateVerifier, UnknownIssuer) {
  auto s = signed_sample();
  auto v = verify_certificate(presentation_token(s.full), IssuerKeys{}, std::nullopt, kIssuedAt, "2026-12-02");
  EXPECT_EQ(v.outcome, VerificationOutcome::unknown_issuer);
  EXPECT_FALSE(v.integrity);
  EXPECT_EQ(v.issuer_node, "MO");
}

TEST(CertificateVerifier, TamperedIsInvalid) {
  auto s = signed_sample();
  auto list = signed_list(s.key, 3, {{s.full.certificate.id, CertificateStatus::valid}}, kIssuedAt + kHour, kHour);
  auto now = kIssuedAt + kHour + 1;
  auto tampered = s.full;
  tampered.disclosed[0].value = "李四";
  EXPECT_EQ(check(s, presentation_to_json(tampered), list, now).outcome, VerificationOutcome::invalid);
  tampered = s.full;
  tampered.certificate.item_code = "MO-DSI-002";
  auto v = check(s, presentation_to_json(tampered), list, now);
  EXPECT_EQ(v.outcome, VerificationOutcome::invalid);
  EXPECT_FALSE(v.integrity);
  // An identifier with one character changed fails its check character before anything else.
  tampered = s.full;
  tampered.certificate.id[tampered.certificate.id.size() - 3] ^= 1;
  v = check(s, presentation_to_json(tampered), list, now);
  EXPECT_EQ(v.outcome, VerificationOutcome::invalid);
  EXPECT_NE(v.detail.find("identifier"), std::string::npos) << v.detail;
  // Signed by another key in the issuer's name.
  auto other = signed_sample();
  EXPECT_EQ(check(s, presentation_token(other.full), list, now).outcome, VerificationOutcome::invalid);
  EXPECT_EQ(check(s, "not a certificate", list, now).outcome, VerificationOutcome::invalid);
  EXPECT_FALSE(check(s, "not a certificate", list, now).parsed);
}

TEST(CertificateStatusList, SignedBytesCoverEveryEntryAndTheWindow) {
  auto key = federation::NodeKey::generate();
  auto s = signed_sample();
  auto list = signed_list(key, 1, {{s.full.certificate.id, CertificateStatus::valid}}, kIssuedAt, kHour);
  EXPECT_TRUE(status_list_signature_valid(list, key.public_key()));
  auto changed = list;
  changed.entries[0].status = CertificateStatus::revoked;
  EXPECT_FALSE(status_list_signature_valid(changed, key.public_key()));
  changed = list;
  changed.valid_until_ms += kHour;
  EXPECT_FALSE(status_list_signature_valid(changed, key.public_key()));
  auto back = parse_status_list(status_list_to_json(list));
  EXPECT_EQ(back, list);
  auto unsorted = list;
  unsorted.entries.push_back(unsorted.entries[0]);
  EXPECT_THROW(parse_status_list(status_list_to_json(unsorted)), CodecError);
  auto window = list;
  window.valid_until_ms = window.issued_at_ms;
  EXPECT_THROW(parse_status_list(status_list_to_json(window)), CodecError);
}

TEST(CertificateStatusWords, MapToTheEnum) {
  for (auto [word, status] :
       {std::pair{"有效", CertificateStatus::valid}, std::pair{"暂扣", CertificateStatus::suspended},
        std::pair{"撤销", CertificateStatus::revoked}, std::pair{"注销", CertificateStatus::cancelled},
        std::pair{"失效", CertificateStatus::lapsed}, std::pair{"吊销", CertificateStatus::withdrawn}}) {
    EXPECT_EQ(domain::parse_certificate_status(word), status) << word;
    EXPECT_EQ(domain::status_word(status), word);
    EXPECT_EQ(domain::parse_certificate_status(domain::to_string(status)), status);
  }
  EXPECT_EQ(domain::parse_certificate_status("void"), std::nullopt);
  EXPECT_TRUE(domain::in_force(CertificateStatus::valid));
  EXPECT_FALSE(domain::in_force(CertificateStatus::suspended));
}

}  // namespace
}  // namespace tongban::certificates
