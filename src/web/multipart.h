// A small, strict multipart/form-data parser (RFC 7578) for the upload forms. Boost has none outside Beast's
// internals, so this is ours.
//
// Strict means: the body starts with the first delimiter (no preamble), every part has a Content-Disposition:
// form-data header with a name, header lines end in CRLF, and the body ends with the close delimiter (optionally
// followed by one CRLF). At most kMaxParts parts and kMaxHeaderBytes of headers per part. Anything else throws
// MultipartError with what was wrong; nothing is half-parsed.
#pragma once

#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace tongban::web {

class MultipartError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

struct MultipartPart {
  std::string name;
  std::string filename;      // empty for plain fields
  std::string content_type;  // empty when the part has none
  std::string body;
};

inline constexpr std::size_t kMaxParts = 64;
inline constexpr std::size_t kMaxHeaderBytes = 4096;

// The boundary parameter of a multipart/form-data Content-Type (quoted or not), if valid (1..70 characters).
std::optional<std::string> multipart_boundary(std::string_view content_type);
std::vector<MultipartPart> parse_multipart(std::string_view body, std::string_view boundary);

}  // namespace tongban::web
