// Routes of the catalog: /api/v1/items (search), /api/v1/items/{code}, jurisdictions, service points, zones.
#include <boost/json/serialize.hpp>
#include <charconv>

#include "api/api.h"
#include "api/bind.h"
#include "http/entity_tag.h"

namespace tongban::api {
namespace {

using http::Request;
using http::Response;

std::size_t size_param(const Request& request, std::string_view name, std::size_t fallback, std::size_t max,
                       std::vector<domain::FieldError>& problems) {
  auto text = request.query_param(name);
  if (!text) return fallback;
  std::size_t value = 0;
  auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (error == std::errc() && end == text->data() + text->size() && !text->empty() && value <= max) return value;
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

// Catalog data is public and the same for every caller: shared caches may keep it a minute, and then revalidate
// with If-None-Match (docs/api.md, "Caching of catalog data").
constexpr std::string_view kCatalogCaching = "public, max-age=60";

// A representation of catalog data: its strong ETag (of the SHA-256 of `body`) and caching headers, and either the
// body or, when If-None-Match already names the tag, 304 with no body.
Response catalog_representation(const Request& request, std::string_view body, std::string etag, bool by_language) {
  Response response;
  response.set_header("Cache-Control", std::string(kCatalogCaching));
  if (by_language) response.set_header("Vary", "Accept-Language");
  if (auto field = request.header("If-None-Match"); field && http::if_none_match_hits(*field, etag)) {
    response.status = 304;
    response.set_header("ETag", std::move(etag));
    return response;
  }
  response.set_header("Content-Type", "application/json");
  response.set_header("ETag", std::move(etag));
  response.body = std::string(body);
  return response;
}

constexpr std::size_t kMaxOffset = 1'000'000;

// The bytes serialize({"items": [summary + "score"], "total", "offset", "limit", "page", "pages"}) would give (page:
// the 1-based page the offset falls in at this limit; pages: how many pages of this limit the total fills), made of the
// snapshot's serialised summaries (catalog/item_documents.h) rather than encoding every item again.
std::string search_body(const catalog::ItemDocuments& documents, const search::ItemPage& page,
                        const search::ItemQuery& query, domain::Language language) {
  std::string body = "{\"items\":[";
  for (const auto& hit : page.hits) {
    const std::string& summary = documents.find(hit.item->code)->summary(language);
    if (body.back() != '[') body += ',';
    body.append(summary, 0, summary.size() - 1);  // without its closing brace
    body += ",\"score\":";
    body += boost::json::serialize(boost::json::value(hit.score));
    body += '}';
  }
  body += "],\"total\":" + std::to_string(page.total) + ",\"offset\":" + std::to_string(query.offset) +
          ",\"limit\":" + std::to_string(query.limit) + ",\"page\":" + std::to_string(query.offset / query.limit + 1) +
          ",\"pages\":" + std::to_string((page.total + query.limit - 1) / query.limit) + "}";
  return body;
}

Response search_items(ApiContext& context, const Request& request, const http::Caller&) {
  auto snapshot = context.node.catalog();
  search::ItemQuery query;
  std::vector<domain::FieldError> problems;
  static const std::set<std::string, std::less<>> known = {"q",     "jurisdiction", "authority", "service_point",
                                                           "zone",  "life_event",   "mode",      "offset",
                                                           "limit", "page",         "lang"};
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
  query.offset = size_param(request, "offset", 0, kMaxOffset, problems);
  query.limit = size_param(request, "limit", 20, search::CatalogIndex::kMaxLimit, problems);
  if (query.limit == 0) problems.push_back({"limit", "range", "At least 1."});
  // page=N (1-based) is offset (N-1) x limit; it cannot be combined with offset.
  if (request.query_param("page")) {
    const std::size_t number = size_param(request, "page", 1, kMaxOffset, problems);
    if (number == 0) problems.push_back({"page", "range", "At least 1."});
    if (request.query_param("offset")) problems.push_back({"page", "conflict", "Give page or offset, not both."});
    if (number > 0 && query.limit > 0) query.offset = std::min((number - 1) * query.limit, kMaxOffset);
  }
  if (!problems.empty())
    throw domain::ProblemError("validation-failed", "The search has invalid parameters.", problems);
  const domain::Language language = response_language(request);
  // Equal scores: this node's items and the zones it hosts first, then by name in the response language.
  query.visitor_jurisdiction = context.node.config().jurisdiction;
  query.language = language;

  search::ItemPage page;
  try {
    page = snapshot->index.search(query);
  } catch (const search::QueryError& error) {
    throw domain::ProblemError("validation-failed", error.what(), {{"q", "query", error.what()}});
  }
  std::string body = search_body(snapshot->documents, page, query, language);
  return catalog_representation(request, body, http::strong_entity_tag_of(body), true);
}

Response get_item(ApiContext& context, const Request& request, const http::Caller&) {
  auto snapshot = context.node.catalog();
  const std::string& code = request.path_params.at("code");
  const catalog::ItemDocument* document = snapshot->documents.find(code);
  if (!document) throw domain::ProblemError("not-found", "No item " + code + ".");
  return catalog_representation(request, document->json, http::strong_entity_tag(document->sha256), false);
}

}  // namespace

void add_item_routes(http::Router& router, ApiContext& context) {
  using http::Access;
  router.add({"GET", "/api/v1/items", Access::everyone(), bind(context, search_items),
              "Search the catalog in any language, with filters"});
  // The item by code is a cached document (catalog/item_documents.h): answered on the I/O thread (Route::runs_inline).
  http::Route item{"GET", "/api/v1/items/{code}", Access::everyone(), bind(context, get_item),
                   "An item with every element, in four languages"};
  item.runs_inline = true;
  router.add(std::move(item));
}

}  // namespace tongban::api
