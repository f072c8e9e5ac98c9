// CatalogIndex: the in-memory multilingual search index over a Catalog's items, behind GET /api/v1/items?q=…
//
// Built once from a validated domain::Catalog (at node start, and again after a catalog import: build a new index
// and swap it in; an index is never updated in place). What it matches:
// - any of the four languages; Traditional and Simplified interchangeably (texts and queries are folded to
//   Simplified, without accents, lower case: see text_folding.h), so 身份證 finds 身份证 and "certidao" finds
//   "Certidão";
// - Latin words exactly or by prefix (2+ letters); Chinese by character bigrams (a 1-character query by unigram),
//   so any substring of a Chinese text is found;
// - pinyin of the Chinese names, keywords and authority names: full without tones ("shenfenzheng") and initials
//   ("sfz"), starting at any syllable ("fenzheng" finds 身份证);
// - every searchable term of the query must match somewhere in the item (AND), in any of its fields and languages.
//   English/Portuguese function words ("the", "of", "de", "da", …) and single Latin letters are not searchable
//   terms; a query whose words are all such words ("a", "the de") matches nothing (it would match every item).
// Ranking: each term scores weight(best field) x match quality x idf; fields weigh name > keywords (and item codes)
// > authority/jurisdiction name > description/result. The idf of a term found in a name, keyword or authority name
// counts only the items where it is found in one of those (descriptions repeat the same material names in most
// items, so "card" would weigh nothing otherwise); a term found only in a description uses the idf over all fields. The
// whole query equal to, starting, or inside a name (or its pinyin) adds a boost; so does the whole query equal to the
// item's code ("JM-CA-001"). Relevance cut-off: a match scoring less than kMinRelativeScore of the best match (among
// those passing the filters) is not a hit, so a word found only in the descriptions of most items (身份證 is in nearly
// every item's list of documents) does not list them all when some item is named by it. Order: higher score first;
// equal scores by the visitor's preference (ItemQuery::visitor_jurisdiction: items of that jurisdiction, then items of
// the zones it hosts, then the others), then by name in ItemQuery::language (ICU collation of that language: pinyin
// order for zh-Hans, stroke order for zh-Hant, see name_order.h), then by code. An empty query (or only spaces and
// punctuation) lists all items that pass the filters in that order, with score 0.
//
// Bounded work per query: every matching item is scored (the total is exact), but only the offset+limit best are
// ordered (a partial sort); the per-document working arrays are kept per thread, not allocated per query. The
// query text is cut to kMaxQueryBytes (at a character boundary) before folding, and at most kMaxQueryTerms
// distinct searchable terms are used (Latin words first, then Chinese n-grams, each in query order). limit must be
// 1..kMaxLimit; an offset past the end gives no hits and the true total.
//
// Ownership: the index keeps pointers to the catalog's items: the Catalog must outlive the index and must not change
// while the index exists. The TextFolder and PinyinReader are shared (they are expensive to create) and may be passed
// in to reuse them across rebuilds.
//
// Threads: after construction the index is immutable; search() is const and safe to call from many threads at
// once, and takes no lock: it folds the query with the TextFolder (each thread with its own OpenCC converter, see
// text_folding.h) and keeps its working arrays per thread. The PinyinReader (ICU transliterator, behind a mutex)
// is used only while building, never by search().
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "domain/catalog.h"
#include "search/pinyin.h"
#include "search/text_folding.h"

namespace tongban::search {

// A search request. Filters left empty do not filter; all given filters must hold.
struct ItemQuery {
  std::string text{};                          // free text in any language, may be empty
  std::optional<std::string> jurisdiction{};   // jurisdiction code, e.g. "MO"
  std::optional<std::string> authority{};      // authority code, e.g. "MO-DSI"
  std::optional<std::string> service_point{};  // only items this service point may take in
  std::optional<std::string> zone{};           // zone code: only the zone's items
  std::optional<std::string> life_event{};     // e.g. "retirement"
  std::optional<domain::HandlingMode> mode{};  // only items offering this handling mode
  // Ordering of equal scores only (never filters): the visitor's jurisdiction (the node's: its items first, then
  // the items of the zones it hosts; a code the catalog does not know gives no preference) and language (names
  // are compared in it).
  std::optional<std::string> visitor_jurisdiction{};
  domain::Language language = domain::Language::zh_Hans;
  std::size_t offset = 0;  // hits to skip
  std::size_t limit = 20;  // page size, 1..CatalogIndex::kMaxLimit
};

struct ItemHit {
  const domain::Item* item = nullptr;  // points into the indexed Catalog
  double score = 0.0;                  // higher is better; 0 when the query had no searchable term
};

struct ItemPage {
  std::vector<ItemHit> hits;  // at most limit hits, starting at offset
  std::size_t total = 0;      // number of all matching items (for paging)
};

// A query the index cannot answer: unknown jurisdiction/authority/service point/zone code, or a limit out of range.
// The message names the parameter and the value.
class QueryError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

class CatalogIndex {
 public:
  static constexpr std::size_t kMaxQueryBytes = 512;
  static constexpr std::size_t kMaxQueryTerms = 16;
  static constexpr std::size_t kMaxLimit = 100;
  static constexpr double kMinRelativeScore = 0.4;  // relevance cut-off, relative to the best match

  // Throws std::invalid_argument if two items share a code, TextFoldingError if OpenCC/ICU data is missing.
  explicit CatalogIndex(const domain::Catalog& catalog, std::shared_ptr<const TextFolder> folder = nullptr,
                        std::shared_ptr<const PinyinReader> pinyin = nullptr);

  // Throws QueryError for an unknown filter code or a limit outside 1..kMaxLimit.
  ItemPage search(const ItemQuery& query) const;

  std::size_t size() const { return documents_.size(); }
  const std::shared_ptr<const TextFolder>& folder() const { return folder_; }
  const std::shared_ptr<const PinyinReader>& pinyin() const { return pinyin_; }

 private:
  struct Posting {
    std::uint32_t document;
    std::uint8_t fields;  // bit set of Field
  };
  struct Term {
    std::string key;  // kind letter + text: 'w' word, 'h' Chinese 1-2-gram, 'p' pinyin, 'i' pinyin initials
    std::vector<Posting> postings;  // ascending by document
  };
  struct Document {
    const domain::Item* item = nullptr;
    std::vector<std::string> folded_names;  // distinct folded names in the four languages, and their pinyin
    // Bit sets of hashed adjacent byte pairs: of all folded names together, and of each (same order as
    // folded_names). A phrase whose pairs are not all in a name's set is not in that name, so most documents and
    // names skip the name boost's string comparisons (see name_boost).
    std::array<std::uint64_t, 16> name_pairs{};                 // 1024 bits: all names together are a few hundred bytes
    std::vector<std::array<std::uint64_t, 4>> each_name_pairs;  // 256 bits each
    std::uint8_t modes = 0;                                     // bit set of the item's handling modes (1 << mode)
    std::array<std::uint32_t, 4> name_rank{};  // position of the item's name in each language's collation order
    std::string folded_code;                   // the item code in phrase form ("jm ca 001"), for the code boost
  };
  struct QueryTerm;
  struct Filters;

  static std::vector<QueryTerm> parse_terms(const std::string& folded_query);
  struct Scratch;
  void score_term(const QueryTerm& term, std::vector<double>& best) const;
  struct Phrase;
  static double name_boost(const Document& document, const Phrase& phrase);
  bool passes(std::uint32_t document, const Filters& filters) const;
  Filters resolve_filters(const ItemQuery& query) const;
  void build_preferences(const domain::Catalog& catalog);
  ItemPage browse(const ItemQuery& query, const Filters& filters) const;

  std::shared_ptr<const TextFolder> folder_;
  std::shared_ptr<const PinyinReader> pinyin_;
  std::vector<Document> documents_;  // ascending by item code; the position is the document number
  std::vector<Term> terms_;          // ascending by key, for exact and prefix look-up
  std::unordered_set<std::string> jurisdictions_;
  std::unordered_set<std::string> authorities_;
  std::unordered_set<std::string> zones_;
  // Per service point code, per document: Catalog::point_accepts_item, computed once at build.
  std::unordered_map<std::string, std::vector<bool>> accepted_by_point_;
  // Per filter value, per document: whether the item has it, computed once at build, keyed by a kind letter and
  // the code: 'j' jurisdiction, 'a' authority, 'z' zone, 'l' life event. A value no item has is not listed.
  std::unordered_map<std::string, std::vector<bool>> members_;
  std::vector<bool> no_member_;  // all false: for a known filter value that no item has
  // Per jurisdiction code, per document: 0 an item of that jurisdiction, 1 an item of a zone it hosts, 2 other.
  std::unordered_map<std::string, std::vector<std::uint8_t>> preference_;
  // Per jurisdiction code ("" for no visitor), per language: all documents in the order of equal scores, so that
  // browsing (every score 0) needs no sort.
  std::unordered_map<std::string, std::array<std::vector<std::uint32_t>, 4>> browse_order_;
};

}  // namespace tongban::search
