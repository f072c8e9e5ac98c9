// The applicant's notifications (issue 11 §4): the in-app inbox, marking read, and the notification preferences.
//
//   GET  /api/v1/notifications?limit=N             the caller's in-app inbox, newest first, and the unread count
//   POST /api/v1/notifications/{id}/read           marks one read (idempotent); 404 unless it is the caller's
//   GET  /api/v1/notification-preferences          language, jurisdiction, addresses, channels
//   PUT  /api/v1/notification-preferences          changes the fields given; 400 validation-failed names bad ones
//
// Applicants only (403 for staff). The rules: node/notification_desk.h; docs/notifications.md.
#include <boost/json.hpp>
#include <charconv>

#include "api/api.h"
#include "api/bind.h"
#include "api/json_input.h"
#include "node/notification_desk.h"

namespace tongban::api {
namespace {

using http::Request;
using http::Response;

boost::json::object notification_json(const store::NotificationRecord& n) {
  return {{"id", n.id},
          {"kind", n.kind},
          {"case_id", n.case_id},
          {"language", n.language},
          {"template_version", n.template_version},
          {"subject", n.subject},
          {"body", n.body},
          {"statutory", n.statutory},
          {"created_at_ms", n.created_at_ms},
          {"read", n.read_at_ms != 0},
          {"read_at_ms", n.read_at_ms}};
}

boost::json::object preferences_json(const store::NotificationPreferencesRecord& p) {
  return {{"language", p.language},
          {"jurisdiction", p.jurisdiction},
          {"email", p.email},
          {"phone", p.phone},
          {"channels", {{"email", p.email_on}, {"sms", p.sms_on}, {"in_app", p.in_app_on}}},
          {"statutory_always", true}};
}

int limit_of(const Request& request) {
  auto text = request.query_param("limit");
  if (!text) return 50;
  int value = 0;
  auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (error != std::errc() || end != text->data() + text->size() || value < 1 || value > 200)
    throw domain::ProblemError("validation-failed", "limit must be a whole number from 1 to 200.",
                               {{"limit", "range", "limit must be a whole number from 1 to 200."}});
  return value;
}

Response list(ApiContext& context, const Request& request, const http::Caller& caller) {
  node::NotificationDesk desk(context.node);
  auto inbox = desk.inbox(caller.required(), limit_of(request));
  boost::json::array items;
  for (const auto& n : inbox.notifications) items.push_back(notification_json(n));
  return Response::json_text(
      200, boost::json::serialize(boost::json::object{{"notifications", items}, {"unread", inbox.unread}}));
}

Response mark_read(ApiContext& context, const Request& request, const http::Caller& caller) {
  node::NotificationDesk desk(context.node);
  auto read = desk.mark_read(caller.required(), request.path_params.at("id"));
  return Response::json_text(200, boost::json::serialize(notification_json(read)));
}

Response get_preferences(ApiContext& context, const Request&, const http::Caller& caller) {
  node::NotificationDesk desk(context.node);
  return Response::json_text(200, boost::json::serialize(preferences_json(desk.preferences(caller.required()))));
}

Response put_preferences(ApiContext& context, const Request& request, const http::Caller& caller) {
  JsonInput input(request.body);
  node::PreferencesUpdate update;
  update.language = input.string("language", false);
  update.jurisdiction = input.string("jurisdiction", false);
  update.email = input.string("email", false);
  update.phone = input.string("phone", false);
  if (auto channels = input.object("channels", false)) {
    update.email_on = channels->boolean("email", false);
    update.sms_on = channels->boolean("sms", false);
    update.in_app_on = channels->boolean("in_app", false);
    channels->close_fields();
  }
  input.finish();
  node::NotificationDesk desk(context.node);
  return Response::json_text(200,
                             boost::json::serialize(preferences_json(desk.set_preferences(caller.required(), update))));
}

}  // namespace

void add_notification_routes(http::Router& router, ApiContext& context) {
  using http::Access;
  auto applicants = Access::only({domain::Role::applicant});
  router.add({"GET", "/api/v1/notifications", applicants, bind(context, list), "The caller's in-app notifications"});
  router.add({"POST", "/api/v1/notifications/{id}/read", applicants, bind(context, mark_read),
              "Mark an in-app notification read"});
  router.add({"GET", "/api/v1/notification-preferences", applicants, bind(context, get_preferences),
              "The caller's notification preferences"});
  router.add({"PUT", "/api/v1/notification-preferences", applicants, bind(context, put_preferences),
              "Change the caller's notification preferences", 16 * 1024});
}

}  // namespace tongban::api
