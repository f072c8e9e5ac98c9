#include "crossborder/delegated_handling.h"

#include <boost/json/serialize.hpp>

#include "crossborder/case_transfer.h"
#include "crossborder/receiving_checks.h"
#include "domain/audit_chain.h"
#include "domain/problem.h"

namespace tongban::crossborder {
namespace {

using domain::CaseState;
using federation::MessageRejected;
namespace type = federation::message_type;

constexpr std::string_view kResultKey = "case.result";

// From the decision on, the owner must hear of every step.
bool decided(CaseState state) {
  switch (state) {
    case CaseState::approved:
    case CaseState::rejected:
    case CaseState::not_accepted:
    case CaseState::result_issued:
    case CaseState::delivered:
    case CaseState::closed: return true;
    default: return false;
  }
}

}  // namespace

void DelegatedHandling::register_handlers(federation::MessageDispatch& dispatch) {
  dispatch.on(std::string(type::case_result), [this](const auto& e, auto& tx) { apply_result(e, tx); });
}

std::optional<std::string> DelegatedHandling::delegate_authority(const domain::Item& item) const {
  if (context_.is_ours(item) || !item.offers(domain::HandlingMode::delegated)) return std::nullopt;
  auto agreements = agreements_.current();
  const Delegation* delegation = agreements->delegation(item.authority, context_.self);
  if (!delegation) return std::nullopt;
  return delegation->delegate_authority;
}

bool DelegatedHandling::case_changed(store::Transaction& tx, const node::CaseChange& change) {
  if (change.after.mode != domain::HandlingMode::delegated) return false;
  if (auto origin = origin_of(change.after))
    throw domain::ProblemError("conflict", "Case " + change.after.id + " was decided under delegation by " +
                                               origin->node +
                                               "; this node keeps it as a record and does not act on it.");
  auto snapshot = context_.node.catalog();
  const domain::Item* item = snapshot->catalog.find_item(change.after.item_code);
  if (!item || context_.is_ours(*item)) return false;  // our own item in delegated mode: an ordinary local case
  if (decided(change.after.state)) send_result(tx, change, *item);
  return true;
}

void DelegatedHandling::send_result(store::Transaction& tx, const node::CaseChange& change, const domain::Item& item) {
  const domain::Case& kase = change.after;
  boost::json::object form = crossing_form(item, kase.form_json);
  boost::json::object payload{
      {"delegate_case_id", kase.id},
      {"item_code", kase.item_code},
      {"delegate_authority", kase.authority},
      {"channel", domain::to_string(kase.channel)},
      {"form", form},
      {"consent", consent_json(kase)},
      {"event", event_json(change.event, context_.self)},
      {"result_note", kase.result_note},
      {"delivery_method", kase.delivery_method},
      {"history", history_json(tx, kase.id, context_.self)},
  };
  try {
    context_.send(tx, CrossBorderContext::owner_node(item), type::case_result, kase.id, data_categories(form, {}),
                  payload);
  } catch (const federation::OutboxRefused& refused) {
    throw domain::ProblemError("conflict", "The owner " + item.jurisdiction + " cannot be told: " + refused.what());
  }
}

void DelegatedHandling::apply_result(const federation::Envelope& envelope, store::Transaction& tx) {
  PayloadReader payload(envelope);
  if (payload.text("delegate_case_id") != envelope.case_ref) reject_payload("delegate_case_id differs from case_ref");
  auto snapshot = context_.node.catalog();
  const domain::Item* item = snapshot->catalog.find_item(payload.text("item_code"));
  if (!item || !context_.is_ours(*item))
    throw MessageRejected("not_our_item", "item " + payload.text("item_code") + " is not decided by this node");
  if (!item->offers(domain::HandlingMode::delegated))
    throw MessageRejected("mode_not_offered", "item " + item->code + " is not offered for delegated handling");
  auto agreements = agreements_.current();
  const Delegation* delegation = agreements->delegation(item->authority, envelope.from);
  if (!delegation || delegation->delegate_authority != payload.text("delegate_authority"))
    throw MessageRejected("not_delegated", item->authority + " has not delegated " + item->code + " to " +
                                               envelope.from + " " + payload.text("delegate_authority"));
  auto record = find_owner_copy(tx, {envelope.from, envelope.case_ref}, kResultKey);
  if (!record) return create_record(envelope, tx, payload, *item, snapshot->patterns);
  if (record->item_code != item->code) reject_payload("the case's item changed");
  PayloadReader event(payload.child("event"));
  // The delegate's later steps (issue, deliver, close) follow the table from where our record is.
  require_possible_transition(*record, event.action("action"), event.state("from_state"), event.state("to_state"),
                              {domain::Role::reviewer, domain::Role::clerk, domain::Role::admin});
  record->result_note = payload.text_or("result_note", record->result_note);
  record->delivery_method = payload.text_or("delivery_method", record->delivery_method);
  record_remote_change(tx, *record, travelled_actor(envelope.from, event.text("actor")), event.role("actor_role"),
                       event.action("action"), event.state("to_state"),
                       remote_tag(envelope.from, envelope.case_ref) + event.text_or("note", ""), event.integer("at_ms"),
                       context_.node.now_ms());
}

void DelegatedHandling::create_record(const federation::Envelope& envelope, store::Transaction& tx,
                                      const PayloadReader& payload, const domain::Item& item,
                                      const catalog::FieldPatterns& patterns) {
  require_exact_consent(payload);
  boost::json::object form = checked_travelling_form(item, payload.child("form"), patterns);
  OriginRef origin{envelope.from, envelope.case_ref};
  PayloadReader event(payload.child("event"));
  // The first result is the decision itself: the record starts approved, rejected or not accepted.
  CaseState decided_state = event.state("to_state");
  if (decided_state != CaseState::approved && decided_state != CaseState::rejected &&
      decided_state != CaseState::not_accepted)
    throw MessageRejected("impossible_transition", "a delegated case is first recorded at its decision, not in " +
                                                       std::string(domain::to_string(decided_state)));
  domain::Case kase;
  kase.item_code = item.code;
  kase.applicant_id = remote_party(origin);
  kase.mode = domain::HandlingMode::delegated;
  kase.channel = domain::parse_channel(payload.text("channel")).value_or(domain::Channel::window);
  kase.authority = item.authority;
  kase.jurisdiction = item.jurisdiction;
  kase.form_json = boost::json::serialize(form);
  kase.state = decided_state;
  kase.result_note = payload.text_or("result_note", "");
  kase.delivery_method = payload.text_or("delivery_method", "");
  kase.created_at_ms = kase.updated_at_ms = context_.node.now_ms();
  domain::Case stored = tx.insert_case(kase, store::IdempotencyKey{std::string(kResultKey), envelope.message_id}).kase;
  replay_history(tx, stored.id, payload.list("history"), origin.node, remote_tag(origin.node, origin.case_id));
  domain::Event recorded;
  recorded.case_id = stored.id;
  recorded.actor_id = remote_actor(context_.self, "system");
  recorded.actor_role = domain::Role::admin;
  recorded.action = event.action("action");
  recorded.from_state = recorded.to_state = stored.state;
  recorded.note = "recorded by " + context_.self + " as " + stored.id + " under " + item.authority +
                  ": decided under delegation by " + payload.text("delegate_authority") + " at " + origin.node;
  recorded.at_ms = stored.created_at_ms;
  tx.seal_and_append(recorded, domain::seal);
}

}  // namespace tongban::crossborder
