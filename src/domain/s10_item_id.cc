#include "domain/s10_item_id.h"

#include <array>
#include <stdexcept>

namespace tongban::domain {
namespace {

bool upper_letters(std::string_view text) {
  for (char c : text)
    if (c < 'A' || c > 'Z') return false;
  return true;
}

}  // namespace

std::optional<int> s10_check_digit(std::string_view serial) {
  static constexpr std::array<int, 8> kWeights = {8, 6, 4, 2, 3, 5, 9, 7};
  if (serial.size() != 8) return std::nullopt;
  int sum = 0;
  for (std::size_t i = 0; i < 8; ++i) {
    if (serial[i] < '0' || serial[i] > '9') return std::nullopt;
    sum += (serial[i] - '0') * kWeights[i];
  }
  int check = 11 - sum % 11;
  if (check == 10) return 0;
  if (check == 11) return 5;
  return check;
}

std::string s10_problem(std::string_view id) {
  if (id.size() != 13) return "length";
  if (!upper_letters(id.substr(0, 2))) return "service_indicator";
  auto check = s10_check_digit(id.substr(2, 8));
  if (!check) return "serial";
  if (id[10] < '0' || id[10] > '9') return "check_digit";
  if (id[10] - '0' != *check) return "check_digit";
  if (!upper_letters(id.substr(11, 2))) return "country";
  return "";
}

std::string make_s10_item_id(std::string_view service_indicator, std::uint32_t serial, std::string_view country) {
  if (service_indicator.size() != 2 || !upper_letters(service_indicator))
    throw std::invalid_argument("an S10 service indicator is two upper-case letters");
  if (country.size() != 2 || !upper_letters(country))
    throw std::invalid_argument("an S10 country code is two upper-case letters");
  if (serial > 99'999'999U) throw std::invalid_argument("an S10 serial number has eight digits");
  std::string digits = std::to_string(serial);
  digits.insert(0, 8 - digits.size(), '0');
  std::string id(service_indicator);
  id += digits;
  id += static_cast<char>('0' + *s10_check_digit(digits));
  id += country;
  return id;
}

}  // namespace tongban::domain
