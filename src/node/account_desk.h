// AccountDesk: registration of applicants, staff accounts, sign-in with bearer tokens, and turning a token back
// into an Actor on every request.
//
// Passwords are kept only as Argon2id hashes; tokens only as their SHA-256, so neither a database dump nor a log
// reveals a credential. Sign-in failures say the same thing for an unknown login and a wrong password. A token
// stops working when it expires, when it is revoked (sign-out) or when its account is disabled.
#pragma once

#include <optional>
#include <string>

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
  std::string authority;      // reviewer
  std::string service_point;  // clerk
};

struct SignedIn {
  std::string token;  // shown once, never stored
  std::int64_t expires_at_ms = 0;
  store::AccountRecord account;
};

class AccountDesk {
 public:
  explicit AccountDesk(Node& node) : node_(node) {}

  // Throws domain::ProblemError validation-failed (with field errors) or conflict (login or document taken).
  store::AccountRecord register_applicant(const Registration& registration);
  // Checks the role's binding against the catalog: a clerk's service point and a reviewer's authority must exist
  // and be of this node's jurisdiction (else validation-failed, rule "unknown" or "not_this_node").
  store::AccountRecord add_staff(const StaffAccount& staff);
  // Throws domain::ProblemError unauthenticated on a bad login or password, or a disabled account.
  SignedIn sign_in(const std::string& login, const std::string& password);
  void sign_out(const std::string& token);
  std::optional<domain::Actor> authenticate(std::string_view token) const;
  std::optional<store::AccountRecord> find(const std::string& account_id) const;

 private:
  Node& node_;
};

}  // namespace tongban::node
