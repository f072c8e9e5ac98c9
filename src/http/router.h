// Router: the table of routes of a node. Each route declares its method, path pattern, who may call it (Access),
// the largest body it takes, and its handler.
//
// Deny by default: a route without an explicit Access cannot be added, a request with no matching route is 404
// (or 405 with Allow), and the router authenticates and authorises before the handler runs. Handlers throw
// ProblemError for expected failures; any other exception becomes a 500 "internal" problem (the message is logged,
// never sent). The Router is built once at start-up and then only read, so dispatch() is safe from many threads.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "domain/case.h"
#include "http/message.h"

namespace tongban::http {

// Who may call a route.
struct Access {
  bool anonymous = false;        // callable without a token
  std::set<domain::Role> roles;  // with a token: the roles allowed (empty + !anonymous = any signed-in account)

  static Access everyone() { return Access{true, {}}; }
  static Access signed_in() { return Access{false, {}}; }
  static Access only(std::set<domain::Role> roles) { return Access{false, std::move(roles)}; }
};

// The authenticated caller of a request, if any.
struct Caller {
  std::optional<domain::Actor> actor;
  const domain::Actor& required() const;  // throws ProblemError unauthenticated when absent
};

using Handler = std::function<Response(const Request&, const Caller&)>;
// Resolves a bearer token to an actor; nullopt for unknown, expired or revoked tokens.
using Authenticator = std::function<std::optional<domain::Actor>(std::string_view token)>;

inline constexpr std::size_t kDefaultBodyLimit = 1 << 20;  // 1 MiB for JSON bodies

struct Route {
  std::string method;
  std::string pattern;  // "/api/v1/cases/{id}/actions"
  Access access;
  Handler handler;
  std::string summary;  // one line, used by the OpenAPI document and the docs
  std::size_t body_limit = kDefaultBodyLimit;
};

class Router {
 public:
  void add(Route route);
  void set_authenticator(Authenticator authenticator) { authenticator_ = std::move(authenticator); }

  // Fills request.path_params and answers. Never throws.
  Response dispatch(Request& request) const;
  // The body limit of the route the request would reach (the default one when none matches).
  std::size_t body_limit(std::string_view method, std::string_view path) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  const Route* match(std::string_view method, std::string_view path, Request* request, bool* path_known) const;

  std::vector<Route> routes_;
  Authenticator authenticator_;
};

}  // namespace tongban::http
