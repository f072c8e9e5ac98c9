#include "http/problem_response.h"

#include <boost/json.hpp>

namespace tongban::http {

std::string problem_type_uri(std::string_view slug) {
  return "/problems/" + std::string(slug);
}

Response problem_response(const domain::Problem& problem) {
  const domain::ProblemType& type = domain::problem_type(problem.slug);
  boost::json::object body;
  body["type"] = problem_type_uri(type.slug);
  body["title"] = type.title;
  body["status"] = type.status;
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
  Response response = Response::json_text(type.status, boost::json::serialize(body), "application/problem+json");
  if (type.status == 401) response.set_header("WWW-Authenticate", kBearerChallenge);
  if (problem.retry_after_seconds > 0) response.set_header("Retry-After", std::to_string(problem.retry_after_seconds));
  return response;
}

Response problem_response(std::string_view slug, std::string detail, std::vector<domain::FieldError> errors) {
  return problem_response(domain::Problem{std::string(slug), std::move(detail), std::move(errors)});
}

}  // namespace tongban::http
