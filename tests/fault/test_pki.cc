#include "test_pki.h"

#include <cstdlib>
#include <fstream>
#include <stdexcept>

namespace tongban::fault_test {
namespace {

void run(const std::string& command) {
  if (std::system((command + " >/dev/null 2>&1").c_str()) != 0) throw std::runtime_error("failed: " + command);
}

}  // namespace

TestPki::TestPki(std::filesystem::path dir) : dir_(std::move(dir)) {
  std::filesystem::create_directories(dir_);
}

void TestPki::make_ca(const std::string& ca) {
  const std::string d = dir_.string() + "/";
  run("openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj '/CN=" + ca + "' -keyout " +
      d + ca + ".key -out " + d + ca + ".crt");
}

CertificateFiles TestPki::make_leaf(const std::string& name, const std::string& ca) {
  const std::string d = dir_.string() + "/";
  std::ofstream(d + "leaf.cnf") << "basicConstraints=CA:FALSE\nkeyUsage=digitalSignature\n"
                                   "extendedKeyUsage=serverAuth,clientAuth\n"
                                   "subjectAltName=DNS:localhost,IP:127.0.0.1\n";
  run("openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj '/CN=" + name + "' -keyout " + d + name +
      ".key -out " + d + name + ".csr");
  run("openssl x509 -req -days 2 -in " + d + name + ".csr -CA " + d + ca + ".crt -CAkey " + d + ca +
      ".key -CAcreateserial -extfile " + d + "leaf.cnf -out " + d + name + ".crt");
  return {dir_ / (name + ".crt"), dir_ / (name + ".key"), dir_ / (ca + ".crt")};
}

}  // namespace tongban::fault_test
