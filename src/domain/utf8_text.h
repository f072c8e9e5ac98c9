// UTF-8 text as the domain checks it and the writers of XML clean it (ratings' comments, notices' titles and
// bodies, the Atom feeds, the SVG charts): decoding under RFC 3629's rules — overlong forms, surrogates and values
// past U+10FFFF refused — strictly (decode_utf8: the whole text or nothing) or leniently (next_code_point: U+FFFD for
// a byte that starts no valid sequence, as a writer that must always produce a well-formed document needs), encoding
// a code point, and the characters XML 1.0 forbids or discourages. Written here rather than taken from ICU because
// the domain links nothing but libsodium. Pure.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace tongban::domain {

// The code points of `text`, or nullopt when it is not valid UTF-8.
std::optional<std::u32string> decode_utf8(std::string_view text);

// The code point at byte `i` of `text` (i < text.size()), `i` advanced past it; U+FFFD, `i` advanced by one byte,
// when the byte there does not start a valid sequence.
char32_t next_code_point(std::string_view text, std::size_t& i);

// Appends the UTF-8 encoding of `c` (a Unicode scalar value) to `out`.
void append_utf8(std::string& out, char32_t c);

// C0 controls but tab, LF and CR, DEL, the C1 controls, U+FFFE and U+FFFF: what XML 1.0 forbids (§2.2 Char) or
// discourages (its note on control characters), and what a one-line or multi-line text of a person refuses.
bool is_control_character(char32_t c);

}  // namespace tongban::domain
