#include "crossborder/agreements.h"

#include <toml++/toml.h>

#include <algorithm>

#include "federation/trust_list.h"

namespace tongban::crossborder {
namespace {

using federation::ConfigError;

std::string text_at(const toml::table& table, std::string_view key, const std::string& where) {
  auto value = table[key].value<std::string>();
  if (!value || value->empty()) throw ConfigError(where + "." + std::string(key) + " must be a non-empty string");
  return *value;
}

std::vector<Delegation> read_delegations(const toml::table& root) {
  std::vector<Delegation> out;
  const toml::node* node = root.get("delegations");
  if (!node) return out;
  const toml::array* array = node->as_array();
  if (!array) throw ConfigError("delegations must be an array of tables ([[delegations]])");
  for (std::size_t i = 0; i < array->size(); ++i) {
    std::string where = "delegations[" + std::to_string(i) + "]";
    const toml::table* table = array->get(i)->as_table();
    if (!table) throw ConfigError(where + " must be a table");
    for (const auto& [key, value] : *table)
      if (key != "owner_authority" && key != "delegate_node" && key != "delegate_authority")
        throw ConfigError(where + "." + std::string(key.str()) +
                          " is not a known key (known: owner_authority, delegate_node, delegate_authority)");
    out.push_back({text_at(*table, "owner_authority", where), text_at(*table, "delegate_node", where),
                   text_at(*table, "delegate_authority", where)});
  }
  return out;
}

std::vector<JointGroup> read_joint(const toml::table& root) {
  std::vector<JointGroup> out;
  const toml::node* node = root.get("joint");
  if (!node) return out;
  const toml::array* array = node->as_array();
  if (!array) throw ConfigError("joint must be an array of tables ([[joint]])");
  for (std::size_t i = 0; i < array->size(); ++i) {
    std::string where = "joint[" + std::to_string(i) + "]";
    const toml::table* table = array->get(i)->as_table();
    if (table)
      for (const auto& [key, value] : *table)
        if (key != "items")
          throw ConfigError(where + "." + std::string(key.str()) + " is not a known key (known: items)");
    const toml::array* items = table ? (*table)["items"].as_array() : nullptr;
    if (!items || items->size() < 2) throw ConfigError(where + ".items must list at least two item codes");
    JointGroup group;
    for (const auto& entry : *items) {
      auto code = entry.value<std::string>();
      if (!code || code->empty()) throw ConfigError(where + ".items must hold item codes");
      group.items.push_back(*code);
    }
    out.push_back(std::move(group));
  }
  return out;
}

}  // namespace

const Delegation* CrossBorderAgreements::delegation(std::string_view owner_authority,
                                                    std::string_view delegate_node) const {
  for (const auto& d : delegations)
    if (d.owner_authority == owner_authority && d.delegate_node == delegate_node) return &d;
  return nullptr;
}

const JointGroup* CrossBorderAgreements::joint_group_of(std::string_view item_code) const {
  for (const auto& group : joint)
    if (std::find(group.items.begin(), group.items.end(), item_code) != group.items.end()) return &group;
  return nullptr;
}

CrossBorderAgreements parse_agreements(std::string_view toml_text) {
  toml::table root;
  try {
    root = toml::parse(toml_text);
  } catch (const toml::parse_error& error) {
    throw ConfigError(std::string("not TOML: ") + std::string(error.description()));
  }
  return {read_delegations(root), read_joint(root)};
}

CrossBorderAgreements load_agreements(const std::filesystem::path& file) {
  toml::table root;
  try {
    root = toml::parse_file(file.string());
  } catch (const toml::parse_error& error) {
    throw ConfigError(file.string() + ": " + std::string(error.description()));
  }
  try {
    return {read_delegations(root), read_joint(root)};
  } catch (const ConfigError& error) {
    throw ConfigError(file.string() + ": " + error.what());
  }
}

CrossBorderAgreements agreements_from_directory(const federation::DirectoryAgreements& agreements) {
  CrossBorderAgreements out;
  for (const auto& d : agreements.delegations)
    out.delegations.push_back({d.owner_authority, d.delegate_node, d.delegate_authority});
  for (const auto& g : agreements.joint) out.joint.push_back({g.items});
  return out;
}

std::vector<std::string> check_directory_zones(const federation::DirectoryAgreements& agreements,
                                               const domain::Catalog& catalog) {
  std::vector<std::string> problems;
  for (const auto& zone : agreements.zones) {
    const auto* known = catalog.find_zone(zone.code);
    if (!known)
      problems.push_back("directory zone " + zone.code + " is not in the catalog");
    else if (known->owner_jurisdiction != zone.owner || known->host_jurisdiction != zone.host)
      problems.push_back("directory zone " + zone.code + " is " + zone.owner + " in " + zone.host +
                         ", the catalog says " + known->owner_jurisdiction + " in " + known->host_jurisdiction);
  }
  return problems;
}

CrossBorderAgreements merge_agreements(CrossBorderAgreements a, const CrossBorderAgreements& b) {
  for (const auto& d : b.delegations)
    if (!a.delegation(d.owner_authority, d.delegate_node)) a.delegations.push_back(d);
  for (const auto& g : b.joint)
    if (std::none_of(a.joint.begin(), a.joint.end(), [&](const JointGroup& x) { return x.items == g.items; }))
      a.joint.push_back(g);
  return a;
}

std::vector<std::string> check_agreements(const CrossBorderAgreements& agreements, const domain::Catalog& catalog) {
  std::vector<std::string> problems;
  for (const auto& d : agreements.delegations) {
    const auto* owner = catalog.find_authority(d.owner_authority);
    const auto* delegate = catalog.find_authority(d.delegate_authority);
    if (!owner) problems.push_back("delegation: unknown owner authority " + d.owner_authority);
    if (!delegate) problems.push_back("delegation: unknown delegate authority " + d.delegate_authority);
    if (delegate && delegate->jurisdiction != d.delegate_node)
      problems.push_back("delegation: " + d.delegate_authority + " is not an authority of " + d.delegate_node);
    if (owner && owner->jurisdiction == d.delegate_node)
      problems.push_back("delegation: " + d.owner_authority + " cannot delegate to its own node");
  }
  for (const auto& group : agreements.joint) {
    std::vector<std::string> seen;
    for (const auto& code : group.items) {
      const auto* item = catalog.find_item(code);
      if (!item) {
        problems.push_back("joint: unknown item " + code);
        continue;
      }
      if (!item->offers(domain::HandlingMode::joint)) problems.push_back("joint: item " + code + " is not joint");
      if (std::find(seen.begin(), seen.end(), item->jurisdiction) != seen.end())
        problems.push_back("joint: two items of " + item->jurisdiction + " in one group");
      seen.push_back(item->jurisdiction);
    }
  }
  return problems;
}

}  // namespace tongban::crossborder
