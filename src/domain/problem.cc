#include "domain/problem.h"

namespace tongban::domain {

const std::vector<ProblemType>& problem_types() {
  static const std::vector<ProblemType> types = {
      {"malformed-json", 400, "The body is not valid JSON"},
      {"validation-failed", 400, "The request has invalid fields"},
      {"bad-request", 400, "The request cannot be understood"},
      {"unauthenticated", 401, "A valid bearer token is needed"},
      {"forbidden", 403, "You may not do this"},
      {"not-found", 404, "No such resource"},
      {"method-not-allowed", 405, "The resource does not support this method"},
      {"request-timeout", 408, "The request was not received in time"},
      {"conflict", 409, "The request conflicts with the current state"},
      {"version-mismatch", 412, "The resource changed since you read it"},
      {"payload-too-large", 413, "The body is larger than allowed"},
      {"unsupported-media-type", 415, "The content type is not accepted"},
      {"idempotency-key-reused", 422, "The Idempotency-Key was used for a different request"},
      {"illegal-transition", 409, "The action is not possible in the case's current state"},
      {"precondition-required", 428, "An If-Match header is required"},
      {"rate-limited", 429, "Too many requests"},
      {"headers-too-large", 431, "The request headers are too large"},
      {"internal", 500, "Internal error"},
      {"unavailable", 503, "The node is not ready"},
      // Post: carrier webhooks (post/webhook_signature.h, docs/post.md).
      {"webhook-unsigned", 401, "The carrier call is not signed"},
      {"webhook-stale", 401, "The carrier call is outside the replay window"},
      {"webhook-signature-invalid", 401, "The carrier call's signature does not verify"},
  };
  return types;
}

const ProblemType& problem_type(std::string_view slug) {
  const ProblemType* internal = nullptr;
  for (const auto& type : problem_types()) {
    if (type.slug == slug) return type;
    if (type.slug == "internal") internal = &type;
  }
  return *internal;
}

}  // namespace tongban::domain
