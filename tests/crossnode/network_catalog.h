// A catalog and calendars for a test network bigger than the shipped one: the shipped data/ (Jiangmen, Macao,
// Hong Kong) plus, for each extra jurisdiction, a small catalog of its own (one authority, one window, one
// remote-intake item) and a zone of that item hosted at the next extra jurisdiction's window (a ring). Written
// into a folder the test owns; every node of the test is seeded from it.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace tongban::crossnode_test {

struct RingCase {
  std::string owner;      // node deciding the item, e.g. "CN-GD-GZ"
  std::string host;       // node whose window takes it in, e.g. "CN-GD-SZ"
  std::string item;       // e.g. "GZ-GOV-001"
  std::string authority;  // e.g. "GZ-GOV"
  std::string point;      // the host's window, e.g. "SZ-WIN"
};

// Short code of a jurisdiction: "CN-GD-GZ" -> "GZ".
std::string short_code(const std::string& jurisdiction);
// Writes <dir>/catalog and <dir>/calendars; returns the ring's (owner, host) pairs in order.
std::vector<RingCase> write_network_seed(const std::filesystem::path& dir, const std::vector<std::string>& extra);

}  // namespace tongban::crossnode_test
