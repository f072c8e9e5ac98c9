// The federation listener of `tongban serve` with mutual TLS, between two REAL node processes (the built binary):
// Jiangmen (CN-GD-JM) and Macao (MO) each run `serve --federation-listen` with [tls] from a throwaway CA
// (test_pki.h) and pin each other's certificate fingerprint (printed by `tongban keys tls-fingerprint`). Each
// node's trust list names a LinkProxy as its peer's https://localhost endpoint (the proxy forwards TCP bytes, so
// TLS passes through it; it lets the configs be written before the ports are known).
//
// What is shown: a remote-intake case goes to Macao and its status comes back over mutual TLS; clients without a
// certificate, with one from another CA, or offering only TLS 1.2 are refused at the handshake (Asio/OpenSSL used
// directly); a message signed with Jiangmen's key but sent with another certificate of the same CA is rejected
// with certificate_mismatch and nothing is stored; the public listener answers 404 on /federation/v1/messages; and
// serve refuses unsafe federation listeners with exit code 2 before it opens anything.
#include <gtest/gtest.h>
#include <openssl/ssl.h>

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/json.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <thread>

#include "federation/envelope.h"
#include "federation/inbox.h"
#include "federation/node_key.h"
#include "federation/peer_transport.h"
#include "federation_toml.h"
#include "intake_workload.h"
#include "link_proxy.h"
#include "loopback_http.h"
#include "node_database.h"
#include "node_process.h"
#include "node_store.h"
#include "node_under_test.h"
#include "reply_json.h"
#include "test_pki.h"

namespace tongban::fault_test {
namespace {

namespace fs = std::filesystem;
namespace asio = boost::asio;
namespace ssl = asio::ssl;
using namespace std::chrono_literals;

constexpr const char* kPassword = "Mtls-test-password-2026";

fs::path binary() {
  const char* value = std::getenv("TONGBAN_BINARY");
  if (!value || !fs::exists(value)) throw std::runtime_error("set TONGBAN_BINARY to the built tongban executable");
  return value;
}

fs::path make_scratch() {
  std::random_device random;
  auto dir = fs::temp_directory_path() / ("tongban-mtls-" + std::to_string(getpid()) + "-" + std::to_string(random()));
  fs::create_directories(dir);
  return dir;
}

std::string read_file(const fs::path& file) {
  std::ifstream in(file);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// `tongban keys tls-fingerprint CERT`: what an operator runs to fill a peer's tls_fingerprint.
std::string fingerprint_by_cli(const fs::path& certificate, const fs::path& logs) {
  NodeProcess command("fingerprint-" + certificate.stem().string(), binary(),
                      {"keys", "tls-fingerprint", certificate.string()}, logs);
  command.run_to_completion(60s);
  std::string out = read_file(command.log_file());
  auto at = out.rfind("sha256:");
  if (at == std::string::npos) throw std::runtime_error("no fingerprint printed: " + out);
  return out.substr(at, 7 + 64);
}

// What a TLS client saw: refused (handshake or the alert right after it), or an HTTP answer.
struct TlsAttempt {
  bool answered = false;  // an HTTP status line came back
  std::string status_line;
  std::string error;  // why not
};

struct ClientOptions {
  std::optional<CertificateFiles> certificate;  // presented to the server; none = no client certificate
  fs::path ca_file;                             // verifies the server
  bool tls12_only = false;
};

// Runs one asynchronous operation on `io` for at most `limit`; false if it had to be cancelled.
template <typename Start>
bool run_bounded(asio::io_context& io, asio::ip::tcp::socket& socket, std::chrono::milliseconds limit, Start start) {
  bool done = false;
  start(done);
  io.restart();
  io.run_for(limit);
  if (done) return true;
  boost::system::error_code ignored;
  socket.cancel(ignored);
  io.restart();
  io.run();
  return false;
}

// Connects to 127.0.0.1:port over TLS as the options say. After the handshake it first listens for 3 s: a server
// that refuses the client certificate sends its alert then (TLS 1.3 checks it after the client's side of the
// handshake is done). Only a connection still open is sent a request.
TlsAttempt attempt_tls(std::uint16_t port, const ClientOptions& options) {
  asio::io_context io;
  ssl::context context(ssl::context::tls_client);
  context.load_verify_file(options.ca_file.string());
  context.set_verify_mode(ssl::verify_peer);
  if (options.certificate) {
    context.use_certificate_chain_file(options.certificate->certificate_file.string());
    context.use_private_key_file(options.certificate->private_key_file.string(), ssl::context::pem);
  }
  if (options.tls12_only) SSL_CTX_set_max_proto_version(context.native_handle(), TLS1_2_VERSION);
  ssl::stream<asio::ip::tcp::socket> stream(io, context);
  SSL_set_tlsext_host_name(stream.native_handle(), "localhost");
  TlsAttempt attempt;
  boost::system::error_code ec;
  stream.next_layer().connect({asio::ip::make_address("127.0.0.1"), port}, ec);
  if (ec) return {false, "", "connect: " + ec.message()};
  bool finished = run_bounded(io, stream.next_layer(), 10s, [&](bool& done) {
    stream.async_handshake(ssl::stream_base::client, [&](boost::system::error_code e) {
      ec = e;
      done = true;
    });
  });
  if (!finished) return {false, "", "handshake timed out"};
  if (ec) return {false, "", "handshake: " + ec.message()};
  char byte = 0;
  finished = run_bounded(io, stream.next_layer(), 3s, [&](bool& done) {
    stream.async_read_some(asio::buffer(&byte, 1), [&](boost::system::error_code e, std::size_t) {
      ec = e;
      done = true;
    });
  });
  if (finished) return {false, "", "after the handshake: " + (ec ? ec.message() : "unexpected data")};
  // Still open after 3 s: the server accepted the client. Ask it something.
  ssl::stream<asio::ip::tcp::socket> fresh(io, context);
  SSL_set_tlsext_host_name(fresh.native_handle(), "localhost");
  fresh.next_layer().connect({asio::ip::make_address("127.0.0.1"), port}, ec);
  if (!ec) fresh.handshake(ssl::stream_base::client, ec);
  if (ec) return {false, "", "second connection: " + ec.message()};
  const std::string request =
      "POST /federation/v1/messages HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
      "Content-Length: 2\r\nConnection: close\r\n\r\n{}";
  asio::write(fresh, asio::buffer(request), ec);
  std::string answer;
  asio::read(fresh, asio::dynamic_buffer(answer), ec);  // until the server closes (Connection: close)
  if (answer.rfind("HTTP/1.1 ", 0) != 0) return {false, "", "no HTTP answer: " + ec.message()};
  return {true, answer.substr(0, answer.find("\r\n")), ""};
}

// Both nodes, their certificates and the links, started once for the suite.
struct Federation {
  fs::path scratch = make_scratch();
  fs::path logs = scratch / "logs";
  fs::path jm_dir = scratch / "jm", mo_dir = scratch / "mo";
  TestPki pki{scratch / "pki"};
  CertificateFiles jm_tls, mo_tls, impostor_tls, rogue_tls;
  LinkProxy to_macao, to_jiangmen;
  std::unique_ptr<NodeProcess> jm, mo;

  Federation() {
    fs::create_directories(logs);
    pki.make_ca("ca");
    pki.make_ca("rogue-ca");
    jm_tls = pki.make_leaf("jm", "ca");
    mo_tls = pki.make_leaf("mo", "ca");
    impostor_tls = pki.make_leaf("impostor", "ca");  // same CA, not the certificate Macao pins for Jiangmen
    rogue_tls = pki.make_leaf("rogue", "rogue-ca");
    const std::string jm_key = federation::generate_key_files(jm_dir / "keys").public_key_base64;
    const std::string mo_key = federation::generate_key_files(mo_dir / "keys").public_key_base64;
    const std::string jm_pin = fingerprint_by_cli(jm_tls.certificate_file, logs);
    const std::string mo_pin = fingerprint_by_cli(mo_tls.certificate_file, logs);
    write_federation_toml(jm_dir, {"CN-GD-JM", "MO", "https://localhost:" + std::to_string(to_macao.port()), mo_key,
                                   mo_pin, jm_tls, false});
    write_federation_toml(mo_dir, {"MO", "CN-GD-JM", "https://localhost:" + std::to_string(to_jiangmen.port()), jm_key,
                                   jm_pin, mo_tls, false});
    add_staff(jm_dir, "CN-GD-JM",
              {"--role", "clerk", "--service-point", "JM-WIN-CITY", "--login", "clerk@jm.mtls", "--name", "Clerk"});
    add_staff(mo_dir, "MO",
              {"--role", "reviewer", "--authority", "MO-DSAL", "--login", "reviewer@mo.mtls", "--name", "Reviewer"});
    jm = std::make_unique<NodeProcess>("jiangmen", binary(), serve_arguments(jm_dir, "CN-GD-JM"), logs);
    mo = std::make_unique<NodeProcess>("macao", binary(), serve_arguments(mo_dir, "MO"), logs);
    jm->start(60s);
    mo->start(60s);
    if (!jm->federation_port() || !mo->federation_port())
      throw std::runtime_error("a node printed no federation listener line:\n" + jm->log_tail() + mo->log_tail());
    to_jiangmen.set_upstream(jm->federation_port());
    to_macao.set_upstream(mo->federation_port());
  }
  ~Federation() {
    jm.reset();
    mo.reset();
    std::error_code ignored;
    if (!std::getenv("TONGBAN_FAULT_KEEP")) fs::remove_all(scratch, ignored);
  }

  static std::vector<std::string> serve_arguments(const fs::path& dir, const std::string& jurisdiction) {
    return with_data_dir({"serve", "--jurisdiction", jurisdiction, "--listen", "127.0.0.1:0", "--rate", "0",
                          "--federation", (dir / "federation.toml").string(), "--federation-listen", "127.0.0.1:0"},
                         dir / "data");
  }

  void add_staff(const fs::path& dir, const std::string& jurisdiction, std::vector<std::string> role) {
    fs::create_directories(dir / "data");  // a new node: `account add` opens an existing data directory only
    std::vector<std::string> arguments =
        with_data_dir({"account", "add", "--jurisdiction", jurisdiction}, dir / "data");
    arguments.insert(arguments.end(), role.begin(), role.end());
    NodeProcess command("account-" + jurisdiction, binary(), arguments, logs, {{"TONGBAN_PASSWORD", kPassword}});
    command.run_to_completion(120s);
  }
};

class MutualTls : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { federation_ = new Federation(); }
  static void TearDownTestSuite() {
    delete federation_;
    federation_ = nullptr;
  }
  Federation& f() { return *federation_; }

  static Federation* federation_;
};
Federation* MutualTls::federation_ = nullptr;

TEST_F(MutualTls, RemoteIntakeCaseGoesToMacaoAndItsStatusComesBackOverHttps) {
  boost::json::object registration{{"kind", "natural_person"},
                                   {"login", "applicant@jm.mtls"},
                                   {"password", kPassword},
                                   {"display_name", "陳大文"},
                                   {"id_document", {{"type", "CN_RIC"}, {"number", api_test::valid_cn_ric(7)}}}};
  auto registered = http_call(f().jm->port(), "POST", "/api/v1/accounts", boost::json::serialize(registration));
  ASSERT_EQ(registered.status, 201) << registered.body;
  auto session = http_call(f().jm->port(), "POST", "/api/v1/sessions",
                           R"({"login":"clerk@jm.mtls","password":")" + std::string(kPassword) + "\"}");
  ASSERT_EQ(session.status, 201) << session.body;
  WorkloadSetup setup;
  setup.jiangmen_port = f().jm->port();
  setup.macao_port = f().mo->port();
  setup.clerk_token = json_text(session, "token");
  setup.reviewer_login = "reviewer@mo.mtls";
  setup.reviewer_password = kPassword;
  setup.applicant_id = json_text(registered, "id");
  auto upload = [&](std::string_view bytes) {
    return json_text(http_call_as(setup.clerk_token, f().jm->port(), "POST", "/api/v1/blobs", bytes,
                                  {{"Content-Type", "application/pdf"}}),
                     "sha256");
  };
  setup.blob_bir = upload("%PDF-1.4 scan of the BIR");
  setup.blob_form = upload("%PDF-1.4 signed form");
  ASSERT_FALSE(setup.blob_bir.empty() || setup.blob_form.empty());
  setup.cases = 2;
  setup.clerks = 1;

  IntakeWorkload workload(setup);
  workload.start();
  workload.wait_for_clerks();
  NodeDatabase jm_db(f().jm_dir / "data"), mo_db(f().mo_dir / "data");
  const auto deadline = std::chrono::steady_clock::now() + 90s;
  auto accepted = [&](const NodeDatabase& db) {
    return db.count("SELECT count(*) FROM cases WHERE state = 'accepted'");
  };
  while (std::chrono::steady_clock::now() < deadline && (accepted(jm_db) < 2 || accepted(mo_db) < 2))
    std::this_thread::sleep_for(100ms);
  workload.stop();
  for (const auto& outcome : workload.outcomes()) EXPECT_EQ(outcome.error, "");
  EXPECT_EQ(workload.forwarded(), 2);
  EXPECT_EQ(accepted(mo_db), 2) << f().mo->log_tail();  // the forwards arrived (JM -> MO over mutual TLS)
  EXPECT_EQ(accepted(jm_db), 2) << f().jm->log_tail();  // the statuses came back (MO -> JM over mutual TLS)
  EXPECT_EQ(mo_db.count("SELECT count(*) FROM federation_inbox"), 2);
  EXPECT_EQ(jm_db.count("SELECT count(*) FROM federation_inbox"), 4);  // received, accepted per case
  EXPECT_GT(f().to_macao.connections_forwarded(), 0u);
  EXPECT_GT(f().to_jiangmen.connections_forwarded(), 0u);
}

TEST_F(MutualTls, ClientsWithoutACertificateFromTheCaOrWithTls12AreRefusedAtTheHandshake) {
  const std::uint16_t port = f().mo->federation_port();
  // The control: Jiangmen's own certificate gets an HTTP answer (the empty body is malformed: 400).
  TlsAttempt member = attempt_tls(port, {f().jm_tls, f().jm_tls.ca_file, false});
  EXPECT_TRUE(member.answered) << member.error;
  EXPECT_EQ(member.status_line, "HTTP/1.1 400 Bad Request");

  TlsAttempt anonymous = attempt_tls(port, {std::nullopt, f().jm_tls.ca_file, false});
  EXPECT_FALSE(anonymous.answered) << anonymous.status_line;
  EXPECT_NE(anonymous.error, "");
  TlsAttempt stranger = attempt_tls(port, {f().rogue_tls, f().jm_tls.ca_file, false});
  EXPECT_FALSE(stranger.answered) << stranger.status_line;
  EXPECT_NE(stranger.error, "");
  TlsAttempt old_protocol = attempt_tls(port, {f().jm_tls, f().jm_tls.ca_file, true});
  EXPECT_FALSE(old_protocol.answered) << old_protocol.status_line;
  EXPECT_NE(old_protocol.error.find("handshake"), std::string::npos) << old_protocol.error;
  // Macao's log names each refusal as a failed handshake (OpenSSL's reasons).
  // The server writes its line after the client has seen the refusal: wait for it (bounded) rather than race it.
  auto logged = [&](const std::string& line) {
    for (int i = 0; i < 100; ++i) {
      if (read_file(f().mo->log_file()).find(line) != std::string::npos) return true;
      std::this_thread::sleep_for(50ms);
    }
    return false;
  };
  EXPECT_TRUE(logged("TLS handshake failed: peer did not return a certificate"));
  EXPECT_TRUE(logged("TLS handshake failed: certificate verify failed"));
  EXPECT_TRUE(logged("TLS handshake failed: unsupported protocol"));
  // Plain HTTP to the federation listener gets no HTTP answer either.
  auto plain = http_call(port, "POST", "/federation/v1/messages", "{}", {{"Content-Type", "application/json"}}, 10s);
  EXPECT_EQ(plain.status, 0) << plain.body;
}

TEST_F(MutualTls, AMessageFromJiangmenOverAnotherCertificateThanItsPinnedOneIsRejected) {
  federation::Envelope envelope;
  envelope.message_id = federation::random_uuid_v4();
  envelope.from = "CN-GD-JM";
  envelope.to = "MO";
  envelope.type = "case.forward";
  envelope.case_ref = "JM-2026-999999";
  envelope.sequence = 1;
  envelope.created_at_ms = envelope.sent_at_ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
          .count();
  envelope.data_categories = {"case"};
  envelope.payload = R"({"not":"a case"})";
  federation::sign_envelope(envelope, federation::NodeKey::load(f().jm_dir / "keys" / "node.key"));
  const std::string endpoint = "https://localhost:" + std::to_string(f().mo->federation_port());
  auto as_impostor =
      federation::post_json(endpoint, federation::kMessagesPath, federation::envelope_to_json(envelope),
                            federation::TlsFiles{f().impostor_tls.certificate_file, f().impostor_tls.private_key_file,
                                                 f().impostor_tls.ca_file},
                            10s);
  ASSERT_TRUE(as_impostor.reached) << as_impostor.error;
  EXPECT_EQ(as_impostor.status, 403) << as_impostor.body;
  EXPECT_EQ(json_text(HttpReply{as_impostor.status, as_impostor.body}, "reason"), "certificate_mismatch")
      << as_impostor.body;
  EXPECT_NE(read_file(f().mo->log_file()).find("REJECTED message " + envelope.message_id), std::string::npos);
  NodeDatabase mo_db(f().mo_dir / "data");
  EXPECT_EQ(mo_db.count("SELECT count(*) FROM federation_inbox WHERE message_id = '" + envelope.message_id + "'"), 0);

  // The control: the same envelope over Jiangmen's pinned certificate passes the check (the handler then judges
  // the payload, which is no case).
  auto as_jiangmen = federation::post_json(
      endpoint, federation::kMessagesPath, federation::envelope_to_json(envelope),
      federation::TlsFiles{f().jm_tls.certificate_file, f().jm_tls.private_key_file, f().jm_tls.ca_file}, 10s);
  ASSERT_TRUE(as_jiangmen.reached) << as_jiangmen.error;
  EXPECT_NE(json_text(HttpReply{as_jiangmen.status, as_jiangmen.body}, "reason"), "certificate_mismatch")
      << as_jiangmen.body;
}

TEST_F(MutualTls, ThePublicListenerDoesNotServeTheFederationEndpoint) {
  auto answer =
      http_call(f().mo->port(), "POST", "/federation/v1/messages", "{}", {{"Content-Type", "application/json"}});
  EXPECT_EQ(answer.status, 404) << answer.body;
}

// serve with a federation option set it refuses: exit code 2, the reason printed, the data dir never created.
void expect_refused(const std::vector<std::string>& federation_arguments, const std::string& config_text,
                    const std::string& expected_message) {
  fs::path dir = make_scratch();
  std::ofstream(dir / "federation.toml") << config_text;
  federation::generate_key_files(dir / "keys");
  std::vector<std::string> arguments = {"serve",    "--data-dir", (dir / "data").string(), "--jurisdiction", "MO",
                                        "--listen", "127.0.0.1:0"};
  for (const auto& a : federation_arguments)
    arguments.push_back(a == "CONFIG" ? (dir / "federation.toml").string() : a);
  NodeProcess serve("refused", binary(), arguments, dir);
  int code = -2;
  try {
    code = serve.run_for_exit_code(30s);
  } catch (const std::exception& error) {
    ADD_FAILURE() << error.what();
  }
  EXPECT_EQ(code, 2) << serve.log_tail();
  EXPECT_NE(serve.log_tail().find(expected_message), std::string::npos) << serve.log_tail();
  EXPECT_FALSE(fs::exists(dir / "data"));
  std::error_code ignored;
  fs::remove_all(dir, ignored);
}

const std::string kLoopbackOnly =
    "[node]\nid = \"MO\"\njurisdiction = \"MO\"\nkey_file = \"keys/node.key\"\ninsecure_loopback = true\n";
const std::string kNoTls = "[node]\nid = \"MO\"\njurisdiction = \"MO\"\nkey_file = \"keys/node.key\"\n";

TEST(ServeRefuses, APlainFederationListenerOnANonLoopbackAddress) {
  expect_refused({"--federation", "CONFIG", "--federation-listen", "0.0.0.0:0"}, kLoopbackOnly,
                 "must listen on a loopback address");
}

TEST(ServeRefuses, AFederationConfigWithoutTlsUnlessInsecureLoopback) {
  expect_refused({"--federation", "CONFIG", "--federation-listen", "127.0.0.1:0"}, kNoTls, "has no [tls] section");
}

TEST(ServeRefuses, FederationWithoutAFederationListener) {
  expect_refused({"--federation", "CONFIG"}, kLoopbackOnly, "--federation needs --federation-listen");
}

}  // namespace
}  // namespace tongban::fault_test
