#include "domain/record_fields.h"

#include <algorithm>
#include <stdexcept>

#include "domain/notice.h"
#include "domain/utf8_text.h"

namespace tongban::domain::record_fields {

std::string_view language_field(Language language) {
  switch (language) {
    case Language::zh_Hans: return "zh_hans";
    case Language::zh_Hant: return "zh_hant";
    case Language::pt: return "pt";
    case Language::en: return "en";
  }
  return "en";
}

bool is_blank(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}

void add(std::vector<FieldError>& problems, std::string field, std::string rule, std::string message) {
  problems.push_back(FieldError{std::move(field), std::move(rule), std::move(message)});
}

void check_text(std::vector<FieldError>& problems, const std::string& field, std::string_view text,
                std::size_t max_chars, bool line_breaks, bool required) {
  if (is_blank(text)) {
    if (required) add(problems, field, "required", "This text is required.");
    return;
  }
  const auto characters = decode_utf8(text);
  if (!characters) return add(problems, field, "utf8", "The text is not valid UTF-8.");
  const bool refused = std::any_of(characters->begin(), characters->end(), [&](char32_t c) {
    if (!line_breaks && (c == '\n' || c == '\r' || c == '\t')) return true;
    return is_control_character(c);
  });
  if (refused)
    return add(problems, field, "control_character",
               line_breaks ? "The text contains a control character (only line breaks and tabs are allowed)."
                           : "The text must be one line without control characters.");
  if (characters->size() > max_chars)
    add(problems, field, "too_long", "The text is longer than " + std::to_string(max_chars) + " characters.");
}

void check_localized(std::vector<FieldError>& problems, const std::string& field, const LocalizedText& text,
                     std::size_t max_chars, bool line_breaks) {
  for (Language language : kAllLanguages)
    check_text(problems, field + "." + std::string(language_field(language)), text.in(language), max_chars, line_breaks,
               false);
}

void require_localized(std::vector<FieldError>& problems, const std::string& field, const LocalizedText& text,
                       std::string_view message) {
  for (Language language : kAllLanguages)
    if (is_blank(text.in(language)))
      add(problems, field + "." + std::string(language_field(language)), "required", std::string(message));
}

void check_code(std::vector<FieldError>& problems, const std::string& field, std::string_view code, bool required) {
  if (code.empty()) {
    if (required) add(problems, field, "required", "This code is required.");
  } else if (!is_notice_code(code)) {
    add(problems, field, "format", "'" + std::string(code) + "' is not a code (1-64 characters of A-Z a-z 0-9 . _ -).");
  }
}

namespace {

std::string separator(char kind) {
  return std::string("-") + kind + "-";
}

}  // namespace

std::string format_id(std::string_view node, char kind, std::int64_t serial) {
  if (!is_notice_code(node)) throw std::invalid_argument("market id: '" + std::string(node) + "' is not a node id");
  if (serial < 1 || serial > kMaxMarketSerial)
    throw std::invalid_argument("market id: serial " + std::to_string(serial) + " is out of range");
  return std::string(node) + separator(kind) + std::to_string(serial);
}

std::optional<MarketId> parse_id(std::string_view text, char kind) {
  const std::string sep = separator(kind);
  const auto at = text.rfind(sep);
  if (at == std::string_view::npos) return std::nullopt;
  const std::string_view node = text.substr(0, at);
  const std::string_view digits = text.substr(at + sep.size());
  if (!is_notice_code(node) || digits.empty() || digits.size() > 12 || digits.front() == '0') return std::nullopt;
  std::int64_t serial = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return std::nullopt;
    serial = serial * 10 + (c - '0');
  }
  return MarketId{std::string(node), serial};
}

void check_id(std::vector<FieldError>& problems, const std::string& field, std::string_view id, char kind,
              std::string_view node) {
  if (id.empty()) return add(problems, field, "required", "An id is required.");
  const auto parts = parse_id(id, kind);
  if (!parts)
    return add(problems, field, "format",
               "'" + std::string(id) + "' is not an id of the form <node>" + separator(kind) + "<serial>.");
  if (parts->node != node)
    add(problems, field, "not_this_node",
        "The id '" + std::string(id) + "' names another node than " + std::string(node) + ".");
}

}  // namespace tongban::domain::record_fields
