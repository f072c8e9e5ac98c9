#include "domain/rating.h"

#include <array>
#include <utility>

namespace tongban::domain {
namespace {

constexpr std::array<std::pair<FollowUpAnswer, std::string_view>, 3> kAnswerWords = {{
    {FollowUpAnswer::none, "none"},
    {FollowUpAnswer::satisfied, "satisfied"},
    {FollowUpAnswer::unsatisfied, "unsatisfied"},
}};

// The length of the UTF-8 sequence a lead byte starts (0: not a lead byte).
int sequence_length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF) return 2;
  if (lead >= 0xE0 && lead <= 0xEF) return 3;
  if (lead >= 0xF0 && lead <= 0xF4) return 4;
  return 0;
}

// Code points of valid UTF-8 (overlong forms, surrogates and values past U+10FFFF refused), or nullopt. Written
// here rather than taken from ICU because the domain links nothing but libsodium; the rules are RFC 3629's.
std::optional<std::size_t> code_points(std::string_view text) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < text.size(); ++count) {
    const auto lead = static_cast<unsigned char>(text[i]);
    const int length = sequence_length(lead);
    if (length == 0 || i + length > text.size()) return std::nullopt;
    char32_t value = length == 1 ? lead : lead & (0x7F >> length);
    for (int k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0) != 0x80) return std::nullopt;
      value = (value << 6) | (next & 0x3F);
    }
    static constexpr char32_t kSmallest[] = {0, 0, 0x80, 0x800, 0x10000};
    if (value < kSmallest[length] || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) return std::nullopt;
    i += length;
  }
  return count;
}

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
  auto length = code_points(text);
  if (!length) return "The text is not valid UTF-8.";
  if (*length > kMaxRatingTextChars)
    return "The text is longer than " + std::to_string(kMaxRatingTextChars) + " characters.";
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if ((byte < 0x20 && c != '\n' && c != '\r' && c != '\t') || byte == 0x7F)
      return "The text contains a control character.";
  }
  return "";
}

}  // namespace tongban::domain
