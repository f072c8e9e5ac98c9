#include "http/router.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <stdexcept>

#include "http/problem_response.h"

namespace tongban::http {
namespace {

std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> segments;
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    if (slash > start) segments.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return segments;
}

bool match_pattern(std::string_view pattern, std::string_view path, std::map<std::string, std::string>* params) {
  auto want = split_path(pattern);
  auto have = split_path(path);
  if (want.size() != have.size()) return false;
  std::map<std::string, std::string> found;
  for (std::size_t i = 0; i < want.size(); ++i) {
    if (want[i].size() > 2 && want[i].front() == '{' && want[i].back() == '}') {
      found.emplace(std::string(want[i].substr(1, want[i].size() - 2)), std::string(have[i]));
    } else if (want[i] != have[i]) {
      return false;
    }
  }
  if (params) *params = std::move(found);
  return true;
}

std::optional<std::string_view> bearer_token(const Request& request) {
  auto header = request.header("Authorization");
  if (!header) return std::nullopt;
  constexpr std::string_view prefix = "Bearer ";
  if (header->size() <= prefix.size() || header->substr(0, prefix.size()) != prefix) return std::nullopt;
  return header->substr(prefix.size());
}

}  // namespace

const domain::Actor& Caller::required() const {
  if (!actor)
    throw domain::ProblemError("unauthenticated", "Sign in first: POST /api/v1/sessions gives a bearer token.");
  return *actor;
}

void Router::add(Route route) {
  if (route.method.empty() || route.pattern.empty() || !route.handler)
    throw std::invalid_argument("route needs a method, a pattern and a handler: " + route.pattern);
  for (const auto& existing : routes_)
    if (existing.method == route.method && existing.pattern == route.pattern)
      throw std::invalid_argument("route added twice: " + route.method + " " + route.pattern);
  routes_.push_back(std::move(route));
}

const Route* Router::match(std::string_view method, std::string_view path, Request* request, bool* path_known) const {
  *path_known = false;
  // HEAD is GET without the body (RFC 9110 9.3.2): a path's GET route answers it unless the path has its own HEAD.
  std::string_view wanted = method;
  if (method == "HEAD") {
    bool own_head = std::any_of(routes_.begin(), routes_.end(), [&](const Route& route) {
      return route.method == "HEAD" && match_pattern(route.pattern, path, nullptr);
    });
    if (!own_head) wanted = "GET";
  }
  for (const auto& route : routes_) {
    std::map<std::string, std::string> params;
    if (!match_pattern(route.pattern, path, request ? &params : nullptr)) continue;
    *path_known = true;
    if (route.method != wanted) continue;
    if (request) request->path_params = std::move(params);
    return &route;
  }
  return nullptr;
}

std::size_t Router::body_limit(std::string_view method, std::string_view path) const {
  bool known = false;
  const Route* route = match(method, path, nullptr, &known);
  return route ? route->body_limit : kDefaultBodyLimit;
}

bool Router::runs_inline(const Request& request) const {
  if (request.header("Authorization") || request.header("Cookie")) return false;
  bool path_known = false;
  const Route* route = match(request.method, request.path, nullptr, &path_known);
  return route != nullptr && route->runs_inline;
}

Admitted Router::admit(Request& request) const {
  Admitted admitted;
  bool path_known = false;
  const Route* route = match(request.method, request.path, &request, &path_known);
  if (!route) {
    if (!path_known) {
      admitted.body = BodyAdmission::refuse(problem_response("not-found", "No resource at " + request.path + "."));
      return admitted;
    }
    std::string allow;
    for (const auto& candidate : routes_) {
      if (!match_pattern(candidate.pattern, request.path, nullptr)) continue;
      allow += (allow.empty() ? "" : ", ") + candidate.method;
      if (candidate.method == "GET") allow += ", HEAD";
    }
    admitted.body = BodyAdmission::refuse(
        problem_response("method-not-allowed", request.method + " is not supported here; use " + allow + ".")
            .set_header("Allow", allow));
    return admitted;
  }
  admitted.route = route;
  // A HEAD answered by the GET route: the handler sees the GET it answers (the server drops the body).
  if (request.method == "HEAD" && route->method == "GET") request.method = "GET";
  try {
    if (auto token = bearer_token(request); token && authenticator_) admitted.caller.actor = authenticator_(*token);
    if (request.header("Authorization") && !admitted.caller.actor) {
      admitted.body = BodyAdmission::refuse(
          problem_response("unauthenticated", "The bearer token is unknown, expired or revoked."));
      return admitted;
    }
    if (!route->access.anonymous) {
      const auto& actor = admitted.caller.actor;
      if (!actor) {
        admitted.body = BodyAdmission::refuse(
            problem_response("unauthenticated", "Sign in first: POST /api/v1/sessions gives a bearer token."));
        return admitted;
      }
      if (!route->access.roles.empty() && !route->access.roles.count(actor->role)) {
        admitted.body = BodyAdmission::refuse(
            problem_response("forbidden", "Your role (" + std::string(domain::to_string(actor->role)) + ") may not " +
                                              request.method + " " + route->pattern + "."));
        return admitted;
      }
    }
    admitted.body = route->admission ? route->admission(request, admitted.caller, route->body_limit)
                                     : BodyAdmission::allow(route->body_limit);
  } catch (const domain::ProblemError& error) {
    admitted.body = BodyAdmission::refuse(problem_response(error.problem()));
  } catch (const std::exception& error) {
    spdlog::error("request {} {} {} not admitted: {}", request.request_id, request.method, request.path, error.what());
    admitted.body = BodyAdmission::refuse(
        problem_response("internal", "The node could not answer; the request id is " + request.request_id + "."));
  }
  return admitted;
}

Response Router::dispatch(Request& request) const {
  return dispatch(request, admit(request));
}

Response Router::dispatch(Request& request, const Admitted& admitted) const {
  if (admitted.body.refusal) return *admitted.body.refusal;
  try {
    return admitted.route->handler(request, admitted.caller);
  } catch (const domain::ProblemError& error) {
    return problem_response(error.problem());
  } catch (const std::exception& error) {
    spdlog::error("request {} {} {} failed: {}", request.request_id, request.method, request.path, error.what());
    return problem_response("internal", "The node could not answer; the request id is " + request.request_id + ".");
  }
}

// Video help: WebSocket endpoints.
void Router::add_websocket(WebSocketRoute route) {
  if (route.pattern.empty() || !route.accept) throw std::invalid_argument("websocket route needs a pattern and accept");
  for (const auto& existing : websockets_)
    if (existing.pattern == route.pattern) throw std::invalid_argument("websocket route added twice: " + route.pattern);
  websockets_.push_back(std::move(route));
}

const WebSocketRoute* Router::match_websocket(Request& request) const {
  for (const auto& route : websockets_) {
    std::map<std::string, std::string> params;
    if (!match_pattern(route.pattern, request.path, &params)) continue;
    request.path_params = std::move(params);
    return &route;
  }
  return nullptr;
}

}  // namespace tongban::http
