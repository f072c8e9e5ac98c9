#include "crossborder/remote_intake.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "crossborder/case_transfer.h"
#include "crossborder/payload.h"
#include "crossborder/receiving_checks.h"
#include "domain/audit_chain.h"
#include "domain/case_lifecycle.h"
#include "domain/deadline.h"
#include "domain/problem.h"
#include "federation/blob_transfer.h"

namespace tongban::crossborder {
namespace {

using domain::CaseAction;
using domain::CaseState;
using federation::MessageRejected;
namespace type = federation::message_type;

constexpr std::string_view kForwardKey = "case.forward";

// The owner copy of (sender, case_ref), or MessageRejected when the sender has none with us.
domain::Case owner_copy_or_reject(const store::Reader& reader, const federation::Envelope& envelope) {
  auto kase = find_owner_copy(reader, {envelope.from, envelope.case_ref}, kForwardKey);
  if (!kase)
    throw MessageRejected("not_case_owner", envelope.from + " has forwarded no case " + envelope.case_ref + " to us");
  return *kase;
}

// The owner's working-day clock, so the origin shows the same deadlines (and can resume it on a supplement).
domain::CaseClock read_clock(const PayloadReader& payload) {
  if (!payload.object().contains("clock")) return {};
  PayloadReader clock(payload.child("clock"));
  auto date = [&](std::string_view name) -> std::optional<domain::CalendarDate> {
    std::string text = clock.text(name);
    if (text.empty()) return std::nullopt;
    auto parsed = domain::parse_date(text);
    if (!parsed) reject_payload("clock." + std::string(name) + " is not a date");
    return parsed;
  };
  domain::CaseClock out;
  out.started_on = date("started_on");
  out.paused_on = date("paused_on");
  out.legal_due = date("legal_due");
  out.promised_due = date("promised_due");
  out.paused_working_days = static_cast<int>(clock.integer("paused_working_days"));
  return out;
}

}  // namespace

void RemoteIntake::register_handlers(federation::MessageDispatch& dispatch) {
  dispatch.on(std::string(type::case_forward), [this](const auto& e, auto& tx) { apply_forward(e, tx); });
  dispatch.on(std::string(type::case_status), [this](const auto& e, auto& tx) { apply_status(e, tx); });
  dispatch.on(std::string(type::case_supplement), [this](const auto& e, auto& tx) { apply_supplement(e, tx); });
  dispatch.on(std::string(type::delivery_update), [this](const auto& e, auto& tx) { apply_delivery(e, tx); });
}

bool RemoteIntake::case_changed(store::Transaction& tx, const node::CaseChange& change) {
  if (change.after.mode != domain::HandlingMode::remote_intake) return false;
  if (auto origin = origin_of(change.after)) {
    owner_changed(tx, change, *origin);
    return true;
  }
  auto snapshot = context_.node.catalog();
  const domain::Item* item = snapshot->catalog.find_item(change.after.item_code);
  if (!item || context_.is_ours(*item)) return false;  // our own item taken in at our own point: nothing crosses
  origin_changed(tx, change, *item);
  return true;
}

// ---- origin side ----

void RemoteIntake::origin_changed(store::Transaction& tx, const node::CaseChange& change, const domain::Item& item) {
  const domain::Case& kase = change.after;
  const std::string& owner = CrossBorderContext::owner_node(item);
  try {
    switch (change.event.action) {
      case CaseAction::forward: send_forward(tx, kase, item); break;
      case CaseAction::supplement: {
        auto payload = supplement_payload(change.before, kase, change.event, context_.node.store(), context_.self);
        context_.send(tx, owner, type::case_supplement, kase.id, {"case", "documents"}, payload);
        break;
      }
      case CaseAction::deliver:
        context_.send(tx, owner, type::delivery_update, kase.id, {"case"},
                      {{"event", event_json(change.event, context_.self)}, {"delivery_method", kase.delivery_method}});
        break;
      case CaseAction::withdraw:
        context_.send(tx, owner, type::case_status, kase.id, {"case"},
                      {{"event", event_json(change.event, context_.self)}});
        break;
      default: break;  // submit, check_intake: still ours alone
    }
  } catch (const federation::OutboxRefused& refused) {
    throw domain::ProblemError("conflict", "This case cannot go to " + owner + ": " + refused.what());
  }
}

void RemoteIntake::send_forward(store::Transaction& tx, const domain::Case& kase, const domain::Item& item) {
  boost::json::array history;
  for (const auto& event : tx.list_events(kase.id)) history.push_back(event_json(event, context_.self));
  boost::json::object form = crossing_form(item, kase.form_json);
  boost::json::object payload{
      {"origin_case_id", kase.id},
      {"item_code", kase.item_code},
      {"channel", domain::to_string(kase.channel)},
      {"intake_point", kase.intake_point},
      {"form", form},
      {"materials", materials_json(kase.materials)},
      {"blobs", federation::blob_references(context_.node.store(), blob_ids(kase.materials))},
      {"delivery_method", kase.delivery_method},
      {"consent", {{"to_transfer", true}, {"recorded_at_ms", kase.created_at_ms}, {"recorded_by", "applicant"}}},
      {"history", history},
  };
  std::vector<std::string> categories{"case"};
  if (!form.empty()) categories.push_back("personal");
  if (!kase.materials.empty()) categories.push_back("documents");
  context_.send(tx, CrossBorderContext::owner_node(item), type::case_forward, kase.id, categories, payload);
}

void RemoteIntake::apply_status(const federation::Envelope& envelope, store::Transaction& tx) {
  // Either the owner tells the origin (our case, their item) or the origin tells the owner (a withdrawal).
  if (auto kase = tx.find_case(envelope.case_ref); kase && !origin_of(*kase)) {
    auto snapshot = context_.node.catalog();
    const domain::Item* item = snapshot->catalog.find_item(kase->item_code);
    // Online cross-border cases (crossborder/online_across_borders.h) are mirrored the same way.
    bool mirrored = kase->mode == domain::HandlingMode::remote_intake || kase->mode == domain::HandlingMode::online;
    if (mirrored && item && item->jurisdiction == envelope.from) {
      mirror_owner_status(envelope, tx, *kase);
      return;
    }
  }
  domain::Case copy = owner_copy_or_reject(tx, envelope);
  PayloadReader event(PayloadReader(envelope).child("event"));
  if (event.action("action") != CaseAction::withdraw)
    throw MessageRejected("not_case_owner", "the origin may only withdraw; " + envelope.from + " does not decide");
  domain::Actor applicant{copy.applicant_id, domain::Role::applicant, "", ""};
  auto decision = domain::decide(copy, applicant, CaseAction::withdraw);
  CaseState to = decision.allowed ? decision.to : copy.state;
  record_remote_change(tx, copy, travelled_actor(envelope.from, event.text("actor")), domain::Role::applicant,
                       CaseAction::withdraw, to,
                       remote_tag(envelope.from, envelope.case_ref) + event.text_or("note", "") +
                           (decision.allowed ? "" : " (arrived after the case was decided; recorded only)"),
                       event.integer("at_ms"), context_.node.now_ms());
}

void RemoteIntake::mirror_owner_status(const federation::Envelope& envelope, store::Transaction& tx,
                                       domain::Case kase) {
  PayloadReader payload(envelope);
  PayloadReader event(payload.child("event"));
  std::string owner_case = payload.text("owner_case_id");
  kase.result_note = payload.text_or("result_note", kase.result_note);
  if (payload.object().contains("clock")) kase.clock = read_clock(payload);
  std::string method = payload.text_or("delivery_method", "");
  if (!method.empty()) kase.delivery_method = method;
  // The owner decides: our copy follows only steps its reviewers (or admin, closing) can make from where we are.
  require_possible_transition(kase, event.action("action"), event.state("from_state"), event.state("to_state"),
                              {domain::Role::reviewer, domain::Role::admin});
  record_remote_change(tx, kase, travelled_actor(envelope.from, event.text("actor")), event.role("actor_role"),
                       event.action("action"), event.state("to_state"),
                       remote_tag(envelope.from, owner_case) + event.text_or("note", ""), event.integer("at_ms"),
                       context_.node.now_ms());
}

// ---- owner side ----

void RemoteIntake::apply_forward(const federation::Envelope& envelope, store::Transaction& tx) {
  PayloadReader payload(envelope);
  if (payload.text("origin_case_id") != envelope.case_ref) reject_payload("origin_case_id differs from case_ref");
  auto snapshot = context_.node.catalog();
  const domain::Item* item = snapshot->catalog.find_item(payload.text("item_code"));
  if (!item || !context_.is_ours(*item))
    throw MessageRejected("not_our_item", "item " + payload.text("item_code") + " is not decided by this node");
  if (!item->offers(domain::HandlingMode::remote_intake))
    throw MessageRejected("mode_not_offered", "item " + item->code + " is not offered for remote intake");
  // Validated like a local application taken in at the sender's window (crossborder/receiving_checks.h).
  require_exact_consent(payload);
  require_hosted(context_.zones_in_force(snapshot->catalog), envelope.from, *item);
  require_sender_point(snapshot->catalog, envelope.from, payload.text("intake_point"), *item);
  boost::json::object form = checked_travelling_form(*item, payload.child("form"), snapshot->patterns);
  OriginRef origin{envelope.from, envelope.case_ref};
  if (find_owner_copy(tx, origin, kForwardKey)) return;  // cannot happen twice: the inbox applies once

  auto blobs = federation::received_blobs(tx, payload.object().at("blobs"));
  domain::Case kase = incoming_case(*item, origin, domain::HandlingMode::remote_intake, domain::Channel::window,
                                    payload, form, blobs, CaseState::forwarded, context_.node.now_ms());
  kase.intake_point = payload.text("intake_point");
  domain::Case stored = tx.insert_case(kase, store::IdempotencyKey{std::string(kForwardKey), envelope.message_id}).kase;

  for (const auto& entry : payload.list("history")) {
    if (!entry.is_object()) reject_payload("'history' entries must be objects");
    append_travelled_event(tx, stored.id, PayloadReader(entry.as_object()), origin.node,
                           remote_tag(origin.node, origin.case_id));
  }
  // Tell the origin under which id we hold it (its copy stays `forwarded`).
  domain::Event received;
  received.actor_id = remote_actor(context_.self, "system");
  received.actor_role = domain::Role::admin;
  received.action = CaseAction::forward;
  received.from_state = received.to_state = CaseState::forwarded;
  received.note = "received by " + context_.self + " as " + stored.id + " under " + stored.authority;
  received.at_ms = stored.created_at_ms;
  received.case_id = stored.id;
  tx.seal_and_append(received, domain::seal);
  context_.send(tx, origin.node, type::case_status, origin.case_id, {"case"},
                {{"owner_case_id", stored.id}, {"event", event_json(received, context_.self)}});
}

void RemoteIntake::apply_supplement(const federation::Envelope& envelope, store::Transaction& tx) {
  domain::Case copy = owner_copy_or_reject(tx, envelope);
  PayloadReader payload(envelope);
  PayloadReader event(payload.child("event"));
  auto blobs = federation::received_blobs(tx, payload.object().at("blobs"));
  for (const auto& material : read_materials(payload, blobs)) {
    std::erase_if(copy.materials, [&](const auto& m) { return m.material_id == material.material_id; });
    copy.materials.push_back(material);
  }
  CaseState to = copy.state;
  std::string late;
  if (copy.state == CaseState::supplement_requested) {
    to = CaseState::in_review;
    auto calendar = context_.node.calendar(copy.jurisdiction);
    if (calendar && calendar->covers(context_.today_in(copy.jurisdiction)))
      copy.clock = domain::resume_clock(copy.clock, context_.today_in(copy.jurisdiction), *calendar);
  } else {
    late = " (arrived while the case was " + std::string(domain::to_string(copy.state)) + "; materials added)";
  }
  record_remote_change(tx, copy, travelled_actor(envelope.from, event.text("actor")), event.role("actor_role"),
                       CaseAction::supplement, to,
                       remote_tag(envelope.from, envelope.case_ref) + event.text_or("note", "") + late,
                       event.integer("at_ms"), context_.node.now_ms());
}

void RemoteIntake::apply_delivery(const federation::Envelope& envelope, store::Transaction& tx) {
  domain::Case copy = owner_copy_or_reject(tx, envelope);
  PayloadReader payload(envelope);
  PayloadReader event(payload.child("event"));
  copy.delivery_method = payload.text("delivery_method");
  bool in_order = copy.state == CaseState::result_issued;
  record_remote_change(tx, copy, travelled_actor(envelope.from, event.text("actor")), event.role("actor_role"),
                       CaseAction::deliver, in_order ? CaseState::delivered : copy.state,
                       remote_tag(envelope.from, envelope.case_ref) + "delivered at the intake window (" +
                           copy.delivery_method + ")" + (in_order ? "" : "; recorded only"),
                       event.integer("at_ms"), context_.node.now_ms());
}

void RemoteIntake::owner_changed(store::Transaction& tx, const node::CaseChange& change, const OriginRef& origin) {
  boost::json::object payload{{"owner_case_id", change.after.id},
                              {"event", event_json(change.event, context_.self)},
                              {"result_note", change.after.result_note},
                              {"clock", clock_json(change.after.clock)},
                              {"delivery_method", change.after.delivery_method}};
  try {
    context_.send(tx, origin.node, type::case_status, origin.case_id, {"case"}, payload);
  } catch (const federation::OutboxRefused& refused) {
    throw domain::ProblemError("conflict", "The origin node " + origin.node + " cannot be told: " + refused.what());
  }
}

}  // namespace tongban::crossborder
