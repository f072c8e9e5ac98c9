#include "search/text_folding.h"

#include <opencc/opencc.h>
#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cstdint>
#include <opencc/Exception.hpp>
#include <vector>

namespace tongban::search {

namespace {

const icu::Normalizer2& normaliser(const icu::Normalizer2* (*get)(UErrorCode&), const char* name) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* instance = get(status);
  if (U_FAILURE(status) || instance == nullptr) {
    throw TextFoldingError(std::string("ICU ") + name + " normaliser: " + u_errorName(status));
  }
  return *instance;
}

icu::UnicodeString normalise(const icu::Normalizer2& form, const icu::UnicodeString& text) {
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString out = form.normalize(text, status);
  if (U_FAILURE(status)) throw TextFoldingError(std::string("ICU normalisation: ") + u_errorName(status));
  return out;
}

icu::UnicodeString from_utf8(std::string_view utf8) {
  // fromUTF8 replaces ill-formed sequences with U+FFFD.
  return icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
}

std::string to_utf8(const icu::UnicodeString& text) {
  std::string out;
  text.toUTF8String(out);
  return out;
}

icu::UnicodeString without_nonspacing_marks(const icu::UnicodeString& decomposed) {
  icu::UnicodeString out;
  for (int32_t i = 0; i < decomposed.length(); i = decomposed.moveIndex32(i, 1)) {
    const UChar32 c = decomposed.char32At(i);
    if (u_charType(c) != U_NON_SPACING_MARK) out.append(c);
  }
  return out;
}

// OpenCC only changes Chinese characters; texts without any (Portuguese, English) skip it, which saves much of
// the cost of building an index.
bool has_ideograph(const icu::UnicodeString& text) {
  for (int32_t i = 0; i < text.length(); i = text.moveIndex32(i, 1)) {
    if (u_hasBinaryProperty(text.char32At(i), UCHAR_IDEOGRAPHIC)) return true;
  }
  return false;
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

}  // namespace

struct TextFolder::Engines {
  // ICU normalisers are owned by ICU, immutable and thread-safe.
  const icu::Normalizer2* nfkc = nullptr;
  const icu::Normalizer2* nfd = nullptr;
  const icu::Normalizer2* nfc = nullptr;
  std::string opencc_config;
};

namespace {

// This thread's OpenCC converters, one per live TextFolder it has used. The owner is a weak reference to the
// folder's engines: it tells a live folder from a destroyed one, and, since a weak reference keeps the control
// block, a new folder can never be mistaken for a destroyed one at the same address.
struct ThreadConverter {
  std::weak_ptr<const void> owner;
  std::unique_ptr<opencc::SimpleConverter> converter;
};

std::vector<ThreadConverter>& thread_converters() {
  thread_local std::vector<ThreadConverter> converters;
  return converters;
}

bool same_owner(const std::weak_ptr<const void>& entry, const std::shared_ptr<const void>& owner) {
  return !entry.owner_before(owner) && !owner.owner_before(entry);
}

void adopt(std::shared_ptr<const void> owner, std::unique_ptr<opencc::SimpleConverter> converter) {
  auto& converters = thread_converters();
  std::erase_if(converters, [](const ThreadConverter& entry) { return entry.owner.expired(); });
  converters.push_back(ThreadConverter{std::move(owner), std::move(converter)});
}

}  // namespace

TextFolder::TextFolder(const std::string& opencc_config) : engines_(std::make_shared<Engines>()) {
  engines_->nfkc = &normaliser(&icu::Normalizer2::getNFKCInstance, "NFKC");
  engines_->nfd = &normaliser(&icu::Normalizer2::getNFDInstance, "NFD");
  engines_->nfc = &normaliser(&icu::Normalizer2::getNFCInstance, "NFC");
  engines_->opencc_config = opencc_config;
  adopt(engines_, make_converter(opencc_config));  // throws TextFoldingError for a bad configuration
}

TextFolder::~TextFolder() = default;

std::string TextFolder::fold(std::string_view utf8) const {
  if (utf8.size() > static_cast<std::size_t>(INT32_MAX)) throw TextFoldingError("text longer than 2 GiB");
  icu::UnicodeString text = normalise(*engines_->nfkc, from_utf8(utf8));
  if (has_ideograph(text)) text = from_utf8(to_simplified(to_utf8(text)));
  icu::UnicodeString folded = normalise(*engines_->nfc, without_nonspacing_marks(normalise(*engines_->nfd, text)));
  folded.toLower(icu::Locale::getRoot());
  return to_utf8(folded);
}

std::string TextFolder::to_simplified(const std::string& utf8) const {
  opencc::SimpleConverter* converter = nullptr;
  for (const auto& entry : thread_converters()) {
    if (same_owner(entry.owner, engines_)) {
      converter = entry.converter.get();
      break;
    }
  }
  if (converter == nullptr) {
    auto made = make_converter(engines_->opencc_config);
    converter = made.get();
    adopt(engines_, std::move(made));
  }
  try {
    return converter->Convert(utf8);
  } catch (const opencc::Exception& error) {
    throw TextFoldingError(std::string("OpenCC: ") + error.what());
  }
}

}  // namespace tongban::search
