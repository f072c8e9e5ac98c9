// How the page modules add their routes: add_page() registers a handler under the bare path and under each of the
// four language prefixes, with Access::everyone() at the router (the pages authenticate with the session cookie
// themselves: Page::require) and one wrapper that
//   - denies a POST whose CSRF token is missing or wrong (403 page, nothing changes),
//   - turns a malformed form body into a 400 page,
//   - turns ProblemError and store errors into a page with the problem's status in the page's language.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "http/problem_response.h"
#include "http/router.h"
#include "web/page_context.h"

namespace tongban::web {

using PageHandler = std::function<http::Response(Page&)>;

inline constexpr std::size_t kFormBodyLimit = 64 * 1024;
inline constexpr std::size_t kUploadBodyLimit = 24 * 1024 * 1024;

void add_page(http::Router& router, const std::shared_ptr<Site>& site, const std::string& method,
              const std::string& path, PageHandler handler, std::size_t body_limit = kFormBodyLimit);

void add_search_pages(http::Router& router, const std::shared_ptr<Site>& site);      // the home page
void add_item_guide_pages(http::Router& router, const std::shared_ptr<Site>& site);  // /items/{code}
void add_account_pages(http::Router& router, const std::shared_ptr<Site>& site);     // register, sign in/out
void add_info_pages(http::Router& router, const std::shared_ptr<Site>& site);        // privacy, accessibility, contact
void add_case_pages(http::Router& router, const std::shared_ptr<Site>& site);
void add_staff_pages(http::Router& router, const std::shared_ptr<Site>& site);
void add_kiosk_pages(http::Router& router, const std::shared_ptr<Site>& site);  // with the kiosk PIN page
void add_kiosk_pin_pages(http::Router& router, const std::shared_ptr<Site>& site);
void add_problem_type_pages(http::Router& router, const std::shared_ptr<Site>& site);  // /problems/{slug}
void add_verify_pages(http::Router& router, const std::shared_ptr<Site>& site);        // /verify: e-certificates
void add_notice_pages(http::Router& router, const std::shared_ptr<Site>& site);        // /notices, feeds, subscriptions
void add_statistics_pages(http::Router& router, const std::shared_ptr<Site>& site);    // /staff/statistics
void add_region_pages(http::Router& router, const std::shared_ptr<Site>& site);        // /region
void add_notice_desk_pages(http::Router& router, const std::shared_ptr<Site>& site);   // /staff/notices
void add_video_help_pages(http::Router& router, const std::shared_ptr<Site>& site);    // /kiosk/help, /staff/video-help
// The video help that led to a case (web/video_help_log.h): call, when, helped_by, sha256 per row.
Data video_help_rows(const Page& page, const std::string& case_id);

// A <select>'s options: value, name, selected.
Data choice_list(const std::vector<std::pair<std::string, std::string>>& values, const std::string& selected);
// The identity document types as options.
Data document_choices(const Page& page, const std::string& selected);
// The page's word for an enum value: the catalog entry prefix + value ("mode:" + "online").
std::string word(const Page& page, std::string_view prefix, std::string_view value);
// A phone number in the catalog's format ("+86 750 12345") as a tel: link ("tel:+8675012345").
std::string tel_href(std::string_view phone);
// An item's line in a list of results: href, name, code, authority, jurisdiction.
Data item_summary(const Page& page, const domain::Catalog& catalog, const domain::Item& item);

// For /items/{code}/apply: when the item exists and is not offered on the web channel, the page that sends the person
// to the item's service points instead of the form (with `status`); nullopt otherwise. item_guide_pages.cc.
std::optional<http::Response> not_offered_online(const Page& page, int status);

// The page of a problem: its status, a translated title, the node's detail.
http::Response problem_page(const Page& page, const domain::Problem& problem);

}  // namespace tongban::web
