#include "web/tracking_code.h"

#include <cctype>

namespace tongban::web {

std::string tracking_code(const NodeSecret& secret, std::string_view case_id) {
  static constexpr char kAlphabet[] = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";  // 32 symbols
  std::string digest = secret.keyed("tracking", case_id);
  std::string code;
  for (std::size_t i = 0; i < 8; ++i) {
    int byte = std::stoi(digest.substr(i * 2, 2), nullptr, 16);
    code.push_back(kAlphabet[byte % 32]);
  }
  return code;
}

bool tracking_code_matches(const NodeSecret& secret, std::string_view case_id, std::string_view given) {
  std::string cleaned;
  for (char c : given)
    if (c != ' ' && c != '-') cleaned.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  std::string expected = tracking_code(secret, case_id);
  if (cleaned.size() != expected.size()) return false;
  unsigned difference = 0;
  for (std::size_t i = 0; i < expected.size(); ++i) difference |= static_cast<unsigned>(cleaned[i] ^ expected[i]);
  return difference == 0;
}

}  // namespace tongban::web
