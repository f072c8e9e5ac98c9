// Video-help pages (issue 11 §3, docs/video-help.md):
//   POST /kiosk/help                  "Call a clerk" on a kiosk (or service-cabin) screen: the visit's call is put in
//                                     the queue (or the live one found) and the screen goes to the call's page;
//   GET  /kiosk/help/{call}           the call at the kiosk: status, video both ways, the shared application form
//                                     (the item's fields, ?item=CODE), "hang up"; POST …/end hangs up;
//   GET  /staff/video-help            the clerk's list of waiting calls (and their own); POST …/{call}/join;
//   GET  /staff/video-help/{call}     the clerk's side: video, the applicant's form mirrored and fillable, "end the
//                                     call"; once ended, the session record's hash and "record on the case";
//   POST /staff/video-help/{call}/end, POST /staff/video-help/{call}/record (case);
//   WebSocket /ws/video-help/{call}/kiosk and /ws/video-help/{call}/clerk: the signalling (web/video_help_desk.h).
// Pages work without script except the video and the live form, which need it (the pages say so in <noscript>).
// These pages alone get a Content-Security-Policy with script-src 'self' (the one static script,
// /static/video-help.js) and connect-src 'self' (the WebSocket to this node); nothing inline.
#include <boost/url/encode.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>

#include "web/application_view.h"
#include "web/cookies.h"
#include "web/embedded_files.h"
#include "web/kiosk_page.h"
#include "web/locale_format.h"
#include "web/page_routes.h"

namespace tongban::web {
namespace {

using domain::HelpCallEnd;
using domain::HelpCallState;
using domain::Role;

constexpr std::string_view kVideoHelpPolicy =
    "default-src 'none'; script-src 'self'; connect-src 'self'; media-src 'self' blob: mediastream:; style-src 'self'; "
    "img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

http::Response with_policy(http::Response response) {
  response.set_header("Content-Security-Policy", std::string(kVideoHelpPolicy));
  // The camera and microphone for this site's own pages only.
  response.set_header("Permissions-Policy", "camera=(self), microphone=(self), display-capture=()");
  return response;
}

http::Response static_file(const std::string& name, const std::string& type) {
  auto found = embedded_files().find("static/" + name);
  return http::Response::text(200, std::string(found->second), type)
      .set_header("Cache-Control", "public, max-age=3600")
      .set_header("X-Content-Type-Options", "nosniff");
}

std::string call_path(std::string_view call_id) {
  return boost::urls::encode(call_id, boost::urls::unreserved_chars);
}

std::string reason_text(const Page& page, HelpCallEnd reason) {
  return page.t("video_help:end:" + std::string(domain::to_string(reason)));
}

std::string kiosk_label(const Page& page, const domain::HelpCall& call) {
  auto snapshot = page.site.node.catalog();
  for (const auto& point : snapshot->catalog.service_points)
    if (point.code == call.service_point) return call.kiosk_id + " – " + point.name.in(page.language);
  return call.kiosk_id;
}

// ---- The kiosk's side ----

http::Response call_clerk(Page& page, Kiosk& kiosk) {
  ensure_kiosk_visit(page, kiosk);
  auto result = page.site.video_help.request(kiosk.device.id, kiosk.device.service_point, kiosk.visit_id,
                                             kiosk.visit->holder.value_or(""), page.site.node.now_ms());
  if (result.outcome == domain::RequestOutcome::full) {
    Data data;
    data.set("title", page.t("All clerks are busy"));
    data.set("message", page.t("Too many people are waiting for a clerk. Please try again in a few minutes."));
    data.set("home_href", page.link("/kiosk"));
    data.set("end_href", page.link("/kiosk/end"));
    return page.render("kiosk_message", data, 503).set_header("Retry-After", "60");
  }
  return page.redirect("/kiosk/help/" + call_path(result.call->id));
}

// The call of this kiosk visit, or nullopt (another kiosk's or visit's call is unknown here).
std::optional<domain::HelpCall> own_call(Page& page, const Kiosk& kiosk) {
  auto call = page.site.video_help.find(page.request.path_params.at("call"), page.site.node.now_ms());
  if (!call || kiosk.visit_id.empty() || call->kiosk_id != kiosk.device.id || call->visit_id != kiosk.visit_id)
    return std::nullopt;
  return call;
}

http::Response no_such_call(Page& page, bool kiosk) {
  Data data;
  data.set("title", page.t("Page not found"));
  data.set("message", page.t("There is no such call."));
  data.set("home_href", page.link(kiosk ? "/kiosk" : "/staff/video-help"));
  data.set("end_href", page.link("/kiosk/end"));
  return page.render(kiosk ? "kiosk_message" : "problem", data, 404);
}

// The item chooser and, for a chosen item of this node, its application form (empty, or as the page last sent it).
void add_shared_form(Page& page, Data& data) {
  auto snapshot = page.site.node.catalog();
  const std::string jurisdiction = page.site.node.config().jurisdiction;
  std::string chosen = page.request.query_param("item").value_or("");
  Data items{Data::type::list};
  for (const auto& item : snapshot->catalog.items) {
    if (item.jurisdiction != jurisdiction) continue;
    Data entry;
    entry.set("value", item.code);
    entry.set("name", item.name.in(page.language));
    entry.set("selected", item.code == chosen);
    items.push_back(entry);
  }
  data.set("items", items);
  const auto* item = snapshot->catalog.find_item(chosen);
  if (!item || item->jurisdiction != jurisdiction) return;
  Data form = application_data(page, *item, {}, {}, FormView{true, nullptr});
  Data shown;
  shown.set("code", item->code);
  shown.set("name", item->name.in(page.language));
  if (auto fields = form.get("fields")) shown.set("fields", *fields);
  data.set("item", shown);
}

http::Response kiosk_call_page(Page& page, Kiosk& kiosk) {
  auto call = own_call(page, kiosk);
  if (!call) return no_such_call(page, true);
  Data data;
  data.set("title", page.t("Video help"));
  data.set("state", std::string(domain::to_string(call->state)));
  data.set("live", call->live());
  data.set("home_href", page.link(kiosk.visit && kiosk.visit->holder ? "/kiosk/me" : "/kiosk"));
  data.set("help_href", page.link("/kiosk/help/" + call_path(call->id)));
  data.set("hang_up_href", page.link("/kiosk/help/" + call_path(call->id) + "/end"));
  data.set("ws_path", "/ws/video-help/" + call_path(call->id) + "/kiosk");
  data.set("end_href", page.link("/kiosk/end"));
  switch (call->state) {
    case HelpCallState::waiting: data.set("status", page.t("Waiting for a clerk. Please stay at the kiosk.")); break;
    case HelpCallState::joined: data.set("status", page.t("A clerk has joined. Connecting the video…")); break;
    case HelpCallState::ended:
      data.set("status", page.t("The call has ended.") + " " + reason_text(page, call->end_reason));
      break;
  }
  if (call->live()) add_shared_form(page, data);
  // No Refresh to the timeout warning during a call: the page's script keeps the visit alive (ping), and a refresh
  // would cut the video off.
  return with_policy(page.render("kiosk_help", data));
}

http::Response kiosk_hang_up(Page& page, Kiosk& kiosk) {
  auto call = own_call(page, kiosk);
  if (!call) return no_such_call(page, true);
  page.site.video_help.hang_up(call->id, HelpCallEnd::applicant_left, page.site.node.now_ms());
  return page.redirect("/kiosk/help/" + call_path(call->id));
}

// ---- The clerk's side ----

http::Response queue_page(Page& page) {
  if (auto denied = page.require({Role::clerk})) return *denied;
  std::int64_t now = page.site.node.now_ms();
  Data calls{Data::type::list};
  for (const auto& call : page.site.video_help.waiting(now)) {
    Data row;
    row.set("id", call.id);
    row.set("kiosk", kiosk_label(page, call));
    row.set("since", format_date_time(page.language, call.requested_at_ms, 480));
    row.set("join_href", page.link("/staff/video-help/" + call_path(call.id) + "/join"));
    row.set("csrf", page.csrf());
    calls.push_back(row);
  }
  Data data;
  data.set("title", page.t("Video help"));
  data.set("none", calls.is_empty_list());
  data.set("calls", calls);
  data.set("refresh_href", page.link("/staff/video-help"));
  Data mine{Data::type::list};
  for (const auto& call : page.site.video_help.joined_by(page.actor->account_id, now)) {
    Data row;
    row.set("id", call.id);
    row.set("kiosk", kiosk_label(page, call));
    row.set("href", page.link("/staff/video-help/" + call_path(call.id)));
    mine.push_back(row);
  }
  data.set("mine_any", !mine.is_empty_list());
  data.set("mine", mine);
  return page.render("staff_video_help", data);
}

http::Response join_call(Page& page) {
  if (auto denied = page.require({Role::clerk})) return *denied;
  const std::string& id = page.request.path_params.at("call");
  auto outcome = page.site.video_help.join(id, page.actor->account_id, page.site.node.now_ms());
  if (outcome == domain::JoinOutcome::not_found) return no_such_call(page, false);
  if (outcome != domain::JoinOutcome::joined) {
    auto call = page.site.video_help.find(id, page.site.node.now_ms());
    if (call && call->clerk_id == page.actor->account_id) return page.redirect("/staff/video-help/" + call_path(id));
    Data data;
    data.set("title", page.t("This call is not waiting any more"));
    data.set("message", page.t("Another clerk has joined it, or it has ended."));
    return page.render("problem", data, 409);
  }
  return page.redirect("/staff/video-help/" + call_path(id));
}

// The call as its clerk sees it; only the clerk who joined it may open it.
std::optional<domain::HelpCall> clerks_call(Page& page) {
  auto call = page.site.video_help.find(page.request.path_params.at("call"), page.site.node.now_ms());
  if (!call || call->clerk_id != page.actor->account_id) return std::nullopt;
  return call;
}

http::Response clerk_call_page(Page& page, const std::string& record_error = "", int status = 200) {
  if (auto denied = page.require({Role::clerk})) return *denied;
  auto call = clerks_call(page);
  if (!call) return no_such_call(page, false);
  Data data;
  data.set("title", page.t("Video help") + " " + call->id);
  data.set("kiosk", kiosk_label(page, *call));
  data.set("state", std::string(domain::to_string(call->state)));
  data.set("state_text", page.t("video_help:state:" + std::string(domain::to_string(call->state))));
  data.set("live", call->live());
  data.set("ws_path", "/ws/video-help/" + call_path(call->id) + "/clerk");
  data.set("end_href", page.link("/staff/video-help/" + call_path(call->id) + "/end"));
  data.set("queue_href", page.link("/staff/video-help"));
  std::optional<store::AccountRecord> holder;
  if (!call->holder.empty()) holder = page.site.accounts.find(call->holder);
  if (holder) data.set("holder_name", holder->display_name);
  auto logged = page.site.video_help.log().call(call->id);
  if (auto ended = page.site.video_help.ended(call->id, page.site.node.now_ms()); ended && logged) {
    data.set("ended", true);
    data.set("reason", reason_text(page, call->end_reason));
    data.set("helped_by", page.account ? page.account->display_name : page.actor->account_id);
    data.set("sha256", ended->record_sha256);
    data.set("entries", fill(page.t("{count} entries"), "count", std::to_string(ended->record_entries)));
    if (!logged->case_id.empty()) {
      data.set("case_id", logged->case_id);
      data.set("case_href", page.link("/workbench/cases/" + logged->case_id));
    } else if (holder) {
      domain::Actor applicant{holder->id, Role::applicant, "", ""};
      store::CaseFilter filter;
      filter.limit = 20;
      auto snapshot = page.site.node.catalog();
      Data cases{Data::type::list};
      auto list = page.site.cases.list(applicant, filter);
      for (auto it = list.cases.rbegin(); it != list.cases.rend(); ++it) {
        Data row;
        row.set("id", it->id);
        const auto* item = snapshot->catalog.find_item(it->item_code);
        row.set("item", item ? item->name.in(page.language) : it->item_code);
        cases.push_back(row);
      }
      data.set("cases", cases);
      data.set("can_record", !list.cases.empty());
      data.set("record_href", page.link("/staff/video-help/" + call_path(call->id) + "/record"));
      if (!record_error.empty()) {
        data.set("record_error", record_error);
        data.set("has_errors", true);
      }
    }
  }
  return with_policy(page.render("staff_video_call", data, status));
}

http::Response clerk_end(Page& page) {
  if (auto denied = page.require({Role::clerk})) return *denied;
  auto call = clerks_call(page);
  if (!call) return no_such_call(page, false);
  page.site.video_help.hang_up(call->id, HelpCallEnd::clerk_left, page.site.node.now_ms());
  return page.redirect("/staff/video-help/" + call_path(call->id));
}

// Links the ended call (who helped, the record's hash) to a case of the person signed in at the kiosk, once per
// call, in the video-help log (web/video_help_log.h); the case's pages then show it.
http::Response record_on_case(Page& page) {
  if (auto denied = page.require({Role::clerk})) return *denied;
  auto call = clerks_call(page);
  if (!call) return no_such_call(page, false);
  std::int64_t now = page.site.node.now_ms();
  auto logged = page.site.video_help.log().call(call->id);
  if (!logged || call->holder.empty()) return clerk_call_page(page, page.t("The call has not ended yet."), 409);
  if (!logged->case_id.empty()) return page.redirect("/staff/video-help/" + call_path(call->id));
  auto kase = page.site.node.store().find_case(page.form.value("case"));
  if (!kase || kase->applicant_id != call->holder)
    return clerk_call_page(page, page.t("Choose one of the cases of the person at the kiosk."), 422);
  page.site.video_help.log().recorded_on_case(call->id, kase->id, page.actor->account_id, now);
  return page.redirect("/staff/video-help/" + call_path(call->id));
}

// ---- The signalling WebSockets ----

http::WebSocketAcceptance refused(std::string_view slug, std::string detail) {
  return http::WebSocketAcceptance::refuse(http::problem_response(std::string(slug), std::move(detail)));
}

http::WebSocketAcceptance accept_kiosk(Site& site, const http::Request& request) {
  auto jar = request_cookies(request);
  auto device_cookie = jar.find(kKioskDeviceCookie);
  auto visit_cookie = jar.find(kKioskCookie);
  if (device_cookie == jar.end() || visit_cookie == jar.end())
    return refused("unauthenticated", "Only the kiosk that called may connect to this call.");
  auto device = site.kiosks.device(device_cookie->second);
  std::int64_t now = site.node.now_ms();
  if (!device || !site.visits.find(visit_cookie->second, device->id, now, true))
    return refused("unauthenticated", "Only the kiosk that called may connect to this call.");
  auto session =
      site.video_help.applicant_session(request.path_params.at("call"), device->id, visit_cookie->second, now);
  if (!session) return refused("forbidden", "This kiosk visit has no such call, or it has ended.");
  return {session, {}, kVideoHelpMessageLimit, std::chrono::milliseconds(30'000)};
}

http::WebSocketAcceptance accept_clerk(Site& site, const http::Request& request) {
  auto jar = request_cookies(request);
  auto token = jar.find(kSessionCookie);
  if (token == jar.end() || cookie_count(request, kSessionCookie) != 1)
    return refused("unauthenticated", "Sign in as a clerk first.");
  auto actor = site.accounts.authenticate(token->second);
  if (!actor) return refused("unauthenticated", "Sign in as a clerk first.");
  if (actor->role != Role::clerk) return refused("forbidden", "Only clerks take video-help calls.");
  auto session = site.video_help.clerk_session(request.path_params.at("call"), actor->account_id, site.node.now_ms());
  if (!session) return refused("forbidden", "Join this call first; only the clerk who joined it may connect.");
  return {session, {}, kVideoHelpMessageLimit, std::chrono::milliseconds(30'000)};
}

}  // namespace

Data video_help_rows(const Page& page, const std::string& case_id) {
  Data rows{Data::type::list};
  for (const auto& logged : page.site.video_help.log().of_case(case_id)) {
    Data row;
    row.set("call", logged.call_id);
    row.set("when", format_date_time(page.language, logged.ended_at_ms, 480));
    auto clerk = page.site.accounts.find(logged.clerk_id);
    row.set("helped_by", clerk ? clerk->display_name : logged.clerk_id);
    row.set("sha256", logged.record_sha256);
    rows.push_back(row);
  }
  return rows;
}

void add_video_help_pages(http::Router& router, const std::shared_ptr<Site>& site) {
  Site* raw = site.get();  // not the shared_ptr: the desk is the site's own member
  site->video_help.set_clock([raw] { return raw->node.now_ms(); });
  router.add({"GET",
              "/static/video-help.js",
              http::Access::everyone(),
              [](const http::Request&, const http::Caller&) {
                return static_file("video-help.js", "text/javascript; charset=utf-8");
              },
              "The video-help pages' script",
              http::kDefaultBodyLimit,
              {},
              false,
              true});
  router.add({"GET",
              "/static/video-help.css",
              http::Access::everyone(),
              [](const http::Request&, const http::Caller&) {
                return static_file("video-help.css", "text/css; charset=utf-8");
              },
              "The video-help pages' stylesheet",
              http::kDefaultBodyLimit,
              {},
              false,
              true});
  add_page(router, site, "POST", "/kiosk/help", kiosk_page(call_clerk));
  add_page(router, site, "GET", "/kiosk/help/{call}", kiosk_page(kiosk_call_page));
  add_page(router, site, "POST", "/kiosk/help/{call}/end", kiosk_page(kiosk_hang_up, false));
  add_page(router, site, "GET", "/staff/video-help", queue_page);
  add_page(router, site, "POST", "/staff/video-help/{call}/join", join_call);
  add_page(router, site, "GET", "/staff/video-help/{call}", [](Page& page) { return clerk_call_page(page); });
  add_page(router, site, "POST", "/staff/video-help/{call}/end", clerk_end);
  add_page(router, site, "POST", "/staff/video-help/{call}/record", record_on_case);
  router.add_websocket({"/ws/video-help/{call}/kiosk",
                        [site](const http::Request& request) { return accept_kiosk(*site, request); },
                        "Video help: the kiosk's signalling connection for its call"});
  router.add_websocket({"/ws/video-help/{call}/clerk",
                        [site](const http::Request& request) { return accept_clerk(*site, request); },
                        "Video help: the joined clerk's signalling connection"});
}

}  // namespace tongban::web
