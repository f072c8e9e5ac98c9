#include "web/multipart.h"

#include <algorithm>
#include <cctype>

namespace tongban::web {
namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// A parameter of a header value: name="value" or name=value, after the first ';'.
std::optional<std::string> parameter(std::string_view header, std::string_view wanted) {
  std::size_t position = header.find(';');
  while (position != std::string_view::npos) {
    std::string_view rest = header.substr(position + 1);
    std::size_t equals = rest.find('=');
    if (equals == std::string_view::npos) return std::nullopt;
    std::string key = lower(trim(rest.substr(0, equals)));
    rest = trim(rest.substr(equals + 1));
    std::string value;
    std::size_t consumed = 0;
    if (!rest.empty() && rest.front() == '"') {
      std::size_t close = rest.find('"', 1);
      if (close == std::string_view::npos) throw MultipartError("unterminated quoted parameter");
      value = std::string(rest.substr(1, close - 1));
      consumed = close + 1;
    } else {
      consumed = std::min(rest.find(';'), rest.size());
      value = std::string(trim(rest.substr(0, consumed)));
    }
    if (key == wanted) return value;
    std::size_t next = rest.find(';', consumed);
    if (next == std::string_view::npos) return std::nullopt;
    position = static_cast<std::size_t>(rest.data() + next - header.data());
  }
  return std::nullopt;
}

MultipartPart read_headers(std::string_view headers) {
  MultipartPart part;
  bool disposition = false;
  while (!headers.empty()) {
    std::size_t end = headers.find("\r\n");
    std::string_view line = headers.substr(0, end);
    headers = end == std::string_view::npos ? std::string_view{} : headers.substr(end + 2);
    std::size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) throw MultipartError("malformed part header line");
    std::string name = lower(trim(line.substr(0, colon)));
    std::string_view value = trim(line.substr(colon + 1));
    if (name == "content-disposition") {
      if (lower(value.substr(0, value.find(';'))) != "form-data")
        throw MultipartError("a part's Content-Disposition must be form-data");
      auto field = parameter(value, "name");
      if (!field || field->empty()) throw MultipartError("a part has no field name");
      part.name = *field;
      part.filename = parameter(value, "filename").value_or("");
      disposition = true;
    } else if (name == "content-type") {
      part.content_type = std::string(value);
    }
  }
  if (!disposition) throw MultipartError("a part has no Content-Disposition header");
  return part;
}

}  // namespace

std::optional<std::string> multipart_boundary(std::string_view content_type) {
  if (lower(trim(content_type.substr(0, content_type.find(';')))) != "multipart/form-data") return std::nullopt;
  std::optional<std::string> boundary;
  try {
    boundary = parameter(content_type, "boundary");
  } catch (const MultipartError&) {
    return std::nullopt;
  }
  if (!boundary || boundary->empty() || boundary->size() > 70) return std::nullopt;
  for (unsigned char c : *boundary)
    if (!std::isalnum(c) && std::string_view("'()+_,-./:=? ").find(static_cast<char>(c)) == std::string_view::npos)
      return std::nullopt;
  return boundary;
}

std::vector<MultipartPart> parse_multipart(std::string_view body, std::string_view boundary) {
  const std::string delimiter = "--" + std::string(boundary);
  const std::string separator = "\r\n" + delimiter;
  if (body.substr(0, delimiter.size()) != delimiter) throw MultipartError("the body does not start with the boundary");
  std::size_t position = delimiter.size();
  std::vector<MultipartPart> parts;
  while (true) {
    std::string_view after = body.substr(position);
    if (after.substr(0, 2) == "--") {
      std::string_view epilogue = after.substr(2);
      if (!epilogue.empty() && epilogue != "\r\n") throw MultipartError("data after the closing boundary");
      return parts;
    }
    if (after.substr(0, 2) != "\r\n") throw MultipartError("a boundary is not followed by CRLF");
    position += 2;
    if (parts.size() == kMaxParts) throw MultipartError("too many parts");
    std::size_t headers_end = body.find("\r\n\r\n", position);
    if (headers_end == std::string_view::npos) throw MultipartError("a part's headers do not end");
    if (headers_end - position > kMaxHeaderBytes) throw MultipartError("a part's headers are too long");
    MultipartPart part = read_headers(body.substr(position, headers_end - position));
    std::size_t content = headers_end + 4;
    std::size_t end = body.find(separator, content);
    if (end == std::string_view::npos) throw MultipartError("the body ends without a closing boundary");
    part.body = std::string(body.substr(content, end - content));
    parts.push_back(std::move(part));
    position = end + separator.size();
  }
}

}  // namespace tongban::web
