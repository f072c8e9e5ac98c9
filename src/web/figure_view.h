// FigureView: the words of the statistics pages (web/statistics_pages.cc, web/region_pages.cc) — a figure's key as a
// person reads it (an item's, authority's, service point's or jurisdiction's name from the catalog; a mode's or
// channel's word from the message catalogs), a dimension's name, numbers in the page's language. Pure formatting
// over a Page.
#pragma once

#include <optional>
#include <string>

#include "domain/case_figures.h"
#include "web/page_context.h"

namespace tongban::web {

// What a row's key names: "婚姻登记记录证明" for item JM-CA-006, "江门 → 澳门" for "CN-GD-JM>MO", "网上办理" for
// the web channel; the key itself when the catalog no longer has it.
std::string figure_key_name(const Page& page, domain::Dimension dimension, const std::string& key);
// The dimension as a heading: "By item", …
std::string dimension_name(const Page& page, domain::Dimension dimension);
// The dimensions as <select> options, `selected` chosen.
Data dimension_choices(const Page& page, domain::Dimension selected);
// A count in the page's language; "—" and hidden words are the caller's.
std::string count_text(const Page& page, std::int64_t count);
// A ratio as a percentage, or the page's word for "none" when unset.
std::string rate_text(const Page& page, std::optional<double> ratio);

}  // namespace tongban::web
