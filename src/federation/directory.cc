#include "federation/directory.h"

#include <algorithm>
#include <boost/json.hpp>
#include <set>

#include "domain/canonical_bytes.h"

namespace tongban::federation {
namespace json = boost::json;
namespace {

[[noreturn]] void fail(const std::string& where, const std::string& problem) {
  throw DirectoryError(where + " " + problem);
}

bool is_id(std::string_view text) {  // node ids, jurisdictions, authorities, items, zones: [A-Za-z0-9._-]{1,64}
  if (text.empty() || text.size() > 64) return false;
  return std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
           c == '.';
  });
}

bool is_word(std::string_view text) {  // message types and data categories, as in the trust list
  if (text.empty() || text.size() > 64) return false;
  return std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
  });
}

bool is_fingerprint(std::string_view text) {
  constexpr std::string_view prefix = "sha256:";
  if (text.size() != prefix.size() + 64 || text.substr(0, prefix.size()) != prefix) return false;
  return std::all_of(text.begin() + prefix.size(), text.end(),
                     [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

// A JSON object read strictly: every member must be consumed by a getter, or done() names the first unknown one.
class Reader {
 public:
  Reader(const json::value& value, std::string where) : where_(std::move(where)) {
    if (!value.is_object()) fail(where_, "must be a JSON object");
    object_ = &value.as_object();
  }
  const json::value* get(std::string_view key, bool required) {
    seen_.insert(std::string(key));
    auto it = object_->find(key);
    if (it == object_->end()) {
      if (required) fail(at(key), "is missing");
      return nullptr;
    }
    return &it->value();
  }
  std::string text(std::string_view key, bool required = true) {
    const json::value* v = get(key, required);
    if (!v) return "";
    if (!v->is_string()) fail(at(key), "must be a string");
    std::string out(v->as_string());
    if (required && out.empty()) fail(at(key), "must not be empty");
    return out;
  }
  std::string id(std::string_view key) {
    std::string out = text(key);
    if (!is_id(out)) fail(at(key), "must be 1-64 characters of [A-Za-z0-9._-]");
    return out;
  }
  std::int64_t integer(std::string_view key) {
    const json::value* v = get(key, true);
    if (!v->is_int64() && !v->is_uint64()) fail(at(key), "must be an integer");
    if (v->is_uint64() && v->as_uint64() > static_cast<std::uint64_t>(INT64_MAX)) fail(at(key), "is too large");
    std::int64_t out = v->is_int64() ? v->as_int64() : static_cast<std::int64_t>(v->as_uint64());
    if (out < 0) fail(at(key), "must not be negative");
    return out;
  }
  const json::array& array(std::string_view key, bool required = true) {
    static const json::array empty;
    const json::value* v = get(key, required);
    if (!v) return empty;
    if (!v->is_array()) fail(at(key), "must be an array");
    return v->as_array();
  }
  std::vector<std::string> strings(std::string_view key, bool (*valid)(std::string_view), const char* rule) {
    std::vector<std::string> out;
    const auto& list = array(key);
    for (std::size_t i = 0; i < list.size(); ++i) {
      if (!list[i].is_string() || !valid(list[i].as_string())) fail(at(key, i), std::string("must be ") + rule);
      std::string value(list[i].as_string());
      if (std::find(out.begin(), out.end(), value) != out.end()) fail(at(key, i), "is listed twice");
      out.push_back(std::move(value));
    }
    return out;
  }
  std::string at(std::string_view key) const { return where_ + "." + std::string(key); }
  std::string at(std::string_view key, std::size_t i) const { return at(key) + "[" + std::to_string(i) + "]"; }
  void done() const {
    for (const auto& member : *object_)
      if (!seen_.count(std::string(member.key()))) fail(at(member.key()), "is not a known member");
  }

 private:
  const json::object* object_ = nullptr;
  std::string where_;
  std::set<std::string> seen_;
};

DirectoryKey read_key(const json::value& value, const std::string& where) {
  Reader r(value, where);
  DirectoryKey key;
  try {
    key.public_key = PublicKey::from_base64(r.text("public_key"));
  } catch (const std::invalid_argument& error) {
    fail(r.at("public_key"), std::string("is not an Ed25519 public key: ") + error.what());
  }
  key.valid_from = r.integer("valid_from");
  key.valid_until = r.integer("valid_until");
  if (key.valid_until <= key.valid_from) fail(r.at("valid_until"), "must be after valid_from");
  r.done();
  return key;
}

DirectoryMember read_member(const json::value& value, const std::string& where) {
  Reader r(value, where);
  DirectoryMember m;
  m.node_id = r.id("node_id");
  m.jurisdiction = r.id("jurisdiction");
  if (const json::value* name = r.get("name", false)) {
    Reader n(*name, r.at("name"));
    m.name = {n.text("zh_hans", false), n.text("zh_hant", false), n.text("pt", false), n.text("en", false)};
    n.done();
  }
  m.endpoint = r.text("endpoint");
  if (m.endpoint.rfind("http://", 0) != 0 && m.endpoint.rfind("https://", 0) != 0)
    fail(r.at("endpoint"), "must start with http:// or https://");
  if (m.endpoint.back() == '/') fail(r.at("endpoint"), "must not end with '/'");
  const auto& keys = r.array("keys");
  if (keys.empty()) fail(r.at("keys"), "must hold at least one key");
  for (std::size_t i = 0; i < keys.size(); ++i) m.keys.push_back(read_key(keys[i], r.at("keys", i)));
  m.tls_fingerprints = r.strings("tls_fingerprints", is_fingerprint, "\"sha256:\" and 64 lowercase hex digits");
  r.done();
  return m;
}

DirectoryAgreements read_agreements(const json::value& value, const std::string& where) {
  Reader r(value, where);
  DirectoryAgreements a;
  const auto& zones = r.array("zones");
  for (std::size_t i = 0; i < zones.size(); ++i) {
    Reader z(zones[i], r.at("zones", i));
    a.zones.push_back({z.id("code"), z.id("owner"), z.id("host")});
    if (a.zones.back().owner == a.zones.back().host) fail(z.at("host"), "must differ from owner");
    z.done();
  }
  const auto& delegations = r.array("delegations");
  for (std::size_t i = 0; i < delegations.size(); ++i) {
    Reader d(delegations[i], r.at("delegations", i));
    a.delegations.push_back({d.id("owner_authority"), d.id("delegate_node"), d.id("delegate_authority")});
    d.done();
  }
  const auto& joint = r.array("joint");
  for (std::size_t i = 0; i < joint.size(); ++i) {
    Reader j(joint[i], r.at("joint", i));
    DirectoryJointGroup group{j.strings("items", is_id, "item codes")};
    if (group.items.size() < 2) fail(j.at("items"), "must list at least two item codes");
    a.joint.push_back(std::move(group));
    j.done();
  }
  const auto& channels = r.array("channels");
  for (std::size_t i = 0; i < channels.size(); ++i) {
    Reader c(channels[i], r.at("channels", i));
    DirectoryChannel channel;
    channel.from = c.id("from");
    channel.to = c.id("to");
    if (channel.from == channel.to) fail(c.at("to"), "must differ from from");
    channel.message_types = c.strings("message_types", is_word, "words of [a-z0-9._-]");
    channel.data_categories = c.strings("data_categories", is_word, "words of [a-z0-9._-]");
    c.done();
    for (const auto& other : a.channels)
      if (other.from == channel.from && other.to == channel.to)
        fail(r.at("channels", i), "repeats the channel " + channel.from + " -> " + channel.to);
    a.channels.push_back(std::move(channel));
  }
  r.done();
  return a;
}

// References between parts: every node named in the agreements is a member.
void check_references(const Directory& d) {
  auto known = [&](const std::string& node, const std::string& where) {
    if (!d.find_member(node)) fail(where, "names '" + node + "', which is not a member");
  };
  for (std::size_t i = 0; i < d.agreements.zones.size(); ++i) {
    known(d.agreements.zones[i].owner, "agreements.zones[" + std::to_string(i) + "].owner");
    known(d.agreements.zones[i].host, "agreements.zones[" + std::to_string(i) + "].host");
  }
  for (std::size_t i = 0; i < d.agreements.delegations.size(); ++i)
    known(d.agreements.delegations[i].delegate_node, "agreements.delegations[" + std::to_string(i) + "].delegate_node");
  for (std::size_t i = 0; i < d.agreements.channels.size(); ++i) {
    known(d.agreements.channels[i].from, "agreements.channels[" + std::to_string(i) + "].from");
    known(d.agreements.channels[i].to, "agreements.channels[" + std::to_string(i) + "].to");
  }
}

json::value parse_json(std::string_view text) {
  json::error_code error;
  json::value value = json::parse(text, error);
  if (error) throw DirectoryError("the directory is not JSON: " + error.message());
  return value;
}

json::array strings_json(const std::vector<std::string>& list) {
  json::array out;
  for (const auto& s : list) out.emplace_back(s);
  return out;
}

json::object member_json(const DirectoryMember& m) {
  json::object o{{"node_id", m.node_id}, {"jurisdiction", m.jurisdiction}};
  const MemberName& n = m.name;
  if (!n.zh_hans.empty() || !n.zh_hant.empty() || !n.pt.empty() || !n.en.empty())
    o["name"] = json::object{{"zh_hans", n.zh_hans}, {"zh_hant", n.zh_hant}, {"pt", n.pt}, {"en", n.en}};
  o["endpoint"] = m.endpoint;
  json::array keys;
  for (const auto& k : m.keys)
    keys.push_back(json::object{
        {"public_key", k.public_key.base64()}, {"valid_from", k.valid_from}, {"valid_until", k.valid_until}});
  o["keys"] = std::move(keys);
  o["tls_fingerprints"] = strings_json(m.tls_fingerprints);
  return o;
}

json::object agreements_json(const DirectoryAgreements& a) {
  json::array zones, delegations, joint, channels;
  for (const auto& z : a.zones) zones.push_back(json::object{{"code", z.code}, {"owner", z.owner}, {"host", z.host}});
  for (const auto& d : a.delegations)
    delegations.push_back(json::object{{"owner_authority", d.owner_authority},
                                       {"delegate_node", d.delegate_node},
                                       {"delegate_authority", d.delegate_authority}});
  for (const auto& g : a.joint) joint.push_back(json::object{{"items", strings_json(g.items)}});
  for (const auto& c : a.channels)
    channels.push_back(json::object{{"from", c.from},
                                    {"to", c.to},
                                    {"message_types", strings_json(c.message_types)},
                                    {"data_categories", strings_json(c.data_categories)}});
  return json::object{{"zones", std::move(zones)},
                      {"delegations", std::move(delegations)},
                      {"joint", std::move(joint)},
                      {"channels", std::move(channels)}};
}

void append_list(std::string& out, const std::vector<std::string>& list) {
  domain::append_int(out, static_cast<std::int64_t>(list.size()));
  for (const auto& s : list) domain::append_field(out, s);
}

}  // namespace

const DirectoryMember* Directory::find_member(std::string_view node_id) const {
  for (const auto& m : members)
    if (m.node_id == node_id) return &m;
  return nullptr;
}

const DirectoryChannel* Directory::find_channel(std::string_view from, std::string_view to) const {
  for (const auto& c : agreements.channels)
    if (c.from == from && c.to == to) return &c;
  return nullptr;
}

Directory parse_directory(std::string_view json_text, bool require_signature) {
  json::value root = parse_json(json_text);
  Reader r(root, "directory");
  Directory d;
  if (r.text("format") != kDirectoryFormat) fail(r.at("format"), "must be \"" + std::string(kDirectoryFormat) + "\"");
  d.version = r.integer("version");
  if (require_signature && d.version < 1) fail(r.at("version"), "must be at least 1");
  d.issued_at = r.integer("issued_at");
  d.expires_at = r.integer("expires_at");
  if (require_signature && d.expires_at <= d.issued_at) fail(r.at("expires_at"), "must be after issued_at");
  d.operator_id = r.id("operator");
  const auto& members = r.array("members");
  for (std::size_t i = 0; i < members.size(); ++i) {
    DirectoryMember m = read_member(members[i], r.at("members", i));
    if (d.find_member(m.node_id)) fail(r.at("members", i), "repeats node_id '" + m.node_id + "'");
    d.members.push_back(std::move(m));
  }
  d.agreements = read_agreements(*r.get("agreements", true), r.at("agreements"));
  d.signature = r.text("signature", require_signature);
  r.done();
  check_references(d);
  return d;
}

std::string directory_to_json(const Directory& d) {
  json::array members;
  for (const auto& m : d.members) members.push_back(member_json(m));
  json::object o{{"format", kDirectoryFormat},
                 {"version", d.version},
                 {"issued_at", d.issued_at},
                 {"expires_at", d.expires_at},
                 {"operator", d.operator_id},
                 {"members", std::move(members)},
                 {"agreements", agreements_json(d.agreements)}};
  if (!d.signature.empty()) o["signature"] = d.signature;
  return json::serialize(o);
}

std::string directory_canonical_bytes(const Directory& d) {
  using domain::append_field;
  using domain::append_int;
  std::string out;
  append_field(out, kDirectoryFormat);
  append_int(out, d.version);
  append_int(out, d.issued_at);
  append_int(out, d.expires_at);
  append_field(out, d.operator_id);
  append_int(out, static_cast<std::int64_t>(d.members.size()));
  for (const auto& m : d.members) {
    for (const auto* field :
         {&m.node_id, &m.jurisdiction, &m.name.zh_hans, &m.name.zh_hant, &m.name.pt, &m.name.en, &m.endpoint})
      append_field(out, *field);
    append_int(out, static_cast<std::int64_t>(m.keys.size()));
    for (const auto& k : m.keys) {
      append_field(out, k.public_key.base64());
      append_int(out, k.valid_from);
      append_int(out, k.valid_until);
    }
    append_list(out, m.tls_fingerprints);
  }
  const auto& a = d.agreements;
  append_int(out, static_cast<std::int64_t>(a.zones.size()));
  for (const auto& z : a.zones)
    for (const auto* field : {&z.code, &z.owner, &z.host}) append_field(out, *field);
  append_int(out, static_cast<std::int64_t>(a.delegations.size()));
  for (const auto& x : a.delegations)
    for (const auto* field : {&x.owner_authority, &x.delegate_node, &x.delegate_authority}) append_field(out, *field);
  append_int(out, static_cast<std::int64_t>(a.joint.size()));
  for (const auto& g : a.joint) append_list(out, g.items);
  append_int(out, static_cast<std::int64_t>(a.channels.size()));
  for (const auto& c : a.channels) {
    append_field(out, c.from);
    append_field(out, c.to);
    append_list(out, c.message_types);
    append_list(out, c.data_categories);
  }
  return out;
}

void sign_directory(Directory& directory, const NodeKey& operator_key) {
  directory.signature = operator_key.sign(directory_canonical_bytes(directory));
}

bool directory_signature_valid(const Directory& directory, const PublicKey& operator_key) {
  return !directory.signature.empty() && operator_key.verify(directory_canonical_bytes(directory), directory.signature);
}

std::vector<Peer> directory_peers(const Directory& directory, std::string_view self, std::int64_t now) {
  std::vector<Peer> peers;
  for (const auto& m : directory.members) {
    if (m.node_id == self) continue;
    const DirectoryChannel* in = directory.find_channel(m.node_id, self);
    const DirectoryChannel* out = directory.find_channel(self, m.node_id);
    if (!in && !out) continue;
    Peer peer;
    peer.node_id = m.node_id;
    peer.endpoint = m.endpoint;
    peer.keys = m.keys;
    const PeerKey* current = nullptr;
    for (const auto& k : m.keys)
      if (k.valid_at(now) && (!current || k.valid_from > current->valid_from)) current = &k;
    if (!current)
      for (const auto& k : m.keys)
        if (!current || k.valid_from > current->valid_from) current = &k;
    peer.public_key = current->public_key;
    if (!m.tls_fingerprints.empty()) peer.tls_fingerprint = m.tls_fingerprints.front();
    if (in) peer.may_send.insert(in->message_types.begin(), in->message_types.end());
    if (out) peer.may_receive.insert(out->data_categories.begin(), out->data_categories.end());
    peers.push_back(std::move(peer));
  }
  return peers;
}

DirectoryMember parse_member_json(std::string_view json_text, const std::string& where) {
  return read_member(parse_json(json_text), where);
}

std::string member_to_json(const DirectoryMember& member) {
  return json::serialize(member_json(member));
}

DirectoryAgreements parse_agreements_json(std::string_view json_text) {
  return read_agreements(parse_json(json_text), "agreements");
}

}  // namespace tongban::federation
