#include "http/problem.h"

#include <boost/json.hpp>

namespace tongban::http {

const std::vector<ProblemType>& problem_types() {
  static const std::vector<ProblemType> types = {
      {"malformed-json", 400, "The body is not valid JSON"},
      {"validation-failed", 400, "The request has invalid fields"},
      {"bad-request", 400, "The request cannot be understood"},
      {"unauthenticated", 401, "A valid bearer token is needed"},
      {"forbidden", 403, "You may not do this"},
      {"not-found", 404, "No such resource"},
      {"method-not-allowed", 405, "The resource does not support this method"},
      {"request-timeout", 408, "The request was not received in time"},
      {"conflict", 409, "The request conflicts with the current state"},
      {"version-mismatch", 412, "The resource changed since you read it"},
      {"payload-too-large", 413, "The body is larger than allowed"},
      {"unsupported-media-type", 415, "The content type is not accepted"},
      {"idempotency-key-reused", 422, "The Idempotency-Key was used for a different request"},
      {"illegal-transition", 409, "The action is not possible in the case's current state"},
      {"precondition-required", 428, "An If-Match header is required"},
      {"rate-limited", 429, "Too many requests"},
      {"headers-too-large", 431, "The request headers are too large"},
      {"internal", 500, "Internal error"},
      {"unavailable", 503, "The node is not ready"},
  };
  return types;
}

static const ProblemType* find_type(std::string_view slug) {
  for (const auto& type : problem_types())
    if (type.slug == slug) return &type;
  return nullptr;
}

Response problem_response(const Problem& problem) {
  const ProblemType* type = find_type(problem.slug);
  if (!type) type = find_type("internal");
  boost::json::object body;
  body["type"] = "/problems/" + std::string(type->slug);
  body["title"] = type->title;
  body["status"] = type->status;
  if (!problem.detail.empty()) body["detail"] = problem.detail;
  if (!problem.errors.empty()) {
    boost::json::array errors;
    for (const auto& error : problem.errors) {
      boost::json::object entry{{"field", error.field}, {"rule", error.rule}};
      if (!error.message.empty()) entry["message"] = error.message;
      errors.push_back(std::move(entry));
    }
    body["errors"] = std::move(errors);
  }
  return Response::json_text(type->status, boost::json::serialize(body), "application/problem+json");
}

Response problem_response(std::string_view slug, std::string detail, std::vector<FieldError> errors) {
  return problem_response(Problem{std::string(slug), std::move(detail), std::move(errors)});
}

}  // namespace tongban::http
