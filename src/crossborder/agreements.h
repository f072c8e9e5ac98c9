// CrossBorderAgreements: what two jurisdictions have agreed beyond the trust list, which the handling modes need —
//   - delegations (异地授权): an owner authority lets a named authority of another node (the delegate) decide the
//     owner's items whose modes include "delegated"; the delegate node's decision goes to the owner as case.result;
//   - joint groups (多地联办): items of different jurisdictions handled together from one application, at most one
//     item per jurisdiction in a group.
// Both sides of an agreement list it (like the trust list): the delegate node to open such cases, the owner node to
// accept their results; every node of a joint group to send and accept its sub-cases.
//
// Source: the federation config file (docs/cross-border.md shows the tables) and, when the node uses the signed
// federation directory, the directory's agreements (merged); read once when the CrossBorder runtime starts; a
// change takes a restart. load/parse throw federation::ConfigError naming the offending entry; check()
// lists references the catalog does not resolve. A plain value, no I/O but the load.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "domain/catalog.h"
#include "federation/directory.h"

namespace tongban::crossborder {

struct Delegation {
  std::string owner_authority;     // e.g. "MO-DSI" (its jurisdiction is the owner node)
  std::string delegate_node;       // e.g. "CN-GD-JM"
  std::string delegate_authority;  // an authority of the delegate node, e.g. "JM-GOV"; its reviewers decide
};

struct JointGroup {
  std::vector<std::string> items;  // item codes, one per jurisdiction, at least two
};

struct CrossBorderAgreements {
  std::vector<Delegation> delegations;
  std::vector<JointGroup> joint;

  const Delegation* delegation(std::string_view owner_authority, std::string_view delegate_node) const;
  const JointGroup* joint_group_of(std::string_view item_code) const;
};

CrossBorderAgreements load_agreements(const std::filesystem::path& file);
CrossBorderAgreements parse_agreements(std::string_view toml_text);
// The delegations and joint groups of the signed federation directory (federation/directory.h). Zones are not
// part of it: the catalog carries them (the directory's zones name the same codes; check_agreements does not
// check them).
CrossBorderAgreements agreements_from_directory(const federation::DirectoryAgreements& agreements);
// Zones of the directory the catalog does not hold with the same owner and host (the catalog decides which items a
// window takes in; a mismatch means the two were not updated together). Empty when they agree.
std::vector<std::string> check_directory_zones(const federation::DirectoryAgreements& agreements,
                                               const domain::Catalog& catalog);
// a's entries, then b's that a lacks (same delegation: same owner authority and delegate node; same group: same
// items).
CrossBorderAgreements merge_agreements(CrossBorderAgreements a, const CrossBorderAgreements& b);

// Problems with respect to the catalog (unknown authority or item, an authority of the wrong node, two items of one
// jurisdiction in a group, an item whose modes lack "delegated"/"joint"); empty when all resolve.
std::vector<std::string> check_agreements(const CrossBorderAgreements& agreements, const domain::Catalog& catalog);

}  // namespace tongban::crossborder
