#include "node/case_record.h"

#include "domain/audit_chain.h"

namespace tongban::node {

domain::Case record_case_event(store::Transaction& tx, domain::Case kase, const RecordedEvent& recorded,
                               std::int64_t now_ms) {
  domain::Event event;
  event.case_id = kase.id;
  event.actor_id = recorded.actor_id;
  event.actor_role = recorded.actor_role;
  event.actor_organisation = recorded.actor_organisation;
  event.action = recorded.action;
  event.from_state = kase.state;
  event.to_state = recorded.to_state;
  event.note = recorded.note;
  event.at_ms = recorded.at_ms;
  const std::int64_t version = kase.version;
  kase.state = recorded.to_state;
  kase.updated_at_ms = now_ms;
  domain::Case stored = tx.update_case(kase, version);
  tx.seal_and_append(event, domain::seal);
  return stored;
}

}  // namespace tongban::node
