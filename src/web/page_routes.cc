#include "web/page_routes.h"

#include <spdlog/spdlog.h>

#include "http/problem_response.h"
#include "node/problem_mapping.h"
#include "web/cookies.h"
#include "web/csrf.h"
#include "web/embedded_files.h"
#include "web/multipart.h"
#include "web/translations.h"
#include "web/web.h"

namespace tongban::web {
namespace {

// A form body the parsers refuse (not urlencoded or multipart, a bad escape, a broken part): the person sees a
// translated page; the parser's own words (English, for developers) go to the log only.
http::Response unreadable_form(const Page& page, std::string_view reason) {
  spdlog::info("page {}: form body refused: {}", page.request.path, reason);
  Data data;
  data.set("title", page.t("There is a problem"));
  data.set("message", page.t("The form could not be read. Go back, reload the page and send the form again."));
  return page.render("problem", data, 422);
}

http::Response guarded(Site& site, const http::Request& request, const PageHandler& handler) {
  Page page(site, request);
  try {
    if (request.method == "POST" && !page.accept_post()) {
      Data data;
      data.set("title", page.t("This form has expired"));
      data.set("message", page.t("Go back, reload the page and send the form again."));
      return page.render("problem", data, 403);
    }
    return handler(page);
  } catch (const FormBodyError& error) {
    return unreadable_form(page, error.what());
  } catch (const MultipartError& error) {
    return unreadable_form(page, error.what());
  } catch (const std::exception& error) {
    if (auto problem = node::problem_for(error)) return problem_page(page, *problem);
    throw;
  }
}

// A page POST, from its header only (http::Admission): no form is read without the CSRF cookie its token is bound
// to (the token itself is in the body, checked after a bounded read by accept_post), and no upload form (a body
// limit over kFormBodyLimit) is read unless the session cookie signs someone in. Refused: the page, its body unread.
http::BodyAdmission admit_post(Site& site, const http::Request& header, std::size_t limit) {
  auto jar = request_cookies(header);
  auto csrf = jar.find(kCsrfCookie);
  const bool csrf_cookie = csrf != jar.end() && csrf->second.size() == 64;
  if (csrf_cookie && limit <= kFormBodyLimit) return http::BodyAdmission::allow(limit);
  Page page(site, header);
  Data data;
  if (!csrf_cookie) {
    data.set("title", page.t("This form has expired"));
    data.set("message", page.t("Go back, reload the page and send the form again."));
    return http::BodyAdmission::refuse(page.render("problem", data, 403));
  }
  if (page.actor) return http::BodyAdmission::allow(limit);
  data.set("title", page.t("Sign in first"));
  data.set("message", page.t("Sign in before you send this form; nothing you attached was received."));
  return http::BodyAdmission::refuse(page.render("problem", data, 401));
}

http::Response stylesheet_file(const std::string& name) {
  auto found = embedded_files().find("static/" + name);
  return http::Response::text(200, std::string(found->second), "text/css; charset=utf-8")
      .set_header("Cache-Control", "public, max-age=3600")
      .set_header("X-Content-Type-Options", "nosniff");
}

}  // namespace

http::Response problem_page(const Page& page, const domain::Problem& problem) {
  int status = domain::problem_type(problem.slug).status;
  Data data;
  data.set("title", status == 404 ? page.t("Page not found") : page.t("There is a problem"));
  // A desk's detail is shown only when it is a sentence of the catalogs; otherwise (a developer's English sentence,
  // often with an id in it) the page says what the problem type means, in the page's language.
  const Translations& words = Translations::shipped();
  data.set("message", words.has(page.language, problem.detail) ? page.t(problem.detail)
                                                               : page.t("problem:" + problem.slug + ":meaning"));
  Data errors{Data::type::list};
  for (const auto& error : problem.errors) {
    // The error's own sentence when the catalogs have it, else the words of its rule ("rule:<rule>"), else nothing.
    std::string rule_key = "rule:" + error.rule;
    const std::string* key = words.has(page.language, error.message) ? &error.message
                             : words.has(page.language, rule_key)    ? &rule_key
                                                                     : nullptr;
    if (!key) continue;
    Data entry;
    entry.set("message", page.t(*key));
    errors.push_back(entry);
  }
  data.set("errors", errors);
  data.set("has_errors", !errors.is_empty_list());
  http::Response response = page.render("problem", data, status);
  if (problem.retry_after_seconds > 0) response.set_header("Retry-After", std::to_string(problem.retry_after_seconds));
  return response;
}

void add_page(http::Router& router, const std::shared_ptr<Site>& site, const std::string& method,
              const std::string& path, PageHandler handler, std::size_t body_limit) {
  auto shared = std::make_shared<PageHandler>(std::move(handler));
  auto route_handler = [site, shared](const http::Request& request, const http::Caller&) {
    return guarded(*site, request, *shared);
  };
  http::Route route{method, path, http::Access::everyone(), route_handler, "Web page", body_limit};
  if (method == "POST")
    route.admission = [site](const http::Request& header, const http::Caller&, std::size_t limit) {
      return admit_post(*site, header, limit);
    };
  router.add(route);
  for (auto language : domain::kAllLanguages) {
    route.pattern = "/" + std::string(domain::language_tag(language)) + (path == "/" ? "" : path);
    router.add(route);
  }
}

void add_page_routes(http::Router& router, node::Node& node, node::AccountDesk& accounts, node::CaseDesk& cases,
                     const std::string& public_url) {
  auto site = std::make_shared<Site>(node, accounts, cases);
  site->public_url = public_url;
  while (!site->public_url.empty() && site->public_url.back() == '/') site->public_url.pop_back();
  router.add({"GET", "/static/site.css", http::Access::everyone(),
              [](const http::Request&, const http::Caller&) { return stylesheet_file("site.css"); },
              "The pages' stylesheet"});
  router.add({"GET", "/static/staff.css", http::Access::everyone(),
              [](const http::Request&, const http::Caller&) { return stylesheet_file("staff.css"); },
              "The staff pages' stylesheet"});
  add_search_pages(router, site);
  add_item_guide_pages(router, site);
  add_account_pages(router, site);
  add_info_pages(router, site);
  add_case_pages(router, site);
  add_staff_pages(router, site);
  add_kiosk_pages(router, site);
  add_problem_type_pages(router, site);
  add_video_help_pages(router, site);
  add_verify_pages(router, site);
  add_notice_pages(router, site);
  add_notice_desk_pages(router, site);
  add_statistics_pages(router, site);
  add_region_pages(router, site);
}

}  // namespace tongban::web
