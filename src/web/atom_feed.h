// Atom feeds (RFC 4287): the writer behind the notice feeds a node publishes per node, per topic and per language,
// which feed readers and peers' pages poll.
//
// atom_feed() writes one feed document: UTF-8, the Atom namespace, xml:lang on the feed and on each entry that
// gives one, two-space indentation. Every text is written as type="text" (never "html" or "xhtml"): a reader shows
// it as plain text, so nothing staff type can inject markup. Text and attribute values are escaped (& < > " ' as
// entities; in attributes also tab, LF and CR as character references, so they survive attribute-value
// normalisation; CR in text as &#xD; so it survives end-of-line handling), and characters XML 1.0 forbids or
// discourages are dropped: C0 controls but tab, LF and CR, DEL, C1 controls, U+FFFE and U+FFFF. A byte that is not
// part of valid UTF-8 becomes U+FFFD. Whatever a notice contains, the document stays well-formed.
//
// What RFC 4287 requires is enforced (std::invalid_argument naming the element): the feed has an id, a title and
// an updated time (§4.1.1), every entry an id, a title and an updated time (§4.1.2); the feed has an author or
// every entry has one (§4.1.1); an entry without content has an alternate link (§4.1.2); ids are absolute IRIs
// (§4.2.6: a scheme, ':', no white space); link hrefs have no white space or control character; language tags are
// BCP 47-shaped. Times are Unix milliseconds >= 0 written as RFC 3339 date-times in UTC at whole seconds
// ("2026-03-09T08:15:30Z", milliseconds dropped: floor).
//
// Ids are tag: URIs (RFC 4151), made by tag_uri(). The notice feeds of a node use, with <host> the node's public
// host name and <year> the year that host name was first used for the node (a constant of the deployment, never
// the current year, so that ids never change):
//   feed of all the node's notices in a language   tag:<host>,<year>:notices/all/<lang>
//   feed of one topic in a language                tag:<host>,<year>:notices/<topic word>/<lang>
//   one notice (the same in every feed and language, across revisions)   tag:<host>,<year>:notice/<notice id>
// e.g. "tag:jm.gba.example,2026:notices/holiday_hours/zh-Hant", "tag:jm.gba.example,2026:notice/CN-GD-JM-N-42".
// <lang> is the BCP 47 tag (domain/language.h): zh-Hans, zh-Hant, pt, en. A peer's notice shown in this node's feed
// keeps the entry id its origin node gives it (tag:<origin host>,…), so readers see one entry for one notice.
//
// Pure functions, no I/O.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tongban::web {

struct AtomCategory {
  std::string term;    // required: the topic word, e.g. "holiday_hours"
  std::string scheme;  // optional IRI of the vocabulary
  std::string label;   // optional: what a person reads, in the entry's language
};

struct AtomEntry {
  std::string id;                            // absolute IRI, permanent: tag:<host>,<year>:notice/<notice id>
  std::string title;                         // required
  std::string summary;                       // optional (type="text")
  std::string content;                       // optional (type="text"); without it the entry needs alternate_href
  std::int64_t updated_ms = -1;              // required
  std::optional<std::int64_t> published_ms;  // optional
  std::string alternate_href;                // the notice page; optional when content is given
  std::string language;                      // optional xml:lang of the entry, e.g. "pt"
  std::vector<AtomCategory> categories;      // optional
  std::vector<std::string> authors;          // optional names; needed when the feed has no author
};

struct AtomFeed {
  std::string id;                // absolute IRI: tag:<host>,<year>:notices/<topic|all>/<lang>
  std::string title;             // required
  std::string subtitle;          // optional
  std::int64_t updated_ms = -1;  // required: the latest entry's update, or when the feed last changed
  std::string self_href;         // optional (RFC 4287 §4.2.7.2 SHOULD): the feed's own URL
  std::string alternate_href;    // optional: the page that lists the same notices
  std::string language;          // optional xml:lang of the feed, e.g. "zh-Hans"
  std::string author_name;       // the feed's author (the node); optional when every entry has an author
  std::string author_uri;        // optional
  std::vector<AtomEntry> entries;
};

// The feed as an Atom 1.0 document. std::invalid_argument when a requirement above is not met.
std::string atom_feed(const AtomFeed& feed);

// "2026-03-09T08:15:30Z" for Unix milliseconds (floor to the second). std::invalid_argument below 0 or past year 9999.
std::string rfc3339_utc(std::int64_t unix_ms);

// `text` as XML character data: escaped, forbidden characters dropped, bad bytes U+FFFD (rules above).
std::string xml_text(std::string_view text);
// `text` as the content of a quoted attribute value: as xml_text, and tab, LF and CR as character references.
std::string xml_attribute(std::string_view text);

// "tag:<authority>,<date>:<specific>" (RFC 4151). authority: a DNS name (labels of letters, digits and '-', joined
// by '.'), lower-cased; date: YYYY, YYYY-MM or YYYY-MM-DD; specific: characters of RFC 3986 pchar, '/' and '?'
// (letters, digits, -._~!$&'()*+,;=:@/? and %XX). std::invalid_argument otherwise.
std::string tag_uri(std::string_view authority, std::string_view date, std::string_view specific);

}  // namespace tongban::web
