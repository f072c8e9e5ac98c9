// FieldPatterns: form-field patterns compiled once, matched in linear time, whole answer, UTF-8; what RE2 refuses.
#include "catalog/field_patterns.h"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <set>

#include "catalog/catalog_validation.h"

namespace tongban::catalog {
namespace {

domain::Item item_with_patterns(std::vector<std::string> patterns) {
  domain::Item item;
  item.code = "MO-T-001";
  for (std::size_t i = 0; i < patterns.size(); ++i) {
    domain::FormField field;
    field.id = "f" + std::to_string(i);
    field.pattern = std::move(patterns[i]);
    item.form.push_back(std::move(field));
  }
  return item;
}

TEST(FieldPatterns, MatchesTheWholeAnswer) {
  FieldPatterns patterns(std::vector{item_with_patterns({"[0-9]{8}", "^M[A-Z]-[0-9]{2}$"})});
  EXPECT_EQ(patterns.size(), 2u);
  EXPECT_TRUE(patterns.full_match("[0-9]{8}", "12345678"));
  EXPECT_FALSE(patterns.full_match("[0-9]{8}", "123456789"));      // no partial match at the start
  EXPECT_FALSE(patterns.full_match("[0-9]{8}", "x12345678"));      // nor at the end
  EXPECT_TRUE(patterns.full_match("^M[A-Z]-[0-9]{2}$", "MA-12"));  // anchors are allowed and change nothing
  EXPECT_FALSE(patterns.full_match("^M[A-Z]-[0-9]{2}$", "MA-12\n"));
}

TEST(FieldPatterns, TextIsUtf8) {
  FieldPatterns patterns(std::vector{item_with_patterns({"^粤J[A-Z0-9]{5,6}$", "^.{2}$"})});
  EXPECT_TRUE(patterns.full_match("^粤J[A-Z0-9]{5,6}$", "粤JA1234"));
  EXPECT_FALSE(patterns.full_match("^粤J[A-Z0-9]{5,6}$", "粵JA1234"));
  EXPECT_TRUE(patterns.full_match("^.{2}$", "澳門"));  // two characters, six bytes
}

// (a+)+$ against "aaaa…ab" takes std::regex exponential time (or its stack); RE2 answers in linear time.
TEST(FieldPatterns, AHostileAnswerIsAnsweredPromptly) {
  FieldPatterns patterns(std::vector{item_with_patterns({"(a+)+$", "(x+x+)+y"})});
  std::string hostile = std::string(10'000, 'a') + "b";
  auto start = std::chrono::steady_clock::now();
  EXPECT_FALSE(patterns.full_match("(a+)+$", hostile));
  EXPECT_TRUE(patterns.full_match("(a+)+$", std::string(10'000, 'a')));
  EXPECT_FALSE(patterns.full_match("(x+x+)+y", std::string(10'000, 'x')));
  // Generous bound for a loaded machine: the three matches take well under a millisecond each.
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
}

TEST(FieldPatterns, APatternNotCompiledHereMatchesNothing) {
  FieldPatterns patterns(std::vector{item_with_patterns({"[0-9]+", "([0-9])\\1"})});
  EXPECT_EQ(patterns.size(), 1u);  // the backreference does not compile
  EXPECT_FALSE(patterns.full_match("[a-z]+", "abc"));
  EXPECT_FALSE(patterns.full_match("([0-9])\\1", "11"));
}

TEST(FieldPatterns, PatternErrorNamesWhatRe2Refuses) {
  EXPECT_EQ(pattern_error("^[0-9]{1,8}(SO)?$"), std::nullopt);
  for (const char* refused : {"([0-9])\\1", "(?=1)[0-9]", "(?<!x)y", "[157", "a{2000}"}) {
    auto error = pattern_error(refused);
    ASSERT_TRUE(error.has_value()) << refused;
    EXPECT_FALSE(error->empty()) << refused;
  }
}

TEST(FieldPatterns, EveryPatternOfTheShippedCatalogCompiles) {
  const std::filesystem::path shipped = TONGBAN_SOURCE_DIR "/data/catalog";
  if (!std::filesystem::exists(shipped)) GTEST_SKIP() << shipped << " does not exist";
  CatalogLoadResult result = load_catalog(shipped);
  ASSERT_TRUE(result.ok());
  std::set<std::string> distinct;
  for (const auto& item : result.catalog.items)
    for (const auto& field : item.form)
      if (!field.pattern.empty()) {
        EXPECT_EQ(pattern_error(field.pattern), std::nullopt) << item.code << "." << field.id;
        distinct.insert(field.pattern);
      }
  EXPECT_FALSE(distinct.empty());
  EXPECT_EQ(FieldPatterns(result.catalog).size(), distinct.size());
}

}  // namespace
}  // namespace tongban::catalog
