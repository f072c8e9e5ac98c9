// Keys on disk and the trust list file: strict permissions, no overwrite, validation, and reload without restart.
#include "federation/trust_list.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>
#include <thread>

#include "federation_fixture.h"

namespace tongban::federation {
namespace {

using testing::TempDir;

void write(const std::filesystem::path& path, const std::string& text) {
  std::ofstream(path) << text;
}

std::string config_text(const std::string& peer_key, const std::string& extra_peer_type = "") {
  return "[node]\nid = \"MO\"\njurisdiction = \"MO\"\nkey_file = \"node.key\"\n"
         "[limits]\nmax_payload_bytes = 4096\n"
         "[[peers]]\nid = \"CN-GD-JM\"\nendpoint = \"http://127.0.0.1:9/\"\npublic_key = \"" +
         peer_key + "\"\nmay_send = [\"case.forward\"" + extra_peer_type + "]\nmay_receive = [\"case\"]\n";
}

TEST(KeyFiles, SecretKeyIsPrivateAndNeverOverwritten) {
  TempDir dir;
  KeyFiles files = generate_key_files(dir.path() / "keys");
  struct stat info {};
  ASSERT_EQ(::stat(files.secret_key_file.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);
  NodeKey key = NodeKey::load(files.secret_key_file);
  EXPECT_EQ(key.public_key().base64(), files.public_key_base64);
  EXPECT_TRUE(key.public_key().verify("x", key.sign("x")));
  EXPECT_THROW(generate_key_files(dir.path() / "keys"), std::runtime_error);
  EXPECT_EQ(NodeKey::load(files.secret_key_file).public_key(), key.public_key());  // still the same key
  ::chmod(files.secret_key_file.c_str(), 0644);
  EXPECT_THROW(NodeKey::load(files.secret_key_file), std::runtime_error);
}

TEST(TrustListFile, ParsesPeersAndLimits) {
  TempDir dir;
  std::string peer_key = NodeKey::generate().public_key().base64();
  write(dir.path() / "f.toml", config_text(peer_key));
  FederationConfig config = load_federation_config(dir.path() / "f.toml");
  EXPECT_EQ(config.node_id, "MO");
  EXPECT_EQ(config.key_file, dir.path() / "node.key");
  EXPECT_EQ(config.limits.max_payload_bytes, 4096u);
  ASSERT_EQ(config.peers.size(), 1u);
  EXPECT_EQ(config.peers[0].endpoint, "http://127.0.0.1:9");
  EXPECT_TRUE(config.peers[0].may_send.count("case.forward"));
  EXPECT_EQ(config.find_peer("HK"), nullptr);
}

TEST(TrustListFile, RefusesBadFilesNamingTheKey) {
  TempDir dir;
  auto error_of = [&](const std::string& text) {
    write(dir.path() / "f.toml", text);
    try {
      load_federation_config(dir.path() / "f.toml");
    } catch (const ConfigError& error) {
      return std::string(error.what());
    }
    return std::string("no error");
  };
  EXPECT_NE(error_of("[node]\nid = \"MO\"\n").find("node.jurisdiction"), std::string::npos);
  EXPECT_NE(error_of(config_text("bm90IGEga2V5")).find("peers[0].public_key"), std::string::npos);
  std::string key = NodeKey::generate().public_key().base64();
  EXPECT_NE(error_of(config_text(key, ", \"DROP TABLE\"")).find("peers[0].may_send"), std::string::npos);
  EXPECT_NE(error_of("node = ").find("not valid TOML"), std::string::npos);
}

// A misspelled section or key is refused, naming it and what is known; before, it was dropped silently and the node
// started with something else in force (e.g. "[[delegation]]": no delegation at all).
TEST(TrustListFile, UnknownSectionsAndKeysAreRefused) {
  TempDir dir;
  auto error_of = [&](const std::string& text) {
    write(dir.path() / "f.toml", text);
    try {
      load_federation_config(dir.path() / "f.toml");
    } catch (const ConfigError& error) {
      return std::string(error.what());
    }
    return std::string("no error");
  };
  const std::string node = "[node]\nid = \"MO\"\njurisdiction = \"MO\"\nkey_file = \"node.key\"\n";
  EXPECT_EQ(error_of(node), "no error");
  EXPECT_NE(
      error_of(node + "[[delegation]]\nowner_authority = \"MO-DSAL\"\n").find("delegation is not a known section"),
      std::string::npos);
  EXPECT_NE(error_of(node + "[relay]\nrequest_timeout = 5\n").find("relay.request_timeout is not a known key"),
            std::string::npos);
  EXPECT_NE(error_of(node + "insecure_loopbak = true\n").find("node.insecure_loopbak"), std::string::npos);
  EXPECT_NE(error_of(node + "[tls]\ncertificate_file = \"a\"\nprivate_key_file = \"b\"\nca_file = \"c\"\nca = \"d\"\n")
                .find("tls.ca is not a known key"),
            std::string::npos);
  std::string key = NodeKey::generate().public_key().base64();
  EXPECT_NE(error_of(node + "[[peers]]\nid = \"HK\"\nendpoint = \"http://127.0.0.1:1\"\npublic_key = \"" + key +
                     "\"\nmay_sent = [\"case.status\"]\n")
                .find("peers[0].may_sent"),
            std::string::npos);
}

TEST(TrustListFile, ReloadsOnChangeAndKeepsTheOldOneWhenTheNewIsBroken) {
  TempDir dir;
  std::string key = NodeKey::generate().public_key().base64();
  write(dir.path() / "f.toml", config_text(key));
  TrustList trust(dir.path() / "f.toml", std::chrono::milliseconds(0));
  EXPECT_FALSE(trust.current()->find_peer("CN-GD-JM")->may_send.count("case.status"));
  std::this_thread::sleep_for(std::chrono::milliseconds(20));  // a distinct modification time
  write(dir.path() / "f.toml", config_text(key, ", \"case.status\""));
  EXPECT_TRUE(trust.current()->find_peer("CN-GD-JM")->may_send.count("case.status"));
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  write(dir.path() / "f.toml", "[node]\nbroken");
  auto after = trust.current();
  ASSERT_NE(after->find_peer("CN-GD-JM"), nullptr);
  EXPECT_TRUE(after->find_peer("CN-GD-JM")->may_send.count("case.status"));
  EXPECT_NE(trust.last_reload_error().find("not valid TOML"), std::string::npos);
}

}  // namespace
}  // namespace tongban::federation
