// Test support for the directory tests: an operator (its key and anchor file) that issues signed directories for
// a set of FedNodes, every pair allowed every type and category both ways unless a test says otherwise.
#pragma once

#include <fstream>
#include <string>
#include <vector>

#include "federation/directory.h"
#include "federation/directory_client.h"
#include "federation_fixture.h"

namespace tongban::federation::testing {

inline constexpr std::int64_t kHourMs = 3'600'000;

class TestOperator {
 public:
  explicit TestOperator(std::string id = "GBA-OPERATOR") : id_(std::move(id)), key_(NodeKey::generate()) {
    anchor_file_ = dir_.path() / "anchor.json";
    std::ofstream(anchor_file_) << anchor_to_json({id_, key_.public_key()});
  }
  const std::filesystem::path& anchor_file() const { return anchor_file_; }
  const NodeKey& key() const { return key_; }
  const std::string& id() const { return id_; }

  static DirectoryMember member(const FedNode& node, std::int64_t now) {
    DirectoryMember m;
    m.node_id = node.id();
    m.jurisdiction = node.id();
    m.endpoint = node.endpoint();
    m.keys.push_back({PublicKey::from_base64(node.public_key()), now - kHourMs, now + 24 * kHourMs});
    return m;
  }
  // Every ordered pair of the members may send every type and every category.
  static void connect_all(Directory& d) {
    for (const auto& a : d.members)
      for (const auto& b : d.members)
        if (a.node_id != b.node_id)
          d.agreements.channels.push_back({a.node_id, b.node_id, kAllTypes, {"identity", "case", "materials"}});
  }
  Directory directory(std::int64_t version, std::vector<DirectoryMember> members, std::int64_t issued_at,
                      std::int64_t expires_at) const {
    Directory d;
    d.version = version;
    d.issued_at = issued_at;
    d.expires_at = expires_at;
    d.operator_id = id_;
    d.members = std::move(members);
    connect_all(d);
    return d;
  }
  std::string signed_text(Directory d) const {
    sign_directory(d, key_);
    return directory_to_json(d);
  }
  DirectorySettings settings(const std::filesystem::path& file, std::vector<std::string> sources = {}) const {
    DirectorySettings s;
    s.anchor_file = anchor_file_;
    s.file = file;
    s.sources = std::move(sources);
    s.refresh_interval = std::chrono::milliseconds(200);
    s.retry_initial = std::chrono::milliseconds(50);
    s.retry_max = std::chrono::milliseconds(400);
    return s;
  }

 private:
  std::string id_;
  NodeKey key_;
  TempDir dir_;
  std::filesystem::path anchor_file_;
};

}  // namespace tongban::federation::testing
