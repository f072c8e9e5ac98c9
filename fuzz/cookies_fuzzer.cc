// Fuzz target: the Cookie header parser of the web pages (src/web/cookies.h). Invariants: every parsed name is
// non-empty and counted at least once by cookie_count; a cookie written with set_cookie parses back to the same
// name and value.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_check.h"
#include "web/cookies.h"

namespace {

bool plain(std::string_view text) {
  if (text.empty() || text.front() == ' ' || text.front() == '\t' || text.back() == ' ' || text.back() == '\t')
    return false;
  return text.find_first_of(";=") == std::string_view::npos;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace tongban;
  std::string_view header(reinterpret_cast<const char*>(data), size);
  auto cookies = web::parse_cookies(header);
  http::Request request;
  request.headers.emplace("Cookie", std::string(header));
  FUZZ_CHECK(web::request_cookies(request) == cookies);
  for (const auto& [name, value] : cookies) {
    FUZZ_CHECK(!name.empty());
    FUZZ_CHECK(web::cookie_count(request, name) >= 1);
    if (!plain(name) || value.find(';') != std::string::npos) continue;
    auto written = web::parse_cookies(web::set_cookie(name, value, true, 60));
    auto found = written.find(name);
    FUZZ_CHECK(found != written.end() && found->second == value);
  }
  return 0;
}
