#include "crossborder/joint_handling.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "crossborder/case_transfer.h"
#include "crossborder/receiving_checks.h"
#include "domain/audit_chain.h"
#include "domain/deadline.h"
#include "domain/problem.h"
#include "node/application_form.h"

namespace tongban::crossborder {
namespace {

using domain::CaseAction;
using domain::CaseState;
using federation::MessageRejected;
namespace type = federation::message_type;

constexpr std::string_view kRequestKey = "subcase.request";

bool is_decision(CaseState state) {
  return state == CaseState::approved || state == CaseState::rejected || state == CaseState::not_accepted;
}

// A parent that reached one of these states has its outcome; a sub-case rejection no longer changes it.
bool has_outcome(CaseState state) {
  switch (state) {
    case CaseState::rejected:
    case CaseState::not_accepted:
    case CaseState::withdrawn:
    case CaseState::result_issued:
    case CaseState::delivered:
    case CaseState::closed: return true;
    default: return false;
  }
}

// A sub-case not yet decided may still be withdrawn when its parent ends.
bool undecided(CaseState state) {
  return state == CaseState::submitted || state == CaseState::accepted || state == CaseState::in_review ||
         state == CaseState::supplement_requested;
}

std::string subcase_tag(std::string_view node, std::string_view subcase_id) {
  return "[subcase " + std::string(node) + " " + std::string(subcase_id) + "] ";
}

void refuse_outbox(const federation::OutboxRefused& refused, const std::string& peer) {
  throw domain::ProblemError("conflict", "The joint case cannot involve " + peer + ": " + refused.what());
}

// The materials of `after` for `partner`'s part that `before` did not hold, with their unprefixed ids.
std::vector<domain::CaseMaterial> added_part_materials(const domain::Case& before, const domain::Case& after,
                                                       const domain::Item& partner) {
  const std::string prefix = partner.code + ".";
  std::vector<domain::CaseMaterial> added;
  for (const auto& material : after.materials) {
    if (!material.material_id.starts_with(prefix)) continue;
    bool known = std::any_of(before.materials.begin(), before.materials.end(), [&](const auto& old) {
      return old.material_id == material.material_id && old.blob_sha256 == material.blob_sha256;
    });
    if (!known) added.push_back({material.material_id.substr(prefix.size()), material.blob_sha256});
  }
  return added;
}

// The material entries of a payload, unchecked against blobs (read_materials checks them once they arrived).
std::vector<domain::CaseMaterial> named_materials(const PayloadReader& payload) {
  std::vector<domain::CaseMaterial> materials;
  for (const auto& entry : payload.list("materials")) {
    if (!entry.is_object()) reject_payload("'materials' entries must be objects");
    PayloadReader material(entry.as_object());
    materials.push_back({material.text("material_id"), material.text("blob_sha256")});
  }
  return materials;
}

std::vector<federation::BlobReference> payload_blobs(const store::Reader& reader, const PayloadReader& payload) {
  const auto* blobs = payload.object().if_contains("blobs");
  if (!blobs) reject_payload("'blobs' is missing");
  return federation::received_blobs(reader, *blobs);
}

}  // namespace

void JointHandling::register_handlers(federation::MessageDispatch& dispatch) {
  dispatch.on(std::string(type::subcase_request), [this](const auto& e, auto& tx) { apply_request(e, tx); });
  dispatch.on(std::string(type::subcase_status), [this](const auto& e, auto& tx) { apply_status(e, tx); });
  dispatch.on(std::string(type::subcase_done), [this](const auto& e, auto& tx) { apply_done(e, tx); });
}

std::vector<const domain::Item*> JointHandling::partners(const domain::Catalog& catalog,
                                                         const domain::Item& item) const {
  std::vector<const domain::Item*> out;
  auto agreements = agreements_.current();
  const JointGroup* group = agreements->joint_group_of(item.code);
  if (!group) return out;
  for (const auto& code : group->items) {
    const domain::Item* other = catalog.find_item(code);
    if (other && other->jurisdiction != item.jurisdiction) out.push_back(other);
  }
  return out;
}

bool JointHandling::case_changed(store::Transaction& tx, const node::CaseChange& change) {
  if (change.after.mode != domain::HandlingMode::joint) return false;
  if (auto parent = origin_of(change.after)) {
    subcase_changed(tx, change, *parent);
    return true;
  }
  auto snapshot = context_.node.catalog();
  const domain::Item* item = snapshot->catalog.find_item(change.after.item_code);
  if (!item || !context_.is_ours(*item)) return false;
  parent_changed(tx, change, *item);
  return true;
}

// ---- parent side ----

void JointHandling::parent_changed(store::Transaction& tx, const node::CaseChange& change, const domain::Item& item) {
  const domain::Case& parent = change.after;
  switch (change.event.action) {
    case CaseAction::submit: send_requests(tx, parent, item); return;
    case CaseAction::supplement: send_supplements(tx, change, item); return;
    case CaseAction::issue_result: require_subcases_done(tx, parent, item); return;
    case CaseAction::reject:
    case CaseAction::not_accept:
    case CaseAction::withdraw: break;
    default: return;
  }
  if (change.before.state == CaseState::draft) return;  // withdrawn before submission: no sub-case exists
  auto snapshot = context_.node.catalog();
  for (const domain::Item* partner : partners(snapshot->catalog, item)) {
    try {
      context_.send(tx, partner->jurisdiction, type::subcase_status, parent.id, {"case"},
                    {{"parent_case_id", parent.id}, {"event", event_json(change.event, context_.self)}});
    } catch (const federation::OutboxRefused& refused) {
      refuse_outbox(refused, partner->jurisdiction);
    }
  }
}

void JointHandling::send_requests(store::Transaction& tx, const domain::Case& parent, const domain::Item& item) {
  auto snapshot = context_.node.catalog();
  auto linked = partners(snapshot->catalog, item);
  if (linked.empty())
    throw domain::ProblemError("conflict", "Item " + item.code + " is in no joint-handling agreement of this node.");
  // Each grouped item's part (node/application_form.h) must be complete by its own item's rules.
  boost::json::object answers = boost::json::parse(parent.form_json).as_object();
  std::vector<node::CheckedPart> parts;
  std::vector<domain::FieldError> problems;
  for (const domain::Item* partner : linked) {
    parts.push_back(node::check_joint_part(*partner, answers, parent.materials, true, snapshot->patterns));
    problems.insert(problems.end(), parts.back().problems.begin(), parts.back().problems.end());
  }
  for (const std::string& code : node::part_items(answers, parent.materials))
    if (std::none_of(linked.begin(), linked.end(), [&](const domain::Item* partner) { return partner->code == code; }))
      problems.push_back(
          {"form." + code, "not_joint_partner", "'" + code + "' is not grouped with " + item.code + "."});
  if (!problems.empty())
    throw domain::ProblemError("validation-failed",
                               "The joint application lacks what the other items of its group require.", problems);
  for (std::size_t i = 0; i < linked.size(); ++i) {
    const domain::Item* partner = linked[i];
    const node::CheckedPart& part = parts[i];
    boost::json::object payload{{"parent_case_id", parent.id},
                                {"parent_item", item.code},
                                {"item_code", partner->code},
                                {"channel", domain::to_string(parent.channel)},
                                {"form", part.answers},
                                {"materials", materials_json(part.materials)},
                                {"blobs", federation::blob_references(tx, blob_ids(part.materials))},
                                {"consent", consent_json(parent)},
                                {"applicant", remote_actor(context_.self, parent.applicant_id)}};
    try {
      context_.send(tx, partner->jurisdiction, type::subcase_request, parent.id,
                    data_categories(part.answers, part.materials), payload);
    } catch (const federation::OutboxRefused& refused) {
      refuse_outbox(refused, partner->jurisdiction);
    }
  }
}

void JointHandling::send_supplements(store::Transaction& tx, const node::CaseChange& change, const domain::Item& item) {
  auto snapshot = context_.node.catalog();
  for (const domain::Item* partner : partners(snapshot->catalog, item)) {
    auto added = added_part_materials(change.before, change.after, *partner);
    if (added.empty()) continue;
    boost::json::object payload{{"parent_case_id", change.after.id},
                                {"event", event_json(change.event, context_.self)},
                                {"materials", materials_json(added)},
                                {"blobs", federation::blob_references(tx, blob_ids(added))}};
    try {
      context_.send(tx, partner->jurisdiction, type::subcase_status, change.after.id, data_categories({}, added),
                    payload);
    } catch (const federation::OutboxRefused& refused) {
      refuse_outbox(refused, partner->jurisdiction);
    }
  }
}

std::optional<std::string> JointHandling::pending_subcase(const store::Reader& reader, const domain::Case& parent,
                                                          const domain::Item& item) const {
  auto snapshot = context_.node.catalog();
  auto events = reader.list_events(parent.id);
  for (const domain::Item* partner : partners(snapshot->catalog, item)) {
    std::string prefix = "[subcase " + partner->jurisdiction + " ";
    bool done = std::any_of(events.begin(), events.end(), [&](const domain::Event& e) {
      return e.note.starts_with(prefix) && e.note.find("] done: approved") != std::string::npos;
    });
    if (!done)
      return "The joint case completes only when every sub-case is done: the sub-case for " + partner->code + " at " +
             partner->jurisdiction + " is not approved yet.";
  }
  return std::nullopt;
}

std::optional<std::string> JointHandling::refusal(const store::Reader& reader, const domain::Case& kase,
                                                  domain::CaseAction action) const {
  if (kase.mode != domain::HandlingMode::joint || action != CaseAction::issue_result || origin_of(kase))
    return std::nullopt;
  auto snapshot = context_.node.catalog();
  const domain::Item* item = snapshot->catalog.find_item(kase.item_code);
  if (!item || !context_.is_ours(*item)) return std::nullopt;
  return pending_subcase(reader, kase, *item);
}

void JointHandling::require_subcases_done(const store::Reader& reader, const domain::Case& parent,
                                          const domain::Item& item) {
  if (auto pending = pending_subcase(reader, parent, item)) throw domain::ProblemError("conflict", *pending);
}

domain::Case JointHandling::parent_or_reject(const federation::Envelope& envelope, const store::Reader& reader,
                                             const std::string& subcase_item) const {
  auto parent = reader.find_case(envelope.case_ref);
  auto snapshot = context_.node.catalog();
  const domain::Item* item = parent ? snapshot->catalog.find_item(parent->item_code) : nullptr;
  const domain::Item* sub = snapshot->catalog.find_item(subcase_item);
  bool linked = false;
  if (parent && item && sub && parent->mode == domain::HandlingMode::joint && !origin_of(*parent) &&
      sub->jurisdiction == envelope.from)
    for (const domain::Item* partner : partners(snapshot->catalog, *item)) linked = linked || partner == sub;
  if (!linked)
    throw MessageRejected("not_case_owner", envelope.from + " holds no sub-case of a joint case " + envelope.case_ref +
                                                " of ours for item " + subcase_item);
  return *parent;
}

void JointHandling::apply_status(const federation::Envelope& envelope, store::Transaction& tx) {
  PayloadReader payload(envelope);
  if (!payload.object().contains("subcase_id")) return end_subcase(envelope, tx);  // the parent's side ended
  domain::Case parent = parent_or_reject(envelope, tx, payload.text("item_code"));
  PayloadReader event(payload.child("event"));
  CaseAction action = event.action("action");
  std::string note = subcase_tag(envelope.from, payload.text("subcase_id")) + event.text_or("note", "");
  CaseState to = parent.state;
  if (action == CaseAction::request_supplement) {
    // The owner's reviewer needs more: the joint case awaits the applicant's supplement for that item.
    std::string item_code = payload.text("item_code");
    note = subcase_tag(envelope.from, payload.text("subcase_id")) + "supplement requested for " + item_code +
           " (materials \"" + item_code + ".<material id>\"): " + event.text_or("note", "");
    if (parent.state == CaseState::accepted || parent.state == CaseState::in_review) {
      to = CaseState::supplement_requested;
      parent.clock = domain::pause_clock(parent.clock, context_.today_in(parent.jurisdiction));
    } else {
      note += " (the joint case is " + std::string(domain::to_string(parent.state)) + "; recorded only)";
    }
  }
  record_remote_change(tx, parent, travelled_actor(envelope.from, event.text("actor")), event.role("actor_role"),
                       action, to, note, event.integer("at_ms"), context_.node.now_ms());
}

void JointHandling::apply_done(const federation::Envelope& envelope, store::Transaction& tx) {
  PayloadReader payload(envelope);
  domain::Case parent = parent_or_reject(envelope, tx, payload.text("item_code"));
  PayloadReader event(payload.child("event"));
  CaseState outcome = payload.state("outcome");
  if (!is_decision(outcome)) reject_payload("'outcome' must be approved, rejected or not_accepted");
  std::string subcase = payload.text("subcase_id");
  std::string note = subcase_tag(envelope.from, subcase) + "done: " + std::string(domain::to_string(outcome));
  std::string reason = payload.text_or("reason", "");
  if (!reason.empty()) note += " — " + reason;
  CaseState to = parent.state;
  CaseAction action = CaseAction::approve;
  if (outcome != CaseState::approved) {
    action = CaseAction::reject;
    if (!has_outcome(parent.state)) {
      to = CaseState::rejected;
      parent.result_note = "Sub-case " + subcase + " at " + envelope.from + " (" + payload.text("item_code") +
                           ") was " + std::string(domain::to_string(outcome)) + ": " + reason;
    } else {
      note += " (the joint case had already reached its outcome; recorded only)";
    }
  }
  record_remote_change(tx, parent, travelled_actor(envelope.from, event.text("actor")), event.role("actor_role"),
                       action, to, note, event.integer("at_ms"), context_.node.now_ms());
}

// ---- sub-case side ----

void JointHandling::apply_request(const federation::Envelope& envelope, store::Transaction& tx) {
  PayloadReader payload(envelope);
  if (payload.text("parent_case_id") != envelope.case_ref) reject_payload("parent_case_id differs from case_ref");
  auto snapshot = context_.node.catalog();
  const domain::Item* item = snapshot->catalog.find_item(payload.text("item_code"));
  if (!item || !context_.is_ours(*item))
    throw MessageRejected("not_our_item", "item " + payload.text("item_code") + " is not decided by this node");
  if (!item->offers(domain::HandlingMode::joint))
    throw MessageRejected("mode_not_offered", "item " + item->code + " is not offered for joint handling");
  const domain::Item* parent_item = snapshot->catalog.find_item(payload.text("parent_item"));
  auto agreements = agreements_.current();
  const JointGroup* group = agreements->joint_group_of(item->code);
  bool grouped = parent_item && group && parent_item->jurisdiction == envelope.from &&
                 std::find(group->items.begin(), group->items.end(), parent_item->code) != group->items.end();
  if (!grouped)
    throw MessageRejected("not_joint", "no joint-handling agreement links " + payload.text("parent_item") + " at " +
                                           envelope.from + " with " + item->code);
  require_exact_consent(payload);
  // The answers and materials are the sub-case item's own part of the joint application: checked against its rules.
  boost::json::object form = checked_travelling_form(*item, payload.child("form"), snapshot->patterns);
  require_item_materials(*item, named_materials(payload));
  OriginRef parent{envelope.from, envelope.case_ref};
  if (find_owner_copy(tx, parent, kRequestKey)) return;
  auto blobs = payload_blobs(tx, payload);

  domain::Case kase = incoming_case(*item, parent, domain::HandlingMode::joint, domain::Channel::web, payload, form,
                                    blobs, CaseState::submitted, context_.node.now_ms());
  domain::Case stored = tx.insert_case(kase, store::IdempotencyKey{std::string(kRequestKey), envelope.message_id}).kase;
  domain::Event submitted;
  submitted.case_id = stored.id;
  submitted.actor_id = travelled_actor(envelope.from, payload.text("applicant"));
  submitted.actor_role = domain::Role::applicant;
  submitted.action = CaseAction::submit;
  submitted.from_state = CaseState::draft;
  submitted.to_state = CaseState::submitted;
  submitted.note = remote_tag(parent.node, parent.case_id) + "sub-case of joint case " + parent.case_id + " (" +
                   parent_item->code + "); consent to cross-border transfer recorded";
  submitted.at_ms = stored.created_at_ms;
  domain::Event sealed = tx.seal_and_append(submitted, domain::seal);
  context_.send(tx, parent.node, type::subcase_status, parent.case_id, {"case"},
                {{"subcase_id", stored.id}, {"item_code", item->code}, {"event", event_json(sealed, context_.self)}});
}

void JointHandling::end_subcase(const federation::Envelope& envelope, store::Transaction& tx) {
  auto sub = find_owner_copy(tx, {envelope.from, envelope.case_ref}, kRequestKey);
  if (!sub)
    throw MessageRejected("not_case_owner", envelope.from + " requested no sub-case " + envelope.case_ref + " here");
  PayloadReader payload(envelope);
  PayloadReader event(payload.child("event"));
  CaseAction action = event.action("action");
  if (action == CaseAction::supplement) return apply_parent_supplement(envelope, tx, *sub);
  if (action != CaseAction::reject && action != CaseAction::not_accept && action != CaseAction::withdraw)
    throw MessageRejected("not_case_owner", "the parent's node only tells that the joint case ended");
  bool open = undecided(sub->state);
  record_remote_change(tx, *sub, travelled_actor(envelope.from, event.text("actor")), event.role("actor_role"),
                       CaseAction::withdraw, open ? CaseState::withdrawn : sub->state,
                       remote_tag(envelope.from, envelope.case_ref) + "the joint case ended (" +
                           std::string(domain::to_string(action)) + ")" + (open ? "" : "; recorded only"),
                       event.integer("at_ms"), context_.node.now_ms());
}

void JointHandling::apply_parent_supplement(const federation::Envelope& envelope, store::Transaction& tx,
                                            domain::Case sub) {
  PayloadReader payload(envelope);
  PayloadReader event(payload.child("event"));
  auto snapshot = context_.node.catalog();
  const domain::Item* item = snapshot->catalog.find_item(sub.item_code);
  if (!item) throw MessageRejected("not_our_item", "item " + sub.item_code + " is no longer in the catalog");
  std::vector<domain::CaseMaterial> materials = sub.materials;
  for (const auto& material : named_materials(payload)) {
    std::erase_if(materials, [&](const auto& m) { return m.material_id == material.material_id; });
    materials.push_back(material);
  }
  require_item_materials(*item, materials);
  read_materials(payload, payload_blobs(tx, payload));  // every blob named has arrived (else retried later)
  sub.materials = std::move(materials);
  CaseState to = sub.state;
  std::string late;
  if (sub.state == CaseState::supplement_requested) {
    to = CaseState::in_review;
    auto today = context_.today_in(sub.jurisdiction);
    auto calendar = context_.node.calendar(sub.jurisdiction);
    if (calendar && calendar->covers(today)) sub.clock = domain::resume_clock(sub.clock, today, *calendar);
  } else {
    late = " (arrived while the sub-case was " + std::string(domain::to_string(sub.state)) + "; materials added)";
  }
  record_remote_change(tx, sub, travelled_actor(envelope.from, event.text("actor")), event.role("actor_role"),
                       CaseAction::supplement, to,
                       remote_tag(envelope.from, envelope.case_ref) + "supplement of the joint case" + late,
                       event.integer("at_ms"), context_.node.now_ms());
}

void JointHandling::subcase_changed(store::Transaction& tx, const node::CaseChange& change, const OriginRef& parent) {
  const domain::Case& sub = change.after;
  bool done = is_decision(sub.state) && change.before.state != sub.state;
  boost::json::object payload{
      {"subcase_id", sub.id}, {"item_code", sub.item_code}, {"event", event_json(change.event, context_.self)}};
  if (done) {
    payload["outcome"] = domain::to_string(sub.state);
    // The reviewer's note is the reason (required for reject and not_accept; not_accept sets no result note).
    payload["reason"] = change.event.note.empty() ? sub.result_note : change.event.note;
  }
  try {
    context_.send(tx, parent.node, done ? type::subcase_done : type::subcase_status, parent.case_id, {"case"}, payload);
  } catch (const federation::OutboxRefused& refused) {
    refuse_outbox(refused, parent.node);
  }
}

}  // namespace tongban::crossborder
