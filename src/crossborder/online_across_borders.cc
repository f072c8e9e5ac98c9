#include "crossborder/online_across_borders.h"

#include <boost/json/serialize.hpp>

#include "crossborder/case_transfer.h"
#include "crossborder/receiving_checks.h"
#include "domain/audit_chain.h"
#include "domain/problem.h"
#include "federation/blob_transfer.h"

namespace tongban::crossborder {
namespace {

using domain::CaseAction;
using domain::CaseState;
using federation::MessageRejected;
namespace type = federation::message_type;

constexpr std::string_view kForwardKey = "case.forward";  // shared with remote intake: its owner handlers apply

}  // namespace

void OnlineAcrossBorders::register_handlers(federation::MessageDispatch& dispatch) {
  dispatch.on(std::string(type::identity_assertion), [this](const auto& e, auto& tx) { apply_assertion(e, tx); });
}

bool OnlineAcrossBorders::case_changed(store::Transaction& tx, const node::CaseChange& change) {
  if (change.after.mode != domain::HandlingMode::online) return false;
  if (auto home = origin_of(change.after)) {
    owner_changed(tx, change, *home);
    return true;
  }
  auto snapshot = context_.node.catalog();
  const domain::Item* item = snapshot->catalog.find_item(change.after.item_code);
  if (!item || context_.is_ours(*item)) return false;  // an ordinary online case of ours
  try {
    home_changed(tx, change, *item);
  } catch (const federation::OutboxRefused& refused) {
    throw domain::ProblemError("conflict", "This case cannot go to " + item->jurisdiction + ": " + refused.what());
  }
  return true;
}

// ---- home side ----

void OnlineAcrossBorders::home_changed(store::Transaction& tx, const node::CaseChange& change,
                                       const domain::Item& item) {
  const domain::Case& kase = change.after;
  const std::string& owner = CrossBorderContext::owner_node(item);
  switch (change.event.action) {
    case CaseAction::submit: send_application(tx, kase, item); break;
    case CaseAction::supplement: {
      auto payload = supplement_payload(change.before, kase, change.event, context_.node.store(), context_.self);
      context_.send(tx, owner, type::case_supplement, kase.id, {"case", "documents"}, payload);
      break;
    }
    case CaseAction::withdraw:
      if (change.before.state != CaseState::draft)
        context_.send(tx, owner, type::case_status, kase.id, {"case"},
                      {{"event", event_json(change.event, context_.self)}});
      break;
    default: break;
  }
}

void OnlineAcrossBorders::send_application(store::Transaction& tx, const domain::Case& kase, const domain::Item& item) {
  auto account = tx.find_account_by_id(kase.applicant_id);
  if (!account || account->id_document_type.empty())
    throw domain::ProblemError("conflict",
                               "Only an applicant registered with an identity document can apply online "
                               "for another jurisdiction's item: this node vouches for that identity.");
  boost::json::object payload =
      sign_assertion(assertion_of(*account, context_.self, kase.id, context_.node.now_ms()), key_);
  boost::json::object form = crossing_form(item, kase.form_json);
  payload["item_code"] = kase.item_code;
  payload["channel"] = domain::to_string(kase.channel);
  payload["form"] = form;
  payload["materials"] = materials_json(kase.materials);
  payload["blobs"] = federation::blob_references(context_.node.store(), blob_ids(kase.materials));
  payload["delivery_method"] = kase.delivery_method;
  payload["consent"] = consent_json(kase);
  payload["history"] = history_json(tx, kase.id, context_.self);
  auto categories = data_categories(form, kase.materials);
  categories.push_back("identity");
  context_.send(tx, CrossBorderContext::owner_node(item), type::identity_assertion, kase.id, categories, payload);
}

// ---- owner side ----

void OnlineAcrossBorders::owner_changed(store::Transaction& tx, const node::CaseChange& change, const OriginRef& home) {
  boost::json::object payload{{"owner_case_id", change.after.id},
                              {"event", event_json(change.event, context_.self)},
                              {"result_note", change.after.result_note},
                              {"clock", clock_json(change.after.clock)},
                              {"delivery_method", change.after.delivery_method}};
  try {
    context_.send(tx, home.node, type::case_status, home.case_id, {"case"}, payload);
  } catch (const federation::OutboxRefused& refused) {
    throw domain::ProblemError("conflict", "The home node " + home.node + " cannot be told: " + refused.what());
  }
}

std::string OnlineAcrossBorders::applicant_record(store::Transaction& tx, const IdentityAssertion& assertion) {
  if (auto known = tx.find_account_by_document(assertion.id_document_type, assertion.id_document_number))
    if (known->role == domain::Role::applicant) return known->id;
  std::string id = "xa:" + assertion.home_node + ":" + assertion.subject;
  if (tx.find_account_by_id(id)) return id;
  store::AccountRecord shadow;
  shadow.id = id;
  shadow.kind = assertion.kind.empty() ? "natural_person" : assertion.kind;
  shadow.login = id;
  shadow.display_name = assertion.display_name;
  shadow.role = domain::Role::applicant;
  shadow.id_document_type = assertion.id_document_type;
  shadow.id_document_number = assertion.id_document_number;
  shadow.created_at_ms = context_.node.now_ms();
  shadow.disabled = true;  // a record of a vouched person; signing in happens at the home node
  tx.insert_account(shadow);
  return id;
}

void OnlineAcrossBorders::apply_assertion(const federation::Envelope& envelope, store::Transaction& tx) {
  PayloadReader payload(envelope);
  auto trust = trust_.current();
  const federation::Peer* peer = trust->find_peer(envelope.from);
  if (!peer) throw MessageRejected("assertion_invalid", envelope.from + " is not in our trust list");
  IdentityAssertion assertion = verified_assertion(payload.object(), peer->public_key);
  if (assertion.home_node != envelope.from || assertion.case_ref != envelope.case_ref)
    throw MessageRejected("assertion_invalid", "the assertion was made by another node or for another case");
  auto snapshot = context_.node.catalog();
  const domain::Item* item = snapshot->catalog.find_item(payload.text("item_code"));
  if (!item || !context_.is_ours(*item))
    throw MessageRejected("not_our_item", "item " + payload.text("item_code") + " is not decided by this node");
  if (!item->offers(domain::HandlingMode::online))
    throw MessageRejected("mode_not_offered", "item " + item->code + " is not offered online");
  const auto* jurisdiction = snapshot->catalog.find_jurisdiction(item->jurisdiction);
  auto document = domain::parse_id_document_type(assertion.id_document_type);
  bool accepted = jurisdiction && document &&
                  std::find(jurisdiction->accepted_documents.begin(), jurisdiction->accepted_documents.end(),
                            *document) != jurisdiction->accepted_documents.end();
  if (!accepted)
    throw MessageRejected("identity_not_accepted",
                          assertion.id_document_type + " is not accepted in " + item->jurisdiction);
  require_exact_consent(payload);
  boost::json::object form = checked_travelling_form(*item, payload.child("form"), snapshot->patterns);
  OriginRef home{envelope.from, envelope.case_ref};
  if (find_owner_copy(tx, home, kForwardKey)) return;

  std::string applicant = applicant_record(tx, assertion);
  auto blobs = federation::received_blobs(tx, payload.object().at("blobs"));
  domain::Case kase = incoming_case(*item, home, domain::HandlingMode::online, domain::Channel::web, payload, form,
                                    blobs, CaseState::submitted, context_.node.now_ms());
  domain::Case stored = tx.insert_case(kase, store::IdempotencyKey{std::string(kForwardKey), envelope.message_id}).kase;
  replay_history(tx, stored.id, payload.list("history"), home.node, remote_tag(home.node, home.case_id));
  domain::Event received;
  received.case_id = stored.id;
  received.actor_id = remote_actor(context_.self, "system");
  received.actor_role = domain::Role::admin;
  received.action = CaseAction::submit;
  received.from_state = received.to_state = CaseState::submitted;
  received.note = "received by " + context_.self + " as " + stored.id + " under " + stored.authority +
                  "; identity vouched by " + home.node + ": applicant record " + applicant + " (" +
                  assertion.id_document_type + ")";
  received.at_ms = stored.created_at_ms;
  domain::Event sealed = tx.seal_and_append(received, domain::seal);
  context_.send(tx, home.node, type::case_status, home.case_id, {"case"},
                {{"owner_case_id", stored.id}, {"event", event_json(sealed, context_.self)}});
}

}  // namespace tongban::crossborder
