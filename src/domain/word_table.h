// WordTable: the text form of an enumeration as one constant table, so that to_string and parse_* read the same
// rows and cannot drift apart. Used by every enum of the domain that travels as text (catalog files, JSON, URLs).
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>
#include <utility>

namespace tongban::domain {

template <typename Enum, std::size_t N>
using WordTable = std::array<std::pair<Enum, std::string_view>, N>;

// The word of `value`; "unknown" only for a value missing from the table (a programming error).
template <typename Enum, std::size_t N>
constexpr std::string_view word_of(const WordTable<Enum, N>& table, Enum value) {
  for (const auto& [candidate, word] : table)
    if (candidate == value) return word;
  return "unknown";
}

// The value whose word is exactly `word` (case-sensitive), or nullopt.
template <typename Enum, std::size_t N>
constexpr std::optional<Enum> value_of(const WordTable<Enum, N>& table, std::string_view word) {
  for (const auto& [candidate, candidate_word] : table)
    if (candidate_word == word) return candidate;
  return std::nullopt;
}

}  // namespace tongban::domain
