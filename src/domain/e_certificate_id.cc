#include "domain/e_certificate_id.h"

#include <stdexcept>
#include <vector>

namespace tongban::domain {
namespace {

constexpr std::string_view kAlphabet36 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

int value36(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
  return -1;
}

// ISO/IEC 7064 hybrid system MOD (M+1),M: P starts at M; for each character S = (P + value) mod M, with 0 read as
// M, and P = 2S mod (M+1); the check character's value is (M + 1 - P) mod M.
int hybrid_check(std::string_view body, int modulus, std::string_view alphabet) {
  if (body.empty()) throw std::invalid_argument("ISO 7064: nothing to check");
  int p = modulus;
  for (char c : body) {
    int v = value36(c);
    if (v < 0 || v >= static_cast<int>(alphabet.size())) throw std::invalid_argument("ISO 7064: bad character");
    int s = (p + v) % modulus;
    if (s == 0) s = modulus;
    p = (2 * s) % (modulus + 1);
  }
  return (modulus + 1 - p) % modulus;
}

bool all_alnum_upper(std::string_view text, std::size_t max) {
  if (text.empty() || text.size() > max) return false;
  for (char c : text)
    if (value36(c) < 0) return false;
  return true;
}

std::vector<std::string_view> split_dots(std::string_view text) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    std::size_t dot = text.find('.', start);
    parts.push_back(text.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start));
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return parts;
}

std::string check_body(const ECertificateId& id) {
  std::string body;
  for (char c : kECertificateRoot)
    if (c != '.') body.push_back(c);
  return body + id.issuer + id.serial + std::to_string(id.version);
}

}  // namespace

char iso7064_mod37_36_check(std::string_view body) {
  return kAlphabet36[static_cast<std::size_t>(hybrid_check(body, 36, kAlphabet36))];
}

bool iso7064_mod37_36_valid(std::string_view text) {
  if (text.size() < 2 || !all_alnum_upper(text, text.size())) return false;
  return iso7064_mod37_36_check(text.substr(0, text.size() - 1)) == text.back();
}

char iso7064_mod11_10_check(std::string_view digits) {
  return kAlphabet36[static_cast<std::size_t>(hybrid_check(digits, 10, kAlphabet36.substr(0, 10)))];
}

std::string issuer_code_for(std::string_view authority_code) {
  std::string code;
  for (char c : authority_code) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (value36(c) >= 0 && code.size() < 18) code.push_back(c);
  }
  return code;
}

std::string format_e_certificate_id(const ECertificateId& id) {
  if (!all_alnum_upper(id.issuer, 18)) throw std::invalid_argument("e-certificate issuer code: 1-18 of [0-9A-Z]");
  if (!all_alnum_upper(id.serial, 24)) throw std::invalid_argument("e-certificate serial: 1-24 of [0-9A-Z]");
  if (id.version < 1 || id.version > 999) throw std::invalid_argument("e-certificate version: 1-999");
  std::string text =
      std::string(kECertificateRoot) + "." + id.issuer + "." + id.serial + "." + std::to_string(id.version) + ".";
  text.push_back(iso7064_mod37_36_check(check_body(id)));
  return text;
}

std::optional<ECertificateId> parse_e_certificate_id(std::string_view text, std::string* why) {
  auto refuse = [&](const char* reason) -> std::optional<ECertificateId> {
    if (why) *why = reason;
    return std::nullopt;
  };
  if (text.size() > 128) return refuse("shape");
  if (!text.starts_with(std::string(kECertificateRoot) + ".")) return refuse("root");
  auto parts = split_dots(text.substr(kECertificateRoot.size() + 1));
  if (parts.size() != 4) return refuse("shape");
  ECertificateId id;
  if (!all_alnum_upper(parts[0], 18)) return refuse("issuer");
  if (!all_alnum_upper(parts[1], 24)) return refuse("serial");
  const auto version = parts[2];
  if (version.empty() || version.size() > 3 || version[0] == '0') return refuse("version");
  for (char c : version)
    if (c < '0' || c > '9') return refuse("version");
  if (parts[3].size() != 1 || value36(parts[3][0]) < 0) return refuse("check");
  id.issuer = std::string(parts[0]);
  id.serial = std::string(parts[1]);
  id.version = std::stoi(std::string(version));
  if (iso7064_mod37_36_check(check_body(id)) != parts[3][0]) return refuse("check");
  return id;
}

}  // namespace tongban::domain
