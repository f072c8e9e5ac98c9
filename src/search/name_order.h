// Name order: where each of a list of names falls when the names are sorted as a reader of a language expects, for
// the catalog index's tie-break "then by name" (catalog_index.h).
//
// ICU collation of the language's locale: "zh" (pinyin order) for zh-Hans, "zh_Hant" (stroke order, as in Macao
// and Hong Kong) for zh-Hant, "pt" and "en". Equal names keep their input order (the caller passes them in code
// order), so the ranks are a permutation of 0..n-1. When ICU cannot open the collator the ranks are by the UTF-8
// bytes (still a permutation, still stable).
//
// A plain function, no state; safe from any thread (each call opens its own collator). Used while building.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "domain/language.h"

namespace tongban::search {

// ranks[i] is the position of names[i] in the sorted order.
std::vector<std::uint32_t> collation_ranks(const std::vector<std::string>& names, domain::Language language);

}  // namespace tongban::search
