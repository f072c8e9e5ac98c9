// The node's side of password hashing, shared by the account desk and the kiosk desk: the Argon2id cost the node's
// configuration asks for, and running a hashing job on the node's bounded pool (accounts/password_hashing_pool.h)
// so that a full pool becomes a rate-limited answer (429, Retry-After) instead of an error.
#pragma once

#include <utility>

#include "accounts/password.h"
#include "accounts/password_hashing_pool.h"
#include "domain/problem.h"
#include "node/node.h"

namespace tongban::node {

inline accounts::PasswordCost password_cost(const Node& node) {
  return node.config().fast_password_hashing ? accounts::PasswordCost::minimum()
                                             : accounts::PasswordCost::interactive();
}

// Runs `job` on `pool`; throws domain::ProblemError rate-limited when the pool's queue is full.
template <typename Job>
auto hash_on_pool(accounts::PasswordHashingPool& pool, Job job) {
  try {
    return pool.run(std::move(job));
  } catch (const accounts::PoolBusy& busy) {
    throw domain::ProblemError::retry_later("rate-limited",
                                            "Too many sign-ins are being checked right now; try again shortly.",
                                            busy.retry_after_seconds());
  }
}

}  // namespace tongban::node
