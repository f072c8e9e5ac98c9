#include "search/name_order.h"

#include <unicode/coll.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <memory>
#include <numeric>

namespace tongban::search {

namespace {

const char* collation_locale(domain::Language language) {
  switch (language) {
    case domain::Language::zh_Hans: return "zh";
    case domain::Language::zh_Hant: return "zh_Hant";
    case domain::Language::pt: return "pt";
    case domain::Language::en: return "en";
  }
  return "en";
}

}  // namespace

std::vector<std::uint32_t> collation_ranks(const std::vector<std::string>& names, domain::Language language) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Collator> collator(
      icu::Collator::createInstance(icu::Locale(collation_locale(language)), status));
  std::vector<std::string> keys(names.size());
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (!collator || U_FAILURE(status)) {
      keys[i] = names[i];
      continue;
    }
    const icu::UnicodeString text = icu::UnicodeString::fromUTF8(names[i]);
    const int32_t length = collator->getSortKey(text, nullptr, 0);
    keys[i].resize(static_cast<std::size_t>(std::max(length, 0)));
    collator->getSortKey(text, reinterpret_cast<uint8_t*>(keys[i].data()), length);
  }
  std::vector<std::uint32_t> order(names.size());
  std::iota(order.begin(), order.end(), 0U);
  std::stable_sort(order.begin(), order.end(), [&keys](std::uint32_t a, std::uint32_t b) { return keys[a] < keys[b]; });
  std::vector<std::uint32_t> ranks(names.size());
  for (std::size_t position = 0; position < order.size(); ++position) {
    ranks[order[position]] = static_cast<std::uint32_t>(position);
  }
  return ranks;
}

}  // namespace tongban::search
