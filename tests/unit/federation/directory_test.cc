// The signed federation directory: the document (strict parse, canonical bytes, signature), and a member's client
// (verify, store, apply without restart; refuse bad signatures, other operators' keys, older versions, expired and
// malformed documents with nothing applied; fail closed on expiry with warnings at 50% and 90%; accept a copy
// served by a peer; recover by itself after the operator was unreachable).
#include "federation/directory.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <atomic>

#include "directory_fixture.h"
#include "federation/directory_client.h"

namespace tongban::federation {
namespace {

using testing::FedNode;
using testing::kHourMs;
using testing::LogCapture;
using testing::TestOperator;

std::int64_t now() {
  return system_clock()();
}

std::string read_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

class DirectoryTest : public ::testing::Test {
 protected:
  Directory sample(std::int64_t version = 1) const {
    return op.directory(version, {TestOperator::member(jm, t0), TestOperator::member(mo, t0)}, t0 - kHourMs,
                        t0 + 24 * kHourMs);
  }
  std::unique_ptr<DirectoryClient> client_for(FedNode& node, std::vector<std::string> sources = {}) {
    return std::make_unique<DirectoryClient>(node.id(), op.settings(files.path() / (node.id() + ".json"), sources),
                                             node.trust_list(), [this] { return now() + offset_ms.load(); });
  }
  std::filesystem::path file_of(const FedNode& node) const { return files.path() / (node.id() + ".json"); }

  std::atomic<std::int64_t> offset_ms{0};
  std::int64_t t0 = now();
  TestOperator op;
  testing::TempDir files;
  FedNode jm{"CN-GD-JM"};
  FedNode mo{"MO"};
};

TEST_F(DirectoryTest, SignedDocumentRoundTripsAndVerifies) {
  Directory d = sample();
  d.members[0].name = {"江门", "江門", "Jiangmen", "Jiangmen"};
  d.members[0].tls_fingerprints = {"sha256:" + std::string(64, 'a')};
  d.agreements.zones.push_back({"ZONE-MO-IN-JM", "MO", "CN-GD-JM"});
  d.agreements.delegations.push_back({"MO-DSAL", "CN-GD-JM", "JM-HRSS"});
  d.agreements.joint.push_back({{"JM-HRSS-001", "MO-DSAL-003"}});
  sign_directory(d, op.key());
  Directory back = parse_directory(directory_to_json(d));
  EXPECT_EQ(directory_canonical_bytes(back), directory_canonical_bytes(d));
  EXPECT_TRUE(directory_signature_valid(back, op.key().public_key()));
  EXPECT_EQ(back.members[0].name.zh_hant, "江門");
  EXPECT_EQ(back.agreements.zones[0].host, "CN-GD-JM");
  // Every field is covered by the signature: change one, and it no longer verifies.
  back.members[1].endpoint = "http://127.0.0.1:1";
  EXPECT_FALSE(directory_signature_valid(back, op.key().public_key()));
}

TEST_F(DirectoryTest, UnknownMembersAndBadFieldsAreRefusedWithTheirPath) {
  const std::string good = op.signed_text(sample());
  auto refused = [](const std::string& text, const std::string& path) {
    try {
      parse_directory(text);
      ADD_FAILURE() << "accepted: " << path;
    } catch (const DirectoryError& error) {
      EXPECT_NE(std::string(error.what()).find(path), std::string::npos) << error.what();
    }
  };
  auto with = [&](const std::string& from, const std::string& to) {
    std::string text = good;
    auto at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    return text.replace(at, from.size(), to);
  };
  refused(with("\"version\":1", "\"version\":1,\"extra\":true"), "directory.extra is not a known member");
  refused(with("\"node_id\":\"MO\"", "\"node_id\":\"MO\",\"owner\":\"x\""), "directory.members[1].owner");
  refused(with("\"valid_from\"", "\"colour\":1,\"valid_from\""), "keys[0].colour");
  refused(with("\"version\":1", "\"version\":\"1\""), "directory.version must be an integer");
  refused(with("\"node_id\":\"MO\"", "\"node_id\":\"\""), "members[1].node_id");
  refused(with("\"from\":\"MO\"", "\"from\":\"HK\""), "which is not a member");
  refused(with("\"tls_fingerprints\":[]", "\"tls_fingerprints\":[\"md5:00\"]"), "tls_fingerprints[0]");
  refused(with("\"endpoint\":\"http", "\"endpoint\":\"ftp"), "endpoint must start with http");
  refused(with("\"format\":\"tongban-directory-v1\"", "\"format\":\"v0\""), "directory.format");
  refused(good.substr(0, good.size() / 2), "not JSON");
  Directory no_signature = sample();
  refused(directory_to_json(no_signature), "directory.signature is missing");
}

TEST_F(DirectoryTest, AcceptedDirectoryIsStoredPrivatelyAndAppliedWithoutRestart) {
  auto client = client_for(mo);
  EXPECT_FALSE(mo.trust_list().current()->find_peer("CN-GD-JM"));
  EXPECT_EQ(client->offer(op.signed_text(sample())), Offered::applied);
  const Peer* peer = mo.trust_list().current()->find_peer("CN-GD-JM");
  ASSERT_TRUE(peer);
  EXPECT_EQ(peer->endpoint, jm.endpoint());
  EXPECT_EQ(peer->public_key.base64(), jm.public_key());
  EXPECT_EQ(peer->keys.size(), 1u);
  EXPECT_TRUE(peer->may_send.count("case.forward"));
  EXPECT_TRUE(peer->may_receive.count("case"));
  struct stat info {};
  ASSERT_EQ(::stat(file_of(mo).c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600);
  // A restarted client picks the stored copy up again.
  client.reset();
  auto again = client_for(mo);
  EXPECT_EQ(again->status().version, 1);
  EXPECT_EQ(again->offer(op.signed_text(sample())), Offered::unchanged);
}

TEST_F(DirectoryTest, EveryBadDocumentIsRefusedAndNothingIsApplied) {
  auto client = client_for(mo);
  ASSERT_EQ(client->offer(op.signed_text(sample(2))), Offered::applied);
  const std::string stored = read_file(file_of(mo));
  auto expect_refused = [&](const std::string& text, DirectoryRefusal reason) {
    try {
      client->offer(text);
      ADD_FAILURE() << "accepted, expected " << to_string(reason);
    } catch (const DirectoryRefused& refused) {
      EXPECT_EQ(refused.reason(), reason) << refused.what();
    }
    EXPECT_EQ(read_file(file_of(mo)), stored);
    EXPECT_EQ(client->status().version, 2);
    EXPECT_EQ(mo.trust_list().current()->directory_version, 2);
    EXPECT_EQ(mo.trust_list().current()->find_peer("CN-GD-JM")->endpoint, jm.endpoint());
  };
  // A bad signature: a signed v3 whose endpoint was changed afterwards.
  Directory tampered = sample(3);
  sign_directory(tampered, op.key());
  tampered.members[0].endpoint = "http://127.0.0.1:9";
  expect_refused(directory_to_json(tampered), DirectoryRefusal::bad_signature);
  // Another operator's key, claiming our operator's id.
  TestOperator impostor(op.id());
  expect_refused(impostor.signed_text(sample(3)), DirectoryRefusal::bad_signature);
  // Another operator altogether.
  TestOperator other("OTHER-OPERATOR");
  Directory foreign = sample(3);
  foreign.operator_id = other.id();
  expect_refused(other.signed_text(foreign), DirectoryRefusal::wrong_operator);
  // An older version, validly signed.
  expect_refused(op.signed_text(sample(1)), DirectoryRefusal::older_version);
  // An expired one.
  Directory old = sample(3);
  old.issued_at = t0 - 48 * kHourMs;
  old.expires_at = t0 - kHourMs;
  expect_refused(op.signed_text(old), DirectoryRefusal::expired);
  // Malformed, and one with an unknown member.
  expect_refused("{\"format\":", DirectoryRefusal::malformed);
  std::string unknown = op.signed_text(sample(3));
  unknown.insert(1, "\"mirrors\":[],");
  expect_refused(unknown, DirectoryRefusal::malformed);
}

TEST_F(DirectoryTest, ExpiryFailsClosedWithWarningsAtHalfAndNinetyPercent) {
  LogCapture log;
  auto client = client_for(mo);
  Directory d = sample();
  d.issued_at = t0;
  d.expires_at = t0 + 100'000;
  ASSERT_EQ(client->offer(op.signed_text(d)), Offered::applied);
  auto warnings_at = [&](std::int64_t elapsed) {
    offset_ms = elapsed;
    client->check_validity();
    return directory_warnings(client->status(), now() + offset_ms);
  };
  EXPECT_TRUE(warnings_at(10'000).empty());
  auto half = warnings_at(52'000);
  ASSERT_EQ(half.size(), 1u);
  EXPECT_NE(half[0].find("half of its validity"), std::string::npos);
  EXPECT_TRUE(log.contains("half of its validity"));
  auto late = warnings_at(92'000);
  ASSERT_EQ(late.size(), 1u);
  EXPECT_NE(late[0].find("90%"), std::string::npos);
  EXPECT_TRUE(log.contains("90% of its validity"));
  EXPECT_NE(directory_metrics_text(client->status(), now() + offset_ms).find("tongban_directory_warning_level 2"),
            std::string::npos);
  // Still valid: a message to JM is queued.
  auto send = [&] {
    return mo.store().transact([&](store::Transaction& tx) {
      return mo.outbox().enqueue(tx, {"CN-GD-JM", "case.status", "", {"case"}, R"({"n":1})"});
    });
  };
  EXPECT_NO_THROW(send());
  // Expired: the directory's peers are withdrawn and the outbox refuses, saying why.
  auto expired = warnings_at(101'000);
  ASSERT_FALSE(expired.empty());
  EXPECT_NE(expired[0].find("EXPIRED"), std::string::npos);
  EXPECT_TRUE(mo.trust_list().current()->directory_expired);
  EXPECT_FALSE(mo.trust_list().current()->find_peer("CN-GD-JM"));
  try {
    send();
    ADD_FAILURE() << "sent with an expired directory";
  } catch (const OutboxRefused& refused) {
    EXPECT_NE(std::string(refused.what()).find("has expired"), std::string::npos) << refused.what();
  }
  EXPECT_NE(directory_metrics_text(client->status(), now() + offset_ms).find("tongban_directory_expired 1"),
            std::string::npos);
  EXPECT_TRUE(log.contains("EXPIRED"));
}

// Serves a directory text at GET /federation/v1/directory, and can go down and come back on the same port.
class OperatorServer {
 public:
  void serve(std::string text) {
    std::lock_guard lock(mutex_);
    text_ = std::move(text);
  }
  void up() {
    if (router_.empty()) {
      http::Route route;
      route.method = "GET";
      route.pattern = std::string(kDirectoryPath);
      route.access = http::Access::everyone();
      route.summary = "test operator";
      route.handler = [this](const http::Request&, const http::Caller&) {
        std::lock_guard lock(mutex_);
        return http::Response::json_text(200, text_);
      };
      router_.emplace_back(std::make_unique<http::Router>());
      router_.back()->add(std::move(route));
    }
    http::ServerOptions options;
    options.host = "127.0.0.1";
    options.port = port_;
    options.rate_per_second = 0;
    options.handler_threads = 2;
    server_ = std::make_unique<http::Server>(options, *router_.back());
    server_->start();
    port_ = server_->port();
  }
  void down() { server_.reset(); }
  std::string endpoint() const { return "http://127.0.0.1:" + std::to_string(port_); }

 private:
  std::mutex mutex_;
  std::string text_;
  std::vector<std::unique_ptr<http::Router>> router_;
  std::unique_ptr<http::Server> server_;
  std::uint16_t port_ = 0;
};

TEST_F(DirectoryTest, RefreshAlwaysRecoversAfterTheOperatorWasUnreachable) {
  OperatorServer operator_server;
  operator_server.serve(op.signed_text(sample(1)));
  operator_server.up();
  auto client = client_for(mo, {operator_server.endpoint()});
  client->start();
  ASSERT_TRUE(testing::eventually([&] { return client->status().version == 1; }));
  operator_server.down();
  // Unreachable for a while: many failed rounds (the members' endpoints serve no directory here), backoff grows.
  ASSERT_TRUE(
      testing::eventually([&] { return client->status().consecutive_failures >= 5; }, std::chrono::seconds(30)));
  EXPECT_EQ(client->status().version, 1);
  auto warnings = directory_warnings(client->status(), now());
  ASSERT_FALSE(warnings.empty());
  EXPECT_NE(warnings.back().find("refresh failed"), std::string::npos) << warnings.back();
  EXPECT_NE(warnings.back().find("Connection refused"), std::string::npos) << warnings.back();
  operator_server.serve(op.signed_text(sample(2)));
  operator_server.up();
  ASSERT_TRUE(testing::eventually([&] { return client->status().version == 2; }, std::chrono::seconds(30)));
  EXPECT_EQ(client->status().consecutive_failures, 0);
  EXPECT_EQ(mo.trust_list().current()->directory_version, 2);
  client->stop();
}

TEST_F(DirectoryTest, CopyServedByAPeerIsAcceptedWhenTheOperatorIsDown) {
  // JM holds version 2 and serves it from its directory route; MO holds version 1, which names JM's endpoint.
  http::Router router;
  auto jm_client = client_for(jm);
  jm_client->add_routes(router);
  http::ServerOptions options;
  options.host = "127.0.0.1";
  options.port = 0;
  options.rate_per_second = 0;
  options.handler_threads = 2;
  http::Server jm_directory(options, router);
  jm_directory.start();
  auto versioned = [&](std::int64_t version) {
    Directory d = sample(version);
    d.members[0].endpoint = "http://127.0.0.1:" + std::to_string(jm_directory.port());
    return op.signed_text(d);
  };
  ASSERT_EQ(jm_client->offer(versioned(2)), Offered::applied);
  auto mo_client = client_for(mo, {"http://127.0.0.1:9"});  // the operator: nothing listens there
  ASSERT_EQ(mo_client->offer(versioned(1)), Offered::applied);
  EXPECT_TRUE(mo_client->refresh_now());
  EXPECT_EQ(mo_client->status().version, 2);
  EXPECT_EQ(read_file(file_of(mo)), jm_client->held_text());
}

}  // namespace
}  // namespace tongban::federation
