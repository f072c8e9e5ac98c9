// Cross-border case references: how the two copies of a case on two nodes find each other, and the small store
// steps every cross-border handler shares (mirror an event, look up the owner's copy). No network, no federation
// types: plain functions over store::Reader/Transaction and domain values.
//
// Conventions (docs/cross-border.md):
//   - A node's federation id is its jurisdiction code ("CN-GD-JM", "MO", "HK"), so the node that owns an item is
//     the peer whose id is the item's jurisdiction.
//   - Every message about one cross-border case carries case_ref = the case id at the node where the application
//     was taken in (the origin), in both directions.
//   - The owner's copy of the case has applicant_id "xb:<origin node>:<origin case id>" (the remote party: the
//     applicant is not an account of the owner node) and was inserted with the idempotency key "case.forward" (or
//     "case.result", "subcase.request"), so the pair (origin node, origin case id) finds it again and can never
//     make two copies.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "domain/case.h"
#include "store/store.h"

namespace tongban::crossborder {

struct OriginRef {
  std::string node;     // origin node id
  std::string case_id;  // origin case id (the case_ref of the messages)
};

// "xb:<node>:<case id>".
std::string remote_party(const OriginRef& origin);
// The origin named by an owner copy's applicant_id; nullopt for an ordinary applicant id.
std::optional<OriginRef> origin_of(const domain::Case& kase);

// The owner copy made for (origin, key), if any.
std::optional<domain::Case> find_owner_copy(const store::Reader& reader, const OriginRef& origin, std::string_view key);

// What a mirrored or remote event says about who acted: "<node>:<account id>".
std::string remote_actor(std::string_view node, std::string_view account_id);
// The actor recorded for an event a peer reports: always attributed to the peer, "<peer>:<what it said>" (kept as
// is when it already starts with "<peer>:"). A claimed actor naming one of our accounts ("st_…", or "<our node>:…")
// thus becomes "<peer>:st_…" and can never be read as a local decision; local account ids never contain ':'.
std::string travelled_actor(std::string_view peer, std::string_view claimed);

// Moves `kase` to `to` (version + 1) and appends the sealed event describing it, in tx. Returns the stored case.
// The event keeps the remote time at_ms; the case's updated_at_ms is applied_at_ms, when this node learnt of it.
domain::Case record_remote_change(store::Transaction& tx, domain::Case kase, const std::string& actor_id,
                                  domain::Role actor_role, domain::CaseAction action, domain::CaseState to,
                                  const std::string& note, std::int64_t at_ms, std::int64_t applied_at_ms);

}  // namespace tongban::crossborder
