#include "http/certificate_fingerprint.h"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <cstdio>
#include <memory>
#include <stdexcept>

namespace tongban::http {

std::string certificate_fingerprint_of_der(std::string_view der) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(der.data(), der.size(), digest, &length, EVP_sha256(), nullptr) != 1)
    throw std::runtime_error("SHA-256 is not available");
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "sha256:";
  for (unsigned int i = 0; i < length; ++i) out += {kHex[digest[i] >> 4], kHex[digest[i] & 15]};
  return out;
}

std::string certificate_fingerprint_of_pem_file(const std::filesystem::path& pem_file) {
  std::unique_ptr<FILE, int (*)(FILE*)> file(std::fopen(pem_file.c_str(), "rb"), &std::fclose);
  if (!file) throw std::runtime_error("cannot read " + pem_file.string());
  std::unique_ptr<X509, void (*)(X509*)> certificate(PEM_read_X509(file.get(), nullptr, nullptr, nullptr), &X509_free);
  if (!certificate) throw std::runtime_error(pem_file.string() + " holds no PEM certificate");
  unsigned char* der = nullptr;
  int length = i2d_X509(certificate.get(), &der);
  if (length <= 0) throw std::runtime_error(pem_file.string() + ": the certificate cannot be encoded");
  std::string fingerprint =
      certificate_fingerprint_of_der({reinterpret_cast<const char*>(der), static_cast<std::size_t>(length)});
  OPENSSL_free(der);
  return fingerprint;
}

}  // namespace tongban::http
