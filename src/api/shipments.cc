// Routes of post (docs/post.md): shipments of a case, the carrier webhook, and the intake clerks' post tasks.
//   POST /api/v1/carriers/{carrier}/events   anonymous, but only with the carrier's HMAC signature
//                                            (post/webhook_signature.h); the body in the carrier's format
//                                            (post/carrier_adapter.h). Refused calls change nothing.
//   POST /api/v1/cases/{id}/shipments        staff register a shipment (node/post_desk.h decides who and when)
//   GET  /api/v1/cases/{id}/shipments        whoever may see the case: its shipments with their events
//   GET  /api/v1/shipment-tasks              a clerk's (or admin's) open post tasks
//   POST /api/v1/shipment-tasks/{id}/done    marks one done
#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>
#include <charconv>

#include "api/api.h"
#include "api/bind.h"
#include "api/json_input.h"
#include "node/post_desk.h"
#include "post/carrier_adapter.h"
#include "post/webhook_signature.h"

namespace tongban::api {
namespace {

using http::Request;
using http::Response;

constexpr std::size_t kWebhookBodyLimit = 256 * 1024;

boost::json::object event_json(const domain::ShipmentEvent& event) {
  boost::json::object json{{"event_id", event.event_id},
                           {"event", domain::to_string(event.event)},
                           {"status", domain::to_string(domain::status_of(event.event))},
                           {"at_ms", event.at_ms},
                           {"location", event.location},
                           {"received_at_ms", event.received_at_ms}};
  if (auto code = domain::upu_code_of(event.event); !code.empty()) json["upu_code"] = code;
  if (!event.reason.empty()) json["reason"] = event.reason;
  if (!event.proof.empty()) json["proof"] = event.proof;
  return json;
}

boost::json::object shipment_json(const store::ShipmentRecord& shipment, const domain::ShipmentTracking* tracking) {
  boost::json::object json{{"item_id", shipment.item_id},
                           {"carrier", shipment.carrier},
                           {"case_id", shipment.case_id},
                           {"kind", domain::to_string(shipment.kind)},
                           {"sender", shipment.sender},
                           {"recipient", shipment.recipient},
                           {"status", domain::to_string(shipment.status)},
                           {"created_at_ms", shipment.created_at_ms},
                           {"updated_at_ms", shipment.updated_at_ms}};
  if (!shipment.address.empty()) json["address"] = shipment.address;
  if (!shipment.origin_node.empty()) json["reported_by_node"] = shipment.origin_node;
  if (!shipment.served_on.empty()) json["served_on"] = shipment.served_on;
  boost::json::array events;
  if (tracking)
    for (const auto& event : tracking->events) events.push_back(event_json(event));
  json["events"] = std::move(events);
  return json;
}

Response carrier_events(ApiContext& context, const Request& request, const http::Caller&) {
  const std::string& carrier = request.path_params.at("carrier");
  auto secret = post::load_carrier_secret(context.node.config().data_dir, carrier);
  // An unknown carrier is answered like an unsigned call: nothing tells a caller which carrier names exist.
  if (!secret) throw domain::ProblemError("webhook-unsigned", "No signed call of a carrier this node knows.");
  auto verdict =
      post::verify_webhook(*secret, request.header(post::kTimestampHeader).value_or(""),
                           request.header(post::kSignatureHeader).value_or(""), request.body, context.node.now_ms());
  switch (verdict) {
    case post::WebhookVerdict::valid: break;
    case post::WebhookVerdict::unsigned_call:
    case post::WebhookVerdict::malformed:
      throw domain::ProblemError("webhook-unsigned",
                                 "Send X-Tongban-Timestamp (Unix seconds) and "
                                 "X-Tongban-Signature (v1=<hex HMAC-SHA256>).");
    case post::WebhookVerdict::stale:
      throw domain::ProblemError("webhook-stale", "The timestamp is more than " +
                                                      std::to_string(post::kReplayWindowSeconds) +
                                                      " seconds from the node's clock.");
    case post::WebhookVerdict::bad_signature:
      throw domain::ProblemError("webhook-signature-invalid", "The signature does not verify.");
  }
  std::vector<post::CarrierReport> reports;
  try {
    reports = post::adapter_for(carrier).parse_webhook(request.body);
  } catch (const post::CarrierPayloadError& error) {
    throw domain::ProblemError("validation-failed", error.what(), {{"events", "carrier_format", error.what()}});
  }
  node::PostDesk desk(context.node);
  auto outcome = desk.record_reports(carrier, reports);
  return Response::json_text(
      200, boost::json::serialize(boost::json::object{{"added", outcome.added}, {"duplicates", outcome.duplicates}}));
}

Response open_shipment(ApiContext& context, const Request& request, const http::Caller& caller) {
  JsonInput input(request.body);
  node::NewShipment shipment;
  auto kind = input.string("kind", true);
  shipment.carrier = input.string("carrier", true).value_or("");
  shipment.item_id = input.string("item_id", false).value_or("");
  shipment.recipient = input.string("recipient", false).value_or("");
  if (kind && !domain::parse_shipment_kind(*kind)) input.add_problem("kind", "enum", "kind is materials or result.");
  if (!shipment.carrier.empty() && !post::load_carrier_secret(context.node.config().data_dir, shipment.carrier))
    input.add_problem("carrier", "unknown_carrier", "This node has no carrier named '" + shipment.carrier + "'.");
  input.finish();
  shipment.kind = *domain::parse_shipment_kind(*kind);
  if (shipment.kind == domain::ShipmentKind::result && shipment.recipient.empty()) shipment.recipient = "applicant";
  node::PostDesk desk(context.node);
  auto stored = desk.open(caller.required(), request.path_params.at("id"), shipment);
  return Response::json_text(201, boost::json::serialize(shipment_json(stored, nullptr)))
      .set_header("Location", "/api/v1/cases/" + stored.case_id + "/shipments");
}

Response list_shipments(ApiContext& context, const Request& request, const http::Caller& caller) {
  node::PostDesk desk(context.node);
  boost::json::array shipments;
  for (const auto& view : desk.shipments(caller.required(), request.path_params.at("id")))
    shipments.push_back(shipment_json(view.shipment, &view.tracking));
  return Response::json_text(200, boost::json::serialize(boost::json::object{{"shipments", shipments}}));
}

boost::json::object task_json(const store::ShipmentTaskRecord& task) {
  return {{"id", task.id},
          {"item_id", task.item_id},
          {"event_id", task.event_id},
          {"case_id", task.case_id},
          {"service_point", task.service_point},
          {"event", domain::to_string(task.event)},
          {"reason", task.reason},
          {"created_at_ms", task.created_at_ms}};
}

Response list_tasks(ApiContext& context, const Request&, const http::Caller& caller) {
  node::PostDesk desk(context.node);
  boost::json::array tasks;
  for (const auto& task : desk.tasks(caller.required())) tasks.push_back(task_json(task));
  return Response::json_text(200, boost::json::serialize(boost::json::object{{"tasks", tasks}}));
}

Response close_task(ApiContext& context, const Request& request, const http::Caller& caller) {
  const std::string& text = request.path_params.at("id");
  std::int64_t id = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (error != std::errc() || end != text.data() + text.size() || id <= 0)
    throw domain::ProblemError("not-found", "No open task " + text + " in your queue.");
  node::PostDesk(context.node).close_task(caller.required(), id);
  return Response::json_text(200, boost::json::serialize(boost::json::object{{"id", id}, {"done", true}}));
}

}  // namespace

void add_shipment_routes(http::Router& router, ApiContext& context) {
  using domain::Role;
  using http::Access;
  http::Route webhook{"POST", "/api/v1/carriers/{carrier}/events", Access::everyone(), bind(context, carrier_events),
                      "A carrier reports tracking events (signed webhook)"};
  webhook.body_limit = kWebhookBodyLimit;
  router.add(std::move(webhook));
  router.add({"POST", "/api/v1/cases/{id}/shipments",
              Access::only({Role::clerk, Role::agent, Role::reviewer, Role::admin}), bind(context, open_shipment),
              "Register a shipment of materials or of the result"});
  router.add({"GET", "/api/v1/cases/{id}/shipments", Access::signed_in(), bind(context, list_shipments),
              "The shipments of a case you may see, with their tracking events"});
  router.add({"GET", "/api/v1/shipment-tasks", Access::only({Role::clerk, Role::agent, Role::admin}),
              bind(context, list_tasks), "Open post tasks (failed attempts, customs holds) of your service point"});
  router.add({"POST", "/api/v1/shipment-tasks/{id}/done", Access::only({Role::clerk, Role::agent, Role::admin}),
              bind(context, close_task), "Mark a post task done"});
}

}  // namespace tongban::api
