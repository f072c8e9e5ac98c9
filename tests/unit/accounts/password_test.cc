// Argon2id password hashing and the password policy.
#include "accounts/password.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

namespace tongban::accounts {
namespace {

const PasswordCost kFast = PasswordCost::minimum();

TEST(Password, HashIsArgon2idAndVerifiesOnlyTheSamePassword) {
  const std::string hash = hash_password("Correct horse 9", kFast);
  EXPECT_TRUE(hash.starts_with("$argon2id$")) << hash;
  EXPECT_EQ(hash.find("Correct horse 9"), std::string::npos);
  EXPECT_TRUE(verify_password("Correct horse 9", hash));
  EXPECT_FALSE(verify_password("Correct horse 8", hash));
  EXPECT_FALSE(verify_password("", hash));
}

TEST(Password, SamePasswordHashesDifferentlyEachTime) {
  const std::string first = hash_password("S4me password!", kFast);
  const std::string second = hash_password("S4me password!", kFast);
  EXPECT_NE(first, second);  // random salt
  EXPECT_TRUE(verify_password("S4me password!", first));
  EXPECT_TRUE(verify_password("S4me password!", second));
}

TEST(Password, NonAsciiPasswordsWork) {
  const std::string password = "通办密码 Macau 2026";
  const std::string hash = hash_password(password, kFast);
  EXPECT_TRUE(verify_password(password, hash));
  EXPECT_FALSE(verify_password("通辦密碼 Macau 2026", hash));
}

TEST(Password, MalformedStoredHashNeverVerifies) {
  EXPECT_FALSE(verify_password("anything at all", ""));
  EXPECT_FALSE(verify_password("anything at all", "not a hash"));
  EXPECT_FALSE(verify_password("anything at all", "$argon2id$v=19$m=8,t=1,p=1$garbage"));
  EXPECT_FALSE(verify_password("anything at all", std::string(500, '$')));
}

TEST(Password, CostIsRecordedAndAChangedCostAsksForARehash) {
  const std::string fast = hash_password("Rehash me 12", kFast);
  EXPECT_FALSE(password_needs_rehash(fast, kFast));
  EXPECT_TRUE(password_needs_rehash(fast, PasswordCost::interactive()));
  EXPECT_TRUE(password_needs_rehash("garbage", kFast));
  EXPECT_GT(PasswordCost::interactive().memlimit, kFast.memlimit);
}

TEST(Password, AbsurdlyLongPasswordIsRefusedBeforeHashing) {
  EXPECT_THROW(hash_password(std::string(5000, 'a'), kFast), std::invalid_argument);
}

TEST(PasswordPolicy, NamesTheRuleBroken) {
  EXPECT_EQ(check_password_policy(""), "too_short");
  EXPECT_EQ(check_password_policy("Abc12345!"), "too_short");  // 9
  EXPECT_EQ(check_password_policy("abcdefghijk"), "one_character_class");
  EXPECT_EQ(check_password_policy("ABCDEFGHIJK"), "one_character_class");
  EXPECT_EQ(check_password_policy("12345678901"), "one_character_class");
  EXPECT_EQ(check_password_policy("通办通办通办通办通办"), "one_character_class");
  EXPECT_EQ(check_password_policy(std::string(257, 'a') + "1"), "too_long");
}

TEST(PasswordPolicy, AcceptsTenCharactersOfTwoClasses) {
  EXPECT_EQ(check_password_policy("abcdefghi1"), std::nullopt);
  EXPECT_EQ(check_password_policy("correct horse"), std::nullopt);  // lower + space
  EXPECT_EQ(check_password_policy("通办通办通办通办通1"), std::nullopt);
  EXPECT_EQ(check_password_policy(std::string(255, 'a') + "1"), std::nullopt);
}

TEST(PasswordPolicy, CountsCharactersNotBytes) {
  // Nine Chinese characters are 27 bytes but still too short.
  EXPECT_EQ(check_password_policy("通办通办通办通办1"), "too_short");
}

}  // namespace
}  // namespace tongban::accounts
