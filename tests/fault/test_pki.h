// TestPki: a throwaway certificate authority for the process tests, made with the openssl CLI in a directory the
// test owns (as the operator's PKI would: P-256 keys, leaf certificates for serverAuth and clientAuth with
// subjectAltName localhost and 127.0.0.1). Each name gives <dir>/<name>.crt and <dir>/<name>.key.
// Ownership: writes only under its directory. Throws std::runtime_error if openssl fails.
#pragma once

#include <filesystem>
#include <string>

namespace tongban::fault_test {

struct CertificateFiles {
  std::filesystem::path certificate_file;
  std::filesystem::path private_key_file;
  std::filesystem::path ca_file;  // the CA that signed it (and that its peers' certificates chain to)
};

class TestPki {
 public:
  explicit TestPki(std::filesystem::path dir);
  // A new self-signed CA named `ca`.
  void make_ca(const std::string& ca);
  // A leaf certificate `name` signed by the CA `ca` (made before with make_ca).
  CertificateFiles make_leaf(const std::string& name, const std::string& ca);

 private:
  std::filesystem::path dir_;
};

}  // namespace tongban::fault_test
