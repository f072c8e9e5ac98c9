// Receiving checks: what a node verifies in the first message of a cross-border case (case.forward, case.result,
// subcase.request, the online application in identity.assertion) and in every later status, before anything is
// applied. A peer is trusted to sign its own messages, never to tell us what our rules are: the application it sends
// is validated like a local one, and each state it reports is checked against the state machine of the mode.
// Every refusal is federation::MessageRejected with a stable code (docs/cross-border.md, "Receiving checks"):
//   consent_missing       consent.to_transfer is not exactly the JSON boolean true;
//   not_hosted            (remote intake) the item is in no zone of ours that the sender hosts;
//   intake_point_foreign  (remote intake) the intake point is not one of the sender's service points taking the item;
//   form_invalid          the form answers break the item's rules for its crosses_border fields (required, types,
//                         patterns, identity check digits) or carry a field that does not travel; or (joint
//                         sub-case) the materials lack one the item requires or name one it does not ask for;
//   impossible_transition the reported step is not one the copy that receives it can make (e.g. back to draft).
// Zones are read through ZoneSource so that a signed directory can later supply them instead of the catalog.
// Pure functions over catalog values and PayloadReader; no I/O.
#pragma once

#include <boost/json/object.hpp>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/field_patterns.h"
#include "crossborder/payload.h"
#include "domain/case.h"
#include "domain/case_lifecycle.h"
#include "domain/catalog.h"

namespace tongban::crossborder {

// Which jurisdiction hosts which items (domain::Zone: owner, host, items). Today the catalog's zones.
using ZoneSource = std::span<const domain::Zone>;

// True when some zone hosted by `host` offers `item` (a zone of the item's own jurisdiction).
bool hosts_item(ZoneSource zones, std::string_view host, const domain::Item& item);

// MessageRejected("consent_missing") unless payload.consent.to_transfer is the JSON boolean true.
void require_exact_consent(const PayloadReader& payload);

// MessageRejected("not_hosted") unless `sender` hosts `item` in one of `zones`.
void require_hosted(ZoneSource zones, std::string_view sender, const domain::Item& item);

// MessageRejected("intake_point_foreign") unless `intake_point` is a service point of `sender` that takes in
// `item` (catalog.point_accepts_item).
void require_sender_point(const domain::Catalog& catalog, std::string_view sender, std::string_view intake_point,
                          const domain::Item& item);

// The answers validated against the item's crosses_border fields (node/application_form.h rules, every required
// crosses_border field required), in canonical form; MessageRejected("form_invalid") naming each problem.
// `patterns` are those of the catalog snapshot the item comes from.
boost::json::object checked_travelling_form(const domain::Item& item, const boost::json::object& form,
                                            const catalog::FieldPatterns& patterns);

// The materials checked against the item: each names a material the item asks for and every required material of
// the item is there; MessageRejected("form_invalid") naming each problem.
void require_item_materials(const domain::Item& item, const std::vector<domain::CaseMaterial>& materials);

// Which roles of the other node may cause a step the receiving copy mirrors.
// The step (copy.state --action--> to) is possible when the copy's mode has a row of the transition table from its
// present state for that action to that state, allowed to one of `roles`; or when nothing changes (to ==
// copy.state == from: a note such as "received as MO-…"). MessageRejected("impossible_transition") otherwise.
void require_possible_transition(const domain::Case& copy, domain::CaseAction action, domain::CaseState from,
                                 domain::CaseState to, domain::RoleSet roles);

}  // namespace tongban::crossborder
