// The home page: search the catalog and browse it by zone, jurisdiction and life event.
#include <set>

#include "search/catalog_index.h"
#include "web/page_routes.h"

namespace tongban::web {
namespace {

using domain::Language;

http::Response home(Page& page) {
  auto snapshot = page.site.node.catalog();
  const auto& catalog = snapshot->catalog;
  search::ItemQuery query;
  query.text = page.request.query_param("q").value_or("");
  auto filter = [&](const char* name) -> std::optional<std::string> {
    auto value = page.request.query_param(name);
    return value && !value->empty() ? value : std::nullopt;
  };
  query.jurisdiction = filter("jurisdiction");
  query.zone = filter("zone");
  query.authority = filter("authority");
  query.life_event = filter("life_event");
  query.limit = 50;
  Data data;
  data.set("title", page.t("Find a government service"));
  data.set("action", page.link("/"));
  data.set("q", query.text);
  bool searching = !query.text.empty() || query.jurisdiction || query.zone || query.authority || query.life_event;
  if (searching) {
    search::ItemPage results;
    try {
      results = snapshot->index.search(query);
    } catch (const search::QueryError& error) {
      throw domain::ProblemError("validation-failed", error.what());
    }
    Data hits{Data::type::list};
    for (const auto& hit : results.hits) hits.push_back(item_summary(page, catalog, *hit.item));
    data.set("searching", true);
    data.set("hits", hits);
    data.set("no_hits", results.hits.empty());
    data.set("total", std::to_string(results.total));
  }
  std::vector<std::pair<std::string, std::string>> jurisdictions, zones, authorities, life_events;
  for (const auto& j : catalog.jurisdictions) jurisdictions.emplace_back(j.code, j.name.in(page.language));
  for (const auto& z : catalog.zones) zones.emplace_back(z.code, z.name.in(page.language));
  for (const auto& a : catalog.authorities) authorities.emplace_back(a.code, a.name.in(page.language));
  std::set<std::string> events;
  for (const auto& item : catalog.items) events.insert(item.life_events.begin(), item.life_events.end());
  for (const auto& event : events) life_events.emplace_back(event, word(page, "life_event:", event));
  data.set("jurisdictions", choice_list(jurisdictions, query.jurisdiction.value_or("")));
  data.set("zones", choice_list(zones, query.zone.value_or("")));
  data.set("authorities", choice_list(authorities, query.authority.value_or("")));
  data.set("life_events", choice_list(life_events, query.life_event.value_or("")));
  return page.render("home", data);
}

}  // namespace

void add_search_pages(http::Router& router, const std::shared_ptr<Site>& site) {
  add_page(router, site, "GET", "/", home);
}

}  // namespace tongban::web
