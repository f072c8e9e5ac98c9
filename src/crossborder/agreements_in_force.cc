#include "crossborder/agreements_in_force.h"

namespace tongban::crossborder {

AgreementsInForce::AgreementsInForce(CrossBorderAgreements from_file, const federation::DirectoryClient* directory)
    : from_file_(std::move(from_file)), directory_(directory) {}

std::shared_ptr<const CrossBorderAgreements> AgreementsInForce::current() const {
  std::optional<federation::Directory> held = directory_ ? directory_->held() : std::nullopt;
  const std::int64_t version = held ? held->version : 0;
  std::lock_guard lock(mutex_);
  if (!snapshot_ || version != version_) {
    CrossBorderAgreements merged = from_file_;
    if (held) merged = merge_agreements(std::move(merged), agreements_from_directory(held->agreements));
    snapshot_ = std::make_shared<const CrossBorderAgreements>(std::move(merged));
    version_ = version;
  }
  return snapshot_;
}

}  // namespace tongban::crossborder
