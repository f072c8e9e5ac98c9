#include "web/page_context.h"

#include <boost/url/encode.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>

#include "http/problem_response.h"
#include "node/rating_desk.h"
#include "web/cookies.h"
#include "web/csrf.h"
#include "web/language_choice.h"
#include "web/page_renderer.h"
#include "web/translations.h"

namespace tongban::web {
namespace {

constexpr std::string_view kContentSecurityPolicy =
    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; "
    "base-uri 'none'";

}  // namespace

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

Site::Site(node::Node& n, node::AccountDesk& a, node::CaseDesk& c)
    : node(n),
      accounts(a),
      cases(c),
      secret(NodeSecret::load_or_create(n.config().data_dir)),
      kiosks(n, a.hashing_pool()),
      visits(n.config().kiosk_idle_ms) {
  // Ratings were a file of this module before schema version 12; they now live in the store (node/rating_desk.h).
  node::RatingDesk(n).import_legacy_file(n.config().data_dir / "ratings.jsonl");
}

Page::Page(Site& s, const http::Request& r) : site(s), request(r) {
  auto choice = choose_language(request);
  language = choice.language;
  if (choice.from_url)
    cookies.push_back(set_cookie(kLanguageCookie, domain::language_tag(language), secure(), 365L * 24 * 3600));
  path_without_language_ = request.path;
  if (path_language(request.path)) {
    auto slash = request.path.find('/', 1);
    path_without_language_ = slash == std::string::npos ? "/" : request.path.substr(slash);
  }
  auto jar = request_cookies(request);
  // Two session cookies (one planted by someone else on a shared domain or through an injected header): neither is
  // believed; the visitor is signed out and the cookie cleared.
  if (cookie_count(request, kSessionCookie) > 1) {
    cookies.push_back(set_cookie(kSessionCookie, "", secure(), 0));
  } else if (auto session = jar.find(kSessionCookie); session != jar.end() && !session->second.empty()) {
    actor = site.accounts.authenticate(session->second);
    if (actor) {
      session_token = session->second;
      account = site.accounts.find(actor->account_id);
    } else {
      cookies.push_back(set_cookie(kSessionCookie, "", secure(), 0));
    }
  }
  std::string csrf_id;
  if (auto found = jar.find(kCsrfCookie); found != jar.end() && found->second.size() == 64) csrf_id = found->second;
  if (csrf_id.empty()) {
    csrf_id = random_hex(32);
    cookies.push_back(set_cookie(kCsrfCookie, csrf_id, secure()));
  }
  csrf_ = csrf_token(site.secret, csrf_id);
}

bool Page::accept_post() {
  auto jar = request_cookies(request);
  auto cookie = jar.find(kCsrfCookie);
  form = read_form(request);
  return cookie != jar.end() && csrf_valid(site.secret, cookie->second, form.value(kCsrfField));
}

std::string Page::t(std::string_view msgid) const {
  return Translations::shipped().text(language, msgid);
}

std::string Page::link(std::string_view path) const {
  return "/" + std::string(domain::language_tag(language)) + std::string(path);
}

bool Page::secure() const {
  return came_over_tls(request);
}

bool Page::has_role(std::initializer_list<domain::Role> roles) const {
  if (!actor) return false;
  for (auto role : roles)
    if (actor->role == role) return true;
  return false;
}

http::Response Page::finish(http::Response response) const {
  for (const auto& cookie : cookies) response.headers.emplace_back("Set-Cookie", cookie);  // one header per cookie
  response.set_header("Content-Security-Policy", std::string(kContentSecurityPolicy));
  response.set_header("X-Content-Type-Options", "nosniff");
  response.set_header("Referrer-Policy", "same-origin");
  response.set_header("Cache-Control", "no-store");
  response.set_header("Content-Language", std::string(domain::language_tag(language)));
  return response;
}

http::Response Page::render(std::string_view template_name, Data data, int status) const {
  data.set("csrf", csrf_);
  std::string body = render_template(template_name, data, language);
  Data layout;
  layout.set("content", body);
  layout.set("lang", std::string(domain::language_tag(language)));
  layout.set("title", data.get("title") && data.get("title")->is_string() ? data.get("title")->string_value()
                                                                          : std::string("tongban"));
  // A page that shows a validation error says so first in its <title> ("Error: …"), as screen readers read it first.
  layout.set("has_errors", data.get("has_errors") && data.get("has_errors")->is_true());
  bool kiosk = template_name.rfind("kiosk", 0) == 0;
  layout.set("home", link(kiosk ? "/kiosk" : "/"));  // a kiosk never leaves kiosk mode
  layout.set("csrf", csrf_);
  layout.set("kiosk", kiosk);
  Data languages{Data::type::list};
  std::string query;
  if (request.method == "GET" && request.target.find('?') != std::string::npos)
    query = request.target.substr(request.target.find('?'));
  for (auto other : domain::kAllLanguages) {
    Data entry;
    entry.set("href", "/" + std::string(domain::language_tag(other)) + path_without_language_ + query);
    entry.set("tag", std::string(domain::language_tag(other)));
    entry.set("name", Translations::shipped().text(other, "Language name"));
    entry.set("current", other == language);
    languages.push_back(entry);
  }
  layout.set("languages", languages);
  if (actor) {
    layout.set("signed_in", true);
    layout.set("user_name", account ? account->display_name : actor->account_id);
    layout.set("is_applicant", actor->role == domain::Role::applicant);
    // Agents (bank, post and partner staff) use the clerk's intake pages and queue; what they may do on a case is
    // the state machine's answer (domain/case_lifecycle.h), never more.
    layout.set("is_staff", domain::takes_in_at_point(actor->role) || actor->role == domain::Role::reviewer);
    layout.set("is_clerk", domain::takes_in_at_point(actor->role));
    layout.set("sees_figures", has_role({domain::Role::clerk, domain::Role::reviewer, domain::Role::admin}));
    layout.set("writes_notices", has_role({domain::Role::reviewer, domain::Role::admin}));
  }
  layout.set("link_cases", link("/cases"));
  layout.set("link_kiosk_pin", link("/account/kiosk-pin"));
  layout.set("link_workbench", link("/workbench"));
  layout.set("link_intake", link("/workbench/intake"));
  layout.set("link_sign_in", link("/sign-in"));
  layout.set("link_register", link("/register"));
  layout.set("link_sign_out", link("/sign-out"));
  layout.set("link_track", link("/track"));
  layout.set("link_privacy", link("/privacy"));
  layout.set("link_accessibility", link("/accessibility"));
  layout.set("link_contact", link("/contact"));
  layout.set("link_notices", link("/notices"));
  layout.set("link_region", link("/region"));
  layout.set("link_statistics", link("/staff/statistics"));
  layout.set("link_notice_desk", link("/staff/notices"));
  // The kiosk's inactivity timeout (its Refresh header) is the kiosk pages' own (web/kiosk_pages.cc).
  return finish(http::Response::text(status, render_template("layout", layout, language), "text/html; charset=utf-8"));
}

bool is_local_path(std::string_view path) {
  if (path.size() < 1 || path[0] != '/' || (path.size() > 1 && (path[1] == '/' || path[1] == '\\'))) return false;
  for (unsigned char c : path)
    if (c < 0x20 || c == 0x7f || c == '\\') return false;
  return true;
}

http::Response Page::redirect(std::string_view path) const {
  if (!is_local_path(path)) path = "/";
  std::string location = path_language(path) ? std::string(path) : link(path);
  return finish(http::Response::text(303, "", "text/plain; charset=utf-8").set_header("Location", location));
}

std::optional<http::Response> Page::require(std::initializer_list<domain::Role> roles) const {
  if (!actor)
    return redirect("/sign-in?next=" +
                    boost::urls::encode(path_without_language_, boost::urls::unreserved_chars + '/'));
  if (roles.size() && !has_role(roles)) {
    Data data;
    data.set("title", t("You cannot see this page"));
    data.set("message", t("Your account does not have access to this page."));
    return render("problem", data, 403);
  }
  return std::nullopt;
}

}  // namespace tongban::web
