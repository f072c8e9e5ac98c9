// Router: the table of routes of a node. Each route declares its method, path pattern, who may call it (Access),
// the largest body it takes, and its handler.
//
// Deny by default: a route without an explicit Access cannot be added, a request with no matching route is 404
// (or 405 with Allow), and the router authenticates and authorises before the handler runs.
// Two steps, so a body is never read for a request that would be refused: admit() decides from the request's
// header alone (route, bearer token, Access, the route's own admission hook) whether its body may be read and up to
// which size; dispatch() then runs the handler with the body. HEAD is answered by the GET route of the path (the
// server sends the headers, Content-Length of the GET body included, and no body). Handlers throw
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
#include "http/websocket.h"

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

struct Route;

// A route's answer to "may this request's body be read?", given its header only (Request::body is empty).
struct BodyAdmission {
  std::size_t limit = 0;            // read at most this many bytes (413 beyond)
  std::optional<Response> refusal;  // set: answer this, never read the body

  static BodyAdmission allow(std::size_t limit) { return {limit, std::nullopt}; }
  static BodyAdmission refuse(Response response) { return {0, std::move(response)}; }
};
// A route's own admission check, run after the router's authentication and Access check; route_limit is the
// route's body_limit. Runs on a handler thread; must not throw (an exception refuses the request with a 500).
using Admission = std::function<BodyAdmission(const Request& header, const Caller&, std::size_t route_limit)>;

// The router's decision on a request's header: the route it reaches and its caller (kept for dispatch, so a
// token is resolved once), and either the body limit or the answer to send without reading the body.
struct Admitted {
  const Route* route = nullptr;
  Caller caller;
  BodyAdmission body;
};

struct Route {
  std::string method;
  std::string pattern;  // "/api/v1/cases/{id}/actions"
  Access access;
  Handler handler;
  std::string summary;  // one line, used by the OpenAPI document and the docs
  std::size_t body_limit = kDefaultBodyLimit;
  Admission admission{};  // none: every request that passes Access may send up to body_limit
  // The server may write a body larger than its spool threshold to a private temporary file instead of memory
  // (Request::body_file); the handler must then read it from there. Only for handlers that take a file.
  bool spool_body = false;
  // The handler never blocks (no store access, no hashing, bounded work: a cached catalog document, a probe): the
  // server runs it on the I/O thread itself, without the hop to the handler pool, when the request carries no
  // credentials (resolving a token reads the store, so such a request still goes through the pool).
  bool runs_inline = false;
};

class Router {
 public:
  void add(Route route);
  void set_authenticator(Authenticator authenticator) { authenticator_ = std::move(authenticator); }

  // admit() then dispatch(request, admitted): what the server does around reading the body. Never throws.
  Response dispatch(Request& request) const;
  // Decides from the header (the body is not read yet): fills request.path_params, resolves the bearer token,
  // checks Access and the route's admission hook. Never throws.
  Admitted admit(Request& request) const;
  // Runs the admitted route's handler; answers the refusal if the admission refused. Never throws.
  Response dispatch(Request& request, const Admitted& admitted) const;
  // Whether the server may answer this request on its I/O thread (Route::runs_inline, and no credentials sent).
  bool runs_inline(const Request& request) const;
  // The body limit of the route the request would reach (the default one when none matches).
  std::size_t body_limit(std::string_view method, std::string_view path) const;
  const std::vector<Route>& routes() const { return routes_; }

  // Video help: WebSocket endpoints (http/websocket.h). An upgrade request whose path matches one is handed to it
  // (with request.path_params filled); nullptr when none matches (the request then goes through the routes).
  void add_websocket(WebSocketRoute route);
  const WebSocketRoute* match_websocket(Request& request) const;
  const std::vector<WebSocketRoute>& websocket_routes() const { return websockets_; }

 private:
  const Route* match(std::string_view method, std::string_view path, Request* request, bool* path_known) const;

  std::vector<Route> routes_;
  Authenticator authenticator_;
  std::vector<WebSocketRoute> websockets_;
};

}  // namespace tongban::http
