// What every fuzz target shares: FUZZ_CHECK aborts (so libFuzzer records the input as a crash) when an invariant
// of the production code does not hold, and first_line() splits an input into a header line and the rest.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <utility>

#define FUZZ_CHECK(condition)                                                                \
  do {                                                                                       \
    if (!(condition)) {                                                                      \
      std::fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #condition); \
      std::abort();                                                                          \
    }                                                                                        \
  } while (false)

namespace tongban::fuzz {

// ("line", "rest") of "line\nrest"; ("", input) when there is no newline.
inline std::pair<std::string_view, std::string_view> first_line(std::string_view input) {
  auto newline = input.find('\n');
  if (newline == std::string_view::npos) return {std::string_view{}, input};
  return {input.substr(0, newline), input.substr(newline + 1)};
}

}  // namespace tongban::fuzz
