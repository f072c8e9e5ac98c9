// ECertificateId: the identifier of an e-certificate (电子证照标识), shaped on GB/T 36904-2018: the object
// identifier arc of Chinese e-certificates, then the issuer's code, a serial, a version and one check character.
//
//   1.2.156.3005.2.<issuer>.<serial>.<version>.<check>
//   e.g. 1.2.156.3005.2.MODSI.202600000001.1.<check>
//
// issuer: 1-18 characters of [0-9A-Z] (the issuing authority's code with everything but letters and digits
// removed, upper-cased: issuer_code_for("MO-DSI") == "MODSI"; 18 is the length of a unified social credit code,
// which a deployment in mainland China would put here). serial: 1-24 characters of [0-9A-Z], unique per issuing
// node (tongban writes the year and an 8-digit node-wide counter). version: 1-999, decimal, no leading zero; a
// re-issue of the same certificate gets the next version.
//
// The check character is ISO/IEC 7064 MOD 37,36 (the hybrid system for alphanumeric strings, one check character
// from the same alphabet 0-9A-Z; GB/T 17710 is its Chinese adoption) computed over every letter and digit of the
// identifier before it, dots left out: "1215630052" + issuer + serial + version. It catches every single-character
// substitution and every transposition of adjacent characters. It is a typing check, not a security feature: the
// signature of the document (e_certificate.h) is what makes an identifier trustworthy.
//
// Hand-written rather than from a library: Debian 12 packages no C/C++ ISO 7064 library; the algorithm is a loop
// of three lines (ISO/IEC 7064:2003 §7, hybrid systems), tested with the published vectors.
// Pure functions, no I/O.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace tongban::domain {

inline constexpr std::string_view kECertificateRoot = "1.2.156.3005.2";

// The ISO/IEC 7064 MOD 37,36 check character of `body` (characters of [0-9A-Z] only; std::invalid_argument
// otherwise, or when empty).
char iso7064_mod37_36_check(std::string_view body);
// True iff the last character of `text` is the MOD 37,36 check character of the characters before it (false for
// anything outside [0-9A-Z] or shorter than 2).
bool iso7064_mod37_36_valid(std::string_view text);
// The same pair for the numeric hybrid system MOD 11,10 (digits only), used by the tests as a second known system.
char iso7064_mod11_10_check(std::string_view digits);

struct ECertificateId {
  std::string issuer;
  std::string serial;
  int version = 1;
  bool operator==(const ECertificateId&) const = default;
};

// The issuer code of an authority code: letters and digits only, upper-cased, at most 18 (the first 18).
std::string issuer_code_for(std::string_view authority_code);

// The identifier text with its check character. std::invalid_argument if a part breaks the rules above.
std::string format_e_certificate_id(const ECertificateId& id);

// Parses an identifier; nullopt when it is not one, with the reason in *why (when given): "root", "shape",
// "issuer", "serial", "version" or "check" (the check character does not match).
std::optional<ECertificateId> parse_e_certificate_id(std::string_view text, std::string* why = nullptr);

}  // namespace tongban::domain
