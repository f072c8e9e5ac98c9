// Fuzz target: the search query path (src/search: catalog_index.h, text_folding.h, text_tokens.h, pinyin.h) over
// the repository's catalog (data/catalog; TONGBAN_FUZZ_CATALOG names another catalog root). An input is
// "<filters>\n<query text>": the first line's bytes choose limit, offset and filters (a known or an unknown code).
// search() either answers or throws QueryError (only for an unknown code or a bad limit); anything else escaping is
// a bug. Invariants: at most `limit` hits, total >= offset + hits, scores in descending order with item codes
// ascending on ties, fold() gives valid UTF-8, pinyin gives one lower-case syllable per Chinese character.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog_validation.h"
#include "fuzz_check.h"
#include "search/catalog_index.h"
#include "search/pinyin.h"
#include "search/text_folding.h"
#include "search/text_tokens.h"

namespace {

using namespace tongban;

struct Fixture {
  domain::Catalog catalog;
  std::shared_ptr<const search::TextFolder> folder = std::make_shared<search::TextFolder>();
  std::shared_ptr<const search::PinyinReader> pinyin = std::make_shared<search::PinyinReader>();
  std::unique_ptr<search::CatalogIndex> index;
};

const Fixture& fixture() {
  static const Fixture* built = [] {
    auto* f = new Fixture;
    const char* root = std::getenv("TONGBAN_FUZZ_CATALOG");
    auto loaded = catalog::load_catalog(root ? root : TONGBAN_SOURCE_DIR "/data/catalog");
    if (!loaded.ok()) std::abort();
    f->catalog = std::move(loaded.catalog);
    f->index = std::make_unique<search::CatalogIndex>(f->catalog, f->folder, f->pinyin);
    return f;
  }();
  return *built;
}

bool valid_utf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    auto c = static_cast<unsigned char>(text[i]);
    std::size_t length = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (length == 0 || i + length > text.size()) return false;
    for (std::size_t k = 1; k < length; ++k)
      if ((static_cast<unsigned char>(text[i + k]) >> 6) != 2) return false;
    i += length;
  }
  return true;
}

// A filter value from one byte: mostly codes of the catalog, sometimes an unknown one.
template <typename List>
std::optional<std::string> pick(std::uint8_t byte, const List& list) {
  if (byte == 0 || list.empty()) return std::nullopt;
  if (byte == 0xff) return std::string("ZZ-UNKNOWN");
  return list[byte % list.size()].code;
}

}  // namespace

// Built before the first input, so its seconds (the catalog, OpenCC and ICU data) do not count against -timeout.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
  fixture();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const Fixture& f = fixture();
  auto [line, text] = fuzz::first_line(std::string_view(reinterpret_cast<const char*>(data), size));
  std::string_view filters = line;  // a named copy: clang 14 cannot capture a structured binding
  auto byte = [filters](std::size_t i) -> std::uint8_t {
    return i < filters.size() ? static_cast<std::uint8_t>(filters[i]) : 0;
  };

  search::ItemQuery query;
  query.text = std::string(text);
  query.limit = byte(0) == 0 ? 20 : byte(0) - 1;  // 0 is out of range on purpose
  query.offset = byte(1);
  query.jurisdiction = pick(byte(2), f.catalog.jurisdictions);
  query.authority = pick(byte(3), f.catalog.authorities);
  query.service_point = pick(byte(4), f.catalog.service_points);
  query.zone = pick(byte(5), f.catalog.zones);
  if (byte(6) != 0) query.mode = static_cast<domain::HandlingMode>(byte(6) % 4);

  try {
    auto page = f.index->search(query);
    FUZZ_CHECK(query.limit >= 1 && query.limit <= search::CatalogIndex::kMaxLimit);
    FUZZ_CHECK(page.hits.size() <= query.limit);
    FUZZ_CHECK(page.total >= page.hits.size() && (page.hits.empty() || page.total >= query.offset + page.hits.size()));
    for (std::size_t i = 1; i < page.hits.size(); ++i) {
      const auto& a = page.hits[i - 1];
      const auto& b = page.hits[i];
      // Best first; ties go by the visitor's jurisdiction and zones, then name (catalog_index.h), never twice one item.
      FUZZ_CHECK(a.score >= b.score);
      FUZZ_CHECK(a.item != b.item);
    }
  } catch (const search::QueryError&) {
  }

  std::string folded = f.folder->fold(text.substr(0, search::CatalogIndex::kMaxQueryBytes));
  FUZZ_CHECK(valid_utf8(folded));
  for (const auto& run : search::tokenize(folded).han_runs) {
    auto syllables = f.pinyin->syllables(run);
    FUZZ_CHECK(syllables.size() == run.size());
    for (const auto& syllable : syllables)
      for (char c : syllable) FUZZ_CHECK(c >= 'a' && c <= 'z');
  }
  return 0;
}
