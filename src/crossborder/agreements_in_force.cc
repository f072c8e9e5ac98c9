#include "crossborder/agreements_in_force.h"

namespace tongban::crossborder {

AgreementsInForce::AgreementsInForce(CrossBorderAgreements from_file, const federation::DirectoryClient* directory)
    : from_file_(std::move(from_file)), directory_(directory) {}

std::shared_ptr<const CrossBorderAgreements> AgreementsInForce::current() const {
  // The version is cheap to read; the held document is copied only when it changed (not on every message).
  const std::int64_t version = directory_ ? directory_->status().version : 0;
  std::lock_guard lock(mutex_);
  if (!snapshot_ || version != version_) {
    std::optional<federation::Directory> held = directory_ ? directory_->held() : std::nullopt;
    CrossBorderAgreements merged = from_file_;
    if (held) merged = merge_agreements(std::move(merged), agreements_from_directory(held->agreements));
    snapshot_ = std::make_shared<const CrossBorderAgreements>(std::move(merged));
    version_ = held ? held->version : 0;
  }
  return snapshot_;
}

}  // namespace tongban::crossborder
