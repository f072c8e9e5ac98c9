// S10 item ids: known-good ids from UPU S10 examples and real labels validate; each single alteration is refused.
#include "domain/s10_item_id.h"

#include <gtest/gtest.h>

#include <stdexcept>

namespace tongban::domain {
namespace {

TEST(S10ItemId, CheckDigitFollowsTheWeights) {
  // 4*8 + 7*6 + 3*4 + 1*2 + 2*3 + 4*5 + 8*9 + 2*7 = 200; 200 mod 11 = 2; 11 - 2 = 9.
  EXPECT_EQ(s10_check_digit("47312482"), 9);
  // 00000003: 3*7 = 21; 21 mod 11 = 10; 11 - 10 = 1.
  EXPECT_EQ(s10_check_digit("00000003"), 1);
  // sum mod 11 == 0 gives 11, written 5.
  EXPECT_EQ(s10_check_digit("00000000"), 5);
  // sum mod 11 == 1 gives 10, written 0: 00000008 -> 56 -> 56 mod 11 = 1.
  EXPECT_EQ(s10_check_digit("00000008"), 0);
  EXPECT_FALSE(s10_check_digit("4731248"));
  EXPECT_FALSE(s10_check_digit("4731248X"));
}

TEST(S10ItemId, KnownGoodIdsAreValid) {
  for (const char* id : {"RR473124829GB", "EE000000005CN", "RA000000080MO", "CP000000031HK"})
    EXPECT_TRUE(valid_s10_item_id(id)) << id << ": " << s10_problem(id);
}

TEST(S10ItemId, EveryAlterationIsCaught) {
  EXPECT_EQ(s10_problem("RR473124828GB"), "check_digit");  // wrong check digit
  EXPECT_EQ(s10_problem("RR473124289GB"), "check_digit");  // two serial digits swapped
  EXPECT_EQ(s10_problem("RR473124839GB"), "check_digit");  // one serial digit changed
  EXPECT_EQ(s10_problem("rr473124829GB"), "service_indicator");
  EXPECT_EQ(s10_problem("R1473124829GB"), "service_indicator");
  EXPECT_EQ(s10_problem("RR47312482XGB"), "check_digit");
  EXPECT_EQ(s10_problem("RR4731248A9GB"), "serial");
  EXPECT_EQ(s10_problem("RR473124829G1"), "country");
  EXPECT_EQ(s10_problem("RR473124829gb"), "country");
  EXPECT_EQ(s10_problem("RR473124829GBX"), "length");
  EXPECT_EQ(s10_problem(""), "length");
}

TEST(S10ItemId, GeneratedIdsValidateAndCarryTheirParts) {
  EXPECT_EQ(make_s10_item_id("RR", 47312482, "GB"), "RR473124829GB");
  EXPECT_EQ(make_s10_item_id("EE", 0, "CN"), "EE000000005CN");
  for (std::uint32_t serial : {0U, 1U, 8U, 12345678U, 99999999U}) {
    auto id = make_s10_item_id("RR", serial, "MO");
    EXPECT_TRUE(valid_s10_item_id(id)) << id;
  }
  EXPECT_THROW(make_s10_item_id("R", 1, "MO"), std::invalid_argument);
  EXPECT_THROW(make_s10_item_id("RR", 100000000, "MO"), std::invalid_argument);
  EXPECT_THROW(make_s10_item_id("RR", 1, "mo"), std::invalid_argument);
}

}  // namespace
}  // namespace tongban::domain
