#include "search/pinyin.h"

#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include "search/text_folding.h"

namespace tongban::search {

namespace {

constexpr const char* kPinyinRules = "Han-Latin; Latin-ASCII; Lower";

bool is_ascii_lower_word(const std::string& text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (c < 'a' || c > 'z') return false;
  }
  return true;
}

}  // namespace

struct PinyinReader::Engine {
  std::unique_ptr<icu::Transliterator> han_to_latin;
};

PinyinReader::PinyinReader() : engine_(std::make_unique<Engine>()) {
  UErrorCode status = U_ZERO_ERROR;
  UParseError parse_error{};
  engine_->han_to_latin.reset(icu::Transliterator::createInstance(icu::UnicodeString::fromUTF8(kPinyinRules),
                                                                  UTRANS_FORWARD, parse_error, status));
  if (U_FAILURE(status) || !engine_->han_to_latin) {
    throw TextFoldingError(std::string("ICU transliterator \"") + kPinyinRules + "\": " + u_errorName(status));
  }
}

PinyinReader::~PinyinReader() = default;

std::string PinyinReader::read_one(char32_t character) const {
  if (auto cached = cache_.find(character); cached != cache_.end()) return cached->second;
  std::string reading;
  if (u_hasBinaryProperty(static_cast<UChar32>(character), UCHAR_IDEOGRAPHIC)) {
    icu::UnicodeString text(static_cast<UChar32>(character));
    engine_->han_to_latin->transliterate(text);
    text.toUTF8String(reading);
    if (!is_ascii_lower_word(reading)) reading.clear();
  }
  cache_.emplace(character, reading);
  return reading;
}

std::vector<std::string> PinyinReader::syllables(std::u32string_view han) const {
  std::vector<std::string> out;
  out.reserve(han.size());
  std::lock_guard lock(mutex_);
  for (char32_t character : han) out.push_back(read_one(character));
  return out;
}

std::string pinyin_full(const std::vector<std::string>& syllables) {
  std::string out;
  for (const auto& syllable : syllables) out += syllable;
  return out;
}

std::string pinyin_initials(const std::vector<std::string>& syllables) {
  std::string out;
  for (const auto& syllable : syllables) {
    if (!syllable.empty()) out += syllable.front();
  }
  return out;
}

}  // namespace tongban::search
