// Site and Page: what every page handler works with.
//
// Site is the web module's state for one node: the desks, the node secret (CSRF, tracking codes), the kiosks
// (node/kiosk_desk.h) and the kiosk visits. One per router; shared by every handler thread (all members are
// thread-safe).
//
// Page is one request as a page sees it: its language, the signed-in actor (from the HttpOnly "tb_session" cookie,
// which holds the same opaque token the API takes as a bearer token), the CSRF token for its forms, the posted form
// (already CSRF-checked), and the cookies to set. render() wraps a template in the layout and adds the security
// headers (CSP without inline script, nosniff, frame-ancestors none, no-store).
#pragma once

#include <kainjow/mustache.hpp>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "domain/case.h"
#include "http/message.h"
#include "node/account_desk.h"
#include "node/case_desk.h"
#include "node/kiosk_desk.h"
#include "node/node.h"
#include "web/form_body.h"
#include "web/kiosk_visits.h"
#include "web/node_secret.h"
#include "web/video_help_desk.h"

namespace tongban::web {

// A path on this site that a redirect may go to: starts with one '/', holds no backslash and no control character
// (CR, LF, NUL, …), so it can neither leave the site ("//evil.example", "/\\evil") nor break the Location header.
bool is_local_path(std::string_view path);

using Data = kainjow::mustache::data;

inline constexpr std::string_view kSessionCookie = "tb_session";
inline constexpr std::string_view kKioskCookie = "tb_kiosk";               // the visit (web/kiosk_visits.h)
inline constexpr std::string_view kKioskDeviceCookie = "tb_kiosk_device";  // the kiosk's device key

struct Site {
  Site(node::Node& node, node::AccountDesk& accounts, node::CaseDesk& cases);
  node::Node& node;
  node::AccountDesk& accounts;
  node::CaseDesk& cases;
  NodeSecret secret;
  node::KioskDesk kiosks;
  KioskVisits visits;
  // Where people reach the pages, without a trailing '/' ("https://jm.tongban.example"); "" = not configured
  // (receipts then use the request's Host). Set before the routes serve.
  std::string public_url;
  // Video help: the help-call queue, the signalling relay and the calls' log (web/video_help_desk.h). After
  // `visits`.
  VideoHelpDesk video_help{visits, node.config().data_dir / "video_help.jsonl"};
};

class Page {
 public:
  Page(Site& site, const http::Request& request);

  Site& site;
  const http::Request& request;
  domain::Language language;
  std::optional<domain::Actor> actor;
  std::optional<store::AccountRecord> account;
  std::string session_token;
  FormInput form;                    // the posted form (POST only), CSRF already verified
  std::vector<std::string> cookies;  // Set-Cookie values

  std::string t(std::string_view msgid) const;
  // A link in the page's language: "/zh-Hant" + path.
  std::string link(std::string_view path) const;
  std::string csrf() const { return csrf_; }
  bool secure() const;
  bool has_role(std::initializer_list<domain::Role> roles) const;

  // 200 (or status) HTML: the template inside the layout, with the page's common data.
  http::Response render(std::string_view template_name, Data data, int status = 200) const;
  // 303 See Other to a path in the page's language (or an absolute path when it already has one).
  http::Response redirect(std::string_view path) const;
  http::Response finish(http::Response response) const;  // adds the cookies and security headers
  // The sign-in page when nobody is signed in, a 403 page when the role does not fit; nullopt when allowed.
  std::optional<http::Response> require(std::initializer_list<domain::Role> roles) const;

  // Reads the form of a POST and checks its CSRF token; false when the token is missing or wrong.
  bool accept_post();

 private:
  std::string csrf_;
  std::string path_without_language_;
};

std::string html_escape(std::string_view text);

}  // namespace tongban::web
