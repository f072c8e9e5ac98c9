#include "crossborder/shipment_sync.h"

#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>

#include "crossborder/case_refs.h"
#include "crossborder/payload.h"
#include "domain/problem.h"
#include "domain/s10_item_id.h"
#include "node/post_desk.h"
#include "post/carrier_adapter.h"

namespace tongban::crossborder {
namespace {

using federation::MessageRejected;

constexpr std::string_view kForwardKey = "case.forward";  // the owner copies of remote intake and online cases

// The modes whose two copies are paired by case.forward (crossborder/remote_intake.h, online_across_borders.h).
bool paired_mode(const domain::Case& kase) {
  return kase.mode == domain::HandlingMode::remote_intake || kase.mode == domain::HandlingMode::online;
}

struct OtherNode {
  std::string node;
  std::string case_ref;  // the origin's case id, as every message of the case
};

std::optional<OtherNode> other_node_of(const CrossBorderContext& context, const domain::Case& kase) {
  if (!paired_mode(kase)) return std::nullopt;
  if (auto origin = origin_of(kase)) return OtherNode{origin->node, origin->case_id};
  auto snapshot = context.node.catalog();
  const domain::Item* item = snapshot->catalog.find_item(kase.item_code);
  if (!item || context.is_ours(*item)) return std::nullopt;
  return OtherNode{CrossBorderContext::owner_node(*item), kase.id};
}

boost::json::object event_json(const domain::ShipmentEvent& event) {
  return {{"event_id", event.event_id}, {"event", domain::to_string(event.event)},
          {"at_ms", event.at_ms},       {"location", event.location},
          {"reason", event.reason},     {"proof", event.proof}};
}

domain::ShipmentEvent read_event(const boost::json::value& value) {
  if (!value.is_object()) reject_payload("every event must be an object");
  PayloadReader reader(value.as_object());
  domain::ShipmentEvent event;
  event.event_id = reader.text("event_id");
  auto kind = domain::parse_postal_event(reader.text("event"));
  if (!kind) reject_payload("event " + event.event_id + ": 'event' is not a postal event");
  event.event = *kind;
  event.at_ms = reader.integer("at_ms");
  event.location = reader.text_or("location", "");
  event.reason = reader.text_or("reason", "");
  event.proof = reader.text_or("proof", "");
  if (auto problem = domain::shipment_event_problem(event); !problem.empty())
    reject_payload("event " + event.event_id + ": " + problem + " is not acceptable");
  return event;
}

// The case of ours that the sender's case_ref pairs with (see the header), or MessageRejected.
domain::Case paired_case(const store::Reader& reader, const CrossBorderContext& context,
                         const federation::Envelope& envelope) {
  if (auto kase = reader.find_case(envelope.case_ref); kase && !origin_of(*kase) && paired_mode(*kase)) {
    auto snapshot = context.node.catalog();
    const domain::Item* item = snapshot->catalog.find_item(kase->item_code);
    if (item && item->jurisdiction == envelope.from) return *kase;  // our case, the sender's item
  }
  if (auto copy = find_owner_copy(reader, {envelope.from, envelope.case_ref}, kForwardKey)) return *copy;
  throw MessageRejected("not_case_owner", envelope.from + " shares no case " + envelope.case_ref + " with us");
}

}  // namespace

void ShipmentSync::register_handlers(federation::MessageDispatch& dispatch) {
  dispatch.on(std::string(federation::message_type::shipment_update),
              [this](const auto& envelope, auto& tx) { apply_update(envelope, tx); });
}

void ShipmentSync::shipment_changed(store::Transaction& tx, const domain::Case& kase,
                                    const store::ShipmentRecord& shipment,
                                    const std::vector<domain::ShipmentEvent>& added) const {
  auto other = other_node_of(context_, kase);
  if (!other) return;
  boost::json::array events;
  for (const auto& event : added) events.push_back(event_json(event));
  boost::json::object payload{{"shipment",
                               {{"item_id", shipment.item_id},
                                {"carrier", shipment.carrier},
                                {"kind", domain::to_string(shipment.kind)},
                                {"sender", shipment.sender},
                                {"recipient", shipment.recipient},
                                {"created_at_ms", shipment.created_at_ms}}},
                              {"events", std::move(events)}};
  try {
    context_.send(tx, other->node, federation::message_type::shipment_update, other->case_ref, {"case"}, payload);
  } catch (const federation::OutboxRefused& refused) {
    throw domain::ProblemError(
        "conflict", "The node " + other->node + " cannot be told of the shipment: " + std::string(refused.what()));
  }
}

void ShipmentSync::apply_update(const federation::Envelope& envelope, store::Transaction& tx) const {
  domain::Case kase = paired_case(tx, context_, envelope);
  PayloadReader payload(envelope);
  PayloadReader about(payload.child("shipment"));
  store::ShipmentRecord shipment;
  shipment.item_id = about.text("item_id");
  if (auto problem = domain::s10_problem(shipment.item_id); !problem.empty())
    reject_payload("item_id is not an S10 item id (" + problem + ")");
  shipment.carrier = about.text("carrier");
  if (!post::valid_carrier_name(shipment.carrier)) reject_payload("'carrier' is not a carrier name ([a-z0-9-]{1,32})");
  auto kind = domain::parse_shipment_kind(about.text("kind"));
  if (!kind) reject_payload("'kind' is not a shipment kind");
  shipment.kind = *kind;
  shipment.sender = about.text("sender");
  shipment.recipient = about.text("recipient");
  // Who sends and who receives follows from the case as we hold it, exactly as node/post_desk.cc sets them for a
  // shipment opened here: a peer may not name anyone else.
  const bool materials = shipment.kind == domain::ShipmentKind::materials;
  const std::string& expected_sender = materials ? kase.intake_point : kase.authority;
  const bool recipient_ok = materials ? shipment.recipient == kase.authority
                                      : shipment.recipient == "applicant" ||
                                            (!kase.intake_point.empty() && shipment.recipient == kase.intake_point);
  if (shipment.sender != expected_sender || !recipient_ok)
    reject_payload("'sender' and 'recipient' are not those of a " + std::string(domain::to_string(shipment.kind)) +
                   " shipment of case " + envelope.case_ref);
  shipment.created_at_ms = about.integer("created_at_ms");
  shipment.case_id = kase.id;
  shipment.origin_node = envelope.from;
  std::vector<domain::ShipmentEvent> events;
  for (const auto& value : payload.list("events")) events.push_back(read_event(value));

  if (auto known = tx.find_shipment(shipment.item_id)) {
    if (known->case_id != kase.id || known->origin_node != envelope.from)
      throw MessageRejected("not_case_owner", "item " + shipment.item_id + " is not " + envelope.from +
                                                  "'s shipment of case " + envelope.case_ref);
    shipment = *known;
  } else {
    shipment.updated_at_ms = context_.node.now_ms();
    tx.insert_shipment(shipment);
  }
  node::apply_shipment_events(tx, context_.node, shipment, std::move(events),
                              travelled_actor(envelope.from, "carrier:" + shipment.carrier), /*from_peer=*/true);
}

}  // namespace tongban::crossborder
