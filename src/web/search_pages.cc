// The home page: search the catalog and browse it by zone, jurisdiction and life event.
//
// A search shows kPageSize results a page (?page=N, 1-based; a page past the end shows the last page), "Showing
// 21–40 of 107", Previous / Next and page numbers (the first, the last and two either side of the current one).
// Each result carries badges: "Apply online" (the item is offered on the web channel), "Can be done here" (a
// service point of this node's jurisdiction takes it in, Catalog::point_accepts_item), the fee (free or the
// amounts) and the promised working days. Equal scores are ordered for the visitor: this node's jurisdiction and
// the zones it hosts first, then by name in the page's language (search/catalog_index.h). The filters sit in a
// <details> that stays closed (so the first result is on a phone's first screen), its summary naming the active
// filters; the authorities are grouped by jurisdiction.
#include <charconv>
#include <map>
#include <set>

#include "search/catalog_index.h"
#include "web/locale_format.h"
#include "web/page_routes.h"

namespace tongban::web {
namespace {

using domain::Language;

constexpr std::size_t kPageSize = 20;
constexpr std::size_t kMaxPage = 50'000;
constexpr std::size_t kPagesEitherSide = 2;

std::string fill(std::string text, std::string_view key, const std::string& value) {
  auto at = text.find(key);
  if (at != std::string::npos) text.replace(at, key.size(), value);
  return text;
}

// Percent-encodes a query parameter value (RFC 3986 unreserved characters stay).
std::string encode(std::string_view value) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : value) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
        c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

// ?page=N: absent or empty is 1; anything but a whole number 1..kMaxPage is a validation problem.
std::size_t requested_page(const Page& page) {
  auto text = page.request.query_param("page");
  if (!text || text->empty()) return 1;
  std::size_t value = 0;
  auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (error != std::errc() || end != text->data() + text->size() || value < 1 || value > kMaxPage) {
    throw domain::ProblemError("validation-failed",
                               "The page must be a whole number from 1 to " + std::to_string(kMaxPage) + ".",
                               {{"page", "range", "A whole number from 1 to " + std::to_string(kMaxPage) + "."}});
  }
  return value;
}

// "Free", or the fees' amounts added up per currency ("MOP 120.00", "MOP 50.00 + HKD 20.00").
std::string fee_text(const Page& page, const domain::Item& item) {
  std::map<std::string, std::int64_t> by_currency;
  for (const auto& fee : item.fees) {
    if (fee.amount_minor > 0) by_currency[fee.currency] += fee.amount_minor;
  }
  if (by_currency.empty()) return page.t("Free");
  std::string text;
  for (const auto& [currency, amount] : by_currency) {
    if (!text.empty()) text += " + ";
    text += format_money(page.language, amount, currency);
  }
  return text;
}

// The promised time limit in words. Every language of the site has at most the forms "one" (exactly 1: en, and
// pt as Macao writes it) and "other"; Chinese translates both msgids alike.
std::string days_text(const Page& page, int days) {
  const std::string text = days == 1 ? page.t("{n} working day") : page.t("{n} working days");
  return fill(text, "{n}", std::to_string(days));
}

Data result_entry(const Page& page, const domain::Catalog& catalog, const domain::Item& item) {
  Data entry = item_summary(page, catalog, item);
  const bool online =
      std::find(item.channels.begin(), item.channels.end(), domain::Channel::web) != item.channels.end();
  const std::string& here = page.site.node.config().jurisdiction;
  const bool done_here = std::any_of(catalog.service_points.begin(), catalog.service_points.end(), [&](const auto& p) {
    return p.jurisdiction == here && catalog.point_accepts_item(p, item);
  });
  entry.set("online", online);
  entry.set("here", done_here);
  entry.set("fee", fee_text(page, item));
  entry.set("days", days_text(page, item.promised_days));
  return entry;
}

// The link to another page of the same search.
std::string page_link(const Page& page, const search::ItemQuery& query, std::size_t number) {
  std::string target = page.link("/") + "?q=" + encode(query.text);
  auto add = [&target](const char* name, const std::optional<std::string>& value) {
    if (value) target += std::string("&") + name + "=" + encode(*value);
  };
  add("jurisdiction", query.jurisdiction);
  add("zone", query.zone);
  add("authority", query.authority);
  add("life_event", query.life_event);
  if (number > 1) target += "&page=" + std::to_string(number);
  return target;
}

// Previous / Next and the page numbers, with gaps ("…") between distant numbers.
Data pager(const Page& page, const search::ItemQuery& query, std::size_t current, std::size_t pages) {
  Data pager;
  if (current > 1) pager.set("previous", page_link(page, query, current - 1));
  if (current < pages) pager.set("next", page_link(page, query, current + 1));
  Data numbers{Data::type::list};
  std::size_t shown = 0;
  for (std::size_t number = 1; number <= pages; ++number) {
    const bool near = number + kPagesEitherSide >= current && number <= current + kPagesEitherSide;
    if (number != 1 && number != pages && !near) continue;
    if (shown != 0 && number > shown + 1) {
      Data gap;
      gap.set("gap", true);
      numbers.push_back(gap);
    }
    Data entry;
    entry.set("number", std::to_string(number));
    entry.set("href", page_link(page, query, number));
    entry.set("current", number == current);
    numbers.push_back(entry);
    shown = number;
  }
  pager.set("numbers", numbers);
  return pager;
}

// The authorities as option groups, one per jurisdiction (in the catalog's order), each labelled with its name.
Data authority_groups(const Page& page, const domain::Catalog& catalog, const std::string& selected) {
  Data groups{Data::type::list};
  for (const auto& jurisdiction : catalog.jurisdictions) {
    std::vector<std::pair<std::string, std::string>> authorities;
    for (const auto& a : catalog.authorities) {
      if (a.jurisdiction == jurisdiction.code) authorities.emplace_back(a.code, a.name.in(page.language));
    }
    if (authorities.empty()) continue;
    Data group;
    group.set("label", jurisdiction.name.in(page.language));
    group.set("authorities", choice_list(authorities, selected));
    groups.push_back(group);
  }
  return groups;
}

// The names of the active filters, for the closed filter panel's summary line.
std::string active_filters(const Page& page, const domain::Catalog& catalog, const search::ItemQuery& query) {
  std::vector<std::string> names;
  if (query.jurisdiction) {
    const auto* j = catalog.find_jurisdiction(*query.jurisdiction);
    names.push_back(j ? j->name.in(page.language) : *query.jurisdiction);
  }
  if (query.zone) {
    const auto* z = catalog.find_zone(*query.zone);
    names.push_back(z ? z->name.in(page.language) : *query.zone);
  }
  if (query.authority) {
    const auto* a = catalog.find_authority(*query.authority);
    names.push_back(a ? a->name.in(page.language) : *query.authority);
  }
  if (query.life_event) names.push_back(word(page, "life_event:", *query.life_event));
  std::string text;
  for (const auto& name : names) text += (text.empty() ? "" : " · ") + name;
  return text;
}

void add_results(Page& page, const node::CatalogSnapshot& snapshot, search::ItemQuery query, Data& data) {
  std::size_t current = requested_page(page);
  query.limit = kPageSize;
  query.offset = (current - 1) * kPageSize;
  search::ItemPage results;
  try {
    results = snapshot.index.search(query);
    if (results.hits.empty() && results.total > 0) {  // past the end: the last page
      current = (results.total + kPageSize - 1) / kPageSize;
      query.offset = (current - 1) * kPageSize;
      results = snapshot.index.search(query);
    }
  } catch (const search::QueryError& error) {
    throw domain::ProblemError("validation-failed", error.what());
  }
  Data hits{Data::type::list};
  for (const auto& hit : results.hits) hits.push_back(result_entry(page, snapshot.catalog, *hit.item));
  data.set("searching", true);
  data.set("hits", hits);
  data.set("no_hits", results.hits.empty());
  if (!results.hits.empty()) {
    std::string showing = page.t("Showing {first}–{last} of {total}");
    showing = fill(showing, "{first}", std::to_string(query.offset + 1));
    showing = fill(showing, "{last}", std::to_string(query.offset + results.hits.size()));
    data.set("showing", fill(showing, "{total}", std::to_string(results.total)));
  }
  const std::size_t pages = (results.total + kPageSize - 1) / kPageSize;
  if (pages > 1) data.set("pager", pager(page, query, current, pages));
}

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
  query.visitor_jurisdiction = page.site.node.config().jurisdiction;
  query.language = page.language;
  Data data;
  data.set("title", page.t("Find a government service"));
  data.set("action", page.link("/"));
  data.set("q", query.text);
  bool searching = !query.text.empty() || query.jurisdiction || query.zone || query.authority || query.life_event;
  if (searching) {
    add_results(page, *snapshot, query, data);
    data.set("active_filters", active_filters(page, catalog, query));
  }
  std::vector<std::pair<std::string, std::string>> jurisdictions, zones, life_events;
  for (const auto& j : catalog.jurisdictions) jurisdictions.emplace_back(j.code, j.name.in(page.language));
  for (const auto& z : catalog.zones) zones.emplace_back(z.code, z.name.in(page.language));
  std::set<std::string> events;
  for (const auto& item : catalog.items) events.insert(item.life_events.begin(), item.life_events.end());
  for (const auto& event : events) life_events.emplace_back(event, word(page, "life_event:", event));
  data.set("jurisdictions", choice_list(jurisdictions, query.jurisdiction.value_or("")));
  data.set("zones", choice_list(zones, query.zone.value_or("")));
  data.set("authority_groups", authority_groups(page, catalog, query.authority.value_or("")));
  data.set("life_events", choice_list(life_events, query.life_event.value_or("")));
  return page.render("home", data);
}

}  // namespace

void add_search_pages(http::Router& router, const std::shared_ptr<Site>& site) {
  add_page(router, site, "GET", "/", home);
}

}  // namespace tongban::web
