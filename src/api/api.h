// The node's HTTP surface: the JSON API under /api/v1 and the operational endpoints (/healthz, /readyz,
// /metrics). One source file per resource adds that resource's routes, each with its declared Access; the
// OpenAPI document (openapi.json, served at /api/v1/openapi.json) describes exactly these routes — a test
// compares the two.
#pragma once

#include <boost/json/object.hpp>
#include <functional>
#include <string>
#include <vector>

#include "http/router.h"
#include "node/account_desk.h"
#include "node/case_desk.h"
#include "node/node.h"

namespace tongban::api {

// What handlers reach. Owned by whoever runs the node (tongban serve, tests); outlives the router.
struct ApiContext {
  node::Node& node;
  node::AccountDesk& accounts;
  node::CaseDesk& cases;
  std::function<std::string()> server_metrics;  // Prometheus text of the HTTP server's counters, may be empty
  // Prometheus text of the federation (relay, dead letters, directory validity), may be empty. Set by the runner
  // when federation is on; the API itself links nothing of it.
  std::function<std::string()> federation_metrics;
  // Lines for /readyz about the federation: warnings (the node still serves) and blockers (it does not). Empty when
  // federation is off.
  struct Readiness {
    std::vector<std::string> warnings;
    std::vector<std::string> blockers;
  };
  std::function<Readiness()> federation_readiness;
};

void add_account_routes(http::Router& router, ApiContext& context);
void add_item_routes(http::Router& router, ApiContext& context);
void add_blob_routes(http::Router& router, ApiContext& context);
void add_case_routes(http::Router& router, ApiContext& context);
void add_operation_routes(http::Router& router, ApiContext& context);  // also serves the OpenAPI document
// E-certificates: verify (anyone), the holder's own, status changes by the issuing authority (certificates.cc).
void add_certificate_routes(http::Router& router, ApiContext& context);
// The JSON answer of a verification (also used by the /verify page's tests and the CLI's --json).
boost::json::object verification_json(const node::CertificateVerification& verification);
void add_notification_routes(http::Router& router, ApiContext& context);  // notifications.cc (issue 11 §4)
// Post: shipments of a case, the signed carrier webhook, the post tasks (docs/post.md).
void add_shipment_routes(http::Router& router, ApiContext& context);
// 好差评: ratings of finished cases and the follow-up of bad ones (ratings.cc, docs/ratings.md).
void add_rating_routes(http::Router& router, ApiContext& context);

// Every route above, and the authenticator that turns bearer tokens into actors.
void add_all_routes(http::Router& router, ApiContext& context);

// The OpenAPI 3.1 document as shipped (src/api/openapi.json).
const std::string& openapi_document();

}  // namespace tongban::api
