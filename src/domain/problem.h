// Problem: an error answer in RFC 9457 form, independent of the transport that carries it. The HTTP adapter writes
// it as application/problem+json (http/problem_response.h); the pages render it as an error page; desks throw it.
//
// Every kind of error has a stable `type` ("/problems/<slug>") listed in problem_types() with its status and a
// title; clients switch on `type`, never on `title` or `detail`. Validation problems carry
// `errors: [{field, rule, message}]`. docs/api.md lists the same table; a test keeps the two in step.
#pragma once

#include <exception>
#include <string>
#include <string_view>
#include <vector>

namespace tongban::domain {

struct FieldError {
  std::string field;  // JSON pointer-like path: "id_document.number", "form.postal_address"
  std::string rule;   // stable rule name: "required", "check_digit", "unknown_field", "type", …
  std::string message;
};

struct ProblemType {
  std::string_view slug;
  int status;  // the HTTP status the type is answered with
  std::string_view title;
};

// The closed list of problem types this node answers with.
const std::vector<ProblemType>& problem_types();
// The type of a slug, or the "internal" type when the slug is unknown (a programming error).
const ProblemType& problem_type(std::string_view slug);

struct Problem {
  std::string slug;  // must be one of problem_types()
  std::string detail;
  std::vector<FieldError> errors;
  int retry_after_seconds = 0;  // > 0: answered with Retry-After (rate-limited, unavailable)
};

// An exception that desks and handlers throw to answer with a problem; the router and the pages turn it into an
// answer.
class ProblemError : public std::exception {
 public:
  explicit ProblemError(Problem problem) : problem_(std::move(problem)) {}
  ProblemError(std::string slug, std::string detail, std::vector<FieldError> errors = {})
      : problem_{std::move(slug), std::move(detail), std::move(errors)} {}
  // A problem the client may retry after `retry_after_seconds` (the answer carries Retry-After).
  static ProblemError retry_later(std::string slug, std::string detail, int retry_after_seconds) {
    return ProblemError(Problem{std::move(slug), std::move(detail), {}, retry_after_seconds});
  }
  const Problem& problem() const { return problem_; }
  const char* what() const noexcept override { return problem_.detail.c_str(); }

 private:
  Problem problem_;
};

}  // namespace tongban::domain
