#include "node/post_desk.h"

#include <algorithm>
#include <random>

#include "domain/audit_chain.h"
#include "domain/calendar_date.h"
#include "domain/case_lifecycle.h"
#include "domain/problem.h"
#include "domain/s10_item_id.h"
#include "node/case_desk.h"
#include "node/case_record.h"

namespace tongban::node {
namespace {

using domain::CaseAction;
using domain::CaseState;
using domain::PostalEvent;
using domain::ProblemError;

[[noreturn]] void invalid(std::string field, std::string rule, std::string message) {
  throw ProblemError("validation-failed", message, {{std::move(field), std::move(rule), message}});
}

bool valid_carrier_name(std::string_view name) {
  if (name.empty() || name.size() > 32) return false;
  return std::all_of(name.begin(), name.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
}

// The node's two-letter country for S10 ids: the jurisdiction's first part ("CN-GD-JM" -> "CN", "MO", "HK").
std::string country_of(std::string_view jurisdiction) {
  std::string country(jurisdiction.substr(0, 2));
  if (country.size() != 2 || !std::all_of(country.begin(), country.end(), [](char c) { return c >= 'A' && c <= 'Z'; }))
    return "ZZ";
  return country;
}

// The intake point when it is one of this node's service points; "" otherwise (a foreign window, or none).
std::string local_point(const Node& node, const domain::Case& kase) {
  if (kase.intake_point.empty()) return "";
  auto snapshot = node.catalog();
  const auto* point = snapshot->catalog.find_service_point(kase.intake_point);
  return point && point->jurisdiction == node.config().jurisdiction ? kase.intake_point : "";
}

std::string note_of(const store::ShipmentRecord& shipment, const domain::ShipmentEvent& event) {
  std::string note = "post:" + std::string(domain::to_string(event.event)) + " item=" + shipment.item_id +
                     " kind=" + std::string(domain::to_string(shipment.kind));
  if (event.event == PostalEvent::delivered && !shipment.served_on.empty()) note += " served_on=" + shipment.served_on;
  if (!event.reason.empty()) note += " reason=" + event.reason;
  if (!event.proof.empty()) note += " proof=" + event.proof;
  return note;
}

}  // namespace

std::vector<domain::ShipmentEvent> apply_shipment_events(store::Transaction& tx, Node& node,
                                                         store::ShipmentRecord shipment,
                                                         std::vector<domain::ShipmentEvent> events,
                                                         const std::string& actor_id, bool from_peer) {
  const std::int64_t now = node.now_ms();
  domain::ShipmentTracking tracking = domain::fold_shipment(tx.list_shipment_events(shipment.item_id));
  std::sort(events.begin(), events.end(), [](const auto& a, const auto& b) { return a.at_ms < b.at_ms; });
  std::vector<domain::ShipmentEvent> added;
  for (auto event : events) {
    event.received_at_ms = now;
    auto step = domain::add_shipment_event(tracking, event);
    if (step.outcome == domain::FoldStep::Outcome::conflict)
      throw ProblemError("conflict", "Event " + event.event_id + " of item " + shipment.item_id +
                                         " is known with other content; an event id names one event.");
    if (step.outcome == domain::FoldStep::Outcome::duplicate) continue;
    tx.insert_shipment_event(shipment.item_id, event);
    tracking = std::move(step.after);
    added.push_back(event);
  }
  if (added.empty()) return added;

  auto kase = tx.find_case(shipment.case_id);
  if (!kase) throw ProblemError("not-found", "No case " + shipment.case_id + ".");
  const bool shipment_open =
      tracking.status != domain::ShipmentStatus::delivered && tracking.status != domain::ShipmentStatus::returned;
  for (const auto& event : added) {
    switch (event.event) {
      case PostalEvent::delivered: {
        if (!tracking.delivery || tracking.delivery->event_id != event.event_id) break;  // a second delivery scan
        CaseState to = kase->state;
        if (shipment.kind == domain::ShipmentKind::result) {
          if (shipment.served_on.empty())
            shipment.served_on =
                domain::format_date(domain::local_date(event.at_ms, node.utc_offset_minutes(kase->jurisdiction)));
          if (kase->state == CaseState::result_issued) to = CaseState::delivered;
        }
        *kase = record_case_event(
            tx, *kase,
            {actor_id, domain::Role::admin, CaseAction::shipment_delivered, to, note_of(shipment, event), event.at_ms},
            now);
        break;
      }
      case PostalEvent::failed_attempt:
      case PostalEvent::held_by_customs: {
        const CaseAction action = event.event == PostalEvent::failed_attempt ? CaseAction::shipment_failed_attempt
                                                                             : CaseAction::shipment_held_by_customs;
        *kase = record_case_event(
            tx, *kase, {actor_id, domain::Role::admin, action, kase->state, note_of(shipment, event), event.at_ms},
            now);
        if (shipment_open) {
          store::ShipmentTaskRecord task;
          task.item_id = shipment.item_id;
          task.event_id = event.event_id;
          task.case_id = kase->id;
          task.service_point = local_point(node, *kase);
          task.event = event.event;
          task.reason = event.reason;
          task.created_at_ms = now;
          tx.insert_shipment_task(task);
        }
        break;
      }
      default: break;
    }
  }
  shipment.status = tracking.status;
  shipment.updated_at_ms = now;
  tx.update_shipment(shipment);
  if (!from_peer)
    if (auto* listener = node.case_listener()) listener->shipment_changed(tx, *kase, shipment, added);
  return added;
}

store::ShipmentRecord PostDesk::open(const domain::Actor& actor, const std::string& case_id,
                                     const NewShipment& request) {
  if (!valid_carrier_name(request.carrier)) invalid("carrier", "format", "A carrier name is [a-z0-9-]{1,32}.");
  if (!request.item_id.empty())
    if (auto problem = domain::s10_problem(request.item_id); !problem.empty())
      invalid("item_id", "s10", "item_id is not an S10 item id (" + problem + ").");
  return node_.store().transact([&](store::Transaction& tx) {
    auto kase = tx.find_case(case_id);
    if (!kase || !CaseDesk::may_see(actor, *kase))
      throw ProblemError("not-found", "No case " + case_id + " that you may see.");
    store::ShipmentRecord shipment;
    shipment.carrier = request.carrier;
    shipment.case_id = kase->id;
    shipment.kind = request.kind;
    shipment.created_at_ms = shipment.updated_at_ms = node_.now_ms();
    if (request.kind == domain::ShipmentKind::materials) {
      if (!domain::takes_in_at_point(actor.role) && actor.role != domain::Role::admin)
        throw ProblemError("forbidden", "Materials are posted by a clerk or an agent of the case's intake point.");
      if (kase->intake_point.empty())
        throw ProblemError("conflict", "Case " + kase->id + " was not taken in at a window: no originals to post.");
      static constexpr CaseState kAfterIntake[] = {CaseState::submitted, CaseState::intake_checked,
                                                   CaseState::forwarded, CaseState::accepted,
                                                   CaseState::in_review, CaseState::supplement_requested};
      if (std::find(std::begin(kAfterIntake), std::end(kAfterIntake), kase->state) == std::end(kAfterIntake))
        throw ProblemError("conflict", "Originals travel after intake and before the decision; case " + kase->id +
                                           " is " + std::string(domain::to_string(kase->state)) + ".");
      shipment.sender = kase->intake_point;
      shipment.recipient = kase->authority;
    } else {
      if (actor.role != domain::Role::reviewer && actor.role != domain::Role::admin)
        throw ProblemError("forbidden", "A result is posted by a reviewer of the case's authority.");
      if (kase->state != CaseState::result_issued)
        throw ProblemError("conflict", "Only an issued result is posted; case " + kase->id + " is " +
                                           std::string(domain::to_string(kase->state)) + ".");
      shipment.sender = kase->authority;
      if (request.recipient == "applicant") {
        if (kase->delivery_address.empty())
          throw ProblemError("conflict", "Case " + kase->id + " has no delivery address to post the result to.");
        shipment.recipient = "applicant";
        shipment.address = kase->delivery_address;
      } else if (request.recipient == "intake_point") {
        if (kase->intake_point.empty())
          throw ProblemError("conflict", "Case " + kase->id + " has no intake point to post the result to.");
        shipment.recipient = kase->intake_point;
      } else {
        invalid("recipient", "enum", "recipient is \"applicant\" or \"intake_point\".");
      }
    }
    if (!request.item_id.empty()) {
      shipment.item_id = request.item_id;
    } else {
      std::random_device random;
      std::uniform_int_distribution<std::uint32_t> serial(0, 99'999'999);
      do {
        shipment.item_id = domain::make_s10_item_id("RR", serial(random), country_of(node_.config().jurisdiction));
      } while (tx.find_shipment(shipment.item_id));
    }
    tx.insert_shipment(shipment);
    if (auto* listener = node_.case_listener()) listener->shipment_changed(tx, *kase, shipment, {});
    return shipment;
  });
}

ReportOutcome PostDesk::record_reports(const std::string& carrier, const std::vector<domain::ShipmentReport>& reports) {
  // Group by item, keeping the carrier's order within each.
  std::vector<std::pair<std::string, std::vector<domain::ShipmentEvent>>> by_item;
  for (const auto& report : reports) {
    if (auto problem = domain::s10_problem(report.item_id); !problem.empty())
      invalid("item_id", "s10", "item_id " + report.item_id + " is not an S10 item id (" + problem + ").");
    if (auto problem = domain::shipment_event_problem(report.event); !problem.empty())
      invalid(problem, "invalid", "Event " + report.event.event_id + ": " + problem + " is not acceptable.");
    auto at = std::find_if(by_item.begin(), by_item.end(), [&](const auto& p) { return p.first == report.item_id; });
    if (at == by_item.end()) at = by_item.insert(by_item.end(), {report.item_id, {}});
    at->second.push_back(report.event);
  }
  return node_.store().transact([&](store::Transaction& tx) {
    ReportOutcome outcome;
    for (auto& [item_id, events] : by_item) {
      auto shipment = tx.find_shipment(item_id);
      // Another carrier's item, or a copy a peer reports on, is not this carrier's to report.
      if (!shipment || shipment->carrier != carrier || !shipment->origin_node.empty())
        throw ProblemError("not-found", "Carrier " + carrier + " has no item " + item_id + " on this node.");
      const int given = static_cast<int>(events.size());
      auto added = apply_shipment_events(tx, node_, *shipment, std::move(events), "carrier:" + carrier, false);
      outcome.added += static_cast<int>(added.size());
      outcome.duplicates += given - static_cast<int>(added.size());
    }
    return outcome;
  });
}

std::vector<ShipmentView> PostDesk::shipments(const domain::Actor& actor, const std::string& case_id) const {
  auto kase = node_.store().find_case(case_id);
  if (!kase || !CaseDesk::may_see(actor, *kase))
    throw ProblemError("not-found", "No case " + case_id + " that you may see.");
  std::vector<ShipmentView> views;
  for (auto& shipment : node_.store().list_case_shipments(case_id)) {
    ShipmentView view;
    view.tracking = domain::fold_shipment(node_.store().list_shipment_events(shipment.item_id));
    view.shipment = std::move(shipment);
    views.push_back(std::move(view));
  }
  return views;
}

std::vector<store::ShipmentTaskRecord> PostDesk::tasks(const domain::Actor& actor) const {
  if (actor.role == domain::Role::admin) return node_.store().list_open_shipment_tasks("*");
  if (domain::takes_in_at_point(actor.role) && !actor.service_point.empty())
    return node_.store().list_open_shipment_tasks(actor.service_point);
  return {};
}

void PostDesk::close_task(const domain::Actor& actor, std::int64_t task_id) {
  node_.store().write([&](store::Transaction& tx) {
    std::string point = actor.role == domain::Role::admin ? "*" : actor.service_point;
    if (point.empty() || (actor.role != domain::Role::admin && !domain::takes_in_at_point(actor.role)))
      throw ProblemError("not-found", "No open task " + std::to_string(task_id) + " in your queue.");
    auto open = tx.list_open_shipment_tasks(point);
    if (std::none_of(open.begin(), open.end(), [&](const auto& t) { return t.id == task_id; }))
      throw ProblemError("not-found", "No open task " + std::to_string(task_id) + " in your queue.");
    tx.close_shipment_task(task_id, actor.account_id, node_.now_ms());
  });
}

}  // namespace tongban::node
