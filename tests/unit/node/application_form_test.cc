// The application form against its item's fields: patterns matched with the snapshot's compiled ones (linear time,
// whatever the answer), phone and e-mail shapes as before.
#include "node/application_form.h"

#include <gtest/gtest.h>

#include <regex>

namespace tongban::node {
namespace {

domain::Item item_with(domain::FieldType type, std::string pattern = "") {
  domain::Item item;
  item.code = "MO-T-001";
  domain::FormField field;
  field.id = "answer";
  field.type = type;
  field.pattern = std::move(pattern);
  item.form.push_back(std::move(field));
  return item;
}

std::vector<std::string> rules_broken(const domain::Item& item, const std::string& answer) {
  catalog::FieldPatterns patterns(std::vector{item});
  CheckedForm checked = check_application_form(item, {{"answer", answer}}, patterns);
  std::vector<std::string> rules;
  for (const auto& problem : checked.problems) rules.push_back(problem.rule);
  return rules;
}

using Rules = std::vector<std::string>;

TEST(ApplicationForm, APatternMatchesTheWholeTrimmedAnswer) {
  auto item = item_with(domain::FieldType::text, "[0-9]{8}");
  EXPECT_EQ(rules_broken(item, " 12345678 "), Rules{});
  EXPECT_EQ(rules_broken(item, "123456789"), Rules{"pattern"});
  EXPECT_EQ(rules_broken(item, "1234567"), Rules{"pattern"});
}

// std::regex takes exponential time on this pair (or overflows its stack); the answer must come at once.
TEST(ApplicationForm, AHostilePatternAndAnswerAreAnsweredPromptly) {
  auto item = item_with(domain::FieldType::text, "(a+)+$");
  EXPECT_EQ(rules_broken(item, std::string(10'000, 'a') + "b"), Rules{"pattern"});
  EXPECT_EQ(rules_broken(item, std::string(10'000, 'a')), Rules{});
}

TEST(ApplicationForm, APatternOfAnotherCatalogMatchesNothing) {
  auto item = item_with(domain::FieldType::text, "[0-9]+");
  catalog::FieldPatterns other(std::vector{item_with(domain::FieldType::text, "[a-z]+")});
  CheckedForm checked = check_application_form(item, {{"answer", "123"}}, other);
  ASSERT_EQ(checked.problems.size(), 1u);
  EXPECT_EQ(checked.problems[0].rule, "pattern");
}

// The phone and e-mail shapes are checked without a regular expression now; they accept exactly what the
// ECMAScript patterns they replace accepted.
TEST(ApplicationForm, PhoneAndEmailShapesAreThoseOfTheFormerPatterns) {
  const std::regex phone(R"(\+?[0-9][0-9 \-]{5,19})");
  const std::regex email(R"([^@\s]+@[^@\s]+\.[^@\s]+)");
  const std::vector<std::string> answers = {"+85361234567",
                                            "13812345678",
                                            "123456",
                                            "12345",
                                            "+1 234-567",
                                            "+ 123456",
                                            "1234567890123456789012",
                                            "12345678901234567890",
                                            "123456789012345678901",
                                            "+12345678901234567890",
                                            "-123456",
                                            "12a4567",
                                            "++123456",
                                            "a@b.c",
                                            "a@b.",
                                            "a@.c",
                                            "@b.c",
                                            "a@bc",
                                            "a@b@c.d",
                                            "a b@c.d",
                                            "a@b.c.d",
                                            "a.b@c.de",
                                            "a@b..c",
                                            "a@.b.c",
                                            "a@b.c.",
                                            "x@y\t.z",
                                            "用户@例子.中国",
                                            "a@b\v.c",
                                            "a\f@b.c",
                                            ""};
  for (const auto& answer : answers) {
    bool phone_before = !answer.empty() && std::regex_match(answer, phone);
    bool email_before = !answer.empty() && std::regex_match(answer, email);
    EXPECT_EQ(rules_broken(item_with(domain::FieldType::phone), answer).empty(), phone_before) << answer;
    EXPECT_EQ(rules_broken(item_with(domain::FieldType::email), answer).empty(), email_before) << answer;
  }
}

// Dates as written in Macao and Hong Kong (DD/MM/YYYY) are answers like YYYY-MM-DD, stored as YYYY-MM-DD; what is
// not a real day is refused (issue 10: only YYYY-MM-DD was accepted).
TEST(ApplicationForm, ADateIsDayMonthYearOrIsoAndIsStoredIso) {
  auto item = item_with(domain::FieldType::date);
  catalog::FieldPatterns patterns(std::vector{item});
  for (const auto& [typed, stored] : std::vector<std::pair<std::string, std::string>>{{"27/03/2026", "2026-03-27"},
                                                                                      {" 5/1/2027 ", "2027-01-05"},
                                                                                      {"2026-03-27", "2026-03-27"},
                                                                                      {"29/02/2028", "2028-02-29"}}) {
    CheckedForm checked = check_application_form(item, {{"answer", typed}}, patterns);
    ASSERT_TRUE(checked.ok()) << typed;
    EXPECT_EQ(checked.answers.at("answer").as_string(), stored) << typed;
  }
  for (const auto* wrong : {"31/02/2026", "03/27/2026", "29/02/2027", "27/03/26", "27-03-2026", "27/03/2026/1",
                            "a/b/cdef", "2026-13-01", "", "27//2026"})
    EXPECT_EQ(rules_broken(item, wrong), Rules{"date"}) << wrong;
}

}  // namespace
}  // namespace tongban::node
