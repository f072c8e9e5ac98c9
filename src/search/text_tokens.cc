#include "search/text_tokens.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <cstdint>

namespace tongban::search {

namespace {

enum class CharClass { separator, word, han };

CharClass classify(UChar32 c) {
  if (c < 0) return CharClass::separator;
  if (u_hasBinaryProperty(c, UCHAR_IDEOGRAPHIC)) return CharClass::han;
  if (u_isalnum(c)) return CharClass::word;
  return CharClass::separator;
}

}  // namespace

TextTokens tokenize(std::string_view folded_utf8) {
  TextTokens tokens;
  const auto* bytes = reinterpret_cast<const uint8_t*>(folded_utf8.data());
  const auto length = static_cast<int32_t>(folded_utf8.size());
  CharClass previous = CharClass::separator;
  int32_t offset = 0;
  while (offset < length) {
    const int32_t start = offset;
    UChar32 c = 0;
    U8_NEXT(bytes, offset, length, c);
    const CharClass current = classify(c);
    if (current == CharClass::word) {
      if (previous != CharClass::word) tokens.words.emplace_back();
      tokens.words.back().append(
          folded_utf8.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(offset - start)));
    } else if (current == CharClass::han) {
      if (previous != CharClass::han) tokens.han_runs.emplace_back();
      tokens.han_runs.back().push_back(static_cast<char32_t>(c));
    }
    previous = current;
  }
  return tokens;
}

std::string phrase_form(std::string_view folded_utf8) {
  std::string out;
  const auto* bytes = reinterpret_cast<const uint8_t*>(folded_utf8.data());
  const auto length = static_cast<int32_t>(folded_utf8.size());
  bool pending_space = false;
  int32_t offset = 0;
  while (offset < length) {
    const int32_t start = offset;
    UChar32 c = 0;
    U8_NEXT(bytes, offset, length, c);
    if (classify(c) == CharClass::separator) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    out.append(folded_utf8.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(offset - start)));
  }
  return out;
}

std::string to_utf8(std::u32string_view code_points) {
  std::string out;
  out.reserve(code_points.size() * 3);
  for (char32_t c : code_points) {
    uint8_t buffer[U8_MAX_LENGTH];
    int32_t length = 0;
    UBool error = false;
    U8_APPEND(buffer, length, U8_MAX_LENGTH, static_cast<UChar32>(c), error);
    if (!error) out.append(reinterpret_cast<const char*>(buffer), static_cast<std::size_t>(length));
  }
  return out;
}

}  // namespace tongban::search
