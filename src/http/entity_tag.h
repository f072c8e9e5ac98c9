// Entity tags and If-None-Match (RFC 9110 §8.8.3, §13.1.2): what a handler needs to answer 304 Not Modified to a
// client that already holds the representation.
//
// A strong entity tag here is the first 32 hex digits of the SHA-256 of the body, quoted: "\"3f2a…\"" (docs/api.md).
// if_none_match_hits() applies the weak comparison that If-None-Match calls for: W/"x" and "x" are the same tag;
// "*" matches any current representation; the field is a comma-separated list. A field that is not well formed
// matches nothing (the full answer is sent). Pure functions.
#pragma once

#include <string>
#include <string_view>

namespace tongban::http {

// "\"<first 32 hex digits>\"" of a lowercase hex SHA-256 digest.
std::string strong_entity_tag(std::string_view sha256_hex);
// The same tag computed from the body itself (OpenSSL's SHA-256, several times faster than domain::sha256_hex on a
// body of kilobytes: bench/hot_path_bench.cc), for answers made per request.
std::string strong_entity_tag_of(std::string_view body);
// True when the If-None-Match field value names `entity_tag` (or is "*"): the client's copy is current, answer 304
// with no body and the headers a 200 would have carried that say how to cache it (RFC 9110 §15.4.5: ETag,
// Cache-Control, Vary).
bool if_none_match_hits(std::string_view if_none_match, std::string_view entity_tag);

}  // namespace tongban::http
