// Kiosk pages (/kiosk): large touch targets, the language switch on every screen, a "read ID card" step fed by the
// simulated reader endpoint (POST /kiosk/id-card with the document the reader saw — a local reader daemon posts the
// same form), the applicant's cases with printable receipts, and an inactivity timeout: every kiosk page refreshes
// to /kiosk/end after 90 s (meta refresh, no script), and the server forgets a kiosk session idle for 2 minutes.
#include "web/cookies.h"
#include "web/locale_format.h"
#include "web/page_routes.h"
#include "web/qr_svg.h"
#include "web/tracking_code.h"

namespace tongban::web {
namespace {

std::optional<std::string> kiosk_applicant(Page& page) {
  auto jar = request_cookies(page.request);
  auto found = jar.find(kKioskCookie);
  if (found == jar.end()) return std::nullopt;
  return page.site.kiosk.touch(found->second, page.site.node.now_ms());
}

Data kiosk_data(const Page& page, const std::string& title) {
  Data data;
  data.set("title", title);
  data.set("end_href", page.link("/kiosk/end"));
  data.set("home_href", page.link("/kiosk"));
  data.set("read_href", page.link("/kiosk/id-card"));
  data.set("track_href", page.link("/track"));
  data.set("search_href", page.link("/"));
  return data;
}

http::Response kiosk_home(Page& page) {
  if (kiosk_applicant(page)) return page.redirect("/kiosk/me");
  return page.render("kiosk_home", kiosk_data(page, page.t("Self-service kiosk")));
}

http::Response id_card_form(Page& page) {
  Data data = kiosk_data(page, page.t("Read your identity card"));
  data.set("documents", document_choices(page, "MO_BIR"));
  return page.render("kiosk_id_card", data);
}

http::Response id_card_read(Page& page) {
  auto type = domain::parse_id_document_type(page.form.value("type"));
  std::optional<store::AccountRecord> account;
  if (type) {
    auto check = domain::check_id_document(*type, page.form.value("number"));
    if (check.valid) account = page.site.node.store().find_account_by_document(to_string(*type), check.normalized);
  }
  if (!account || account->role != domain::Role::applicant) {
    Data data = kiosk_data(page, page.t("Read your identity card"));
    data.set("documents", document_choices(page, page.form.value("type")));
    data.set("not_found", true);
    return page.render("kiosk_id_card", data, 404);
  }
  auto session = page.site.kiosk.start(account->id, page.site.node.now_ms());
  page.cookies.push_back(set_cookie(kKioskCookie, session, page.secure(), kKioskIdleMs / 1000));
  return page.redirect("/kiosk/me");
}

http::Response kiosk_me(Page& page) {
  auto applicant = kiosk_applicant(page);
  if (!applicant) return page.redirect("/kiosk");
  auto snapshot = page.site.node.catalog();
  domain::Actor actor{*applicant, domain::Role::applicant, "", ""};
  store::CaseFilter filter;
  filter.limit = 20;
  auto list = page.site.cases.list(actor, filter);
  Data rows{Data::type::list};
  for (auto it = list.cases.rbegin(); it != list.cases.rend(); ++it) {
    Data row;
    row.set("id", it->id);
    const auto* item = snapshot->catalog.find_item(it->item_code);
    row.set("item", item ? item->name.in(page.language) : it->item_code);
    row.set("state", page.t("state:" + std::string(domain::to_string(it->state))));
    row.set("tracking_code", tracking_code(page.site.secret, it->id));
    row.set("receipt_href", page.link("/kiosk/cases/" + it->id + "/receipt"));
    rows.push_back(row);
  }
  Data data = kiosk_data(page, page.t("Your cases"));
  data.set("cases", rows);
  data.set("none", list.cases.empty());
  auto account = page.site.accounts.find(*applicant);
  data.set("name", account ? account->display_name : "");
  return page.render("kiosk_me", data);
}

// The printable receipt of one of the kiosk applicant's cases: case number, tracking code and its QR code.
http::Response kiosk_receipt(Page& page) {
  auto applicant = kiosk_applicant(page);
  if (!applicant) return page.redirect("/kiosk");
  auto kase = page.site.node.store().find_case(page.request.path_params.at("id"));
  if (!kase || kase->applicant_id != *applicant) throw domain::ProblemError("not-found", "There is no such case.");
  auto snapshot = page.site.node.catalog();
  const auto* item = snapshot->catalog.find_item(kase->item_code);
  std::string code = tracking_code(page.site.secret, kase->id);
  auto host = page.request.header("Host").value_or("localhost");
  std::string url = std::string(page.secure() ? "https://" : "http://") + std::string(host) +
                    "/track?case=" + kase->id + "&code=" + code;
  Data data = kiosk_data(page, page.t("Receipt") + " " + kase->id);
  data.set("id", kase->id);
  data.set("item", item ? item->name.in(page.language) : kase->item_code);
  data.set("state", page.t("state:" + std::string(domain::to_string(kase->state))));
  data.set("created", format_date_time(page.language, kase->created_at_ms, 480));
  data.set("tracking_code", code);
  data.set("qr", qr_svg(url, page.t("QR code to track this case")));
  data.set("me_href", page.link("/kiosk/me"));
  return page.render("kiosk_receipt", data);
}

http::Response kiosk_end(Page& page) {
  auto jar = request_cookies(page.request);
  if (auto found = jar.find(kKioskCookie); found != jar.end()) page.site.kiosk.end(found->second);
  page.cookies.push_back(set_cookie(kKioskCookie, "", page.secure(), 0));
  return page.render("kiosk_end", kiosk_data(page, page.t("Session ended")));
}

}  // namespace

void add_kiosk_pages(http::Router& router, const std::shared_ptr<Site>& site) {
  add_page(router, site, "GET", "/kiosk", kiosk_home);
  add_page(router, site, "GET", "/kiosk/id-card", id_card_form);
  add_page(router, site, "POST", "/kiosk/id-card", id_card_read);
  add_page(router, site, "GET", "/kiosk/me", kiosk_me);
  add_page(router, site, "GET", "/kiosk/cases/{id}/receipt", kiosk_receipt);
  add_page(router, site, "GET", "/kiosk/end", kiosk_end);
  add_page(router, site, "POST", "/kiosk/end", kiosk_end);
}

}  // namespace tongban::web
