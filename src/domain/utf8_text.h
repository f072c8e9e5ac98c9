// UTF-8 text as the domain checks it (ratings' comments, notices' titles and bodies): decoding under RFC 3629's
// rules — overlong forms, surrogates and values past U+10FFFF refused. Written here rather than taken from ICU
// because the domain links nothing but libsodium. Pure.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace tongban::domain {

// The code points of `text`, or nullopt when it is not valid UTF-8.
std::optional<std::u32string> decode_utf8(std::string_view text);

}  // namespace tongban::domain
