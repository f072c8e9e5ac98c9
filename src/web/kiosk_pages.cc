// Kiosk pages (/kiosk, issue 8; docs/kiosk.md). A kiosk is a registered device: every page but enrolment first finds
// the kiosk from the browser's device cookie (node/kiosk_desk.h) and answers anyone else with a 403 "this device is
// not a registered kiosk" page. The person at the kiosk has a visit (web/kiosk_visits.h, the tb_kiosk cookie):
//   /kiosk/id-card   the card reader posts the card's document here (the simulated reader is the form on the page);
//                    the reading is held in the visit, nothing about accounts is looked up or said;
//   /kiosk/pin       the holder types their kiosk PIN; the reading is spent on the first try whatever happens, and a
//                    wrong PIN, an unknown document and a locked one get the same answer;
//   /kiosk/me        the holder's cases and receipts, for this kiosk visit only (the portal knows nothing of it);
//   /kiosk/timeout   the warning before the visit ends ("more time" or "end now"), reached by the Refresh header of
//                    every page shortly before the server-side end; /kiosk/end ends the visit.
// Every link, form and refresh on these pages stays under /kiosk: a kiosk never leaves kiosk mode, and a portal
// session cookie found on a kiosk is cleared.
#include <boost/url/encode.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>

#include "web/cookies.h"
#include "web/kiosk_page.h"
#include "web/locale_format.h"
#include "web/page_routes.h"
#include "web/qr_svg.h"
#include "web/tracking_code.h"

namespace tongban::web {
namespace {

constexpr long kDeviceCookieSeconds = 400L * 24 * 3600;  // browsers cap cookie lifetimes at 400 days

std::string cookie_value(const Page& page, std::string_view name) {
  auto jar = request_cookies(page.request);
  auto found = jar.find(name);
  return found == jar.end() ? "" : found->second;
}

http::Response not_a_kiosk(Page& page) {
  Data data;
  data.set("title", page.t("This device is not a registered kiosk"));
  data.set("enrol_href", page.link("/kiosk/enrol"));
  return page.render("kiosk_not_registered", data, 403);
}

// Finds the visit; `extend` (any page a person opens, but the warning) moves its end to now + idle time.
void find_visit(Page& page, Kiosk& kiosk, bool extend) {
  std::string id = cookie_value(page, kKioskCookie);
  kiosk.visit = id.empty() ? std::nullopt : page.site.visits.find(id, kiosk.device.id, page.site.node.now_ms(), extend);
  kiosk.visit_id = kiosk.visit ? id : "";
}

void start_visit(Page& page, Kiosk& kiosk, std::optional<std::string> holder) {
  if (!kiosk.visit_id.empty()) page.site.visits.end(kiosk.visit_id);
  std::int64_t now = page.site.node.now_ms();
  kiosk.visit_id = page.site.visits.start(kiosk.device.id, std::move(holder), now);
  kiosk.visit = page.site.visits.find(kiosk.visit_id, kiosk.device.id, now, false);
  page.cookies.push_back(set_cookie(kKioskCookie, kiosk.visit_id, page.secure()));
}

void ensure_visit(Page& page, Kiosk& kiosk) {
  if (!kiosk.visit) start_visit(page, kiosk, std::nullopt);
}

// The path (and query) of this request without its language prefix: where "more time" comes back to.
std::string here(const Page& page) {
  std::string path = page.request.path;
  if (path.size() > 1 && path.find('/', 1) != std::string::npos && path.rfind("/kiosk", 0) != 0)
    path = path.substr(path.find('/', 1));
  auto question = page.request.target.find('?');
  if (page.request.method == "GET" && question != std::string::npos) path += page.request.target.substr(question);
  return path;
}

bool is_kiosk_path(std::string_view path) {
  return is_local_path(path) && (path == "/kiosk" || path.rfind("/kiosk/", 0) == 0 || path.rfind("/kiosk?", 0) == 0);
}

// A kiosk page with a live visit refreshes to the timeout warning shortly before the visit's end.
http::Response render(Page& page, const Kiosk& kiosk, std::string_view name, Data data, int status = 200) {
  auto response = page.render(name, std::move(data), status);
  if (!kiosk.visit) return response;
  std::int64_t left = kiosk.visit->expires_at_ms - page.site.node.now_ms() - page.site.visits.warning_ms();
  std::string back = boost::urls::encode(here(page), boost::urls::unreserved_chars + '/');
  response.set_header("Refresh", std::to_string(std::max<std::int64_t>(1, left / 1000)) +
                                     ";url=" + page.link("/kiosk/timeout?back=" + back));
  return response;
}

Data kiosk_data(const Page& page, const std::string& title) {
  Data data;
  data.set("title", title);
  data.set("end_href", page.link("/kiosk/end"));
  data.set("home_href", page.link("/kiosk"));
  data.set("read_href", page.link("/kiosk/id-card"));
  data.set("pin_href", page.link("/kiosk/pin"));
  data.set("track_href", page.link("/kiosk/track"));
  data.set("more_time_href", page.link("/kiosk/more-time"));
  data.set("help_href", page.link("/kiosk/help"));  // video help: "call a clerk" (web/video_help_pages.cc)
  return data;
}

http::Response kiosk_home(Page& page, Kiosk& kiosk) {
  if (kiosk.visit && kiosk.visit->holder) return page.redirect("/kiosk/me");
  return render(page, kiosk, "kiosk_home", kiosk_data(page, page.t("Self-service kiosk")));
}

http::Response card_page(Page& page, Kiosk& kiosk, std::string_view problem, int status) {
  Data data = kiosk_data(page, page.t("Read your identity card"));
  data.set("documents", document_choices(page, "MO_BIR"));
  if (!problem.empty()) data.set(std::string(problem), true);
  return render(page, kiosk, "kiosk_id_card", data, status);
}

http::Response id_card_form(Page& page, Kiosk& kiosk) {
  ensure_visit(page, kiosk);
  return card_page(page, kiosk, "", 200);
}

// What the reader posts: type and number of the card's document. Only the card's shape is checked here.
http::Response id_card_read(Page& page, Kiosk& kiosk) {
  ensure_visit(page, kiosk);
  auto type = domain::parse_id_document_type(page.form.value("type"));
  auto check = type ? domain::check_id_document(*type, page.form.value("number")) : domain::IdDocumentCheck{};
  if (!type || !check.valid) return card_page(page, kiosk, "unreadable", 422);
  std::string reading = page.site.visits.record_reading(kiosk.visit_id, kiosk.device.id, *type, check.normalized,
                                                        page.site.node.now_ms());
  return page.redirect("/kiosk/pin?reading=" + reading);
}

http::Response pin_form(Page& page, Kiosk& kiosk) {
  std::string reading = page.request.query_param("reading").value_or("");
  if (!kiosk.visit || !page.site.visits.has_reading(kiosk.visit_id, kiosk.device.id, reading, page.site.node.now_ms()))
    return page.redirect("/kiosk/id-card");
  Data data = kiosk_data(page, page.t("Enter your kiosk PIN"));
  data.set("reading", reading);
  return render(page, kiosk, "kiosk_pin", data);
}

// One PIN per card reading. Every refusal — no such reading (another visit's, used, stale), unknown document, no PIN,
// wrong PIN, locked document — is the same page with the same status.
http::Response pin_post(Page& page, Kiosk& kiosk) {
  std::int64_t now = page.site.node.now_ms();
  auto reading = kiosk.visit
                     ? page.site.visits.take_reading(kiosk.visit_id, kiosk.device.id, page.form.value("reading"), now)
                     : std::nullopt;
  std::optional<std::string> holder;
  if (reading) holder = page.site.kiosks.sign_in(reading->type, reading->number, page.form.value("pin"));
  if (!holder) {
    ensure_visit(page, kiosk);
    return card_page(page, kiosk, "refused", 403);
  }
  start_visit(page, kiosk, holder);  // a new visit id for the signed-in holder
  return page.redirect("/kiosk/me");
}

http::Response kiosk_me(Page& page, Kiosk& kiosk) {
  if (!kiosk.visit || !kiosk.visit->holder) return page.redirect("/kiosk");
  const std::string& holder = *kiosk.visit->holder;
  auto snapshot = page.site.node.catalog();
  domain::Actor actor{holder, domain::Role::applicant, "", ""};
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
  auto account = page.site.accounts.find(holder);
  data.set("name", account ? account->display_name : "");
  return render(page, kiosk, "kiosk_me", data);
}

// The printable receipt of one of the holder's cases: case number, tracking code and its QR code (which a phone
// scans; it is not a link on the page).
http::Response kiosk_receipt(Page& page, Kiosk& kiosk) {
  if (!kiosk.visit || !kiosk.visit->holder) return page.redirect("/kiosk");
  auto kase = page.site.node.store().find_case(page.request.path_params.at("id"));
  if (!kase || kase->applicant_id != *kiosk.visit->holder) {
    Data data = kiosk_data(page, page.t("Page not found"));
    data.set("message", page.t("There is no such case."));
    return render(page, kiosk, "kiosk_message", data, 404);
  }
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
  return render(page, kiosk, "kiosk_receipt", data);
}

// Tracking by case number and tracking code, inside kiosk mode.
http::Response kiosk_track(Page& page, Kiosk& kiosk) {
  ensure_visit(page, kiosk);
  Data data = kiosk_data(page, page.t("Track a case"));
  std::string id = page.request.query_param("case").value_or("");
  std::string code = page.request.query_param("code").value_or("");
  data.set("case", id);
  data.set("code", code);
  if (id.empty() && code.empty()) return render(page, kiosk, "kiosk_track", data);
  auto kase = page.site.node.store().find_case(id);
  if (!kase || !tracking_code_matches(page.site.secret, id, code)) {
    data.set("not_found", true);
    return render(page, kiosk, "kiosk_track", data, 404);
  }
  auto snapshot = page.site.node.catalog();
  const auto* item = snapshot->catalog.find_item(kase->item_code);
  Data result;
  result.set("id", kase->id);
  result.set("item", item ? item->name.in(page.language) : kase->item_code);
  result.set("state", page.t("state:" + std::string(domain::to_string(kase->state))));
  result.set("updated", format_date_time(page.language, kase->updated_at_ms, 480));
  data.set("result", result);
  return render(page, kiosk, "kiosk_track", data);
}

http::Response end_page(Page& page, Kiosk& kiosk) {
  if (!kiosk.visit_id.empty()) {
    page.site.visits.end(kiosk.visit_id);
    page.site.video_help.visit_ended(kiosk.visit_id, page.site.node.now_ms());  // its video-help call ends too
  }
  if (cookie_count(page.request, kKioskCookie) > 0)
    page.cookies.push_back(set_cookie(kKioskCookie, "", page.secure(), 0));
  kiosk.visit.reset();
  return page.render("kiosk_end", kiosk_data(page, page.t("Session ended")));
}

// The warning: the visit is not extended by showing it; it refreshes to the end when the visit ends.
http::Response timeout_page(Page& page, Kiosk& kiosk) {
  if (!kiosk.visit) return end_page(page, kiosk);
  std::string back = page.request.query_param("back").value_or("/kiosk");
  if (!is_kiosk_path(back)) back = "/kiosk";
  std::int64_t left = std::max<std::int64_t>(1, (kiosk.visit->expires_at_ms - page.site.node.now_ms()) / 1000);
  Data data = kiosk_data(page, page.t("Do you need more time?"));
  data.set("back", back);
  data.set("seconds", std::to_string(left));
  auto response = page.render("kiosk_timeout", data);
  response.set_header("Refresh", std::to_string(left) + ";url=" + page.link("/kiosk/end"));
  return response;
}

http::Response more_time(Page& page, Kiosk& kiosk) {
  if (!kiosk.visit) return end_page(page, kiosk);  // too late: the visit has ended
  std::string back = page.form.value("back");
  return page.redirect(is_kiosk_path(back) ? back : "/kiosk");
}

http::Response enrol_page(Page& page, bool refused) {
  Data data;
  data.set("title", page.t("Enrol this device as a kiosk"));
  data.set("action", page.link("/kiosk/enrol"));
  data.set("refused", refused);
  return page.render("kiosk_enrol", data, refused ? 403 : 200);
}

http::Response enrol_form(Page& page) {
  if (page.site.kiosks.device(cookie_value(page, kKioskDeviceCookie))) return page.redirect("/kiosk");
  return enrol_page(page, false);
}

// Enrolment: the device key printed by `tongban kiosk add`, once. The key becomes the browser's device cookie; any
// portal session and visit on this browser are cleared.
http::Response enrol_post(Page& page) {
  auto kiosk = page.site.kiosks.enrol(page.form.value("key"));
  if (!kiosk) return enrol_page(page, true);
  page.cookies.push_back(set_cookie(kKioskDeviceCookie, page.form.value("key"), page.secure(), kDeviceCookieSeconds));
  page.cookies.push_back(set_cookie(kSessionCookie, "", page.secure(), 0));
  page.cookies.push_back(set_cookie(kKioskCookie, "", page.secure(), 0));
  return page.redirect("/kiosk");
}

}  // namespace

PageHandler kiosk_page(KioskHandler handler, bool extend) {
  return [handler = std::move(handler), extend](Page& page) {
    auto device = page.site.kiosks.device(cookie_value(page, kKioskDeviceCookie));
    if (!device) return not_a_kiosk(page);
    if (cookie_count(page.request, kSessionCookie) > 0)
      page.cookies.push_back(set_cookie(kSessionCookie, "", page.secure(), 0));
    page.actor.reset();
    page.account.reset();
    Kiosk kiosk{*device, "", std::nullopt};
    find_visit(page, kiosk, extend);
    return handler(page, kiosk);
  };
}

void ensure_kiosk_visit(Page& page, Kiosk& kiosk) {
  ensure_visit(page, kiosk);
}

void add_kiosk_pages(http::Router& router, const std::shared_ptr<Site>& site) {
  add_page(router, site, "GET", "/kiosk", kiosk_page(kiosk_home));
  add_page(router, site, "GET", "/kiosk/id-card", kiosk_page(id_card_form));
  add_page(router, site, "POST", "/kiosk/id-card", kiosk_page(id_card_read));
  add_page(router, site, "GET", "/kiosk/pin", kiosk_page(pin_form));
  add_page(router, site, "POST", "/kiosk/pin", kiosk_page(pin_post));
  add_page(router, site, "GET", "/kiosk/me", kiosk_page(kiosk_me));
  add_page(router, site, "GET", "/kiosk/cases/{id}/receipt", kiosk_page(kiosk_receipt));
  add_page(router, site, "GET", "/kiosk/track", kiosk_page(kiosk_track));
  add_page(router, site, "GET", "/kiosk/timeout", kiosk_page(timeout_page, false));
  add_page(router, site, "POST", "/kiosk/more-time", kiosk_page(more_time));
  add_page(router, site, "GET", "/kiosk/end", kiosk_page(end_page, false));
  add_page(router, site, "POST", "/kiosk/end", kiosk_page(end_page, false));
  add_page(router, site, "GET", "/kiosk/enrol", enrol_form);
  add_page(router, site, "POST", "/kiosk/enrol", enrol_post);
  add_kiosk_pin_pages(router, site);
}

}  // namespace tongban::web
