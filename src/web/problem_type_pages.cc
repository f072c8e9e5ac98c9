// The problem type pages: each `type` URI a problem answer carries ("/problems/<slug>", http/problem_response.h)
// answers with a page in the reader's language (the four language prefixes too) saying what the problem means and
// what to do about it (RFC 9457 §3.1.1: the type URI should document the problem). /problems lists every type.
// The words are the catalog keys "problem:<slug>:title", ":meaning" and ":todo" (po/<language>/problems.po); the
// slugs are domain::problem_types(), so a type added there without its words fails ProblemTypePages.* tests.
#include "http/problem_response.h"
#include "web/page_routes.h"

namespace tongban::web {
namespace {

std::string words(const Page& page, std::string_view slug, std::string_view part) {
  return page.t("problem:" + std::string(slug) + ":" + std::string(part));
}

const domain::ProblemType* known_type(std::string_view slug) {
  for (const auto& type : domain::problem_types())
    if (type.slug == slug) return &type;
  return nullptr;
}

http::Response problem_type_page(Page& page) {
  const std::string& slug = page.request.path_params.at("slug");
  const domain::ProblemType* type = known_type(slug);
  if (!type) throw domain::ProblemError("not-found", "There is no such problem type.");
  Data data;
  data.set("title", words(page, type->slug, "title"));
  data.set("meaning", words(page, type->slug, "meaning"));
  data.set("todo", words(page, type->slug, "todo"));
  data.set("status", std::to_string(type->status));
  data.set("type", http::problem_type_uri(type->slug));
  data.set("link_all", page.link("/problems"));
  return page.render("problem_type", data);
}

http::Response problem_type_list(Page& page) {
  Data types{Data::type::list};
  for (const auto& type : domain::problem_types()) {
    Data entry;
    entry.set("type", http::problem_type_uri(type.slug));
    entry.set("href", page.link(http::problem_type_uri(type.slug)));
    entry.set("status", std::to_string(type.status));
    entry.set("title", words(page, type.slug, "title"));
    types.push_back(entry);
  }
  Data data;
  data.set("title", page.t("Problem types"));
  data.set("types", types);
  return page.render("problem_types", data);
}

}  // namespace

void add_problem_type_pages(http::Router& router, const std::shared_ptr<Site>& site) {
  add_page(router, site, "GET", "/problems", problem_type_list);
  add_page(router, site, "GET", "/problems/{slug}", problem_type_page);
}

}  // namespace tongban::web
