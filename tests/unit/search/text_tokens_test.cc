#include "search/text_tokens.h"

#include <gtest/gtest.h>

namespace tongban::search {
namespace {

TEST(TextTokens, LatinWordsSplitOnNonLetters) {
  const TextTokens tokens = tokenize("certidao de registo-criminal, 2024/mo-dsi-001");
  EXPECT_EQ(tokens.words,
            (std::vector<std::string>{"certidao", "de", "registo", "criminal", "2024", "mo", "dsi", "001"}));
  EXPECT_TRUE(tokens.han_runs.empty());
}

TEST(TextTokens, ChineseRunsSplitOnPunctuationAndLatin) {
  const TextTokens tokens = tokenize("居民身份证（换领）id卡");
  EXPECT_EQ(tokens.han_runs, (std::vector<std::u32string>{U"居民身份证", U"换领", U"卡"}));
  EXPECT_EQ(tokens.words, std::vector<std::string>{"id"});
}

TEST(TextTokens, OnlyPunctuationGivesNothing) {
  const TextTokens tokens = tokenize("！？…,.; -- ");
  EXPECT_TRUE(tokens.words.empty());
  EXPECT_TRUE(tokens.han_runs.empty());
}

TEST(TextTokens, PhraseFormCollapsesSeparators) {
  EXPECT_EQ(phrase_form("  居民身份证（换领） "), "居民身份证 换领");
  EXPECT_EQ(phrase_form("certidao -- de  registo"), "certidao de registo");
  EXPECT_EQ(phrase_form("..."), "");
}

TEST(TextTokens, Utf8OfCodePoints) {
  EXPECT_EQ(to_utf8(U"身a"), "身a");
}

}  // namespace
}  // namespace tongban::search
