#include "http/entity_tag.h"

#include <openssl/sha.h>

namespace tongban::http {
namespace {

constexpr std::string_view kSpaces = " \t";

// The opaque tag ("\"…\"", quotes included) of an entity tag, without W/.
std::string_view opaque(std::string_view tag) {
  return tag.starts_with("W/") ? tag.substr(2) : tag;
}

}  // namespace

std::string strong_entity_tag(std::string_view sha256_hex) {
  std::string tag;
  tag.reserve(34);
  tag += '"';
  tag += sha256_hex.substr(0, 32);
  tag += '"';
  return tag;
}

std::string strong_entity_tag_of(std::string_view body) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(body.data()), body.size(), digest);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string tag = "\"";
  for (int i = 0; i < 16; ++i) {
    tag += kHex[digest[i] >> 4];
    tag += kHex[digest[i] & 0x0F];
  }
  tag += '"';
  return tag;
}

bool if_none_match_hits(std::string_view field, std::string_view entity_tag) {
  std::string_view wanted = opaque(entity_tag);
  while (true) {
    auto start = field.find_first_not_of(kSpaces);
    if (start == std::string_view::npos) return false;
    field.remove_prefix(start);
    if (field.front() == ',') {  // empty list elements are allowed (RFC 9110 §5.6.1)
      field.remove_prefix(1);
      continue;
    }
    if (field.front() == '*') return true;
    if (field.starts_with("W/")) field.remove_prefix(2);
    if (field.empty() || field.front() != '"') return false;
    auto close = field.find('"', 1);
    if (close == std::string_view::npos) return false;
    if (field.substr(0, close + 1) == wanted) return true;
    field.remove_prefix(close + 1);
    auto next = field.find_first_not_of(kSpaces);
    if (next == std::string_view::npos) return false;
    if (field[next] != ',') return false;
    field.remove_prefix(next + 1);
  }
}

}  // namespace tongban::http
