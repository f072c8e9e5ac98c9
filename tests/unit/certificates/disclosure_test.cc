// Salted fields: a holder discloses only some fields; the verifier still checks the whole document's signature and
// each disclosed field against its signed digest. The JSON and token forms round-trip and refuse what is not theirs.
#include <gtest/gtest.h>

#include "certificate_fixture.h"

namespace tongban::certificates {
namespace {

using testing::signed_sample;

TEST(CertificateDisclosure, FullAndPartialCopiesVerify) {
  auto s = signed_sample();
  EXPECT_TRUE(certificate_signature_valid(s.full.certificate, s.key.public_key()));
  EXPECT_EQ(domain::disclosure_problem(s.full), std::nullopt);
  auto partial = domain::disclose_only(s.full, {"holder.name"});
  ASSERT_EQ(partial.disclosed.size(), 1U);
  EXPECT_EQ(domain::disclosure_problem(partial), std::nullopt);
  // The document itself is unchanged: the signature still holds over every digest.
  EXPECT_TRUE(certificate_signature_valid(partial.certificate, s.key.public_key()));
  // What is not disclosed is not in the presentation at all.
  EXPECT_EQ(presentation_to_json(partial).find("1234567(8)"), std::string::npos);
}

TEST(CertificateDisclosure, AnAlteredValueOrSaltIsFound) {
  auto s = signed_sample();
  auto altered = s.full;
  altered.disclosed[0].value = "陈大明";
  ASSERT_TRUE(domain::disclosure_problem(altered));
  EXPECT_NE(domain::disclosure_problem(altered)->find("holder.name"), std::string::npos);
  altered = s.full;
  altered.disclosed[1].salt[0] = altered.disclosed[1].salt[0] == 'a' ? 'b' : 'a';
  EXPECT_TRUE(domain::disclosure_problem(altered));
  altered = s.full;
  altered.disclosed.push_back(altered.disclosed[0]);
  EXPECT_TRUE(domain::disclosure_problem(altered));
  altered = s.full;
  altered.disclosed[0].name = "holder.nickname";
  EXPECT_TRUE(domain::disclosure_problem(altered));
}

TEST(CertificateDisclosure, AChangedDigestOrDateBreaksTheSignature) {
  auto s = signed_sample();
  auto c = s.full.certificate;
  c.fields[0].digest = domain::field_digest(random_salt(), "holder.name", "陈大明");
  EXPECT_FALSE(certificate_signature_valid(c, s.key.public_key()));
  c = s.full.certificate;
  c.valid_until = "2099-12-31";
  EXPECT_FALSE(certificate_signature_valid(c, s.key.public_key()));
  EXPECT_FALSE(certificate_signature_valid(s.full.certificate, federation::NodeKey::generate().public_key()));
}

TEST(CertificateDisclosure, JsonAndTokenRoundTrip) {
  auto s = signed_sample();
  auto json = presentation_to_json(s.full);
  auto back = parse_presentation(json);
  EXPECT_EQ(back.certificate, s.full.certificate);
  EXPECT_EQ(back.disclosed, s.full.disclosed);
  auto token = presentation_token(s.full);
  EXPECT_TRUE(token.starts_with("tbec1."));
  EXPECT_EQ(token.find_first_of("+/="), std::string::npos);
  // Small enough for one QR code (version 40 holds 2331 bytes at error correction M).
  EXPECT_LT(token.size(), 2331U);
  auto from_token = parse_presentation_text("  " + token + "\n");
  EXPECT_EQ(from_token.certificate, s.full.certificate);
}

TEST(CertificateDisclosure, StrictParsingRefusesOtherDocuments) {
  auto s = signed_sample();
  auto json = presentation_to_json(s.full);
  EXPECT_THROW(parse_presentation_text(""), CodecError);
  EXPECT_THROW(parse_presentation_text("hello"), CodecError);
  EXPECT_THROW(parse_presentation_text("tbec1.***"), CodecError);
  EXPECT_THROW(parse_presentation("{}"), CodecError);
  std::string extra = json;
  extra.insert(1, "\"extra\":1,");
  EXPECT_THROW(parse_presentation(extra), CodecError);
  std::string wrong_format = json;
  wrong_format.replace(wrong_format.find("tongban.ecert.v1"), 16, "tongban.ecert.v9");
  EXPECT_THROW(parse_presentation(wrong_format), CodecError);
}

}  // namespace
}  // namespace tongban::certificates
