// bind(): turns a resource function (ApiContext&, Request, Caller) -> Response into a router Handler, and maps
// the store's errors to their problem types (NotFound 404, Conflict 409, VersionConflict 412, StoreUnavailable
// 503), so no resource file repeats that mapping.
#pragma once

#include "api/api.h"
#include "http/problem.h"
#include "store/store_error.h"

namespace tongban::api {

template <typename Function>
http::Handler bind(ApiContext& context, Function function) {
  return [&context, function](const http::Request& request, const http::Caller& caller) -> http::Response {
    try {
      return function(context, request, caller);
    } catch (const store::NotFound& error) {
      throw http::ProblemError("not-found", error.what());
    } catch (const store::VersionConflict& error) {
      throw http::ProblemError("version-mismatch", error.what());
    } catch (const store::Conflict& error) {
      throw http::ProblemError("conflict", "Already taken: " + error.constraint() + ".");
    } catch (const store::StoreUnavailable&) {
      throw http::ProblemError("unavailable", "The node's store cannot be written right now; try again shortly.");
    }
  };
}

}  // namespace tongban::api
