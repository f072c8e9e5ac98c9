// The field checks the three records of the data market share (data_product.h, contract_negotiation.h,
// cross_border_filing.h): texts typed by people, codes, four-language texts, and the market's ids. Internal to
// those modules (namespace record_fields); the public names of each record are in its own header.
//
// The rules are notice.h's, so that a text refused on a notice is refused here for the same reason and under the
// same rule name: blank = only spaces, tabs, CR and LF; "required", "utf8", "control_character" (C0/C1 controls,
// DEL, U+FFFE/U+FFFF; a one-line text also refuses CR, LF and tab), "too_long" (counted in code points); a code is
// 1–64 characters of [A-Za-z0-9._-] (is_notice_code, the federation directory's id rule). Pure.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/language.h"
#include "domain/problem.h"

namespace tongban::domain {

// The largest serial of a market id (12 decimal digits, as notice serials).
inline constexpr std::int64_t kMaxMarketSerial = 999'999'999'999;

// The parts of a market id "<node>-<kind>-<serial>": a data product ("-P-") or a contract negotiation ("-C-").
struct MarketId {
  std::string node;         // the node that numbered it
  std::int64_t serial = 0;  // 1 … kMaxMarketSerial
  bool operator==(const MarketId&) const = default;
};

namespace record_fields {

// "zh_hans", "zh_hant", "pt", "en": the name of a language in field paths ("title.zh_hans").
std::string_view language_field(Language language);
bool is_blank(std::string_view text);
void add(std::vector<FieldError>& problems, std::string field, std::string rule, std::string message);

// The first thing wrong with a text, if anything: "required" (only when `required` and the text is blank), "utf8",
// "control_character", "too_long".
void check_text(std::vector<FieldError>& problems, const std::string& field, std::string_view text,
                std::size_t max_chars, bool line_breaks, bool required);
// check_text for each language of `text`, fields "<field>.<language>"; blank texts are not reported.
void check_localized(std::vector<FieldError>& problems, const std::string& field, const LocalizedText& text,
                     std::size_t max_chars, bool line_breaks);
// "<field>.<language>" "required" for each blank language.
void require_localized(std::vector<FieldError>& problems, const std::string& field, const LocalizedText& text,
                       std::string_view message);
// "required" when empty (and `required`), "format" when not a code.
void check_code(std::vector<FieldError>& problems, const std::string& field, std::string_view code, bool required);

// "<node>-<kind>-<serial>". std::invalid_argument when the node is not a code or the serial is out of range.
std::string format_id(std::string_view node, char kind, std::int64_t serial);
// The parts, or nullopt: the last "-<kind>-" splits, the serial is 1–12 digits without a leading zero.
std::optional<MarketId> parse_id(std::string_view text, char kind);
// "id" "required" / "format" / "not_this_node" (the id names another node than `node`).
void check_id(std::vector<FieldError>& problems, const std::string& field, std::string_view id, char kind,
              std::string_view node);

}  // namespace record_fields
}  // namespace tongban::domain
