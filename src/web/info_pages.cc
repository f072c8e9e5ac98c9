// The pages every footer links to: the privacy notice, the accessibility statement and how to contact the service.
//
// Their words are in the catalogs (po/<language>/info.po); the facts that differ per node come from the node: its
// jurisdiction (who runs it) and its service points (where to go). The hotlines are the governments' public
// enquiry lines of the three jurisdictions of the first deployment, their numbers taken from the catalog.
#include <string>
#include <string_view>
#include <utility>

#include "web/page_routes.h"

namespace tongban::web {
namespace {

std::string fill(std::string text, std::string_view key, const std::string& value) {
  if (auto at = text.find(key); at != std::string::npos) text.replace(at, key.size(), value);
  return text;
}

std::string own_jurisdiction_name(const Page& page) {
  auto snapshot = page.site.node.catalog();
  const auto* own = snapshot->catalog.find_jurisdiction(page.site.node.config().jurisdiction);
  return own ? own->name.in(page.language) : page.site.node.config().jurisdiction;
}

http::Response privacy(Page& page) {
  Data data;
  data.set("title", page.t("Privacy notice"));
  data.set("operator",
           fill(page.t("This node of tongban is run by the government of this jurisdiction: {jurisdiction}."),
                "{jurisdiction}", own_jurisdiction_name(page)));
  data.set("contact_href", page.link("/contact"));
  return page.render("privacy", data);
}

http::Response accessibility(Page& page) {
  Data data;
  data.set("title", page.t("Accessibility statement"));
  data.set("contact_href", page.link("/contact"));
  return page.render("accessibility", data);
}

// The name of each jurisdiction's public enquiry line (msgids): Jiangmen's 12345 government service hotline, Macao's
// Government Information Centre, Hong Kong's 1823.
constexpr std::pair<std::string_view, std::string_view> kHotlineNames[] = {
    {"CN-GD-JM", "Jiangmen government service hotline"},
    {"MO", "Macao Government Information Centre"},
    {"HK", "Hong Kong government enquiries (1823)"}};

// The number is the one the catalog gives the jurisdiction's service points (every point of the shipped catalog gives
// its government's hotline): the first of them that has one.
const domain::ServicePoint* point_with_phone(const domain::Catalog& catalog, std::string_view jurisdiction) {
  for (const auto& point : catalog.service_points)
    if (point.jurisdiction == jurisdiction && !point.phone.empty()) return &point;
  return nullptr;
}

http::Response contact(Page& page) {
  Data data;
  data.set("title", page.t("Contact"));
  auto snapshot = page.site.node.catalog();
  Data hotlines{Data::type::list};
  for (const auto& [jurisdiction, name] : kHotlineNames) {
    const auto* point = point_with_phone(snapshot->catalog, jurisdiction);
    if (!point) continue;
    Data entry;
    entry.set("name", page.t(name));
    entry.set("number", point->phone);
    entry.set("tel_href", tel_href(point->phone));
    hotlines.push_back(entry);
  }
  data.set("hotlines", hotlines);
  Data points{Data::type::list};
  for (const auto& point : snapshot->catalog.service_points) {
    if (point.jurisdiction != page.site.node.config().jurisdiction) continue;
    Data entry;
    entry.set("name", point.name.in(page.language));
    entry.set("address", point.address.in(page.language));
    points.push_back(entry);
  }
  data.set("points", points);
  data.set("track_href", page.link("/track"));
  data.set("privacy_href", page.link("/privacy"));
  data.set("accessibility_href", page.link("/accessibility"));
  return page.render("contact", data);
}

}  // namespace

void add_info_pages(http::Router& router, const std::shared_ptr<Site>& site) {
  add_page(router, site, "GET", "/privacy", privacy);
  add_page(router, site, "GET", "/accessibility", accessibility);
  add_page(router, site, "GET", "/contact", contact);
}

}  // namespace tongban::web
