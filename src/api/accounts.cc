// Routes of /api/v1/accounts and /api/v1/sessions: register, sign in, sign out, who am I.
#include <boost/json/serialize.hpp>

#include "api/api.h"
#include "api/bind.h"
#include "api/request_decoders.h"

namespace tongban::api {
namespace {

using http::Request;
using http::Response;

boost::json::object account_json(const store::AccountRecord& account) {
  boost::json::object body{{"id", account.id},
                           {"kind", account.kind},
                           {"login", account.login},
                           {"display_name", account.display_name},
                           {"role", domain::to_string(account.role)}};
  if (!account.authority.empty()) body["authority"] = account.authority;
  if (!account.service_point.empty()) body["service_point"] = account.service_point;
  if (!account.organisation.empty()) body["organisation"] = account.organisation;
  if (!account.id_document_type.empty())
    body["id_document"] = {{"type", account.id_document_type}, {"number", account.id_document_number}};
  return body;
}

Response register_account(ApiContext& context, const Request& request, const http::Caller&) {
  auto registration = decode_registration(request.body);
  auto account = context.accounts.register_applicant(registration);
  return Response::json_text(201, boost::json::serialize(account_json(account)))
      .set_header("Location", "/api/v1/accounts/me");
}

Response me(ApiContext& context, const Request&, const http::Caller& caller) {
  auto account = context.accounts.find(caller.required().account_id);
  if (!account) throw domain::ProblemError("not-found", "The account no longer exists.");
  return Response::json_text(200, boost::json::serialize(account_json(*account)));
}

Response sign_in(ApiContext& context, const Request& request, const http::Caller&) {
  auto credentials = decode_sign_in(request.body);
  auto session = context.accounts.sign_in(credentials.login, credentials.password, request.client_address);
  boost::json::object body{{"token", session.token},
                           {"token_type", "Bearer"},
                           {"expires_at_ms", session.expires_at_ms},
                           {"account", account_json(session.account)}};
  return Response::json_text(201, boost::json::serialize(body));
}

Response sign_out(ApiContext& context, const Request& request, const http::Caller& caller) {
  caller.required();
  auto header = request.header("Authorization").value_or("");
  context.accounts.sign_out(std::string(header.substr(std::string_view("Bearer ").size())));
  return Response::text(204, "");
}

}  // namespace

void add_account_routes(http::Router& router, ApiContext& context) {
  using http::Access;
  router.add({"POST", "/api/v1/accounts", Access::everyone(), bind(context, register_account),
              "Register as an applicant with an identity document"});
  router.add({"GET", "/api/v1/accounts/me", Access::signed_in(), bind(context, me), "The signed-in account"});
  router.add(
      {"POST", "/api/v1/sessions", Access::everyone(), bind(context, sign_in), "Sign in: returns a bearer token"});
  router.add({"DELETE", "/api/v1/sessions/current", Access::signed_in(), bind(context, sign_out),
              "Sign out: revokes the bearer token"});
}

}  // namespace tongban::api
