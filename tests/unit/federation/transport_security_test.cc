// The client side's transport rules, over real TLS and HTTP on loopback: a pinned server certificate fingerprint
// that does not match stops the send before the request is written; plain http:// only with insecure_loopback and
// only to loopback hosts.
#include <gtest/gtest.h>

#include <cstdio>
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

// <dir>/<name>.crt/.key signed by the CA <dir>/<ca>.crt/.key (a new self-signed CA if ca == name).
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

TlsFiles files(const std::filesystem::path& dir, const std::string& name) {
  return TlsFiles{dir / (name + ".crt"), dir / (name + ".key"), dir / "ca.crt"};
}

// "sha256:<hex>" of the DER form of a PEM certificate, computed by the openssl CLI (independently of tongban).
std::string fingerprint_of(const std::filesystem::path& certificate) {
  std::string command = "openssl x509 -in " + certificate.string() + " -outform der | sha256sum";
  std::FILE* pipe = ::popen(command.c_str(), "r");
  char hex[65] = {};
  EXPECT_EQ(std::fread(hex, 1, 64, pipe), 64u);
  ::pclose(pipe);
  return "sha256:" + std::string(hex);
}

void enqueue(FedNode& from, const std::string& to, const std::string& case_ref) {
  from.store().write([&](store::Transaction& tx) {
    from.outbox().enqueue(tx, {to, "case.forward", case_ref, {"case"}, R"({"item":"MO-DSI-001"})"});
  });
}

std::string last_error(FedNode& node) {
  auto queues = node.store().outbox_queues();
  return queues.empty() ? "" : queues[0].last_error;
}

TEST(TransportSecurity, APinnedFingerprintThatDoesNotMatchStopsTheSend) {
  TempDir certs;
  make_certificate(certs.path(), "ca", "ca");
  make_certificate(certs.path(), "jm", "ca");
  make_certificate(certs.path(), "mo", "ca");
  FedNode jm("CN-GD-JM", files(certs.path(), "jm"));
  FedNode mo("MO", files(certs.path(), "mo"));
  mo.trust(jm);
  // MO's certificate chains to the CA and names localhost, but JM pinned another one.
  const std::string wrong = "sha256:" + std::string(64, 'a');
  jm.trust_endpoint("MO", mo.endpoint(), mo.public_key(), testing::kAllTypes, {"case"}, wrong);
  enqueue(jm, "MO", "JM-2026-000001");
  EXPECT_EQ(jm.relay().run_once(), 0);
  EXPECT_TRUE(mo.applied().empty());
  EXPECT_EQ(mo.server_counters().requests.load(), 0u);  // the request was never written
  EXPECT_NE(last_error(jm).find("does not match the pinned fingerprint"), std::string::npos) << last_error(jm);
  EXPECT_NE(last_error(jm).find(wrong), std::string::npos);

  // Pinning the right certificate delivers.
  jm.trust_endpoint("MO", mo.endpoint(), mo.public_key(), testing::kAllTypes, {"case"},
                    fingerprint_of(certs.path() / "mo.crt"));
  ASSERT_TRUE(testing::eventually([&] { return jm.relay().run_once() == 1; }));
  EXPECT_EQ(mo.applied().size(), 1u);
}

TEST(TransportSecurity, PlainHttpOnlyWithInsecureLoopbackAndOnlyToLoopbackHosts) {
  EXPECT_FALSE(check_endpoint("http://127.0.0.1:8080", true));
  EXPECT_FALSE(check_endpoint("http://127.8.9.10:8080", true));
  EXPECT_FALSE(check_endpoint("http://[::1]:8080", true));
  EXPECT_FALSE(check_endpoint("http://localhost:8080", true));
  EXPECT_FALSE(check_endpoint("https://mo.example.gov:8443", false));
  EXPECT_NE(check_endpoint("http://10.1.2.3:8080", true).value_or("").find("loopback hosts only"), std::string::npos);
  EXPECT_NE(check_endpoint("http://mo.example.gov", true).value_or("").find("loopback hosts only"), std::string::npos);
  EXPECT_NE(check_endpoint("http://127.0.0.1:8080", false).value_or("").find("must use https://"), std::string::npos);
  EXPECT_TRUE(check_endpoint("ftp://127.0.0.1", true));
}

TEST(TransportSecurity, ARelayRefusesPlainHttpToANonLoopbackHost) {
  FedNode jm("CN-GD-JM");
  FedNode mo("MO");
  // A documentation address (RFC 5737): were anything sent, it would go nowhere; nothing must be sent at all.
  jm.trust_endpoint("MO", "http://192.0.2.7:8080", mo.public_key());
  enqueue(jm, "MO", "JM-2026-000002");
  EXPECT_EQ(jm.relay().run_once(), 0);
  EXPECT_NE(last_error(jm).find("loopback hosts only"), std::string::npos) << last_error(jm);
  EXPECT_EQ(jm.relay().stats().connections_opened, 0u);
}

TEST(TransportSecurity, ARelayRefusesPlainHttpWithoutInsecureLoopback) {
  FedNode jm("CN-GD-JM");
  FedNode mo("MO");
  mo.trust(jm);
  jm.insecure_loopback = false;
  jm.trust(mo);  // rewrites JM's config, now without insecure_loopback
  ASSERT_FALSE(jm.trust_list().current()->insecure_loopback);
  enqueue(jm, "MO", "JM-2026-000003");
  EXPECT_EQ(jm.relay().run_once(), 0);
  EXPECT_TRUE(mo.applied().empty());
  EXPECT_EQ(mo.server_counters().requests.load(), 0u);
  EXPECT_NE(last_error(jm).find("must use https://"), std::string::npos) << last_error(jm);
}

}  // namespace
}  // namespace tongban::federation
