// The e-certificate identifier (GB/T 36904 shape) and its ISO/IEC 7064 MOD 37,36 check character.
#include "domain/e_certificate_id.h"

#include <gtest/gtest.h>

namespace tongban::domain {
namespace {

// Published vectors: python-stdnum's iso7064 modules (mod_37_36: "A12425GABC1234002" -> "M"; mod_11_10: "79462" ->
// "3"), both the hybrid system of ISO/IEC 7064 §7 with different moduli.
TEST(ECertificateId, Iso7064KnownVectors) {
  EXPECT_EQ(iso7064_mod37_36_check("A12425GABC1234002"), 'M');
  EXPECT_TRUE(iso7064_mod37_36_valid("A12425GABC1234002M"));
  EXPECT_FALSE(iso7064_mod37_36_valid("A12425GABC1234002N"));
  EXPECT_EQ(iso7064_mod11_10_check("79462"), '3');
  EXPECT_THROW(iso7064_mod37_36_check("abc"), std::invalid_argument);
  EXPECT_THROW(iso7064_mod37_36_check(""), std::invalid_argument);
}

TEST(ECertificateId, EverySingleSubstitutionIsCaught) {
  const std::string good = "A12425GABC1234002M";
  const std::string alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  for (std::size_t i = 0; i < good.size(); ++i)
    for (char c : alphabet) {
      if (c == good[i]) continue;
      std::string altered = good;
      altered[i] = c;
      EXPECT_FALSE(iso7064_mod37_36_valid(altered)) << altered;
    }
}

TEST(ECertificateId, FormatsAndParsesRoundTrip) {
  ECertificateId id{"MODSI", "202600000001", 1};
  std::string text = format_e_certificate_id(id);
  EXPECT_TRUE(text.starts_with("1.2.156.3005.2.MODSI.202600000001.1."));
  EXPECT_EQ(text.size(), std::string("1.2.156.3005.2.MODSI.202600000001.1.X").size());
  auto parsed = parse_e_certificate_id(text);
  ASSERT_TRUE(parsed);
  EXPECT_EQ(*parsed, id);
  // The check character is MOD 37,36 over the identifier's letters and digits.
  EXPECT_EQ(text.back(), iso7064_mod37_36_check("1215630052MODSI2026000000011"));
}

TEST(ECertificateId, OneAlteredCharacterIsRefused) {
  std::string good = format_e_certificate_id({"JMHRSS", "202600000042", 2});
  ASSERT_TRUE(parse_e_certificate_id(good));
  const std::string alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  const std::size_t first = std::string("1.2.156.3005.2.").size();
  for (std::size_t i = first; i < good.size(); ++i) {
    if (good[i] == '.') continue;
    for (char c : alphabet) {
      if (c == good[i]) continue;
      std::string altered = good;
      altered[i] = c;
      std::string why;
      EXPECT_FALSE(parse_e_certificate_id(altered, &why)) << altered;
    }
  }
  std::string why;
  std::string wrong_check = good;
  wrong_check.back() = good.back() == '0' ? '1' : '0';
  EXPECT_FALSE(parse_e_certificate_id(wrong_check, &why));
  EXPECT_EQ(why, "check");
}

TEST(ECertificateId, RefusesWhatIsNotAnIdentifier) {
  std::string why;
  EXPECT_FALSE(parse_e_certificate_id("1.2.156.3005.3.MODSI.1.1.A", &why));
  EXPECT_EQ(why, "root");
  EXPECT_FALSE(parse_e_certificate_id("1.2.156.3005.2.MODSI.1.1", &why));
  EXPECT_EQ(why, "shape");
  EXPECT_FALSE(parse_e_certificate_id("1.2.156.3005.2.mo-dsi.1.1.A", &why));
  EXPECT_EQ(why, "issuer");
  EXPECT_FALSE(parse_e_certificate_id("1.2.156.3005.2.MODSI.1.01.A", &why));
  EXPECT_EQ(why, "version");
  EXPECT_FALSE(parse_e_certificate_id("", &why));
  EXPECT_THROW(format_e_certificate_id({"MO-DSI", "1", 1}), std::invalid_argument);
  EXPECT_THROW(format_e_certificate_id({"MODSI", "1", 0}), std::invalid_argument);
  EXPECT_EQ(issuer_code_for("mo-dsi"), "MODSI");
  EXPECT_EQ(issuer_code_for("ABCDEFGHIJ-KLMNOPQRSTUVW").size(), 18U);
}

}  // namespace
}  // namespace tongban::domain
