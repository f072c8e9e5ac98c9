// The printable receipt of a case (/cases/{id}/receipt), for the applicant and the staff who may see the case: the
// case number, service, deciding authority, where and by whom it was taken in (service point, clerk), the documents
// received (catalog name, copies, original or copy), the fees, the promised and legal dates (counted from
// acceptance; before acceptance, as they fall if the case is accepted on the day it was received), a contact, the
// tracking code, the absolute tracking link (staff_view.h: tracking_url) and its QR code. staff.css prints it on
// one page without the site's navigation.
#include "domain/deadline.h"
#include "web/deadline_view.h"
#include "web/locale_format.h"
#include "web/page_routes.h"
#include "web/qr_svg.h"
#include "web/staff_view.h"
#include "web/tracking_code.h"

namespace tongban::web {
namespace {

using domain::Role;

Data documents_received(const Page& page, const domain::Case& kase, const domain::Item* item) {
  Data list{Data::type::list};
  for (const auto& given : kase.materials) {
    Data entry;
    entry.set("name", material_name(page, item, given.material_id));
    if (item)
      for (const auto& material : item->materials)
        if (material.id == given.material_id) {
          entry.set("copies", std::to_string(material.copies));
          entry.set("form", page.t("material_form:" + std::string(domain::to_string(material.form))));
        }
    list.push_back(entry);
  }
  return list;
}

Data fees(const Page& page, const domain::Item* item) {
  Data list{Data::type::list};
  if (item)
    for (const auto& fee : item->fees) {
      Data entry;
      entry.set("name", fee.name.in(page.language));
      entry.set("amount",
                fee.amount_minor == 0 ? page.t("Free") : format_money(page.language, fee.amount_minor, fee.currency));
      list.push_back(entry);
    }
  if (list.is_empty_list()) list.push_back(Data("amount", page.t("Free")));
  return list;
}

// The due dates: the case's own once accepted, else as they would fall if accepted on the day received.
void add_dates(const Page& page, const domain::Case& kase, const domain::Item* item, int utc_offset, Data& data) {
  if (kase.clock.started_on) {
    add_due_dates(page, kase, data);
    set_provisional_note(page, page.site.cases.timing(kase), data);
    return;
  }
  auto calendar = page.site.node.calendar(kase.jurisdiction);
  auto received = domain::local_date(kase.created_at_ms, utc_offset);
  if (!item || !calendar || !calendar->covers(received)) return;
  auto clock = domain::start_clock(received, item->legal_days, item->promised_days, *calendar);
  if (clock.promised_due) data.set("due", format_date(page.language, *clock.promised_due));
  if (clock.legal_due) data.set("legal_due", format_date(page.language, *clock.legal_due));
  data.set("dates_expected", true);
  node::CaseTiming expected;
  expected.unofficial_years = domain::unofficial_years(clock, *calendar);
  set_provisional_note(page, expected, data);
  data.set("promised_days", std::to_string(item->promised_days));
  data.set("legal_days", std::to_string(item->legal_days));
}

// Who took the case in: the account id of the clerk or agent of the first event by one, and an agent's organisation
// as that event recorded it; both "" for a case filed online.
struct IntakeStaff {
  std::string account_id;
  std::string organisation;
};
IntakeStaff intake_clerk(const Page& page, const domain::Case& kase) {
  for (const auto& event : page.site.cases.events(*page.actor, kase.id))
    if (domain::takes_in_at_point(event.actor_role)) return {event.actor_id, event.actor_organisation};
  return {};
}

http::Response receipt(Page& page) {
  if (auto denied = page.require({})) return *denied;
  auto snapshot = page.site.node.catalog();
  const auto& catalog = snapshot->catalog;
  auto kase = page.site.cases.get(*page.actor, page.request.path_params.at("id"));
  const auto* item = catalog.find_item(kase.item_code);
  const auto* jurisdiction = catalog.find_jurisdiction(kase.jurisdiction);
  int offset = jurisdiction ? jurisdiction->utc_offset_minutes : 480;
  Data data;
  data.set("title", page.t("Receipt") + " " + kase.id);
  data.set("id", kase.id);
  data.set("item", item ? item->name.in(page.language) : kase.item_code);
  data.set("item_code", kase.item_code);
  data.set("state", page.t("state:" + std::string(domain::to_string(kase.state))));
  data.set("created", format_date_time(page.language, kase.created_at_ms, offset));
  if (const auto* authority = catalog.find_authority(kase.authority))
    data.set("authority", authority->name.in(page.language));
  if (jurisdiction) data.set("jurisdiction", jurisdiction->name.in(page.language));
  if (const auto* point = catalog.find_service_point(kase.intake_point)) {
    data.set("intake_point", point->name.in(page.language));
    data.set("intake_point_code", point->code);
    data.set("contact_name", point->name.in(page.language));
    data.set("contact_address", point->address.in(page.language));
  } else if (const auto* authority = catalog.find_authority(kase.authority)) {
    data.set("contact_name", authority->name.in(page.language));
  }
  IntakeStaff intake = intake_clerk(page, kase);
  data.set("clerk", intake.account_id);
  data.set("agent_organisation", intake.organisation);
  data.set("documents", documents_received(page, kase, item));
  data.set("no_documents", kase.materials.empty());
  data.set("fees", fees(page, item));
  add_dates(page, kase, item, offset, data);
  std::string url = tracking_url(page, kase.id);
  data.set("tracking_code", tracking_code(page.site.secret, kase.id));
  data.set("tracking_url", url);
  data.set("qr", qr_svg(url, page.t("QR code to track this case")));
  bool staff = domain::takes_in_at_point(page.actor->role) || page.actor->role == Role::reviewer;
  data.set("href", page.link(staff ? staff_case_path(kase.id) : "/cases/" + kase.id));
  return page.render("receipt", data);
}

}  // namespace

void add_receipt_pages(http::Router& router, const std::shared_ptr<Site>& site) {
  add_page(router, site, "GET", "/cases/{id}/receipt", receipt);
}

}  // namespace tongban::web
