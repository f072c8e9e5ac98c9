// S10 item identifiers (UPU standard S10): the 13-character id a postal item carries on its label, e.g.
// "RR473124829CN" — two letters of service indicator, an eight-digit serial number, one check digit, and the
// two-letter ISO 3166-1 alpha-2 code of the issuing postal operator's country.
//
// Check digit: the serial's digits are weighted 8 6 4 2 3 5 9 7 (left to right) and summed; c = 11 - (sum mod 11);
// c = 10 gives 0 and c = 11 gives 5. Hand-written because no Debian library computes S10 check digits; the
// standard's rule is eight lines.
//
// Pure functions, no I/O. Invariant: make_s10_item_id() only returns ids that valid_s10_item_id() accepts.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tongban::domain {

// The check digit of an eight-digit serial ("47312482" -> 9); nullopt unless `serial` is exactly 8 ASCII digits.
std::optional<int> s10_check_digit(std::string_view serial);

// Why `id` is not a well-formed S10 id ("length", "service_indicator", "serial", "check_digit", "country"), or ""
// when it is one. Only upper-case letters are accepted: ids are compared exactly.
std::string s10_problem(std::string_view id);
inline bool valid_s10_item_id(std::string_view id) {
  return s10_problem(id).empty();
}

// A well-formed id from a service indicator (2 upper-case letters), a serial (0 .. 99'999'999) and a country (2
// upper-case letters). std::invalid_argument for anything else.
std::string make_s10_item_id(std::string_view service_indicator, std::uint32_t serial, std::string_view country);

}  // namespace tongban::domain
