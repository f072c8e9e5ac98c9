// The federation over HTTPS with mutual TLS: a throwaway CA and node certificates made with the openssl CLI in a
// temp dir; the relay delivers over TLS, and a client without a certificate from that CA is refused at the
// handshake.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "federation_fixture.h"

namespace tongban::federation {
namespace {

using testing::FedNode;
using testing::TempDir;

void run(const std::string& command) {
  ASSERT_EQ(std::system((command + " >/dev/null 2>&1").c_str()), 0) << command;
}

// Makes <dir>/<name>.crt/.key signed by the CA in <dir>/<ca>.crt/.key (a new self-signed CA if `ca` == name).
void make_certificate(const std::filesystem::path& dir, const std::string& name, const std::string& ca) {
  const std::string d = dir.string() + "/";
  if (ca == name) {
    run("openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj '/CN=" + name +
        "' -keyout " + d + name + ".key -out " + d + name + ".crt");
    return;
  }
  std::ofstream(d + "ext.cnf") << "basicConstraints=CA:FALSE\nkeyUsage=digitalSignature\n"
                                  "extendedKeyUsage=serverAuth,clientAuth\nsubjectAltName=DNS:localhost,IP:127.0.0.1\n";
  run("openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj '/CN=" + name + "' -keyout " + d + name +
      ".key -out " + d + name + ".csr");
  run("openssl x509 -req -days 2 -in " + d + name + ".csr -CA " + d + ca + ".crt -CAkey " + d + ca +
      ".key -CAcreateserial -extfile " + d + "ext.cnf -out " + d + name + ".crt");
}

TlsFiles files(const std::filesystem::path& dir, const std::string& name, const std::string& ca) {
  return TlsFiles{dir / (name + ".crt"), dir / (name + ".key"), dir / (ca + ".crt")};
}

TEST(MutualTls, RelayDeliversOverHttpsAndStrangersAreRefused) {
  TempDir certs;
  make_certificate(certs.path(), "ca", "ca");
  make_certificate(certs.path(), "jm", "ca");
  make_certificate(certs.path(), "mo", "ca");
  make_certificate(certs.path(), "rogue-ca", "rogue-ca");
  make_certificate(certs.path(), "rogue", "rogue-ca");

  FedNode jm("CN-GD-JM", files(certs.path(), "jm", "ca"));
  FedNode mo("MO", files(certs.path(), "mo", "ca"));
  jm.trust(mo);
  mo.trust(jm);
  ASSERT_EQ(mo.endpoint().rfind("https://", 0), 0u);

  jm.store().write([&](store::Transaction& tx) {
    jm.outbox().enqueue(tx, {"MO", "case.forward", "JM-2026-000001", {"case"}, R"({"item":"MO-DSI-001"})"});
  });
  EXPECT_EQ(jm.relay().run_once(), 1);
  ASSERT_EQ(mo.applied().size(), 1u);
  EXPECT_EQ(mo.applied()[0].type, "case.forward");

  // A client whose certificate comes from another CA never gets an HTTP answer.
  Envelope e = jm.envelope_to(mo, "case.forward", "JM-2026-000002", 1);
  auto rogue = post_json(mo.endpoint(), kMessagesPath, envelope_to_json(e), files(certs.path(), "rogue", "ca"),
                         std::chrono::seconds(5));
  EXPECT_FALSE(rogue.reached);
  // Plain HTTP to the TLS port gets no HTTP answer either.
  std::string plain = mo.endpoint();
  plain.replace(0, 5, "http");
  EXPECT_FALSE(post_json(plain, kMessagesPath, envelope_to_json(e), std::nullopt, std::chrono::seconds(5)).reached);
  EXPECT_EQ(mo.applied().size(), 1u);
}

}  // namespace
}  // namespace tongban::federation
