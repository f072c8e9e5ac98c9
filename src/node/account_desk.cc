#include "node/account_desk.h"

#include <sodium.h>

#include <algorithm>

#include "accounts/account.h"
#include "accounts/password.h"
#include "accounts/session_token.h"
#include "domain/problem.h"
#include "node/password_hashing.h"
#include "store/store_error.h"

namespace tongban::node {
namespace {

using domain::ProblemError;

std::string new_account_id(std::string_view prefix) {
  unsigned char bytes[12];
  randombytes_buf(bytes, sizeof bytes);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string id(prefix);
  for (unsigned char byte : bytes) {
    id.push_back(kHex[byte >> 4]);
    id.push_back(kHex[byte & 15]);
  }
  return id;
}

// The API names the document fields id_document.type / id_document.number.
std::string api_field(const std::string& field) {
  if (field == "id_document_type") return "id_document.type";
  if (field == "id_document_number") return "id_document.number";
  return field;
}

[[noreturn]] void reject(const accounts::AccountCheck& check) {
  std::vector<domain::FieldError> errors;
  for (const auto& error : check.errors) errors.push_back({api_field(error.field), error.rule, ""});
  throw ProblemError("validation-failed", "The account details have problems.", errors);
}

void insert_or_conflict(Node& node, const store::AccountRecord& record) {
  try {
    node.store().write([&](store::Transaction& tx) { tx.insert_account(record); });
  } catch (const store::Conflict& conflict) {
    if (conflict.constraint() == "account_id_document")
      throw ProblemError("conflict", "An account with this identity document exists already.",
                         {{"id_document.number", "taken", ""}});
    throw ProblemError("conflict", "This login is taken.", {{"login", "taken", ""}});
  }
}

}  // namespace

AccountDesk::AccountDesk(Node& node)
    : node_(node),
      pool_({node.config().password_hashing_threads, node.config().password_hashing_queue}),
      throttle_(node.config().sign_in_throttle) {}

std::string AccountDesk::hash(const std::string& password) {
  accounts::PasswordCost cost = password_cost(node_);
  return hash_on_pool(pool_, [&] { return accounts::hash_password(password, cost); });
}

const std::string& AccountDesk::decoy_hash() {
  std::call_once(decoy_once_, [this] {
    unsigned char bytes[16];
    randombytes_buf(bytes, sizeof bytes);
    std::string secret(reinterpret_cast<const char*>(bytes), sizeof bytes);
    decoy_hash_ = hash(secret);
  });
  return decoy_hash_;
}

store::AccountRecord AccountDesk::register_applicant(const Registration& registration) {
  auto check = accounts::validate_registration({registration.kind, registration.login, registration.password,
                                                registration.display_name, registration.id_document_type,
                                                registration.id_document_number});
  if (!check.ok()) reject(check);
  store::AccountRecord record;
  record.id = new_account_id("ap_");
  record.kind = std::string(accounts::to_string(check.kind));
  record.login = check.login;
  record.display_name = check.display_name;
  record.password_hash = hash(registration.password);
  record.role = domain::Role::applicant;
  record.id_document_type = std::string(domain::to_string(*check.id_document_type));
  record.id_document_number = check.id_document_number;
  record.created_at_ms = node_.now_ms();
  insert_or_conflict(node_, record);
  return record;
}

bool agent_point_kind(domain::ServicePointKind kind) {
  return kind == domain::ServicePointKind::bank_branch || kind == domain::ServicePointKind::post_office ||
         kind == domain::ServicePointKind::partner_office;
}

store::AccountRecord AccountDesk::add_staff(const StaffAccount& staff) {
  auto check = accounts::validate_staff({staff.login, staff.password, staff.display_name, staff.role, staff.authority,
                                         staff.service_point, staff.organisation});
  if (!check.ok()) reject(check);
  auto snapshot = node_.catalog();
  if (staff.role == domain::Role::reviewer && !snapshot->catalog.find_authority(staff.authority))
    throw ProblemError("validation-failed", "No authority " + staff.authority + " in the catalog.",
                       {{"authority", "unknown", ""}});
  const bool at_point = domain::takes_in_at_point(staff.role);
  if (at_point && !snapshot->catalog.find_service_point(staff.service_point))
    throw ProblemError("validation-failed", "No service point " + staff.service_point + " in the catalog.",
                       {{"service_point", "unknown", ""}});
  // Staff of another jurisdiction's authority or service point would decide or take in cases on the wrong node.
  const std::string& here = node_.config().jurisdiction;
  if (staff.role == domain::Role::reviewer && snapshot->catalog.find_authority(staff.authority)->jurisdiction != here)
    throw ProblemError("validation-failed",
                       "Authority " + staff.authority + " is not of " + here + "; its reviewers work on its own node.",
                       {{"authority", "not_this_node", ""}});
  if (at_point && snapshot->catalog.find_service_point(staff.service_point)->jurisdiction != here)
    throw ProblemError(
        "validation-failed",
        "Service point " + staff.service_point + " is not of " + here + "; its staff work on its own node.",
        {{"service_point", "not_this_node", ""}});
  // Agents work for a bank, the post or a partner organisation: at a point of that kind, never at a government
  // window, kiosk or cabin (whose staff are the government's own clerks).
  if (staff.role == domain::Role::agent &&
      !agent_point_kind(snapshot->catalog.find_service_point(staff.service_point)->kind))
    throw ProblemError(
        "validation-failed",
        "Service point " + staff.service_point + " is a " +
            std::string(domain::to_string(snapshot->catalog.find_service_point(staff.service_point)->kind)) +
            "; agents work at a bank branch, a post office or a partner office.",
        {{"service_point", "not_an_agent_point", ""}});
  store::AccountRecord record;
  record.id = new_account_id("st_");
  record.kind = "staff";
  record.login = check.login;
  record.display_name = check.display_name;
  record.password_hash = hash(staff.password);
  record.role = staff.role;
  record.authority = staff.authority;
  record.service_point = staff.service_point;
  record.organisation = check.organisation;
  record.created_at_ms = node_.now_ms();
  insert_or_conflict(node_, record);
  return record;
}

SignedIn AccountDesk::sign_in(const std::string& login, const std::string& password,
                              const std::string& client_address) {
  auto started = accounts::SignInThrottle::Clock::now();
  if (auto decision = throttle_.check(login, client_address, started); !decision.allowed())
    throw ProblemError::retry_later("rate-limited", "Too many failed sign-ins; wait before trying again.",
                                    static_cast<int>(decision.retry_after.count()));
  std::string lowered = login;
  std::transform(lowered.begin(), lowered.end(), lowered.begin(), [](unsigned char c) { return std::tolower(c); });
  auto account = node_.store().find_account_by_login(login);
  if (!account) account = node_.store().find_account_by_login(lowered);
  // Verify against a hash of the same cost even for an unknown login, so timing does not tell which logins exist.
  const std::string& stored = account ? account->password_hash : decoy_hash();
  bool matches = hash_on_pool(pool_, [&] { return accounts::verify_password(password, stored); });
  bool valid = matches && account && !account->disabled;
  if (!valid) {
    throttle_.record_failure(login, client_address, accounts::SignInThrottle::Clock::now());
    throw ProblemError("unauthenticated", "The login or the password is wrong.");
  }
  throttle_.record_success(login);
  auto issued = accounts::issue_session_token();
  std::int64_t now = node_.now_ms();
  store::SessionRecord session{issued.digest, account->id, now, now + node_.config().session_ttl_ms, false};
  node_.store().write([&](store::Transaction& tx) { tx.insert_session(session); });
  return SignedIn{issued.token, session.expires_at_ms, *account};
}

void AccountDesk::sign_out(const std::string& token) {
  std::string digest = accounts::token_digest(token);
  node_.store().write([&](store::Transaction& tx) { tx.revoke_session(digest); });
}

std::optional<domain::Actor> AccountDesk::authenticate(std::string_view token) const {
  if (!accounts::looks_like_session_token(token)) return std::nullopt;
  auto session = node_.store().find_session(accounts::token_digest(token));
  if (!session || session->revoked || session->expires_at_ms <= node_.now_ms()) return std::nullopt;
  auto account = node_.store().find_account_by_id(session->account_id);
  if (!account || account->disabled) return std::nullopt;
  return domain::Actor{account->id, account->role, account->authority, account->service_point, account->organisation};
}

std::optional<store::AccountRecord> AccountDesk::find(const std::string& account_id) const {
  return node_.store().find_account_by_id(account_id);
}

}  // namespace tongban::node
