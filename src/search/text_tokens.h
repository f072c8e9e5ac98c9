// Splitting folded text (see text_folding.h) into the pieces the catalog index works with.
//
// - words: maximal runs of letters and digits that are not Chinese characters (Latin, Greek, kana, …), in order:
//   "certidao de registo-criminal" -> {"certidao", "de", "registo", "criminal"}. Everything that is not a letter
//   or digit separates words.
// - han_runs: maximal runs of ideographs (Unicode property Ideographic), in order, as code points, since Chinese
//   has no spaces and is indexed by character unigrams and bigrams: "居民身份证（换领）" -> {U"居民身份证", U"换领"}.
//
// Plain functions, no state; safe from any thread. Input is expected to be valid UTF-8 (fold() guarantees it);
// an ill-formed byte is treated as a separator.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace tongban::search {

struct TextTokens {
  std::vector<std::string> words;
  std::vector<std::u32string> han_runs;
};

TextTokens tokenize(std::string_view folded_utf8);

// The text with every run of separators replaced by one space and no space at either end, for comparing a whole
// query with a whole name: "  居民身份证（换领） " -> "居民身份证 换领".
std::string phrase_form(std::string_view folded_utf8);

// UTF-8 encoding of code points (for index keys built from Chinese n-grams).
std::string to_utf8(std::u32string_view code_points);

}  // namespace tongban::search
