#include "node/problem_mapping.h"

#include "store/store_error.h"

namespace tongban::node {

std::optional<domain::Problem> problem_for(const std::exception& error) {
  if (const auto* problem = dynamic_cast<const domain::ProblemError*>(&error)) return problem->problem();
  if (dynamic_cast<const store::NotFound*>(&error)) return domain::Problem{"not-found", error.what(), {}};
  if (dynamic_cast<const store::VersionConflict*>(&error))
    return domain::Problem{"version-mismatch", "Someone changed the case meanwhile; reload it.", {}};
  if (const auto* conflict = dynamic_cast<const store::Conflict*>(&error))
    return domain::Problem{"conflict", "Already taken: " + conflict->constraint() + ".", {}};
  if (dynamic_cast<const store::StoreUnavailable*>(&error))
    return domain::Problem{"unavailable", "The node's store cannot be written right now; try again shortly.", {}};
  return std::nullopt;
}

}  // namespace tongban::node
