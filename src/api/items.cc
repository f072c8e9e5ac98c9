// Routes of the catalog: /api/v1/items (search), /api/v1/items/{code}, jurisdictions, service points, zones.
#include <boost/json/serialize.hpp>

#include "api/api.h"
#include "api/bind.h"
#include "catalog/item_json.h"

namespace tongban::api {
namespace {

using http::Request;
using http::Response;

std::size_t size_param(const Request& request, std::string_view name, std::size_t fallback, std::size_t max,
                       std::vector<domain::FieldError>& problems) {
  auto text = request.query_param(name);
  if (!text) return fallback;
  try {
    std::size_t used = 0;
    long long value = std::stoll(*text, &used);
    if (used == text->size() && value >= 0 && static_cast<std::size_t>(value) <= max)
      return static_cast<std::size_t>(value);
  } catch (const std::exception&) {
  }
  problems.push_back({std::string(name), "range", "A whole number from 0 to " + std::to_string(max) + "."});
  return fallback;
}

// The language of names in a list: ?lang=, else the first Accept-Language tag we speak, else Simplified Chinese.
domain::Language response_language(const Request& request) {
  if (auto lang = request.query_param("lang")) {
    if (auto parsed = domain::parse_language_tag(*lang)) return *parsed;
    throw domain::ProblemError("validation-failed", "Unknown language.",
                               {{"lang", "enum", "One of zh-Hans, zh-Hant, pt, en."}});
  }
  std::string_view accept = request.header("Accept-Language").value_or("");
  while (!accept.empty()) {
    auto comma = accept.find(',');
    auto tag = accept.substr(0, std::min(comma, accept.find(';')));
    while (!tag.empty() && tag.front() == ' ') tag.remove_prefix(1);
    if (auto parsed = domain::parse_language_tag(tag)) return *parsed;
    if (comma == std::string_view::npos) break;
    accept.remove_prefix(comma + 1);
  }
  return domain::Language::zh_Hans;
}

Response search_items(ApiContext& context, const Request& request, const http::Caller&) {
  auto snapshot = context.node.catalog();
  search::ItemQuery query;
  std::vector<domain::FieldError> problems;
  static const std::set<std::string, std::less<>> known = {
      "q", "jurisdiction", "authority", "service_point", "zone", "life_event", "mode", "offset", "limit", "lang"};
  for (const auto& [name, value] : request.query)
    if (!known.count(name)) problems.push_back({name, "unknown_parameter", "Not a parameter of this search."});
  query.text = request.query_param("q").value_or("");
  query.jurisdiction = request.query_param("jurisdiction");
  query.authority = request.query_param("authority");
  query.service_point = request.query_param("service_point");
  query.zone = request.query_param("zone");
  query.life_event = request.query_param("life_event");
  if (auto mode = request.query_param("mode")) {
    query.mode = domain::parse_handling_mode(*mode);
    if (!query.mode) problems.push_back({"mode", "enum", "One of online, remote_intake, delegated, joint."});
  }
  query.offset = size_param(request, "offset", 0, 1'000'000, problems);
  query.limit = size_param(request, "limit", 20, search::CatalogIndex::kMaxLimit, problems);
  if (query.limit == 0) problems.push_back({"limit", "range", "At least 1."});
  if (!problems.empty())
    throw domain::ProblemError("validation-failed", "The search has invalid parameters.", problems);

  search::ItemPage page;
  try {
    page = snapshot->index.search(query);
  } catch (const search::QueryError& error) {
    throw domain::ProblemError("validation-failed", error.what(), {{"q", "query", error.what()}});
  }
  boost::json::array items;
  domain::Language language = response_language(request);
  for (const auto& hit : page.hits) {
    auto summary = catalog::item_summary_json(*hit.item, language);
    summary["score"] = hit.score;
    items.push_back(std::move(summary));
  }
  boost::json::object body{
      {"items", std::move(items)}, {"total", page.total}, {"offset", query.offset}, {"limit", query.limit}};
  return Response::json_text(200, boost::json::serialize(body));
}

Response get_item(ApiContext& context, const Request& request, const http::Caller&) {
  auto snapshot = context.node.catalog();
  const auto* item = snapshot->catalog.find_item(request.path_params.at("code"));
  if (!item) throw domain::ProblemError("not-found", "No item " + request.path_params.at("code") + ".");
  return Response::json_text(200, boost::json::serialize(catalog::item_to_json(*item)));
}

}  // namespace

void add_item_routes(http::Router& router, ApiContext& context) {
  using http::Access;
  router.add({"GET", "/api/v1/items", Access::everyone(), bind(context, search_items),
              "Search the catalog in any language, with filters"});
  router.add({"GET", "/api/v1/items/{code}", Access::everyone(), bind(context, get_item),
              "An item with every element, in four languages"});
}

}  // namespace tongban::api
