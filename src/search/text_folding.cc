#include "search/text_folding.h"

#include <opencc/opencc.h>
#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <cstdint>
#include <opencc/Exception.hpp>

namespace tongban::search {

namespace {

constexpr const char* kAccentAndCaseRules = "NFD; [:Nonspacing Mark:] Remove; NFC; Lower";

std::unique_ptr<icu::Transliterator> make_transliterator(const char* rules) {
  UErrorCode status = U_ZERO_ERROR;
  UParseError parse_error{};
  std::unique_ptr<icu::Transliterator> transliterator(
      icu::Transliterator::createInstance(icu::UnicodeString::fromUTF8(rules), UTRANS_FORWARD, parse_error, status));
  if (U_FAILURE(status) || !transliterator) {
    throw TextFoldingError(std::string("ICU transliterator \"") + rules + "\": " + u_errorName(status));
  }
  return transliterator;
}

std::unique_ptr<opencc::SimpleConverter> make_converter(const std::string& config) {
  try {
    return std::make_unique<opencc::SimpleConverter>(config);
  } catch (const opencc::Exception& error) {
    throw TextFoldingError("OpenCC configuration \"" + config + "\": " + error.what());
  } catch (const std::exception& error) {  // OpenCC also reports a missing file as std::runtime_error
    throw TextFoldingError("OpenCC configuration \"" + config + "\": " + error.what());
  }
}

std::string to_utf8(const icu::UnicodeString& text) {
  std::string out;
  text.toUTF8String(out);
  return out;
}

}  // namespace

struct TextFolder::Engines {
  const icu::Normalizer2* nfkc = nullptr;  // owned by ICU, immutable and thread-safe
  std::unique_ptr<opencc::SimpleConverter> to_simplified;
  std::unique_ptr<icu::Transliterator> accents_and_case;
};

TextFolder::TextFolder(const std::string& opencc_config) : engines_(std::make_unique<Engines>()) {
  UErrorCode status = U_ZERO_ERROR;
  engines_->nfkc = icu::Normalizer2::getNFKCInstance(status);
  if (U_FAILURE(status)) throw TextFoldingError(std::string("ICU NFKC normaliser: ") + u_errorName(status));
  engines_->to_simplified = make_converter(opencc_config);
  engines_->accents_and_case = make_transliterator(kAccentAndCaseRules);
}

TextFolder::~TextFolder() = default;

std::string TextFolder::fold(std::string_view utf8) const {
  if (utf8.size() > static_cast<std::size_t>(INT32_MAX)) throw TextFoldingError("text longer than 2 GiB");
  // fromUTF8 replaces ill-formed sequences with U+FFFD, so OpenCC only ever sees valid UTF-8.
  icu::UnicodeString text =
      icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString normalised = engines_->nfkc->normalize(text, status);
  if (U_FAILURE(status)) throw TextFoldingError(std::string("ICU NFKC: ") + u_errorName(status));

  std::lock_guard lock(mutex_);
  std::string simplified;
  try {
    simplified = engines_->to_simplified->Convert(to_utf8(normalised));
  } catch (const opencc::Exception& error) {
    throw TextFoldingError(std::string("OpenCC: ") + error.what());
  }
  icu::UnicodeString folded =
      icu::UnicodeString::fromUTF8(icu::StringPiece(simplified.data(), static_cast<int32_t>(simplified.size())));
  engines_->accents_and_case->transliterate(folded);
  return to_utf8(folded);
}

}  // namespace tongban::search
