// problem_response: a domain::Problem as an HTTP answer in RFC 9457 form (application/problem+json), with the
// status of its type (domain/problem.h lists the types). Its `type` is a path on the node, "/problems/<slug>", where
// a page in four languages says what the problem means and what to do (web/problem_type_pages.cc, RFC 9457 §3.1.1).
// A 401 carries the challenge RFC 9110 §11.6.1 requires (kBearerChallenge); the server adds it to any 401 a handler
// made without one.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "domain/problem.h"
#include "http/message.h"

namespace tongban::http {

// The challenge of every 401: the API takes a bearer token (RFC 6750 §3).
inline constexpr const char* kBearerChallenge = "Bearer realm=\"tongban\"";

// The `type` URI of a problem slug: "/problems/<slug>".
std::string problem_type_uri(std::string_view slug);

// Builds the problem+json response. An unknown slug is a programming error and becomes "internal".
Response problem_response(const domain::Problem& problem);
Response problem_response(std::string_view slug, std::string detail, std::vector<domain::FieldError> errors = {});

}  // namespace tongban::http
