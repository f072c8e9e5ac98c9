// problem_response: a domain::Problem as an HTTP answer in RFC 9457 form (application/problem+json), with the
// status of its type (domain/problem.h lists the types).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "domain/problem.h"
#include "http/message.h"

namespace tongban::http {

// Builds the problem+json response. An unknown slug is a programming error and becomes "internal".
Response problem_response(const domain::Problem& problem);
Response problem_response(std::string_view slug, std::string detail, std::vector<domain::FieldError> errors = {});

}  // namespace tongban::http
