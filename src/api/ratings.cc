// Routes of 好差评 (node/rating_desk.h, docs/ratings.md):
//   POST /api/v1/cases/{id}/ratings                       the applicant (web or kiosk), or staff of the intake
//                                                         point recording the rating pad: {level, comment?,
//                                                         channel?}; a bad rating opens a follow-up
//   GET  /api/v1/cases/{id}/ratings                       whoever may see the case: its ratings and follow-ups
//   GET  /api/v1/rating-follow-ups[?open=true]            a reviewer's authority's follow-ups (an admin's: all)
//   POST /api/v1/cases/{id}/ratings/{channel}/follow-up   the authority's reviewer answers: {response}
//   POST /api/v1/cases/{id}/ratings/{channel}/answer      the applicant answers back: {answer, comment?}
#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>

#include "api/api.h"
#include "api/bind.h"
#include "api/json_input.h"
#include "node/rating_desk.h"

namespace tongban::api {
namespace {

using http::Request;
using http::Response;

boost::json::object rating_json(const domain::Rating& rating) {
  boost::json::object json{{"case_id", rating.case_id},
                           {"channel", domain::to_string(rating.channel)},
                           {"level", rating.level},
                           {"bad", domain::is_bad_rating(rating.level)},
                           {"rated_at_ms", rating.rated_at_ms}};
  if (!rating.comment.empty()) json["comment"] = rating.comment;
  return json;
}

boost::json::object follow_up_json(const node::FollowUpView& view) {
  const auto& follow_up = view.follow_up;
  boost::json::object json{{"case_id", follow_up.case_id},
                           {"channel", domain::to_string(follow_up.channel)},
                           {"authority", follow_up.authority},
                           {"due_on", domain::format_date(follow_up.due_on)},
                           {"due_on_provisional", view.due_provisional},
                           {"opened_at_ms", follow_up.opened_at_ms},
                           {"open", follow_up.open()},
                           {"overdue", view.overdue},
                           {"answer", domain::to_string(follow_up.answer)}};
  if (!follow_up.open()) {
    json["response"] = follow_up.response;
    json["responded_at_ms"] = follow_up.responded_at_ms;
    json["responded_in_time"] = follow_up.responded_in_time();
  }
  if (follow_up.answer != domain::FollowUpAnswer::none) {
    json["answered_at_ms"] = follow_up.answered_at_ms;
    if (!follow_up.answer_comment.empty()) json["answer_comment"] = follow_up.answer_comment;
  }
  return json;
}

// The {channel} of a path: a channel word, or not-found (no rating can be on a channel that does not exist).
domain::Channel path_channel(const Request& request) {
  const std::string& word = request.path_params.at("channel");
  auto channel = domain::parse_channel(word);
  if (!channel) throw domain::ProblemError("not-found", "No channel '" + word + "'.");
  return *channel;
}

Response rate(ApiContext& context, const Request& request, const http::Caller& caller) {
  JsonInput input(request.body);
  node::RatingRequest rating;
  auto level = input.integer("level", true);
  rating.comment = input.string("comment", false).value_or("");
  auto channel = input.string("channel", false);
  if (level && (*level < 1 || *level > 5))
    input.add_problem("level", "enum", domain::rating_level_problem(static_cast<int>(*level)));
  if (channel && !domain::parse_channel(*channel))
    input.add_problem("channel", "enum", "channel is web or kiosk (an applicant's), or left out.");
  input.finish();
  rating.level = static_cast<int>(*level);
  if (channel) rating.channel = *domain::parse_channel(*channel);
  auto stored = node::RatingDesk(context.node).rate(caller.required(), request.path_params.at("id"), rating);
  return Response::json_text(201, boost::json::serialize(rating_json(stored)))
      .set_header("Location", "/api/v1/cases/" + stored.case_id + "/ratings");
}

Response case_ratings(ApiContext& context, const Request& request, const http::Caller& caller) {
  auto found = node::RatingDesk(context.node).of_case(caller.required(), request.path_params.at("id"));
  boost::json::array ratings;
  for (const auto& rating : found.ratings) ratings.push_back(rating_json(rating));
  boost::json::array follow_ups;
  for (const auto& view : found.follow_ups) follow_ups.push_back(follow_up_json(view));
  return Response::json_text(
      200, boost::json::serialize(boost::json::object{{"ratings", ratings}, {"follow_ups", follow_ups}}));
}

Response list_follow_ups(ApiContext& context, const Request& request, const http::Caller& caller) {
  auto open = request.query_param("open");
  if (open && *open != "true" && *open != "false")
    throw domain::ProblemError("validation-failed", "open is true or false.",
                               {{"open", "type", "open is true or false."}});
  boost::json::array follow_ups;
  for (const auto& view : node::RatingDesk(context.node).follow_ups(caller.required(), open && *open == "true"))
    follow_ups.push_back(follow_up_json(view));
  return Response::json_text(200, boost::json::serialize(boost::json::object{{"follow_ups", follow_ups}}));
}

Response respond(ApiContext& context, const Request& request, const http::Caller& caller) {
  JsonInput input(request.body);
  auto response = input.string("response", true);
  input.finish();
  auto view = node::RatingDesk(context.node)
                  .respond(caller.required(), request.path_params.at("id"), path_channel(request), *response);
  return Response::json_text(200, boost::json::serialize(follow_up_json(view)));
}

Response answer(ApiContext& context, const Request& request, const http::Caller& caller) {
  JsonInput input(request.body);
  auto word = input.string("answer", true);
  auto comment = input.string("comment", false).value_or("");
  domain::FollowUpAnswer answer = domain::FollowUpAnswer::none;
  if (word) {
    if (auto parsed = domain::parse_follow_up_answer(*word)) answer = *parsed;
    if (answer == domain::FollowUpAnswer::none)
      input.add_problem("answer", "enum", "answer is satisfied or unsatisfied.");
  }
  input.finish();
  auto view = node::RatingDesk(context.node)
                  .answer(caller.required(), request.path_params.at("id"), path_channel(request), answer, comment);
  return Response::json_text(200, boost::json::serialize(follow_up_json(view)));
}

}  // namespace

void add_rating_routes(http::Router& router, ApiContext& context) {
  using domain::Role;
  using http::Access;
  router.add({"POST", "/api/v1/cases/{id}/ratings", Access::only({Role::applicant, Role::clerk, Role::agent}),
              bind(context, rate), "Rate a finished case (好差评)"});
  router.add({"GET", "/api/v1/cases/{id}/ratings", Access::signed_in(), bind(context, case_ratings),
              "The ratings of a case you may see, with the follow-ups of bad ones"});
  router.add({"GET", "/api/v1/rating-follow-ups", Access::only({Role::reviewer, Role::admin}),
              bind(context, list_follow_ups), "The follow-ups of bad ratings your authority answers"});
  router.add({"POST", "/api/v1/cases/{id}/ratings/{channel}/follow-up", Access::only({Role::reviewer}),
              bind(context, respond), "Answer a bad rating: what the authority did"});
  router.add({"POST", "/api/v1/cases/{id}/ratings/{channel}/answer", Access::only({Role::applicant}),
              bind(context, answer), "The applicant's answer to the authority's follow-up"});
}

}  // namespace tongban::api
