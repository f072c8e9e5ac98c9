#include "node/kiosk_desk.h"

#include <algorithm>

#include "accounts/password.h"
#include "accounts/session_token.h"
#include "domain/problem.h"
#include "node/password_hashing.h"

namespace tongban::node {
namespace {

using domain::ProblemError;

constexpr std::size_t kNameMaxLength = 100;
constexpr std::size_t kAttemptsPruneAt = 10'000;

void check_service_point(const Node& node, const std::string& service_point, const std::string& kind) {
  auto snapshot = node.catalog();
  const auto* point = snapshot->catalog.find_service_point(service_point);
  if (!point)
    throw ProblemError("validation-failed", "No service point " + service_point + " in the catalog.",
                       {{"service_point", "unknown", ""}});
  if (point->jurisdiction != node.config().jurisdiction)
    throw ProblemError("validation-failed",
                       "Service point " + service_point + " is not of " + node.config().jurisdiction +
                           "; its kiosks are registered on its own node.",
                       {{"service_point", "not_this_node", ""}});
  if (kind == "cabin" && point->kind != domain::ServicePointKind::cabin)
    throw ProblemError("validation-failed",
                       "Service point " + service_point + " is a " + std::string(domain::to_string(point->kind)) +
                           ", not a service cabin.",
                       {{"service_point", "not_a_cabin", ""}});
  if (kind == "kiosk" &&
      std::find(point->channels.begin(), point->channels.end(), domain::Channel::kiosk) == point->channels.end())
    throw ProblemError("validation-failed", "Service point " + service_point + " has no kiosk channel.",
                       {{"service_point", "no_kiosk_channel", ""}});
}

}  // namespace

KioskDesk::KioskDesk(Node& node, accounts::PasswordHashingPool& hashing) : node_(node), hashing_(hashing) {}

const std::string& KioskDesk::decoy_hash() {
  std::call_once(decoy_once_, [this] {
    accounts::PasswordCost cost = password_cost(node_);
    decoy_hash_ = hash_on_pool(hashing_, [cost] { return accounts::hash_password("decoy-kiosk-pin-0", cost); });
  });
  return decoy_hash_;
}

KioskRegistration KioskDesk::add(const std::string& service_point, const std::string& name, const std::string& kind) {
  if (kind != "kiosk" && kind != "cabin")
    throw ProblemError("validation-failed", "A device is a kiosk or a cabin, not '" + kind + "'.",
                       {{"kind", "unknown", ""}});
  check_service_point(node_, service_point, kind);
  if (name.empty()) throw ProblemError("validation-failed", "The kiosk needs a name.", {{"name", "required", ""}});
  if (name.size() > kNameMaxLength)
    throw ProblemError("validation-failed", "The kiosk's name is longer than 100 characters.",
                       {{"name", "too_long", ""}});
  auto issued = accounts::issue_session_token();
  KioskRegistration registration;
  registration.device_key = issued.token;
  registration.kiosk = node_.store().transact([&](store::Transaction& tx) {
    std::size_t at_point = 0;
    for (const auto& kiosk : tx.list_kiosks())
      at_point += kiosk.service_point == service_point && kiosk.kind == kind ? 1 : 0;
    store::KioskRecord kiosk;
    kiosk.id = (kind == "cabin" ? "CABIN-" : "KIOSK-") + service_point + "-" + std::to_string(at_point + 1);
    kiosk.kind = kind;
    kiosk.service_point = service_point;
    kiosk.name = name;
    kiosk.key_hash = issued.digest;
    kiosk.created_at_ms = node_.now_ms();
    tx.insert_kiosk(kiosk);
    return kiosk;
  });
  return registration;
}

std::vector<store::KioskRecord> KioskDesk::list() const {
  return node_.store().list_kiosks();
}

store::KioskRecord KioskDesk::revoke(const std::string& id) {
  return node_.store().transact([&](store::Transaction& tx) {
    auto kiosk = tx.find_kiosk(id);
    if (!kiosk) throw ProblemError("not-found", "There is no kiosk " + id + ".");
    kiosk->revoked = true;
    tx.update_kiosk(*kiosk);
    return *kiosk;
  });
}

std::optional<store::KioskRecord> KioskDesk::enrol(std::string_view device_key) {
  if (!accounts::looks_like_session_token(device_key)) return std::nullopt;
  std::string digest = accounts::token_digest(device_key);
  return node_.store().transact([&](store::Transaction& tx) -> std::optional<store::KioskRecord> {
    auto kiosk = tx.find_kiosk_by_key(digest);
    if (!kiosk || kiosk->revoked || kiosk->enrolled_at_ms != 0) return std::nullopt;
    kiosk->enrolled_at_ms = node_.now_ms();
    tx.update_kiosk(*kiosk);
    return kiosk;
  });
}

std::optional<store::KioskRecord> KioskDesk::device(std::string_view device_key) const {
  if (!accounts::looks_like_session_token(device_key)) return std::nullopt;
  auto kiosk = node_.store().find_kiosk_by_key(accounts::token_digest(device_key));
  if (!kiosk || kiosk->revoked || kiosk->enrolled_at_ms == 0) return std::nullopt;
  return kiosk;
}

void KioskDesk::set_pin(const domain::Actor& applicant, std::string_view password, std::string_view pin,
                        std::string_view pin_again) {
  if (applicant.role != domain::Role::applicant)
    throw ProblemError("forbidden", "Only applicants sign in at kiosks with a PIN.");
  auto account = node_.store().find_account_by_id(applicant.account_id);
  if (!account) throw ProblemError("unauthenticated", "Sign in first.");
  std::vector<domain::FieldError> errors;
  const std::string& stored = account->password_hash;
  if (!hash_on_pool(hashing_, [&] { return accounts::verify_password(password, stored); }))
    errors.push_back({"password", "wrong", "The password is wrong."});
  if (auto rule = domain::check_kiosk_pin(pin)) {
    errors.push_back({"pin", *rule, ""});
  } else if (pin != pin_again) {
    errors.push_back({"pin_again", "mismatch", ""});
  }
  if (!errors.empty()) throw ProblemError("validation-failed", "The PIN was not set.", errors);
  accounts::PasswordCost cost = password_cost(node_);
  std::string hash = hash_on_pool(hashing_, [&] { return accounts::hash_password(pin, cost); });
  node_.store().write([&](store::Transaction& tx) { tx.put_kiosk_pin(account->id, hash, node_.now_ms()); });
}

bool KioskDesk::has_pin(std::string_view account_id) const {
  return node_.store().find_kiosk_pin(account_id).has_value();
}

std::optional<std::string> KioskDesk::sign_in(domain::IdDocumentType type, std::string_view number,
                                              std::string_view pin) {
  std::string document = std::string(domain::to_string(type)) + ":" + std::string(number);
  std::int64_t now = node_.now_ms();
  bool locked = false;
  {
    std::lock_guard lock(mutex_);
    if (auto found = attempts_.find(document); found != attempts_.end()) locked = found->second.locked(now);
  }
  std::optional<std::string> holder;
  std::optional<std::string> pin_hash;
  auto account = node_.store().find_account_by_document(domain::to_string(type), number);
  if (account && account->role == domain::Role::applicant && !account->disabled) {
    holder = account->id;
    pin_hash = node_.store().find_kiosk_pin(account->id);
  }
  // A hash is verified whatever the case, so the time taken does not tell the cases apart.
  const std::string stored = pin_hash.value_or(decoy_hash());
  bool pin_matches =
      hash_on_pool(hashing_, [&] { return accounts::verify_password(pin, stored); }) && pin_hash && holder;
  std::lock_guard lock(mutex_);
  if (pin_matches && !locked) {
    attempts_.erase(document);
    return holder;
  }
  auto& attempts = attempts_[document];
  attempts = domain::after_failure(attempts, now);
  if (attempts_.size() > kAttemptsPruneAt)
    std::erase_if(attempts_, [&](const auto& entry) { return entry.second.forgettable(now); });
  return std::nullopt;
}

}  // namespace tongban::node
