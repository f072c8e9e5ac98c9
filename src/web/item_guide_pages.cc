// The item guide: what a service is, who can apply, what they need, fees, time limits, where and how.
#include <fmt/format.h>

#include "web/locale_format.h"
#include "web/page_routes.h"

namespace tongban::web {
namespace {

using domain::Language;

std::string hours_text(const Page& page, const std::vector<domain::OpeningPeriod>& hours) {
  std::string text;
  for (const auto& period : hours) {
    if (!text.empty()) text += "; ";
    text += fmt::format("{} {:02}:{:02}–{:02}:{:02}", word(page, "weekday:", std::to_string(period.weekday)),
                        period.open_minute / 60, period.open_minute % 60, period.close_minute / 60,
                        period.close_minute % 60);
  }
  return text;
}

std::string fill(std::string text, std::string_view key, const std::string& value) {
  auto at = text.find(key);
  if (at != std::string::npos) text.replace(at, key.size(), value);
  return text;
}

Data zone_notices(const Page& page, const domain::Catalog& catalog, const domain::Item& item) {
  Data list{Data::type::list};
  for (const auto& zone : catalog.zones) {
    if (std::find(zone.items.begin(), zone.items.end(), item.code) == zone.items.end()) continue;
    const auto* owner = catalog.find_jurisdiction(zone.owner_jurisdiction);
    const auto* host = catalog.find_jurisdiction(zone.host_jurisdiction);
    if (!owner || !host) continue;
    std::string text = page.t("You can do this {owner} matter in {host}.");
    text = fill(fill(text, "{owner}", owner->name.in(page.language)), "{host}", host->name.in(page.language));
    Data entry;
    entry.set("text", text);
    entry.set("zone", zone.name.in(page.language));
    list.push_back(entry);
  }
  return list;
}

Data materials_data(const Page& page, const domain::Item& item) {
  Data list{Data::type::list};
  for (const auto& material : item.materials) {
    Data entry;
    entry.set("id", material.id);
    entry.set("name", material.name.in(page.language));
    entry.set("required", material.required);
    entry.set("form", word(page, "material_form:", domain::to_string(material.form)));
    entry.set("copies", std::to_string(material.copies));
    if (!material.blank_form.empty()) entry.set("blank_form", material.blank_form);
    if (!material.sample_form.empty()) entry.set("sample_form", material.sample_form);
    list.push_back(entry);
  }
  return list;
}

Data service_points_data(const Page& page, const domain::Catalog& catalog, const domain::Item& item) {
  Data list{Data::type::list};
  for (const auto& point : catalog.service_points) {
    if (!catalog.point_accepts_item(point, item)) continue;
    Data entry;
    entry.set("name", point.name.in(page.language));
    entry.set("address", point.address.in(page.language));
    entry.set("hours", hours_text(page, point.hours));
    entry.set("foreign", point.jurisdiction != item.jurisdiction);
    list.push_back(entry);
  }
  return list;
}

http::Response item_guide(Page& page) {
  auto snapshot = page.site.node.catalog();
  const auto& catalog = snapshot->catalog;
  const auto* item = catalog.find_item(page.request.path_params.at("code"));
  if (!item) throw domain::ProblemError("not-found", "There is no such service.");
  Data data = item_summary(page, catalog, *item);
  data.set("title", item->name.in(page.language));
  data.set("description", item->description.in(page.language));
  data.set("legal_basis", item->legal_basis.in(page.language));
  Data kinds{Data::type::list};
  for (auto kind : item->applicant_kinds) kinds.push_back(Data("name", word(page, "applicant:", to_string(kind))));
  data.set("applicant_kinds", kinds);
  data.set("materials", materials_data(page, *item));
  Data fees{Data::type::list};
  for (const auto& fee : item->fees) {
    Data entry;
    entry.set("name", fee.name.in(page.language));
    entry.set("amount",
              fee.amount_minor == 0 ? page.t("Free") : format_money(page.language, fee.amount_minor, fee.currency));
    fees.push_back(entry);
  }
  data.set("fees", fees);
  data.set("free", item->fees.empty());
  data.set("legal_days", std::to_string(item->legal_days));
  data.set("promised_days", std::to_string(item->promised_days));
  Data modes{Data::type::list};
  for (auto mode : item->modes) modes.push_back(Data("name", word(page, "mode:", domain::to_string(mode))));
  data.set("modes", modes);
  data.set("service_points", service_points_data(page, catalog, *item));
  data.set("zone_notices", zone_notices(page, catalog, *item));
  data.set("apply_href", page.link("/items/" + item->code + "/apply"));
  data.set("result", item->result.name.in(page.language));
  return page.render("item", data);
}

}  // namespace

void add_item_guide_pages(http::Router& router, const std::shared_ptr<Site>& site) {
  add_page(router, site, "GET", "/items/{code}", item_guide);
}

}  // namespace tongban::web
