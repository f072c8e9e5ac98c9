// Fuzz target: the form-body reader of the web pages (src/web/form_body.h). An input is "<Content-Type>\n<body>".
// read_form either returns a FormInput or throws FormBodyError; anything else escaping is a bug. Invariants: the
// whole input read as a urlencoded body, re-encoded (every byte but unreserved ones %-escaped), reads the same;
// an urlencoded read_form equals parse_urlencoded of the body.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.h"
#include "web/form_body.h"

namespace {

using namespace tongban;

std::string encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
        c == '_' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

void urlencoded_round_trip(std::string_view body) {
  std::multimap<std::string, std::string> fields;
  try {
    fields = web::parse_urlencoded(body);
  } catch (const web::FormBodyError&) {
    return;
  }
  std::string written;
  for (const auto& [name, value] : fields) {
    if (!written.empty()) written += '&';
    written += encode(name) + "=" + encode(value);
  }
  FUZZ_CHECK(web::parse_urlencoded(written) == fields);
}

void read_form(std::string_view content_type, std::string_view body) {
  http::Request request;
  request.method = "POST";
  request.headers.emplace("Content-Type", std::string(content_type));
  request.body = std::string(body);
  web::FormInput form;
  try {
    form = web::read_form(request);
  } catch (const web::FormBodyError&) {
    return;
  }
  for (const auto& file : form.files) FUZZ_CHECK(!file.bytes.empty() && !file.media_type.empty());
  for (const auto& [name, value] : form.fields) FUZZ_CHECK(form.has(name));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  urlencoded_round_trip(input);
  auto [content_type, body] = fuzz::first_line(input);
  read_form(content_type, body);
  return 0;
}
