// problem_for: the one mapping from an error that a desk, the store or the domain raises on purpose to the Problem
// a client or a person is answered with. The API (api/bind.h) and the pages (web/page_routes.cc) both use it, so a
// store that cannot be written is "unavailable" (503) on both and never a 500.
//
//   domain::ProblemError     -> its own problem
//   store::NotFound          -> not-found (404)
//   store::VersionConflict   -> version-mismatch (412)
//   store::Conflict          -> conflict (409), naming the constraint
//   store::StoreUnavailable  -> unavailable (503)
// Anything else is not an expected failure: nullopt, and the caller logs it and answers "internal".
#pragma once

#include <exception>
#include <optional>

#include "domain/problem.h"

namespace tongban::node {

std::optional<domain::Problem> problem_for(const std::exception& error);

}  // namespace tongban::node
