// PinyinReader: reads Simplified Chinese characters as toneless pinyin, so that Latin-letter queries
// ("shenfenzheng", "sfz") can find Chinese names.
//
// It uses ICU's "Han-Latin; Latin-ASCII; Lower" transliterator, which reads characters one by one (no word
// dictionary): a character with several readings gets ICU's most common one (行 -> "xing"). That is good enough for
// catalog search; the index also matches the Chinese characters themselves.
//
// Ownership and threads: owns one ICU transliterator (expensive to create, created once) and a cache of the
// readings already looked up. Both are guarded by an internal mutex, so syllables() is safe to call from several
// threads, serialised. The catalog index calls it only while it is being built, never per query.
//
// Invariant: syllables(text).size() == text.size(); each syllable is empty or lower-case ASCII letters a-z.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace tongban::search {

class PinyinReader {
 public:
  // Throws TextFoldingError (text_folding.h) when ICU lacks the Han-Latin rules.
  PinyinReader();
  ~PinyinReader();
  PinyinReader(const PinyinReader&) = delete;
  PinyinReader& operator=(const PinyinReader&) = delete;

  // One syllable per code point of han, e.g. U"身份证" -> {"shen", "fen", "zheng"}; "" for a character without a
  // reading (not Han, or unknown to ICU).
  std::vector<std::string> syllables(std::u32string_view han) const;

 private:
  std::string read_one(char32_t character) const;  // caller holds mutex_

  struct Engine;
  std::unique_ptr<Engine> engine_;
  mutable std::unordered_map<char32_t, std::string> cache_;
  mutable std::mutex mutex_;
};

// Joins the syllables ("shenfenzheng") and their first letters ("sfz"). Empty syllables are skipped.
std::string pinyin_full(const std::vector<std::string>& syllables);
std::string pinyin_initials(const std::vector<std::string>& syllables);

}  // namespace tongban::search
