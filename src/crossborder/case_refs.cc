#include "crossborder/case_refs.h"

#include "domain/audit_chain.h"

namespace tongban::crossborder {

std::string remote_party(const OriginRef& origin) {
  return "xb:" + origin.node + ":" + origin.case_id;
}

std::optional<OriginRef> origin_of(const domain::Case& kase) {
  std::string_view id = kase.applicant_id;
  if (!id.starts_with("xb:")) return std::nullopt;
  id.remove_prefix(3);
  auto colon = id.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 == id.size()) return std::nullopt;
  return OriginRef{std::string(id.substr(0, colon)), std::string(id.substr(colon + 1))};
}

std::optional<domain::Case> find_owner_copy(const store::Reader& reader, const OriginRef& origin,
                                            std::string_view key) {
  auto found = reader.find_idempotent_case(remote_party(origin), key);
  if (!found) return std::nullopt;
  return reader.find_case(found->kase.id);
}

std::string remote_actor(std::string_view node, std::string_view account_id) {
  return std::string(node) + ":" + std::string(account_id);
}

std::string travelled_actor(std::string_view peer, std::string_view claimed) {
  std::string prefix = std::string(peer) + ":";
  if (claimed.starts_with(prefix) && claimed.size() > prefix.size()) return std::string(claimed);
  return prefix + std::string(claimed);
}

domain::Case record_remote_change(store::Transaction& tx, domain::Case kase, const std::string& actor_id,
                                  domain::Role actor_role, domain::CaseAction action, domain::CaseState to,
                                  const std::string& note, std::int64_t at_ms, std::int64_t applied_at_ms) {
  domain::Event event;
  event.case_id = kase.id;
  event.actor_id = actor_id;
  event.actor_role = actor_role;
  event.action = action;
  event.from_state = kase.state;
  event.to_state = to;
  event.note = note;
  event.at_ms = at_ms;
  std::int64_t expected = kase.version;
  kase.state = to;
  kase.updated_at_ms = applied_at_ms;
  domain::Case stored = tx.update_case(kase, expected);
  tx.seal_and_append(event, domain::seal);
  return stored;
}

}  // namespace tongban::crossborder
