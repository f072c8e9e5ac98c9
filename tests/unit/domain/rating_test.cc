#include "domain/rating.h"

#include <gtest/gtest.h>

#include <string>

namespace tongban::domain {
namespace {

TEST(Rating, OnlyLevelsOneAndTwoAreBad) {
  EXPECT_TRUE(is_bad_rating(1));
  EXPECT_TRUE(is_bad_rating(2));
  EXPECT_FALSE(is_bad_rating(3));
  EXPECT_FALSE(is_bad_rating(5));
}

TEST(Rating, ALevelOutsideOneToFiveIsAProblem) {
  for (int level = 1; level <= 5; ++level) EXPECT_EQ(rating_level_problem(level), "") << level;
  EXPECT_NE(rating_level_problem(0), "");
  EXPECT_NE(rating_level_problem(6), "");
  EXPECT_NE(rating_level_problem(-1), "");
}

TEST(Rating, TextIsCountedInCharactersNotBytes) {
  std::string chinese;
  for (std::size_t i = 0; i < kMaxRatingTextChars; ++i) chinese += "好";  // 3 bytes each
  EXPECT_EQ(rating_text_problem(chinese, false), "");
  EXPECT_NE(rating_text_problem(chinese + "差", false), "");
  EXPECT_EQ(rating_text_problem("line one\nline two\ttabbed", false), "");
}

TEST(Rating, ControlCharactersAndBrokenUtf8AreRefused) {
  EXPECT_NE(rating_text_problem(std::string("bell\x07"), false), "");
  EXPECT_NE(rating_text_problem(std::string("nul\0x", 5), false), "");
  EXPECT_NE(rating_text_problem("\xC3", false), "");              // truncated sequence
  EXPECT_NE(rating_text_problem("\xC0\xAF", false), "");          // overlong '/'
  EXPECT_NE(rating_text_problem("\xED\xA0\x80", false), "");      // a surrogate
  EXPECT_NE(rating_text_problem("\xF4\x90\x80\x80", false), "");  // past U+10FFFF
}

TEST(Rating, AnEmptyTextIsAProblemOnlyWhenRequired) {
  EXPECT_EQ(rating_text_problem("", false), "");
  EXPECT_NE(rating_text_problem("", true), "");
}

TEST(Rating, AFollowUpIsInTimeWhenRespondedOnOrBeforeItsDueDay) {
  RatingFollowUp follow_up;
  follow_up.due_on = *parse_date("2026-12-21");
  EXPECT_TRUE(follow_up.open());
  EXPECT_FALSE(follow_up.responded_in_time());
  follow_up.responded_at_ms = 1;
  follow_up.responded_on = *parse_date("2026-12-21");
  EXPECT_FALSE(follow_up.open());
  EXPECT_TRUE(follow_up.responded_in_time());
  follow_up.responded_on = *parse_date("2026-12-22");
  EXPECT_FALSE(follow_up.responded_in_time());
}

TEST(Rating, AnswerWordsRoundTrip) {
  for (auto answer : {FollowUpAnswer::none, FollowUpAnswer::satisfied, FollowUpAnswer::unsatisfied})
    EXPECT_EQ(parse_follow_up_answer(to_string(answer)), answer);
  EXPECT_EQ(parse_follow_up_answer("happy"), std::nullopt);
}

}  // namespace
}  // namespace tongban::domain
