#include "web/atom_feed.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <stdexcept>

#include "domain/utf8_text.h"

namespace tongban::web {
namespace {

constexpr std::int64_t kLastMillisecondOf9999 = 253402300799999;  // 9999-12-31T23:59:59.999Z

using domain::append_utf8;
using domain::next_code_point;

// Characters XML 1.0 forbids or discourages (domain/utf8_text.h), dropped from every text.
bool dropped(char32_t c) {
  return domain::is_control_character(c);
}

std::string escape(std::string_view text, bool attribute) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const char32_t c = next_code_point(text, i);
    if (dropped(c)) continue;
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      case '\r': out += "&#xD;"; break;
      case '\t': out += attribute ? "&#x9;" : "\t"; break;
      case '\n': out += attribute ? "&#xA;" : "\n"; break;
      default: append_utf8(out, c);
    }
  }
  return out;
}

// Nothing but white space once the dropped characters are gone.
bool blank(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const char32_t c = next_code_point(text, i);
    if (!dropped(c) && c != ' ' && c != '\t' && c != '\n' && c != '\r') return false;
  }
  return true;
}

bool is_alpha(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// No white space, control character or character RFC 3987 excludes from IRIs (<>"{}|\^`).
bool iri_characters(std::string_view text) {
  return std::none_of(text.begin(), text.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte <= 0x20 || byte == 0x7F || std::string_view("<>\"{}|\\^`").find(c) != std::string_view::npos;
  });
}

// An absolute IRI: scheme ":" something (RFC 3987 §2.2: scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )).
bool absolute_iri(std::string_view text) {
  const auto colon = text.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 == text.size() || !is_alpha(text[0])) return false;
  for (char c : text.substr(0, colon))
    if (!is_alpha(c) && !is_digit(c) && c != '+' && c != '-' && c != '.') return false;
  return iri_characters(text);
}

// BCP 47 in shape: subtags of 1-8 letters or digits joined by '-', the first of 2-8 letters ("zh-Hant", "pt").
bool language_tag_shape(std::string_view tag) {
  std::size_t start = 0;
  for (bool first = true;; first = false) {
    const auto end = std::min(tag.find('-', start), tag.size());
    const auto subtag = tag.substr(start, end - start);
    if (subtag.empty() || subtag.size() > 8) return false;
    for (char c : subtag)
      if (!is_alpha(c) && !(is_digit(c) && !first)) return false;
    if (first && subtag.size() < 2) return false;
    if (end == tag.size()) return true;
    start = end + 1;
  }
}

[[noreturn]] void refuse(const std::string& where, const std::string& what) {
  throw std::invalid_argument("atom feed: " + where + " " + what);
}

void check_id(const std::string& where, const std::string& id) {
  if (id.empty()) refuse(where, "has no id (RFC 4287 requires one)");
  if (!absolute_iri(id)) refuse(where, "id '" + id + "' is not an absolute IRI");
}

void check_href(const std::string& where, const std::string& href) {
  if (!href.empty() && !iri_characters(href)) refuse(where, "link '" + href + "' has white space or a bad character");
}

void check_language(const std::string& where, const std::string& language) {
  if (!language.empty() && !language_tag_shape(language)) refuse(where, "language '" + language + "' is not a tag");
}

void check_time(const std::string& where, std::int64_t ms, std::string_view element) {
  if (ms < 0 || ms > kLastMillisecondOf9999)
    refuse(where, "has no valid " + std::string(element) + " time (RFC 4287 requires one)");
}

void check_entry(const AtomEntry& entry, std::size_t index, bool feed_has_author) {
  const std::string where = "entry " + std::to_string(index + 1);
  check_id(where, entry.id);
  if (blank(entry.title)) refuse(where, "has no title (RFC 4287 requires one)");
  check_time(where, entry.updated_ms, "updated");
  if (entry.published_ms) check_time(where, *entry.published_ms, "published");
  check_href(where, entry.alternate_href);
  if (entry.content.empty() && entry.alternate_href.empty())
    refuse(where, "has neither content nor an alternate link (RFC 4287 §4.1.2)");
  check_language(where, entry.language);
  for (const auto& category : entry.categories) {
    if (blank(category.term)) refuse(where, "has a category without a term");
    if (!category.scheme.empty() && !absolute_iri(category.scheme))
      refuse(where, "category scheme '" + category.scheme + "' is not an absolute IRI");
  }
  for (const auto& author : entry.authors)
    if (blank(author)) refuse(where, "has an author without a name");
  if (!feed_has_author && entry.authors.empty())
    refuse(where, "has no author and neither has the feed (RFC 4287 §4.1.1)");
}

void line(std::string& out, int depth, std::string_view text) {
  out.append(static_cast<std::size_t>(depth) * 2, ' ');
  out += text;
  out += '\n';
}

void text_element(std::string& out, int depth, std::string_view name, std::string_view text, bool typed) {
  std::string element = "<" + std::string(name) + (typed ? " type=\"text\">" : ">");
  element += escape(text, false);
  element += "</" + std::string(name) + ">";
  line(out, depth, element);
}

void link(std::string& out, int depth, std::string_view rel, std::string_view type, std::string_view href) {
  line(out, depth,
       "<link rel=\"" + std::string(rel) + "\" type=\"" + std::string(type) + "\" href=\"" + escape(href, true) +
           "\"/>");
}

std::string with_language(std::string_view tag, const std::string& language) {
  if (language.empty()) return "<" + std::string(tag) + ">";
  return "<" + std::string(tag) + " xml:lang=\"" + escape(language, true) + "\">";
}

void write_entry(std::string& out, const AtomEntry& entry) {
  line(out, 1, with_language("entry", entry.language));
  text_element(out, 2, "id", entry.id, false);
  text_element(out, 2, "title", entry.title, true);
  text_element(out, 2, "updated", rfc3339_utc(entry.updated_ms), false);
  if (entry.published_ms) text_element(out, 2, "published", rfc3339_utc(*entry.published_ms), false);
  for (const auto& author : entry.authors) {
    line(out, 2, "<author>");
    text_element(out, 3, "name", author, false);
    line(out, 2, "</author>");
  }
  if (!entry.alternate_href.empty()) link(out, 2, "alternate", "text/html", entry.alternate_href);
  for (const auto& category : entry.categories) {
    std::string element = "<category term=\"" + escape(category.term, true) + "\"";
    if (!category.scheme.empty()) element += " scheme=\"" + escape(category.scheme, true) + "\"";
    if (!category.label.empty()) element += " label=\"" + escape(category.label, true) + "\"";
    line(out, 2, element + "/>");
  }
  if (!entry.summary.empty()) text_element(out, 2, "summary", entry.summary, true);
  if (!entry.content.empty()) text_element(out, 2, "content", entry.content, true);
  line(out, 1, "</entry>");
}

}  // namespace

std::string xml_text(std::string_view text) {
  return escape(text, false);
}

std::string xml_attribute(std::string_view text) {
  return escape(text, true);
}

std::string rfc3339_utc(std::int64_t unix_ms) {
  if (unix_ms < 0 || unix_ms > kLastMillisecondOf9999)
    throw std::invalid_argument("rfc3339_utc: " + std::to_string(unix_ms) + " is outside 1970-01-01 … 9999-12-31");
  using namespace std::chrono;
  const sys_seconds at{seconds{unix_ms / 1000}};
  const auto day = floor<days>(at);
  const year_month_day date{day};
  const hh_mm_ss time{at - day};
  char text[32];
  std::snprintf(text, sizeof text, "%04d-%02u-%02uT%02d:%02d:%02dZ", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                static_cast<int>(time.hours().count()), static_cast<int>(time.minutes().count()),
                static_cast<int>(time.seconds().count()));
  return text;
}

std::string tag_uri(std::string_view authority, std::string_view date, std::string_view specific) {
  std::string host;
  for (char c : authority) host.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  // DNS name: labels of 1-63 letters, digits and '-', not starting or ending with '-', joined by '.'.
  bool host_ok = !host.empty() && host.size() <= 253;
  for (std::size_t start = 0; host_ok;) {
    const auto end = std::min(host.find('.', start), host.size());
    const std::string_view label = std::string_view(host).substr(start, end - start);
    host_ok = !label.empty() && label.size() <= 63 && label.front() != '-' && label.back() != '-' &&
              std::all_of(label.begin(), label.end(), [](char c) { return is_alpha(c) || is_digit(c) || c == '-'; });
    if (end == host.size()) break;
    start = end + 1;
  }
  if (!host_ok) throw std::invalid_argument("tag_uri: '" + std::string(authority) + "' is not a DNS name");
  // date = year [ "-" month [ "-" day ] ], e.g. 2026, 2026-03, 2026-03-09.
  const auto digits = [&](std::size_t from, std::size_t count) {
    return std::all_of(date.begin() + from, date.begin() + from + count, is_digit);
  };
  const bool date_ok = (date.size() == 4 || date.size() == 7 || date.size() == 10) && digits(0, 4) &&
                       (date.size() < 7 || (date[4] == '-' && digits(5, 2))) &&
                       (date.size() < 10 || (date[7] == '-' && digits(8, 2)));
  if (!date_ok) throw std::invalid_argument("tag_uri: '" + std::string(date) + "' is not YYYY[-MM[-DD]]");
  // specific = *( pchar / "/" / "?" ); pchar = unreserved / pct-encoded / sub-delims / ":" / "@".
  for (std::size_t i = 0; i < specific.size(); ++i) {
    const char c = specific[i];
    const bool hex_follows = i + 2 < specific.size() && std::isxdigit(static_cast<unsigned char>(specific[i + 1])) &&
                             std::isxdigit(static_cast<unsigned char>(specific[i + 2]));
    if (c == '%' && hex_follows) {
      i += 2;
      continue;
    }
    if (!is_alpha(c) && !is_digit(c) && std::string_view("-._~!$&'()*+,;=:@/?").find(c) == std::string_view::npos)
      throw std::invalid_argument("tag_uri: '" + std::string(specific) + "' has a character a tag may not hold");
  }
  return "tag:" + host + "," + std::string(date) + ":" + std::string(specific);
}

std::string atom_feed(const AtomFeed& feed) {
  check_id("feed", feed.id);
  if (blank(feed.title)) refuse("feed", "has no title (RFC 4287 requires one)");
  check_time("feed", feed.updated_ms, "updated");
  check_href("feed", feed.self_href);
  check_href("feed", feed.alternate_href);
  check_href("feed", feed.author_uri);
  check_language("feed", feed.language);
  const bool feed_has_author = !blank(feed.author_name);
  if (!feed.author_uri.empty() && !feed_has_author) refuse("feed", "has an author uri but no author name");
  for (std::size_t i = 0; i < feed.entries.size(); ++i) check_entry(feed.entries[i], i, feed_has_author);

  std::string out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";
  std::string open = "<feed xmlns=\"http://www.w3.org/2005/Atom\"";
  if (!feed.language.empty()) open += " xml:lang=\"" + escape(feed.language, true) + "\"";
  line(out, 0, open + ">");
  text_element(out, 1, "id", feed.id, false);
  text_element(out, 1, "title", feed.title, true);
  if (!feed.subtitle.empty()) text_element(out, 1, "subtitle", feed.subtitle, true);
  text_element(out, 1, "updated", rfc3339_utc(feed.updated_ms), false);
  if (!feed.self_href.empty()) link(out, 1, "self", "application/atom+xml", feed.self_href);
  if (!feed.alternate_href.empty()) link(out, 1, "alternate", "text/html", feed.alternate_href);
  if (feed_has_author) {
    line(out, 1, "<author>");
    text_element(out, 2, "name", feed.author_name, false);
    if (!feed.author_uri.empty()) text_element(out, 2, "uri", feed.author_uri, false);
    line(out, 1, "</author>");
  }
  for (const auto& entry : feed.entries) write_entry(out, entry);
  line(out, 0, "</feed>");
  return out;
}

}  // namespace tongban::web
