// Rating (好差评): how an applicant rated the handling of a finished case, and the follow-up a bad rating opens.
//
// Five levels as GB/T 39734-2020 and the State Council's 好差评 rules (国办发〔2019〕51号) name them: 5 非常满意
// very satisfied, 4 满意 satisfied, 3 基本满意 fairly satisfied, 2 不满意 dissatisfied, 1 非常不满意 very
// dissatisfied. A rating belongs to one case and the channel it was given through (web, at a window's rating pad,
// a kiosk, …): one per case and channel, never changed once given. A bad rating (level 1 or 2) opens one follow-up
// for the case's competent authority, due kFollowUpWorkingDays working days after the rating's local date in the
// authority's jurisdiction (the rule above: 差评 verified and answered within 15 working days). The authority's
// reviewer records what was done (the response); the applicant may then answer once, satisfied or not.
//
// Pure values and rules, no I/O. The store keeps ratings and follow-ups (store/sql/rating_rows.h); the node's
// RatingDesk (node/rating_desk.h) applies the rules below and records each step in the case's audit chain.
//
// Invariants: 1 <= level <= 5; a comment or response is at most kMaxRatingTextChars characters with no control
// character except line breaks; a follow-up exists only for a bad rating; answered only after responded.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/calendar_date.h"
#include "domain/case.h"
#include "domain/catalog.h"

namespace tongban::domain {

inline constexpr int kFollowUpWorkingDays = 15;
inline constexpr std::size_t kMaxRatingTextChars = 500;

constexpr bool is_bad_rating(int level) {
  return level == 1 || level == 2;
}

// A case is rated once it is finished: delivered or closed.
constexpr bool may_be_rated(CaseState state) {
  return state == CaseState::delivered || state == CaseState::closed;
}

struct Rating {
  std::string case_id;
  Channel channel = Channel::web;  // where it was given
  int level = 5;
  std::string comment;   // the applicant's words; may be empty
  std::string rated_by;  // the applicant's account, or the clerk who entered the rating pad's answer
  std::int64_t rated_at_ms = 0;
};

// The applicant's answer to the authority's follow-up.
enum class FollowUpAnswer { none, satisfied, unsatisfied };
std::string_view to_string(FollowUpAnswer answer);
std::optional<FollowUpAnswer> parse_follow_up_answer(std::string_view word);

struct RatingFollowUp {
  std::string case_id;
  Channel channel = Channel::web;  // of the rating it follows
  std::string authority;           // whose reviewers answer it
  CalendarDate due_on;             // the last working day for the response
  std::int64_t opened_at_ms = 0;
  std::string response;  // what the authority did; "" while open
  std::string responded_by;
  std::int64_t responded_at_ms = 0;  // 0 while open
  std::optional<CalendarDate> responded_on;
  FollowUpAnswer answer = FollowUpAnswer::none;
  std::string answer_comment;
  std::int64_t answered_at_ms = 0;

  bool open() const { return responded_at_ms == 0; }
  // Responded on or before due_on (false while open).
  bool responded_in_time() const { return responded_on && !(due_on < *responded_on); }
};

// What is wrong with a level, or "" when it is one of the five.
std::string rating_level_problem(int level);
// What is wrong with a comment, response or answer text, or "" when it may be kept: at most kMaxRatingTextChars
// characters (code points of valid UTF-8), no control character but CR, LF and tab. `required`: empty is a problem.
std::string rating_text_problem(std::string_view text, bool required);

}  // namespace tongban::domain
