#include "domain/rating.h"

#include <array>
#include <utility>

#include "domain/utf8_text.h"

namespace tongban::domain {
namespace {

constexpr std::array<std::pair<FollowUpAnswer, std::string_view>, 3> kAnswerWords = {{
    {FollowUpAnswer::none, "none"},
    {FollowUpAnswer::satisfied, "satisfied"},
    {FollowUpAnswer::unsatisfied, "unsatisfied"},
}};

}  // namespace

std::string_view to_string(FollowUpAnswer answer) {
  for (const auto& [value, word] : kAnswerWords)
    if (value == answer) return word;
  return "none";
}

std::optional<FollowUpAnswer> parse_follow_up_answer(std::string_view word) {
  for (const auto& [value, known] : kAnswerWords)
    if (known == word) return value;
  return std::nullopt;
}

std::string rating_level_problem(int level) {
  if (level >= 1 && level <= 5) return "";
  return "A rating is one of the five levels, 1 (very dissatisfied) to 5 (very satisfied).";
}

std::string rating_text_problem(std::string_view text, bool required) {
  if (text.empty()) return required ? "This text is required." : "";
  auto decoded = decode_utf8(text);
  auto length = decoded ? std::optional<std::size_t>(decoded->size()) : std::nullopt;
  if (!length) return "The text is not valid UTF-8.";
  if (*length > kMaxRatingTextChars)
    return "The text is longer than " + std::to_string(kMaxRatingTextChars) + " characters.";
  for (char32_t c : *decoded)
    if (is_control_character(c)) return "The text contains a control character.";
  return "";
}

}  // namespace tongban::domain
