// Directory: the signed federation directory of the whole network (modelled on X-Road's global configuration) —
// one JSON document, issued by the federation operator, naming every member node (id, jurisdiction, endpoint,
// signing keys with their validity, TLS certificate fingerprints) and the agreements between them (zones,
// delegations, joint-handling groups, and per ordered pair of nodes the message types and data categories that
// may travel). A member holds the operator's public key out of band (the anchor) and accepts a directory only if
// it is signed by that key, not older than the one it holds and not expired (directory_client.h).
//
// This header is the document alone: parse (strict: an unknown member, a missing or mistyped field, a bad value
// is a DirectoryError naming the JSON path), the canonical bytes the operator signs, sign/verify, and the views a
// member derives from it (its peers). docs/federation.md "The federation directory" is the normative format.
//
// Times are Unix milliseconds (integers), like the envelope's sent_at_ms. A key is valid at t iff
// valid_from <= t < valid_until; a directory is valid at t iff t < expires_at.
//
// Canonical bytes (domain/canonical_bytes.h encoding: every field a 4-byte big-endian length then its bytes, an
// integer 8 bytes big-endian; a list is its element count as an integer followed by its elements), in this order:
//   "tongban-directory-v1", version, issued_at, expires_at, operator,
//   members: count, then per member: node_id, jurisdiction, name.zh_hans, name.zh_hant, name.pt, name.en (absent
//            = ""), endpoint, keys: count, then per key: public_key (base64 text), valid_from, valid_until;
//            tls_fingerprints: count, then each;
//   zones: count, then per zone: code, owner, host;
//   delegations: count, then per delegation: owner_authority, delegate_node, delegate_authority;
//   joint: count, then per group: items: count, then each item code;
//   channels: count, then per channel: from, to, message_types: count then each, data_categories: count then each.
// Lists are taken in document order (the operator's tool keeps them sorted). The signature is the base64 Ed25519
// detached signature of these bytes, carried in the document's top-level "signature" member.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "federation/node_key.h"
#include "federation/trust_list.h"

namespace tongban::federation {

inline constexpr std::string_view kDirectoryFormat = "tongban-directory-v1";
inline constexpr std::string_view kDirectoryPath = "/federation/v1/directory";

using DirectoryKey = PeerKey;  // trust_list.h: public_key, valid_from, valid_until

struct MemberName {  // optional, each language may be ""
  std::string zh_hans, zh_hant, pt, en;
};

struct DirectoryMember {
  std::string node_id;
  std::string jurisdiction;
  MemberName name;
  std::string endpoint;
  std::vector<DirectoryKey> keys;             // at least one
  std::vector<std::string> tls_fingerprints;  // "sha256:<64 hex>"; the first is the one pinned now
};

struct DirectoryZone {
  std::string code;   // e.g. "ZONE-JM-IN-MO"
  std::string owner;  // node whose items are offered
  std::string host;   // node whose service points offer them
};

struct DirectoryDelegation {
  std::string owner_authority;
  std::string delegate_node;
  std::string delegate_authority;
};

struct DirectoryJointGroup {
  std::vector<std::string> items;
};

// What may travel from `from` to `to`: the message types `to` accepts from `from`, the data categories `from` may
// send to `to`.
struct DirectoryChannel {
  std::string from;
  std::string to;
  std::vector<std::string> message_types;
  std::vector<std::string> data_categories;
};

struct DirectoryAgreements {
  std::vector<DirectoryZone> zones;
  std::vector<DirectoryDelegation> delegations;
  std::vector<DirectoryJointGroup> joint;
  std::vector<DirectoryChannel> channels;
};

struct Directory {
  std::int64_t version = 0;  // >= 1 once signed; strictly increasing
  std::int64_t issued_at = 0;
  std::int64_t expires_at = 0;
  std::string operator_id;  // JSON member "operator"
  std::vector<DirectoryMember> members;
  DirectoryAgreements agreements;
  std::string signature;  // base64; "" in an unsigned draft

  const DirectoryMember* find_member(std::string_view node_id) const;
  const DirectoryChannel* find_channel(std::string_view from, std::string_view to) const;
};

// A document that is not a valid directory: what() names the JSON path and the problem.
class DirectoryError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Strict parse and validation of a directory document (rules in docs/federation.md). require_signature = false
// accepts an unsigned draft (the operator's working copy). Throws DirectoryError.
Directory parse_directory(std::string_view json_text, bool require_signature = true);
// The document as JSON (members in the order above; "signature" omitted when empty). parse(to_json(d)) == d.
std::string directory_to_json(const Directory& directory);

std::string directory_canonical_bytes(const Directory& directory);
void sign_directory(Directory& directory, const NodeKey& operator_key);
bool directory_signature_valid(const Directory& directory, const PublicKey& operator_key);

// Peers of node `self` as the directory states them at time `now`: every other member with a channel to or from
// `self`; endpoint, all keys (Peer::keys), the current key (Peer::public_key: the valid key with the latest
// valid_from, else the newest), the first TLS fingerprint, may_send = channel(member -> self).message_types,
// may_receive = channel(self -> member).data_categories.
std::vector<Peer> directory_peers(const Directory& directory, std::string_view self, std::int64_t now);

// Member fields shared by the directory and a join request (tongban directory join-request): parse one member
// object at JSON path `where`. Throws DirectoryError.
DirectoryMember parse_member_json(std::string_view json_text, const std::string& where);
std::string member_to_json(const DirectoryMember& member);
DirectoryAgreements parse_agreements_json(std::string_view json_text);

}  // namespace tongban::federation
