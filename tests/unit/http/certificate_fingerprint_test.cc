// The certificate fingerprint is the SHA-256 of the DER encoding, as the openssl CLI computes it.
#include "http/certificate_fingerprint.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

namespace tongban::http {
namespace {

namespace fs = std::filesystem;

std::string shell_output(const std::string& command) {
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), &pclose);
  std::string out;
  std::array<char, 256> buffer{};
  while (pipe && std::fgets(buffer.data(), buffer.size(), pipe.get())) out += buffer.data();
  return out;
}

TEST(CertificateFingerprint, IsTheSha256OfTheDerEncodingInLowercaseHex) {
  fs::path dir = fs::temp_directory_path() / ("tongban-fp-" + std::to_string(getpid()));
  fs::create_directories(dir);
  const std::string crt = (dir / "a.crt").string(), key = (dir / "a.key").string();
  ASSERT_EQ(std::system(("openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 1 -subj /CN=a "
                         "-keyout " +
                         key + " -out " + crt + " >/dev/null 2>&1")
                            .c_str()),
            0);
  std::string expected = shell_output("openssl x509 -in " + crt + " -outform DER | sha256sum").substr(0, 64);
  ASSERT_EQ(expected.size(), 64u);
  EXPECT_EQ(certificate_fingerprint_of_pem_file(crt), "sha256:" + expected);
  EXPECT_THROW(certificate_fingerprint_of_pem_file(key), std::runtime_error);  // a key is no certificate
  EXPECT_THROW(certificate_fingerprint_of_pem_file(dir / "missing.crt"), std::runtime_error);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace tongban::http
