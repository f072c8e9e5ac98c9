#include "search/pinyin.h"

#include <gtest/gtest.h>

namespace tongban::search {
namespace {

const PinyinReader& reader() {
  static const PinyinReader instance;
  return instance;
}

TEST(Pinyin, ReadsEachCharacterWithoutTones) {
  EXPECT_EQ(reader().syllables(U"身份证"), (std::vector<std::string>{"shen", "fen", "zheng"}));
  EXPECT_EQ(reader().syllables(U"不动产登记"), (std::vector<std::string>{"bu", "dong", "chan", "deng", "ji"}));
}

TEST(Pinyin, NonChineseCharactersHaveNoReading) {
  EXPECT_EQ(reader().syllables(U"a身1"), (std::vector<std::string>{"", "shen", ""}));
  EXPECT_TRUE(reader().syllables(U"").empty());
}

TEST(Pinyin, FullAndInitials) {
  const auto syllables = reader().syllables(U"身份证");
  EXPECT_EQ(pinyin_full(syllables), "shenfenzheng");
  EXPECT_EQ(pinyin_initials(syllables), "sfz");
  EXPECT_EQ(pinyin_initials({"shen", "", "zheng"}), "sz");
}

TEST(Pinyin, CachedReadingsStayTheSame) {
  const auto first = reader().syllables(U"证证");
  EXPECT_EQ(first, (std::vector<std::string>{"zheng", "zheng"}));
  EXPECT_EQ(reader().syllables(U"证"), std::vector<std::string>{"zheng"});
}

}  // namespace
}  // namespace tongban::search
