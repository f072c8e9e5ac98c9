// Routes of /api/v1/cases: open, list, read, act, events.
#include <boost/json/serialize.hpp>

#include "api/api.h"
#include "api/bind.h"
#include "api/case_json.h"
#include "api/request_decoders.h"
#include "domain/canonical_bytes.h"
#include "domain/case_lifecycle.h"
#include "http/entity_tag.h"

namespace tongban::api {
namespace {

using domain::ProblemError;
using domain::Role;
using http::Request;
using http::Response;

Response case_response(int status, ApiContext& context, const domain::Actor& actor, const domain::Case& kase) {
  auto body = case_to_json(kase, context.cases.available_actions(actor, kase), context.cases.timing(kase));
  return Response::json_text(status, boost::json::serialize(body))
      .set_header("ETag", case_etag(kase))
      .set_header("Location", "/api/v1/cases/" + kase.id);
}

Response open_case(ApiContext& context, const Request& request, const http::Caller& caller) {
  const auto& actor = caller.required();
  auto application = decode_case_application(request.body);

  std::optional<std::string> key;
  if (auto header = request.header("Idempotency-Key")) {
    if (header->empty() || header->size() > 200)
      throw ProblemError("validation-failed", "The Idempotency-Key must be 1 to 200 characters.",
                         {{"Idempotency-Key", "length", "1 to 200 characters."}});
    key = std::string(*header);
  }
  auto opening = context.cases.open(actor, application, key, domain::sha256_hex(request.body));
  auto response = case_response(opening.created ? 201 : 200, context, actor, opening.kase);
  if (!opening.created) response.set_header("Idempotent-Replayed", "true");
  return response;
}

std::int64_t if_match_version(const Request& request) {
  auto header = request.header("If-Match");
  if (!header)
    throw ProblemError("precondition-required",
                       "Send If-Match with the case's ETag (its version) so that concurrent changes are not lost.");
  std::string text(*header);
  if (text.size() >= 2 && text.front() == '"' && text.back() == '"') text = text.substr(1, text.size() - 2);
  try {
    std::size_t used = 0;
    long long version = std::stoll(text, &used);
    if (used == text.size() && version > 0) return version;
  } catch (const std::exception&) {
  }
  throw ProblemError("validation-failed", "If-Match must be the ETag of the case, e.g. \"3\".",
                     {{"If-Match", "format", "A quoted version number."}});
}

Response act_on_case(ApiContext& context, const Request& request, const http::Caller& caller) {
  const auto& actor = caller.required();
  auto action = decode_case_action(request.body);
  action.expected_version = if_match_version(request);
  auto kase = context.cases.act(actor, request.path_params.at("id"), action);
  return case_response(200, context, actor, kase);
}

Response list_cases(ApiContext& context, const Request& request, const http::Caller& caller) {
  const auto& actor = caller.required();
  store::CaseFilter filter;
  std::vector<domain::FieldError> problems;
  for (auto [it, end] = request.query.equal_range("state"); it != end; ++it) {
    auto state = domain::parse_case_state(it->second);
    if (!state)
      problems.push_back({"state", "enum", "Unknown state '" + it->second + "'."});
    else
      filter.states.push_back(*state);
  }
  if (auto item = request.query_param("item_code")) filter.item_code = *item;
  if (auto cursor = request.query_param("cursor")) filter.after = *cursor;
  if (auto limit = request.query_param("limit")) {
    try {
      filter.limit = std::stoi(*limit);
      if (filter.limit < 1 || filter.limit > 200) throw std::out_of_range("limit");
    } catch (const std::exception&) {
      problems.push_back({"limit", "range", "A whole number from 1 to 200."});
    }
  }
  std::string due = request.query_param("due").value_or("");
  if (!due.empty() && due != "due_soon" && due != "overdue")
    problems.push_back({"due", "enum", "One of due_soon, overdue."});
  if (!problems.empty()) throw ProblemError("validation-failed", "The query has invalid parameters.", problems);

  auto page = context.cases.list(actor, filter);
  boost::json::array cases;
  for (const auto& kase : page.cases) {
    auto timing = context.cases.timing(kase);
    if (!due.empty() && timing.status != due && !(due == "due_soon" && timing.status == "overdue")) continue;
    cases.push_back(case_to_json(kase, context.cases.available_actions(actor, kase), timing));
  }
  boost::json::object body{{"cases", std::move(cases)}};
  body["next_cursor"] = page.next_cursor.empty() ? boost::json::value(nullptr) : boost::json::value(page.next_cursor);
  return Response::json_text(200, boost::json::serialize(body));
}

Response get_case(ApiContext& context, const Request& request, const http::Caller& caller) {
  const auto& actor = caller.required();
  auto kase = context.cases.get(actor, request.path_params.at("id"));
  std::string etag = case_etag(kase);
  if (auto none_match = request.header("If-None-Match"); none_match && http::if_none_match_hits(*none_match, etag)) {
    Response not_modified;
    not_modified.status = 304;
    return not_modified.set_header("ETag", std::move(etag));
  }
  return case_response(200, context, actor, kase);
}

Response case_events(ApiContext& context, const Request& request, const http::Caller& caller) {
  boost::json::array events;
  for (const auto& event : context.cases.events(caller.required(), request.path_params.at("id")))
    events.push_back(event_to_json(event));
  return Response::json_text(200, boost::json::serialize(boost::json::object{{"events", std::move(events)}}));
}

}  // namespace

void add_case_routes(http::Router& router, ApiContext& context) {
  using http::Access;
  router.add({"POST", "/api/v1/cases", Access::only({Role::applicant, Role::clerk, Role::agent}),
              bind(context, open_case), "Open a case (Idempotency-Key makes retries safe)"});
  router.add({"GET", "/api/v1/cases", Access::signed_in(), bind(context, list_cases),
              "List the cases you may see: yours, your service point's or your authority's queue"});
  router.add({"GET", "/api/v1/cases/{id}", Access::signed_in(), bind(context, get_case), "Read a case"});
  router.add({"POST", "/api/v1/cases/{id}/actions", Access::signed_in(), bind(context, act_on_case),
              "Act on a case (accept, approve, …) with If-Match"});
  router.add(
      {"GET", "/api/v1/cases/{id}/events", Access::signed_in(), bind(context, case_events), "The case's audit trail"});
}

}  // namespace tongban::api
