// AccountDesk: registration of applicants, staff accounts, sign-in with bearer tokens, and turning a token back
// into an Actor on every request.
//
// Passwords are kept only as Argon2id hashes; tokens only as their SHA-256, so neither a database dump nor a log
// reveals a credential. Sign-in failures say the same thing for an unknown login and a wrong password. A token
// stops working when it expires, when it is revoked (sign-out) or when its account is disabled.
//
// Every Argon2id (sign-in, registration, staff accounts) runs on the desk's PasswordHashingPool, never on the
// caller's thread directly, so a flood of sign-ins holds at most the pool's threads × 64 MiB and is answered
// rate-limited (429, Retry-After) beyond its queue. Sign-in failures are throttled per login and per client
// address (accounts/sign_in_throttle.h) before any hash is computed. An unknown login is verified against a decoy
// hash of the same cost as real ones, so neither timing nor the answer tells which logins exist.
#pragma once

#include <mutex>
#include <optional>
#include <string>

#include "accounts/password_hashing_pool.h"
#include "accounts/sign_in_throttle.h"
#include "domain/case.h"
#include "domain/identity_document.h"
#include "node/node.h"

namespace tongban::node {

struct Registration {
  std::string kind;  // "natural_person" | "legal_person"
  std::string login;
  std::string password;
  std::string display_name;
  std::string id_document_type;
  std::string id_document_number;
};

struct StaffAccount {
  std::string login;
  std::string password;
  std::string display_name;
  domain::Role role = domain::Role::clerk;
  std::string authority;          // reviewer
  std::string service_point;      // clerk, agent
  std::string organisation = "";  // agent: the bank, post or partner organisation they act for
};

// The kinds of service point whose staff are agents (bank_branch, post_office, partner_office).
bool agent_point_kind(domain::ServicePointKind kind);

struct SignedIn {
  std::string token;  // shown once, never stored
  std::int64_t expires_at_ms = 0;
  store::AccountRecord account;
};

class AccountDesk {
 public:
  explicit AccountDesk(Node& node);

  // Throws domain::ProblemError validation-failed (with field errors) or conflict (login or document taken).
  store::AccountRecord register_applicant(const Registration& registration);
  // Checks the role's binding against the catalog: a clerk's or agent's service point and a reviewer's authority
  // must exist and be of this node's jurisdiction (else validation-failed, rule "unknown" or "not_this_node"); an
  // agent's point must be a bank branch, a post office or a partner office (rule "not_an_agent_point").
  store::AccountRecord add_staff(const StaffAccount& staff);
  // Throws domain::ProblemError unauthenticated on a bad login or password, or a disabled account, and
  // rate-limited (with retry_after_seconds) while the login or `client_address` is throttled or the hashing pool
  // is full.
  SignedIn sign_in(const std::string& login, const std::string& password, const std::string& client_address);
  void sign_out(const std::string& token);
  std::optional<domain::Actor> authenticate(std::string_view token) const;
  std::optional<store::AccountRecord> find(const std::string& account_id) const;

  // The hash an unknown login is verified against; made at the node's password cost on first use.
  const std::string& decoy_hash();
  const accounts::PasswordHashingPool& hashing_pool() const { return pool_; }
  accounts::PasswordHashingPool& hashing_pool() { return pool_; }  // shared with the kiosk desk

 private:
  std::string hash(const std::string& password);

  Node& node_;
  accounts::PasswordHashingPool pool_;
  accounts::SignInThrottle throttle_;
  std::once_flag decoy_once_;
  std::string decoy_hash_;
};

}  // namespace tongban::node
