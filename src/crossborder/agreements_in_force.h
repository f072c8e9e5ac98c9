// AgreementsInForce: the cross-border agreements (delegations, joint groups) a node acts on right now — those of
// its federation config file merged with those of the signed directory it holds, if any. A new directory version
// takes effect at the next use, without a restart, like the peers it carries (federation/directory_client.h); the
// file's part is read once, at start.
//
// current() returns an immutable snapshot: callers keep the shared_ptr while they use pointers into it
// (CrossBorderAgreements::delegation, joint_group_of). The merged snapshot is rebuilt only when the directory's
// version changes. A directory whose agreements name an authority or item the catalog does not hold keeps them
// (they are logged at start by CrossBorder and simply never match an item). Thread-safe; borrows the directory
// client, which must outlive it.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>

#include "crossborder/agreements.h"
#include "federation/directory_client.h"

namespace tongban::crossborder {

class AgreementsInForce {
 public:
  AgreementsInForce(CrossBorderAgreements from_file, const federation::DirectoryClient* directory);

  std::shared_ptr<const CrossBorderAgreements> current() const;

 private:
  CrossBorderAgreements from_file_;
  const federation::DirectoryClient* directory_;
  mutable std::mutex mutex_;
  mutable std::int64_t version_ = -1;  // the directory version the snapshot was built from (0: none held)
  mutable std::shared_ptr<const CrossBorderAgreements> snapshot_;
};

}  // namespace tongban::crossborder
