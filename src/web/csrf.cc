#include "web/csrf.h"

#include <sodium.h>

namespace tongban::web {

std::string csrf_token(const NodeSecret& secret, std::string_view cookie_id) {
  return secret.keyed("csrf", cookie_id);
}

bool csrf_valid(const NodeSecret& secret, std::string_view cookie_id, std::string_view field) {
  if (cookie_id.size() < 32 || field.empty()) return false;
  std::string expected = csrf_token(secret, cookie_id);
  return field.size() == expected.size() && sodium_memcmp(field.data(), expected.data(), expected.size()) == 0;
}

}  // namespace tongban::web
