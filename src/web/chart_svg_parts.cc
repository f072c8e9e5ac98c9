#include "web/chart_svg_parts.h"

#include <charconv>
#include <cmath>
#include <optional>
#include <stdexcept>
#include <string>
#include <system_error>

#include "domain/utf8_text.h"
#include "web/atom_feed.h"

namespace tongban::web::chart {
namespace {

constexpr std::string_view kEllipsis = "…";
constexpr double kNarrowEm = 0.6;

// East Asian wide and fullwidth characters (Unicode UAX #11, the blocks that matter for zh and for emoji).
bool wide(char32_t c) {
  return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0x303E) || (c >= 0x3041 && c <= 0x33FF) ||
         (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xA000 && c <= 0xA4CF) ||
         (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) ||
         (c >= 0xFF00 && c <= 0xFF60) || (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x1F300 && c <= 0x1F64F) ||
         (c >= 0x1F900 && c <= 0x1F9FF) || (c >= 0x20000 && c <= 0x3FFFD);
}

// Combining marks, zero-width spaces and joiners, variation selectors: drawn on or between their neighbours.
bool zero_width(char32_t c) {
  return (c >= 0x0300 && c <= 0x036F) || (c >= 0x200B && c <= 0x200F) || (c >= 0xFE00 && c <= 0xFE0F);
}

double em_of(char32_t c) {
  if (wide(c)) return 1;
  if (zero_width(c)) return 0;
  return kNarrowEm;
}

std::size_t utf8_length(char32_t c) {
  return c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
}

// Calls visit(begin, end, width) for each character of escaped text: a code point, or a whole entity.
template <typename Visit>
void for_each_character(std::string_view escaped, Visit visit) {
  const std::optional<std::u32string> points = domain::decode_utf8(escaped);
  if (!points) {  // not made by chart_text: count bytes as narrow characters
    for (std::size_t i = 0; i < escaped.size(); ++i)
      if (!visit(i, i + 1, kNarrowEm * kFontSize)) return;
    return;
  }
  std::size_t at = 0;
  for (std::size_t k = 0; k < points->size();) {
    const std::size_t begin = at;
    if ((*points)[k] == U'&') {
      while (k < points->size() && (*points)[k] != U';') at += utf8_length((*points)[k++]);
      if (k < points->size()) at += utf8_length((*points)[k++]);
      if (!visit(begin, at, kNarrowEm * kFontSize)) return;
      continue;
    }
    at += utf8_length((*points)[k]);
    if (!visit(begin, at, em_of((*points)[k]) * kFontSize)) return;
    ++k;
  }
}

std::string one_line(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  return out;
}

}  // namespace

ChartText chart_text(std::string_view text) {
  ChartText out;
  out.escaped = xml_text(one_line(text));
  out.width = text_width(out.escaped);
  return out;
}

bool blank(const ChartText& text) {
  return text.escaped.find_first_not_of(' ') == std::string::npos;
}

double text_width(std::string_view escaped) {
  double width = 0;
  for_each_character(escaped, [&width](std::size_t, std::size_t, double w) {
    width += w;
    return true;
  });
  return width;
}

std::string fit_text(const ChartText& text, double max_width) {
  if (text.width <= max_width) return text.escaped;
  const double room = max_width - text_width(kEllipsis);
  double used = 0;
  std::size_t cut = 0;
  for_each_character(text.escaped, [&](std::size_t, std::size_t end, double w) {
    if (used + w > room) return false;
    used += w;
    cut = end;
    return true;
  });
  return text.escaped.substr(0, cut) + std::string(kEllipsis);
}

std::string coordinate(double value) {
  char buffer[64];
  const auto [end, error] =
      std::to_chars(std::begin(buffer), std::end(buffer), std::round(value * 100) / 100, std::chars_format::fixed, 2);
  if (error != std::errc{}) throw std::invalid_argument("chart: a coordinate out of range");
  std::string text(buffer, end);
  while (text.back() == '0') text.pop_back();
  if (text.back() == '.') text.pop_back();
  return text == "-0" ? "0" : text;
}

void check_id_prefix(std::string_view prefix) {
  const auto allowed = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; };
  bool ok = !prefix.empty() && prefix.size() <= kMaxIdPrefix && prefix.front() >= 'a' && prefix.front() <= 'z';
  for (char c : prefix) ok = ok && allowed(c);
  if (!ok)
    throw std::invalid_argument("chart: the id prefix '" + std::string(prefix) + "' is not 1 to " +
                                std::to_string(kMaxIdPrefix) + " characters of [a-z0-9-] beginning with a letter");
}

std::string svg_open(std::string_view kind, std::string_view id_prefix, std::string_view title,
                     std::string_view description, double width, double height) {
  check_id_prefix(id_prefix);
  const ChartText title_text = chart_text(title);
  if (blank(title_text)) throw std::invalid_argument("chart: the title is blank (it is the chart's accessible name)");
  const ChartText description_text = chart_text(description);
  const std::string prefix(id_prefix);
  std::string labelled_by = prefix + "-title";
  if (!blank(description_text)) labelled_by += " " + prefix + "-desc";
  std::string out = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart " + std::string(kind) +
                    "\" role=\"img\" aria-labelledby=\"" + labelled_by + "\" viewBox=\"0 0 " + coordinate(width) + " " +
                    coordinate(height) + "\" font-size=\"" + coordinate(kFontSize) + "\" fill=\"" +
                    std::string(kTextColour) + "\">";
  out += "<title id=\"" + prefix + "-title\">" + title_text.escaped + "</title>";
  if (!blank(description_text)) out += "<desc id=\"" + prefix + "-desc\">" + description_text.escaped + "</desc>";
  return out;
}

}  // namespace tongban::web::chart
