#include "web/shipment_view.h"

#include <algorithm>
#include <map>

#include "domain/calendar_date.h"
#include "web/application_view.h"
#include "web/locale_format.h"

namespace tongban::web {
namespace {

// "post:<event> item=… kind=… served_on=… reason=… proof=…": the words after the first, split at " key=" so that a
// reason or proof with spaces stays whole (node/post_desk.cc writes the keys in this order).
std::map<std::string, std::string> note_fields(std::string_view note) {
  std::map<std::string, std::string> fields;
  static constexpr std::string_view kKeys[] = {"item", "kind", "served_on", "reason", "proof"};
  std::vector<std::pair<std::size_t, std::string_view>> starts;
  for (auto key : kKeys) {
    std::string marker = " " + std::string(key) + "=";
    if (auto at = note.find(marker); at != std::string_view::npos) starts.emplace_back(at, key);
  }
  std::sort(starts.begin(), starts.end());
  for (std::size_t i = 0; i < starts.size(); ++i) {
    std::size_t begin = starts[i].first + starts[i].second.size() + 2;
    std::size_t end = i + 1 < starts.size() ? starts[i + 1].first : note.size();
    fields[std::string(starts[i].second)] = std::string(note.substr(begin, end - begin));
  }
  return fields;
}

std::string served_date(const Page& page, const std::string& iso) {
  auto date = domain::parse_date(iso);
  return date ? format_date(page.language, *date) : iso;
}

std::string recipient_text(const Page& page, const store::ShipmentRecord& shipment) {
  if (shipment.kind == domain::ShipmentKind::materials) {
    auto snapshot = page.site.node.catalog();
    const auto* authority = snapshot->catalog.find_authority(shipment.recipient);
    return authority ? authority->name.in(page.language) : shipment.recipient;
  }
  if (shipment.recipient == "applicant") return page.t("Your delivery address");
  auto snapshot = page.site.node.catalog();
  const auto* point = snapshot->catalog.find_service_point(shipment.recipient);
  return point ? point->name.in(page.language) : shipment.recipient;
}

Data event_rows(const Page& page, const domain::ShipmentTracking& tracking) {
  Data rows{Data::type::list};
  for (auto it = tracking.events.rbegin(); it != tracking.events.rend(); ++it) {
    Data row;
    row.set("when", format_date_time(page.language, it->at_ms, 480));
    row.set("event", page.t("postal_event:" + std::string(domain::to_string(it->event))));
    row.set("location", it->location);
    if (!it->reason.empty()) row.set("reason", it->reason);
    rows.push_back(row);
  }
  return rows;
}

}  // namespace

Data shipment_rows(const Page& page, const std::vector<node::ShipmentView>& shipments) {
  Data rows{Data::type::list};
  for (const auto& view : shipments) {
    const auto& shipment = view.shipment;
    Data row;
    row.set("item_id", shipment.item_id);
    row.set("kind", page.t("shipment_kind:" + std::string(domain::to_string(shipment.kind))));
    row.set("status", page.t("shipment_status:" + std::string(domain::to_string(view.tracking.status))));
    row.set("recipient", recipient_text(page, shipment));
    if (!shipment.served_on.empty()) row.set("served_on", served_date(page, shipment.served_on));
    if (!shipment.origin_node.empty()) {
      auto snapshot = page.site.node.catalog();
      const auto* other = snapshot->catalog.find_jurisdiction(shipment.origin_node);
      row.set("reported_by", fill(page.t("Tracked by the service of {jurisdiction}"), "jurisdiction",
                                  other ? other->name.in(page.language) : shipment.origin_node));
    }
    row.set("events", event_rows(page, view.tracking));
    row.set("has_events", !view.tracking.events.empty());
    rows.push_back(row);
  }
  return rows;
}

std::optional<std::string> shipment_note(const Page& page, const domain::Event& event) {
  using domain::CaseAction;
  if (event.action != CaseAction::shipment_delivered && event.action != CaseAction::shipment_failed_attempt &&
      event.action != CaseAction::shipment_held_by_customs)
    return std::nullopt;
  if (!event.note.starts_with("post:")) return std::nullopt;
  auto fields = note_fields(event.note);
  std::string kind = fields["kind"] == "materials" ? "materials" : "result";
  std::string text = fill(page.t("shipment_note:" + std::string(domain::to_string(event.action)) + ":" + kind), "item",
                          fields["item"]);
  if (!fields["served_on"].empty())
    text += " " + fill(page.t("Served on {date}."), "date", served_date(page, fields["served_on"]));
  if (!fields["reason"].empty()) text += " " + fill(page.t("Reason: {reason}"), "reason", fields["reason"]);
  if (!fields["proof"].empty()) text += " " + fill(page.t("Proof of delivery: {proof}"), "proof", fields["proof"]);
  return text;
}

}  // namespace tongban::web
