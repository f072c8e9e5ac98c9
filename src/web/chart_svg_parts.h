// The parts the SVG charts (web/bar_chart_svg.h, web/line_chart_svg.h) share: a caller's text made safe, measured and
// cut to a width; coordinates and plain numbers written the same way on every machine; the id prefix check; the opening
// <svg> element with its <title> and <desc>; the colours each shape carries as attributes. What a chart promises is
// said in those two headers; this file only keeps the two from growing separate copies of the same rules.
//
// Texts. chart_text() takes any bytes: tab, CR and LF become spaces (a chart text is one line), then xml_text()
// (web/atom_feed.h) escapes & < > " ' as entities, drops the characters XML forbids or discourages (C0 and C1 controls,
// DEL, U+FFFE, U+FFFF) and turns bytes that are not UTF-8 into U+FFFD. So whatever a caller passes, the document stays
// well-formed, and the result is also safe inside a quoted attribute (no tab, CR or LF left).
//
// Widths. SVG text does not wrap and the server cannot measure it, so a text's width is estimated in user units at
// kFontSize: an East Asian wide or fullwidth character (CJK, kana, Hangul, fullwidth forms, most emoji) counts 1 em, a
// combining mark or zero-width character 0, anything else 0.6 em (generous for Latin text in a sans-serif face); an
// entity counts as the one character it stands for.
//
// Numbers. Coordinates have at most two decimals, trailing zeros dropped, written with std::to_chars (never in the
// locale's form), so the same chart always gives the same bytes.
//
// Pure functions, no I/O.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace tongban::web::chart {

inline constexpr double kChartWidth = 800;  // user units: the viewBox's width, 1 px a unit at full size
inline constexpr double kFontSize = 16;     // user units; the chart scales as a whole, its texts with it
inline constexpr double kPadding = 8;       // around the drawing, in user units
inline constexpr std::size_t kMaxIdPrefix = 32;

// The colours the shapes carry as attributes, the same as the stylesheet's (static/charts.css.snippet), so that a chart
// reads without the stylesheet. All from site.css's palette; against white: text 19.6:1, bars 5.2:1, lines of the grid
// are decoration.
inline constexpr std::string_view kTextColour = "#0b0c0c";
inline constexpr std::string_view kMutedColour = "#505a5f";  // the hatching of a hidden bar, tick labels
inline constexpr std::string_view kBarColour = "#1d70b8";
inline constexpr std::string_view kGridColour = "#b1b4b6";

// A caller's text, cleaned and escaped (rules above), with its estimated width in user units.
struct ChartText {
  std::string escaped;
  double width = 0;
};
ChartText chart_text(std::string_view text);

// True when the text has nothing but spaces once cleaned.
bool blank(const ChartText& text);

// The text cut, at a character (never inside an entity or a UTF-8 sequence), so that it and a trailing "…" fit
// `max_width`; the text itself when it fits.
std::string fit_text(const ChartText& text, double max_width);

// The estimated width of escaped text (as chart_text makes it), in user units.
double text_width(std::string_view escaped);

// A coordinate or length: at most two decimals, trailing zeros and a trailing '.' dropped, "-0" as "0".
std::string coordinate(double value);

// std::invalid_argument unless 1 to kMaxIdPrefix characters of [a-z0-9-] beginning with a letter: an XML name, so the
// ids made from it are valid in XML, HTML, url(#…) and CSS selectors without escaping.
void check_id_prefix(std::string_view prefix);

// "<svg …><title id="<prefix>-title">…</title><desc id="<prefix>-desc">…</desc>" for a drawing of width x height user
// units; `kind` is the class beside "chart" ("chart-bars"). An empty description gives no <desc> and aria-labelledby
// names the title alone. Throws std::invalid_argument for a bad prefix or a blank title.
std::string svg_open(std::string_view kind, std::string_view id_prefix, std::string_view title,
                     std::string_view description, double width, double height);

inline constexpr std::string_view kSvgClose = "</svg>";

}  // namespace tongban::web::chart
