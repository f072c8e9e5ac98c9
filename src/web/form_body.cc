#include "web/form_body.h"

#include "web/multipart.h"

namespace tongban::web {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '+') {
      out.push_back(' ');
    } else if (text[i] == '%') {
      if (i + 2 >= text.size()) throw FormBodyError("truncated %-escape in the form body");
      int high = hex_value(text[i + 1]);
      int low = hex_value(text[i + 2]);
      if (high < 0 || low < 0) throw FormBodyError("bad %-escape in the form body");
      out.push_back(static_cast<char>(high * 16 + low));
      i += 2;
    } else {
      out.push_back(text[i]);
    }
  }
  return out;
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

std::string FormInput::value(std::string_view name) const {
  auto found = fields.find(std::string(name));
  return found == fields.end() ? std::string() : found->second;
}

std::multimap<std::string, std::string> parse_urlencoded(std::string_view body) {
  std::multimap<std::string, std::string> fields;
  while (!body.empty()) {
    auto amp = body.find('&');
    auto pair = body.substr(0, amp);
    body = amp == std::string_view::npos ? std::string_view{} : body.substr(amp + 1);
    if (pair.empty()) continue;
    auto equals = pair.find('=');
    std::string name = decode(pair.substr(0, equals));
    std::string value = equals == std::string_view::npos ? std::string() : decode(pair.substr(equals + 1));
    fields.emplace(std::move(name), std::move(value));
  }
  return fields;
}

FormInput read_form(const http::Request& request) {
  FormInput input;
  std::string type = lower(request.header("Content-Type").value_or(""));
  if (type.rfind("application/x-www-form-urlencoded", 0) == 0) {
    input.fields = parse_urlencoded(request.body);
    return input;
  }
  if (type.rfind("multipart/form-data", 0) == 0) {
    auto boundary = multipart_boundary(request.header("Content-Type").value_or(""));
    if (!boundary) throw FormBodyError("multipart/form-data without a valid boundary");
    std::vector<MultipartPart> parts;
    try {
      parts = parse_multipart(request.body, *boundary);
    } catch (const MultipartError& error) {
      throw FormBodyError(std::string("malformed multipart body: ") + error.what());
    }
    for (auto& part : parts) {
      if (part.filename.empty() && part.content_type.empty()) {
        input.fields.emplace(part.name, std::move(part.body));
      } else if (!part.body.empty()) {
        input.files.push_back({part.name, part.filename,
                               part.content_type.empty() ? "application/octet-stream" : part.content_type,
                               std::move(part.body)});
      }
    }
    return input;
  }
  if (request.body.empty()) return input;
  throw FormBodyError("forms are sent as application/x-www-form-urlencoded or multipart/form-data");
}

}  // namespace tongban::web
