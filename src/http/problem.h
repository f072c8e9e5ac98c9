// Problem: an error answer in RFC 9457 form (application/problem+json).
//
// Every kind of error has a stable `type` ("/problems/<slug>") listed in kProblemTypes with its HTTP status and a
// title; clients switch on `type`, never on `title` or `detail`. Validation problems carry
// `errors: [{field, rule, message}]`. docs/api.md lists the same table; a test keeps the two in step.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "http/message.h"

namespace tongban::http {

struct FieldError {
  std::string field;  // JSON pointer-like path: "id_document.number", "form.postal_address"
  std::string rule;   // stable rule name: "required", "check_digit", "unknown_field", "type", …
  std::string message;
};

struct ProblemType {
  std::string_view slug;
  int status;
  std::string_view title;
};

// The closed list of problem types this node answers with.
const std::vector<ProblemType>& problem_types();

struct Problem {
  std::string slug;  // must be one of problem_types()
  std::string detail;
  std::vector<FieldError> errors;
};

// Builds the problem+json response. An unknown slug is a programming error and becomes "internal".
Response problem_response(const Problem& problem);
Response problem_response(std::string_view slug, std::string detail, std::vector<FieldError> errors = {});

// An exception that handlers throw to answer with a problem; the router turns it into a Response.
class ProblemError : public std::exception {
 public:
  explicit ProblemError(Problem problem) : problem_(std::move(problem)) {}
  ProblemError(std::string slug, std::string detail, std::vector<FieldError> errors = {})
      : problem_{std::move(slug), std::move(detail), std::move(errors)} {}
  const Problem& problem() const { return problem_; }
  const char* what() const noexcept override { return problem_.detail.c_str(); }

 private:
  Problem problem_;
};

}  // namespace tongban::http
