// Fuzz target: the multipart/form-data parser (src/web/multipart.h). An input is "<Content-Type>\n<body>"; the
// boundary comes from the Content-Type as on the server. parse_multipart either returns parts or throws
// MultipartError; anything else escaping is a bug. Invariants: at most kMaxParts parts, each with a name; the parts
// written back as a multipart body with the same boundary parse to the same parts (when their header values can
// be written as quoted parameters).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_check.h"
#include "web/multipart.h"

namespace {

using namespace tongban::web;

bool writable(std::string_view text) {
  return text.find_first_of("\"\r\n") == std::string_view::npos;
}

bool writable_type(std::string_view text) {
  if (!text.empty() && (text.front() == ' ' || text.front() == '\t' || text.back() == ' ' || text.back() == '\t'))
    return false;
  return text.find_first_of("\r\n") == std::string_view::npos;
}

std::optional<std::string> write(const std::vector<MultipartPart>& parts, const std::string& boundary) {
  std::string body;
  for (const auto& part : parts) {
    if (!writable(part.name) || !writable(part.filename) || !writable_type(part.content_type)) return std::nullopt;
    std::string headers = "Content-Disposition: form-data; name=\"" + part.name + "\"";
    if (!part.filename.empty()) headers += "; filename=\"" + part.filename + "\"";
    if (!part.content_type.empty()) headers += "\r\nContent-Type: " + part.content_type;
    if (headers.size() > kMaxHeaderBytes) return std::nullopt;
    body += "--" + boundary + "\r\n" + headers + "\r\n\r\n" + part.body + "\r\n";
  }
  return body + "--" + boundary + "--\r\n";
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto [content_type, body] = tongban::fuzz::first_line(std::string_view(reinterpret_cast<const char*>(data), size));
  auto boundary = multipart_boundary(content_type);
  if (!boundary) return 0;
  FUZZ_CHECK(!boundary->empty() && boundary->size() <= 70);
  std::vector<MultipartPart> parts;
  try {
    parts = parse_multipart(body, *boundary);
  } catch (const MultipartError&) {
    return 0;
  }
  FUZZ_CHECK(parts.size() <= kMaxParts);
  for (const auto& part : parts) FUZZ_CHECK(!part.name.empty());
  auto written = write(parts, *boundary);
  if (!written) return 0;
  auto again = parse_multipart(*written, *boundary);
  FUZZ_CHECK(again.size() == parts.size());
  for (std::size_t i = 0; i < parts.size(); ++i)
    FUZZ_CHECK(again[i].name == parts[i].name && again[i].filename == parts[i].filename &&
               again[i].content_type == parts[i].content_type && again[i].body == parts[i].body);
  return 0;
}
