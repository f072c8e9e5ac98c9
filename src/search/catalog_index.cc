#include "search/catalog_index.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <numeric>
#include <string_view>

#include "search/name_order.h"
#include "search/text_tokens.h"

namespace tongban::search {

namespace {

// Hashed adjacent byte pairs of some texts (see add_pairs): the types of Document::name_pairs (Wide) and
// Document::each_name_pairs (PairSignature).
template <std::size_t Words>
using Pairs = std::array<std::uint64_t, Words>;
using PairSignature = Pairs<4>;
using WidePairSignature = Pairs<16>;

// Field bits of a posting and their weights: name > keywords (and codes) > authority/jurisdiction > description.
enum FieldBit : std::uint8_t { kName = 1, kKeywords = 2, kAuthority = 4, kDescription = 8 };

double field_weight(std::uint8_t fields) {
  if (fields & kName) return 10.0;
  if (fields & kKeywords) return 6.0;
  if (fields & kAuthority) return 4.0;
  if (fields & kDescription) return 2.0;
  return 0.0;
}

// A term's best weight x quality is at most this when it is found only in descriptions and results (kDescription
// weight x kExactWord); any match in another field weighs more (kAuthority weight x kWordPrefix = 2.4).
constexpr double kMaxDescriptionWeight = 2.0;

// BM25's idf: log(1 + (N - n + 0.5) / (n + 0.5)), always > 0.
double inverse_document_frequency(std::size_t documents, std::size_t with_term) {
  const auto n = static_cast<double>(with_term);
  return std::log(1.0 + (static_cast<double>(documents) - n + 0.5) / (n + 0.5));
}

// Match qualities of a query word against the index.
constexpr double kExactWord = 1.0;
constexpr double kPinyinPrefix = 0.9;
constexpr double kInitialsPrefix = 0.8;
constexpr double kWordPrefix = 0.6;
constexpr std::size_t kMinPrefixLength = 2;

// Boosts when the whole query equals, starts or lies inside a name (or the name's pinyin).
constexpr double kNameEqualBoost = 40.0;
constexpr double kNamePrefixBoost = 20.0;
constexpr double kNameInsideBoost = 10.0;
constexpr double kCodeEqualBoost = 40.0;  // the whole query is the item's code

constexpr std::array<std::string_view, 24> kFunctionWords = {"a",  "an", "and", "of", "the",  "for", "to",  "in",
                                                             "on", "or", "by",  "de", "da",   "do",  "das", "dos",
                                                             "e",  "o",  "os",  "as", "para", "em",  "na",  "no"};

// Words that are never searchable terms: function words, and single Latin letters (an initial, or a stray key).
bool is_stop_word(std::string_view word) {
  if (word.size() == 1 && word[0] >= 'a' && word[0] <= 'z') return true;
  return std::find(kFunctionWords.begin(), kFunctionWords.end(), word) != kFunctionWords.end();
}

bool is_ascii_letters(std::string_view word) {
  return !word.empty() && std::all_of(word.begin(), word.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

template <typename Container, typename Value>
bool contains(const Container& container, const Value& value) {
  return std::find(container.begin(), container.end(), value) != container.end();
}

// Cuts text to at most max_bytes without splitting a UTF-8 sequence.
std::string_view cut_utf8(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  std::size_t end = max_bytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end);
}

// Index keys of one document with the fields they occur in.
using KeyFields = std::unordered_map<std::string, std::uint8_t>;

void add_key(KeyFields& keys, std::string key, std::uint8_t field) {
  keys[std::move(key)] |= field;
}

// Pinyin keys from every syllable onwards, so that a query may start at any character of the Chinese text.
void add_pinyin_keys(const std::vector<std::string>& syllables, std::uint8_t field, KeyFields& keys) {
  std::vector<std::string> segment;
  auto flush = [&] {
    for (std::size_t start = 0; start < segment.size(); ++start) {
      const std::vector<std::string> tail(segment.begin() + static_cast<std::ptrdiff_t>(start), segment.end());
      add_key(keys, "p" + pinyin_full(tail), field);
      add_key(keys, "i" + pinyin_initials(tail), field);
    }
    segment.clear();
  };
  for (const auto& syllable : syllables) {
    if (syllable.empty()) {
      flush();
    } else {
      segment.push_back(syllable);
    }
  }
  flush();
}

void add_text_keys(const std::string& folded, std::uint8_t field, const PinyinReader* pinyin, KeyFields& keys) {
  const TextTokens tokens = tokenize(folded);
  for (const auto& word : tokens.words) add_key(keys, "w" + word, field);
  for (const auto& run : tokens.han_runs) {
    for (std::size_t i = 0; i < run.size(); ++i) {
      add_key(keys, "h" + to_utf8(std::u32string_view(run).substr(i, 1)), field);
      if (i + 1 < run.size()) add_key(keys, "h" + to_utf8(std::u32string_view(run).substr(i, 2)), field);
    }
    if (pinyin != nullptr) add_pinyin_keys(pinyin->syllables(run), field, keys);
  }
}

void add_localized_keys(const TextFolder& folder, const domain::LocalizedText& text, std::uint8_t field,
                        const PinyinReader* pinyin, KeyFields& keys) {
  for (domain::Language language : domain::kAllLanguages) {
    const bool chinese = language == domain::Language::zh_Hans || language == domain::Language::zh_Hant;
    add_text_keys(folder.fold(text.in(language)), field, chinese ? pinyin : nullptr, keys);
  }
}

void merge_keys(const KeyFields& from, KeyFields& into) {
  for (const auto& [key, fields] : from) into[key] |= fields;
}

// Keys of the authority and jurisdiction names, computed once per code: many items share them.
using PlaceKeys = std::unordered_map<std::string, KeyFields>;

PlaceKeys place_keys(const domain::Catalog& catalog, const TextFolder& folder, const PinyinReader& pinyin) {
  PlaceKeys places;
  for (const auto& authority : catalog.authorities) {
    add_localized_keys(folder, authority.name, kAuthority, &pinyin, places["a" + authority.code]);
  }
  for (const auto& jurisdiction : catalog.jurisdictions) {
    add_localized_keys(folder, jurisdiction.name, kAuthority, &pinyin, places["j" + jurisdiction.code]);
  }
  return places;
}

KeyFields item_keys(const domain::Item& item, const TextFolder& folder, const PinyinReader& pinyin,
                    const PlaceKeys& places) {
  KeyFields keys;
  add_localized_keys(folder, item.name, kName, &pinyin, keys);
  for (const auto& keyword : item.keywords) add_text_keys(folder.fold(keyword), kKeywords, &pinyin, keys);
  add_text_keys(folder.fold(item.code), kKeywords, nullptr, keys);
  add_text_keys(folder.fold(item.basic_code), kKeywords, nullptr, keys);
  if (auto found = places.find("a" + item.authority); found != places.end()) merge_keys(found->second, keys);
  if (auto found = places.find("j" + item.jurisdiction); found != places.end()) merge_keys(found->second, keys);
  add_localized_keys(folder, item.description, kDescription, nullptr, keys);
  add_localized_keys(folder, item.result.name, kDescription, nullptr, keys);
  return keys;
}

// The item's whole names in phrase form, and the pinyin of its Chinese name in full and by initials, for the
// phrase boost.
std::vector<std::string> boost_names(const domain::Item& item, const TextFolder& folder, const PinyinReader& pinyin) {
  std::vector<std::string> names;
  auto add = [&names](std::string name) {
    if (!name.empty() && !contains(names, name)) names.push_back(std::move(name));
  };
  for (domain::Language language : domain::kAllLanguages) add(phrase_form(folder.fold(item.name.in(language))));
  std::vector<std::string> syllables;
  for (const auto& run : tokenize(folder.fold(item.name.zh_hans)).han_runs) {
    const auto run_syllables = pinyin.syllables(run);
    syllables.insert(syllables.end(), run_syllables.begin(), run_syllables.end());
  }
  add(pinyin_full(syllables));
  add(pinyin_initials(syllables));
  return names;
}

// Adjacent byte pairs of a text, hashed into Words x 64 bits (a one-byte text has none, so any set covers it).
template <std::size_t Words>
void add_pairs(std::string_view text, Pairs<Words>& pairs) {
  constexpr int kShift = 32 - std::countr_zero(Words * 64);
  for (std::size_t i = 0; i + 1 < text.size(); ++i) {
    const auto pair =
        static_cast<std::uint32_t>(static_cast<unsigned char>(text[i])) << 8 | static_cast<unsigned char>(text[i + 1]);
    const std::uint32_t bit = (pair * 0x9E3779B1U) >> kShift;
    pairs[bit / 64] |= std::uint64_t{1} << (bit % 64);
  }
}

template <std::size_t Words>
bool covers(const Pairs<Words>& set, const Pairs<Words>& subset) {
  for (std::size_t i = 0; i < Words; ++i) {
    if ((set[i] & subset[i]) != subset[i]) return false;
  }
  return true;
}

std::uint8_t mode_bit(domain::HandlingMode mode) {
  return static_cast<std::uint8_t>(1U << static_cast<unsigned>(mode));
}

bool starts_with_key(const std::string& key, std::string_view prefix) {
  return key.size() >= prefix.size() && std::string_view(key).substr(0, prefix.size()) == prefix;
}

}  // namespace

struct CatalogIndex::QueryTerm {
  struct Alternative {
    std::string key;
    bool prefix = false;
    double quality = 1.0;
  };
  std::vector<Alternative> alternatives;
};

// One thread's working arrays for search(), sized to the index on use: kept between queries so that a query does
// not allocate and zero-fill them anew.
struct CatalogIndex::Scratch {
  std::vector<double> scores;
  std::vector<std::uint8_t> matched;  // number of query terms matched, at most kMaxQueryTerms
  std::vector<double> best;
  struct Ranked {
    double score;
    std::uint32_t order;  // tie-break: preference << 24 | name rank (unique per document)
    std::uint32_t document;
  };
  std::vector<Ranked> ranked;
};

// The filters of a query, resolved to per-document tables: a document passes if it is in every set.
struct CatalogIndex::Filters {
  std::vector<const std::vector<bool>*> sets;  // by document number
  std::uint8_t mode = 0;                       // mode_bit of the requested mode, 0 for any
};

CatalogIndex::CatalogIndex(const domain::Catalog& catalog, std::shared_ptr<const TextFolder> folder,
                           std::shared_ptr<const PinyinReader> pinyin)
    : folder_(folder ? std::move(folder) : std::make_shared<const TextFolder>()),
      pinyin_(pinyin ? std::move(pinyin) : std::make_shared<const PinyinReader>()) {
  for (const auto& jurisdiction : catalog.jurisdictions) jurisdictions_.insert(jurisdiction.code);
  for (const auto& authority : catalog.authorities) authorities_.insert(authority.code);
  for (const auto& zone : catalog.zones) zones_.insert(zone.code);

  std::vector<const domain::Item*> items;
  items.reserve(catalog.items.size());
  for (const auto& item : catalog.items) items.push_back(&item);
  std::sort(items.begin(), items.end(), [](const auto* a, const auto* b) { return a->code < b->code; });
  for (std::size_t i = 1; i < items.size(); ++i) {
    if (items[i]->code == items[i - 1]->code) {
      throw std::invalid_argument("catalog index: item code \"" + items[i]->code + "\" is used twice");
    }
  }

  const PlaceKeys places = place_keys(catalog, *folder_, *pinyin_);
  std::unordered_map<std::string, std::vector<Posting>> postings;
  documents_.reserve(items.size());
  for (std::size_t i = 0; i < items.size(); ++i) {
    Document document{items[i], boost_names(*items[i], *folder_, *pinyin_), {}, {}, {}, {}, {}};
    document.folded_code = phrase_form(folder_->fold(items[i]->code));
    for (const auto& name : document.folded_names) {
      add_pairs(name, document.name_pairs);
      add_pairs(name, document.each_name_pairs.emplace_back());
    }
    documents_.push_back(std::move(document));
    for (const auto& [key, fields] : item_keys(*items[i], *folder_, *pinyin_, places)) {
      postings[key].push_back(Posting{static_cast<std::uint32_t>(i), fields});
    }
  }
  auto member = [this](const std::string& key, std::size_t number) {
    std::vector<bool>& members = members_[key];
    members.resize(documents_.size(), false);
    members[number] = true;
  };
  for (std::size_t d = 0; d < documents_.size(); ++d) {
    Document& document = documents_[d];
    const domain::Item& item = *document.item;
    for (domain::HandlingMode mode : item.modes) document.modes |= mode_bit(mode);
    member("j" + item.jurisdiction, d);
    member("a" + item.authority, d);
    for (const auto& event : item.life_events) member("l" + event, d);
    for (const auto& zone : catalog.zones) {
      if (contains(zone.items, item.code)) member("z" + zone.code, d);
    }
  }
  no_member_.assign(documents_.size(), false);
  if (documents_.size() >= (std::size_t{1} << 24)) throw std::invalid_argument("catalog index: too many items");
  for (domain::Language language : domain::kAllLanguages) {
    std::vector<std::string> names;
    names.reserve(documents_.size());
    for (const auto& document : documents_) names.push_back(document.item->name.in(language));
    const std::vector<std::uint32_t> ranks = collation_ranks(names, language);
    for (std::size_t d = 0; d < documents_.size(); ++d) {
      documents_[d].name_rank[static_cast<std::size_t>(language)] = ranks[d];
    }
  }
  build_preferences(catalog);

  for (const auto& point : catalog.service_points) {
    std::vector<bool>& accepted = accepted_by_point_[point.code];
    for (const auto& document : documents_) accepted.push_back(catalog.point_accepts_item(point, *document.item));
  }

  terms_.reserve(postings.size());
  for (auto& [key, list] : postings) terms_.push_back(Term{key, std::move(list)});
  std::sort(terms_.begin(), terms_.end(), [](const Term& a, const Term& b) { return a.key < b.key; });
}

// preference_ per jurisdiction, and browse_order_: per jurisdiction (and "" for none), per language, the documents
// in the order of equal scores (preference, then name rank).
void CatalogIndex::build_preferences(const domain::Catalog& catalog) {
  for (const auto& jurisdiction : catalog.jurisdictions) {
    std::vector<std::uint8_t>& preference = preference_[jurisdiction.code];
    preference.assign(documents_.size(), 2);
    for (std::size_t d = 0; d < documents_.size(); ++d) {
      if (documents_[d].item->jurisdiction == jurisdiction.code) preference[d] = 0;
    }
    for (const auto& zone : catalog.zones) {
      if (zone.host_jurisdiction != jurisdiction.code) continue;
      auto hosted = members_.find("z" + zone.code);
      if (hosted == members_.end()) continue;
      for (std::size_t d = 0; d < documents_.size(); ++d) {
        if (hosted->second[d] && preference[d] == 2) preference[d] = 1;
      }
    }
  }
  auto orders = [this](const std::vector<std::uint8_t>* preference) {
    std::array<std::vector<std::uint32_t>, 4> by_language;
    for (domain::Language language : domain::kAllLanguages) {
      const auto l = static_cast<std::size_t>(language);
      std::vector<std::uint32_t>& order = by_language[l];
      order.resize(documents_.size());
      std::iota(order.begin(), order.end(), 0U);
      auto key = [&](std::uint32_t d) {
        const std::uint32_t rank = documents_[d].name_rank[l];
        return preference == nullptr ? rank : static_cast<std::uint32_t>((*preference)[d]) << 24 | rank;
      };
      std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) { return key(a) < key(b); });
    }
    return by_language;
  };
  browse_order_[""] = orders(nullptr);
  for (const auto& [code, preference] : preference_) browse_order_[code] = orders(&preference);
}

std::vector<CatalogIndex::QueryTerm> CatalogIndex::parse_terms(const std::string& folded_query) {
  const TextTokens tokens = tokenize(folded_query);
  std::vector<QueryTerm> terms;
  std::vector<std::string> seen;
  auto add = [&](QueryTerm term) {
    const std::string& first = term.alternatives.front().key;
    if (terms.size() < kMaxQueryTerms && !contains(seen, first)) {
      seen.push_back(first);
      terms.push_back(std::move(term));
    }
  };
  for (const auto& word : tokens.words) {
    if (is_stop_word(word)) continue;
    QueryTerm term;
    term.alternatives.push_back({"w" + word, false, kExactWord});
    if (word.size() >= kMinPrefixLength) {
      term.alternatives.push_back({"w" + word, true, kWordPrefix});
      if (is_ascii_letters(word)) {
        term.alternatives.push_back({"p" + word, true, kPinyinPrefix});
        term.alternatives.push_back({"i" + word, true, kInitialsPrefix});
      }
    }
    add(std::move(term));
  }
  for (const auto& run : tokens.han_runs) {
    const std::u32string_view view(run);
    const std::size_t gram = run.size() == 1 ? 1 : 2;
    for (std::size_t i = 0; i + gram <= run.size(); ++i) {
      add(QueryTerm{{{"h" + to_utf8(view.substr(i, gram)), false, kExactWord}}});
    }
  }
  return terms;
}

// best[d]: the best weight x quality of the term in document d (0 if absent); best must be all zero on entry.
void CatalogIndex::score_term(const QueryTerm& term, std::vector<double>& best) const {
  auto take = [&best](const Term& entry, double quality) {
    for (const Posting& posting : entry.postings) {
      best[posting.document] = std::max(best[posting.document], field_weight(posting.fields) * quality);
    }
  };
  for (const auto& alternative : term.alternatives) {
    auto it = std::lower_bound(terms_.begin(), terms_.end(), alternative.key,
                               [](const Term& entry, const std::string& key) { return entry.key < key; });
    if (!alternative.prefix) {
      if (it != terms_.end() && it->key == alternative.key) take(*it, alternative.quality);
      continue;
    }
    for (; it != terms_.end() && starts_with_key(it->key, alternative.key); ++it) take(*it, alternative.quality);
  }
}

// The whole query in phrase form and without spaces, with their byte-pair signatures.
struct CatalogIndex::Phrase {
  std::string phrase;
  std::string compact;
  PairSignature phrase_pairs{};
  PairSignature compact_pairs{};
  WidePairSignature phrase_wide{};
  WidePairSignature compact_wide{};
  bool compact_differs = false;  // compact != phrase (else comparing it again gives nothing new)
};

// A name that does not contain a candidate can neither equal nor start with it; a name contains it only if every
// byte pair of the candidate is a byte pair of the name. So a document whose signature lacks a pair of both
// candidates gets no boost, without looking at its names.
double CatalogIndex::name_boost(const Document& document, const Phrase& query) {
  const bool phrase_possible = !query.phrase.empty() && covers(document.name_pairs, query.phrase_wide);
  const bool compact_possible = !query.compact.empty() && covers(document.name_pairs, query.compact_wide);
  if (!phrase_possible && !compact_possible) return 0.0;
  double boost = 0.0;
  for (std::size_t n = 0; n < document.folded_names.size(); ++n) {
    const std::string& name = document.folded_names[n];
    for (const auto& [candidate, pairs] :
         {std::pair{&query.phrase, &query.phrase_pairs}, std::pair{&query.compact, &query.compact_pairs}}) {
      if (candidate->empty() || (candidate == &query.compact && !query.compact_differs)) continue;
      if (!covers(document.each_name_pairs[n], *pairs)) continue;
      if (name == *candidate) {
        boost = std::max(boost, kNameEqualBoost);
      } else if (starts_with_key(name, *candidate)) {
        boost = std::max(boost, kNamePrefixBoost);
      } else if (name.find(*candidate) != std::string::npos) {
        boost = std::max(boost, kNameInsideBoost);
      }
    }
  }
  return boost;
}

CatalogIndex::Filters CatalogIndex::resolve_filters(const ItemQuery& query) const {
  auto check = [](const std::optional<std::string>& value, const std::unordered_set<std::string>& known,
                  const char* parameter) {
    if (value && !known.contains(*value)) {
      throw QueryError(std::string("unknown ") + parameter + " \"" + *value + "\"");
    }
  };
  check(query.jurisdiction, jurisdictions_, "jurisdiction");
  check(query.authority, authorities_, "authority");
  check(query.zone, zones_, "zone");
  Filters filters;
  if (query.service_point) {
    auto found = accepted_by_point_.find(*query.service_point);
    if (found == accepted_by_point_.end()) {
      throw QueryError("unknown service_point \"" + *query.service_point + "\"");
    }
    filters.sets.push_back(&found->second);
  }
  auto add = [this, &filters](char kind, const std::optional<std::string>& value) {
    if (!value) return;
    auto found = members_.find(kind + *value);
    filters.sets.push_back(found == members_.end() ? &no_member_ : &found->second);
  };
  add('j', query.jurisdiction);
  add('a', query.authority);
  add('z', query.zone);
  add('l', query.life_event);
  if (query.mode) filters.mode = mode_bit(*query.mode);
  if (query.limit < 1 || query.limit > kMaxLimit) {
    throw QueryError("limit must be between 1 and " + std::to_string(kMaxLimit) + ", got " +
                     std::to_string(query.limit));
  }
  return filters;
}

bool CatalogIndex::passes(std::uint32_t number, const Filters& filters) const {
  if (filters.mode != 0 && (documents_[number].modes & filters.mode) == 0) return false;
  return std::all_of(filters.sets.begin(), filters.sets.end(), [number](const auto* set) { return (*set)[number]; });
}

// Every score is 0: the documents are visited in the precomputed order of equal scores, and only the page's hits
// are kept.
ItemPage CatalogIndex::browse(const ItemQuery& query, const Filters& filters) const {
  auto found = query.visitor_jurisdiction ? browse_order_.find(*query.visitor_jurisdiction) : browse_order_.end();
  if (found == browse_order_.end()) found = browse_order_.find(std::string());
  const std::vector<std::uint32_t>& order = found->second[static_cast<std::size_t>(query.language)];
  ItemPage page;
  for (const std::uint32_t d : order) {
    if (!passes(d, filters)) continue;
    if (page.total >= query.offset && page.total - query.offset < query.limit) {
      page.hits.push_back(ItemHit{documents_[d].item, 0.0});
    }
    ++page.total;
  }
  return page;
}

ItemPage CatalogIndex::search(const ItemQuery& query) const {
  const Filters filters = resolve_filters(query);
  const std::string folded = folder_->fold(cut_utf8(query.text, kMaxQueryBytes));
  if (phrase_form(folded).empty()) return browse(query, filters);
  const std::vector<QueryTerm> terms = parse_terms(folded);

  thread_local Scratch scratch;
  const std::size_t count = documents_.size();
  std::vector<double>& scores = scratch.scores;
  std::vector<std::uint8_t>& matched = scratch.matched;
  std::vector<double>& best = scratch.best;
  scores.assign(count, 0.0);
  matched.assign(count, 0);
  for (const QueryTerm& term : terms) {
    best.assign(count, 0.0);
    score_term(term, best);
    // Two document frequencies: of the term anywhere, and in a primary field (name, keywords, authority). The
    // descriptions repeat the same few documents ("Resident Identity Card") in most items, so a term's weight where
    // it names an item comes from how few items it names, not from how many descriptions mention it.
    std::size_t frequency = 0;
    std::size_t primary_frequency = 0;
    for (double s : best) {
      frequency += s > 0 ? 1 : 0;
      primary_frequency += s > kMaxDescriptionWeight ? 1 : 0;
    }
    const double idf = inverse_document_frequency(count, frequency);
    const double primary_idf = inverse_document_frequency(count, primary_frequency);
    for (std::size_t d = 0; d < count; ++d) {
      if (best[d] > 0) {
        scores[d] += best[d] * (best[d] > kMaxDescriptionWeight ? primary_idf : idf);
        ++matched[d];
      }
    }
  }

  Phrase phrase;
  phrase.phrase = phrase_form(folded);
  phrase.compact = phrase.phrase;
  phrase.compact.erase(std::remove(phrase.compact.begin(), phrase.compact.end(), ' '), phrase.compact.end());
  add_pairs(phrase.phrase, phrase.phrase_pairs);
  add_pairs(phrase.compact, phrase.compact_pairs);
  phrase.compact_differs = phrase.compact != phrase.phrase;
  add_pairs(phrase.phrase, phrase.phrase_wide);
  add_pairs(phrase.compact, phrase.compact_wide);
  const std::vector<std::uint8_t>* preference = nullptr;
  if (query.visitor_jurisdiction) {
    if (auto found = preference_.find(*query.visitor_jurisdiction); found != preference_.end()) {
      preference = &found->second;
    }
  }
  const auto language = static_cast<std::size_t>(query.language);
  auto order_of = [&](std::size_t d) {
    const std::uint32_t rank = documents_[d].name_rank[language];
    return preference == nullptr ? rank : static_cast<std::uint32_t>((*preference)[d]) << 24 | rank;
  };
  // (Words given but none searchable, only function words or single letters: nothing matches.)
  std::vector<Scratch::Ranked>& ranked = scratch.ranked;
  ranked.clear();
  double top = 0.0;
  if (!terms.empty()) {
    for (std::size_t d = 0; d < count; ++d) {
      if (matched[d] != terms.size() || !passes(static_cast<std::uint32_t>(d), filters)) continue;
      const double code_boost = documents_[d].folded_code == phrase.phrase ? kCodeEqualBoost : 0.0;
      const double score = terms.empty() ? 0.0 : scores[d] + name_boost(documents_[d], phrase) + code_boost;
      top = std::max(top, score);
      ranked.push_back(Scratch::Ranked{score, order_of(d), static_cast<std::uint32_t>(d)});
    }
  }
  // The relevance cut-off (top is 0 when browsing: every hit stays).
  const double floor = top * kMinRelativeScore;
  std::erase_if(ranked, [floor](const Scratch::Ranked& hit) { return hit.score < floor; });

  ItemPage page;
  page.total = ranked.size();
  if (query.offset >= ranked.size()) return page;
  const std::size_t last = query.offset + std::min(query.limit, ranked.size() - query.offset);
  // Higher score first, equal scores by preference and name (order), then code (documents are in code order); only
  // the first `last` are put in order.
  const auto better = [](const Scratch::Ranked& a, const Scratch::Ranked& b) {
    if (a.score != b.score) return a.score > b.score;
    return a.order != b.order ? a.order < b.order : a.document < b.document;
  };
  std::partial_sort(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(last), ranked.end(), better);
  page.hits.reserve(last - query.offset);
  for (std::size_t i = query.offset; i < last; ++i) {
    page.hits.push_back(ItemHit{documents_[ranked[i].document].item, ranked[i].score});
  }
  return page;
}

}  // namespace tongban::search
