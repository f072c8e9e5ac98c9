// bind(): turns a resource function (ApiContext&, Request, Caller) -> Response into a router Handler, and maps
// the errors raised on purpose below it to their problem types through node::problem_for (node/problem_mapping.h,
// the same mapping the pages use), so no resource file repeats that mapping.
#pragma once

#include "api/api.h"
#include "http/problem_response.h"
#include "node/problem_mapping.h"

namespace tongban::api {

template <typename Function>
http::Handler bind(ApiContext& context, Function function) {
  return [&context, function](const http::Request& request, const http::Caller& caller) -> http::Response {
    try {
      return function(context, request, caller);
    } catch (const domain::ProblemError&) {
      throw;
    } catch (const std::exception& error) {
      if (auto problem = node::problem_for(error)) throw domain::ProblemError(std::move(*problem));
      throw;
    }
  };
}

}  // namespace tongban::api
