// The item guide (GOV.UK-style): a one-sentence summary, the one action the item allows (apply online only where the
// item is offered on the web channel, otherwise go to a service point), then what you need, where to go, fees, how
// long it takes, what you get and the legal basis.
//
// "Where to go" lists the service points that take the item in through one of the item's channels: this node's
// jurisdiction first, then by name; each a card with its address, telephone, a map link and its opening hours
// grouped by days (web/opening_hours_text.h). A blank or sample form is linked only when the catalog gives an https
// address for it; a catalog path (e.g. "forms/MO-DSI-001-blank.pdf") names a paper form that the service point hands
// out, and the guide says so instead of linking to a file the node does not have.
#include <fmt/format.h>

#include <algorithm>
#include <boost/url/encode.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>

#include "web/locale_format.h"
#include "web/notice_view.h"
#include "web/opening_hours_text.h"
#include "web/page_routes.h"

namespace tongban::web {
namespace {

using domain::Channel;

constexpr std::string_view kWhereToGo = "where-to-go";  // the id of the "Where to go" section

std::string fill(std::string text, std::string_view key, const std::string& value) {
  auto at = text.find(key);
  if (at != std::string::npos) text.replace(at, key.size(), value);
  return text;
}

// "{n} working day" / "{n} working days" (zh: one form), from the keys "<key>:one" and "<key>:other".
std::string counted(const Page& page, std::string_view key, int n) {
  return fill(page.t(std::string(key) + (n == 1 ? ":one" : ":other")), "{n}", std::to_string(n));
}

bool has_channel(const std::vector<Channel>& channels, Channel channel) {
  return std::find(channels.begin(), channels.end(), channel) != channels.end();
}

// True when the point takes the item in (own item or zone item) through a channel the item is offered on.
bool point_serves_item(const domain::Catalog& catalog, const domain::ServicePoint& point, const domain::Item& item) {
  if (!catalog.point_accepts_item(point, item)) return false;
  return std::any_of(point.channels.begin(), point.channels.end(),
                     [&](Channel channel) { return channel != Channel::web && has_channel(item.channels, channel); });
}

// A link that can be followed from the page: only an https address. Catalog paths name paper forms.
bool linkable_form(std::string_view form) {
  return form.starts_with("https://");
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
    entry.set("name", material.name.in(page.language));
    entry.set("required", material.required);
    std::string detail = page.t("guide:material_detail");
    detail = fill(detail, "{form}", word(page, "material_form:", domain::to_string(material.form)));
    entry.set("detail", fill(detail, "{copies}", counted(page, "guide:copies", material.copies)));
    bool paper = false;
    if (linkable_form(material.blank_form))
      entry.set("blank_form", material.blank_form);
    else
      paper = paper || !material.blank_form.empty();
    if (linkable_form(material.sample_form))
      entry.set("sample_form", material.sample_form);
    else
      paper = paper || !material.sample_form.empty();
    entry.set("form_at_point", paper);
    list.push_back(entry);
  }
  return list;
}

std::string map_href(const std::string& address) {
  return "https://www.openstreetmap.org/search?query=" + boost::urls::encode(address, boost::urls::unreserved_chars);
}

Data point_card(const Page& page, const domain::ServicePoint& point, const domain::Item& item) {
  Data entry;
  entry.set("name", point.name.in(page.language));
  entry.set("address", point.address.in(page.language));
  entry.set("map_href", map_href(point.address.in(page.language)));
  if (!point.phone.empty()) {
    entry.set("phone", point.phone);
    entry.set("tel_href", tel_href(point.phone));
  }
  Data hours{Data::type::list};
  for (const auto& line : opening_hours_lines(point.hours, [&](std::string_view key) { return page.t(key); }))
    hours.push_back(Data("line", line));
  entry.set("hours", hours);
  entry.set("foreign", point.jurisdiction != item.jurisdiction);
  return entry;
}

// The points that serve the item: this node's jurisdiction first, then by name in the page's language.
Data service_points_data(const Page& page, const domain::Catalog& catalog, const domain::Item& item) {
  const std::string& here = page.site.node.config().jurisdiction;
  std::vector<const domain::ServicePoint*> points;
  for (const auto& point : catalog.service_points)
    if (point_serves_item(catalog, point, item)) points.push_back(&point);
  std::sort(points.begin(), points.end(), [&](const auto* a, const auto* b) {
    bool a_here = a->jurisdiction == here;
    bool b_here = b->jurisdiction == here;
    if (a_here != b_here) return a_here;
    return a->name.in(page.language) < b->name.in(page.language);
  });
  Data list{Data::type::list};
  for (const auto* point : points) list.push_back(point_card(page, *point, item));
  return list;
}

Data channels_data(const Page& page, const domain::Item& item) {
  Data list{Data::type::list};
  for (auto channel : item.channels) list.push_back(Data("name", word(page, "channel:", domain::to_string(channel))));
  return list;
}

// Fees in plain words: "Free" once when nothing is charged, otherwise each charged fee ("Issuing fee: MOP 120.00").
void set_fees(const Page& page, const domain::Item& item, Data& data) {
  Data fees{Data::type::list};
  for (const auto& fee : item.fees) {
    if (fee.amount_minor == 0) continue;
    std::string line = fill(page.t("guide:fee"), "{name}", fee.name.in(page.language));
    fees.push_back(Data("line", fill(line, "{amount}", format_money(page.language, fee.amount_minor, fee.currency))));
  }
  data.set("free", fees.is_empty_list());
  data.set("fees", fees);
}

void set_time_limits(const Page& page, const domain::Item& item, Data& data) {
  std::string promised = counted(page, "guide:working_days", item.promised_days);
  std::string legal = counted(page, "guide:working_days", item.legal_days);
  if (item.promised_days < item.legal_days)
    data.set("promised", fill(page.t("guide:time:promised"), "{days}", promised));
  data.set("legal", fill(page.t("guide:time:legal"), "{days}", legal));
}

const domain::Item& find_item(const domain::Catalog& catalog, const std::string& code) {
  const auto* item = catalog.find_item(code);
  if (!item) throw domain::ProblemError("not-found", "There is no such service.");
  return *item;
}

http::Response item_guide(Page& page) {
  auto snapshot = page.site.node.catalog();
  const auto& catalog = snapshot->catalog;
  const auto& item = find_item(catalog, page.request.path_params.at("code"));
  Data data = item_summary(page, catalog, item);
  data.set("title", item.name.in(page.language));
  data.set("description", item.description.in(page.language));
  data.set("legal_basis", item.legal_basis.in(page.language));
  Data kinds{Data::type::list};
  for (auto kind : item.applicant_kinds) kinds.push_back(Data("name", word(page, "applicant:", to_string(kind))));
  data.set("applicant_kinds", kinds);
  data.set("materials", materials_data(page, item));
  set_fees(page, item, data);
  set_time_limits(page, item, data);
  data.set("channels", channels_data(page, item));
  Data points = service_points_data(page, catalog, item);
  data.set("no_points", points.is_empty_list());
  data.set("service_points", points);
  data.set("zone_notices", zone_notices(page, catalog, item));
  Data notices = item_notice_links(page, item.code);  // published notices naming the item (web/notice_view.h)
  data.set("has_notices", !notices.is_empty_list());
  data.set("notices", notices);
  data.set("notices_href", page.link("/notices?item=" + item.code));
  data.set("online", has_channel(item.channels, Channel::web));
  data.set("apply_href", page.link("/items/" + item.code + "/apply"));
  data.set("where_id", std::string(kWhereToGo));
  data.set("where_href", "#" + std::string(kWhereToGo));
  data.set("result", item.result.name.in(page.language));
  return page.render("item", data);
}

}  // namespace

std::optional<http::Response> not_offered_online(const Page& page, int status) {
  auto snapshot = page.site.node.catalog();
  const auto* item = snapshot->catalog.find_item(page.request.path_params.at("code"));
  if (!item || has_channel(item->channels, Channel::web)) return std::nullopt;
  Data data;
  data.set("title", page.t("This service is not offered online"));
  data.set("message", fill(page.t("You cannot apply for “{item}” online. Go to one of its service points."), "{item}",
                           item->name.in(page.language)));
  data.set("points_href", page.link("/items/" + item->code) + "#" + std::string(kWhereToGo));
  return page.render("item_not_online", data, status);
}

void add_item_guide_pages(http::Router& router, const std::shared_ptr<Site>& site) {
  add_page(router, site, "GET", "/items/{code}", item_guide);
}

}  // namespace tongban::web
