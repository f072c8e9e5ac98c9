// Account: who can sign in — an applicant (natural or legal person) or a staff member — as a plain value, and the
// checks of a self-service registration and of a staff account before either is created.
//
// Invariants of a stored Account (established by validate_registration / validate_staff, kept by the store):
//   - login is normalised (see below) and unique per node; id_document_number is normalised
//     (domain::check_id_document) and unique per document type;
//   - a legal person identifies with CN_USCC, a natural person with any other document, staff with none;
//   - applicants have Role::applicant; staff have clerk (bound to a service point), reviewer (bound to an
//     authority), admin (bound to nothing) or agent (bound to a service point, acting for an organisation: bank,
//     post and partner staff, docs/channels.md); only agents have an organisation;
//   - password_hash is an Argon2id string (accounts/password.h), never the password.
//
// Logins: an e-mail address ("name@example.mo", lower-cased), a phone number in international form ("+853 6612
// 3456", kept as "+85366123456": + and 8 to 15 digits), or — for applicants — the number of the identity document
// given at registration (kept normalised).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/case.h"
#include "domain/identity_document.h"

namespace tongban::accounts {

enum class AccountKind { natural_person, legal_person, staff };

std::string_view to_string(AccountKind kind);  // "natural_person", "legal_person", "staff"
std::optional<AccountKind> parse_account_kind(std::string_view text);

struct Account {
  std::string id;
  AccountKind kind = AccountKind::natural_person;
  std::string login;
  std::string display_name;
  std::string password_hash;
  domain::Role role = domain::Role::applicant;
  std::string authority;                                   // reviewer only
  std::string service_point;                               // clerk and agent only
  std::string organisation = "";                           // agent only
  std::optional<domain::IdDocumentType> id_document_type;  // applicants only
  std::string id_document_number;                          // normalised
  std::int64_t created_at_ms = 0;
  bool disabled = false;
};

// One problem with one input field; `rule` is stable (API problem details carry [{field, rule}]).
struct FieldError {
  std::string field;
  std::string rule;
  bool operator==(const FieldError&) const = default;
};

// What an applicant sends to register. Text as received; kind and document type by their text forms.
struct RegistrationRequest {
  std::string kind;  // "natural_person" | "legal_person"
  std::string login;
  std::string password;
  std::string display_name;
  std::string id_document_type;  // "CN_RIC", "HK_HKID", …, "CN_USCC"
  std::string id_document_number;
};

// What a staff account is created from (by an admin, never self-service).
struct StaffRequest {
  std::string login;
  std::string password;
  std::string display_name;
  domain::Role role = domain::Role::clerk;
  std::string authority;
  std::string service_point;
  std::string organisation = "";  // agents: the bank, post or partner organisation they act for
};

// The outcome of a check: every problem found (not just the first) and, when there is none, the normalised values.
struct AccountCheck {
  std::vector<FieldError> errors;
  std::string login;         // normalised
  std::string display_name;  // trimmed
  std::optional<domain::IdDocumentType> id_document_type;
  std::string id_document_number;  // normalised
  AccountKind kind = AccountKind::natural_person;
  std::string organisation = "";  // agents: trimmed

  bool ok() const { return errors.empty(); }
};

// Field rules:
//   kind:               "required", "unknown" (anything but natural_person / legal_person, including "staff")
//   login:              "required", "email_format", "phone_format", "document_mismatch" (a login that is neither an
//                       e-mail nor a phone number must equal the identity document number)
//   password:           the policy rules of accounts/password.h
//   display_name:       "required", "too_long" (over 100 characters), "control_character"
//   id_document_type:   "required", "unknown", "legal_person_requires_uscc", "natural_person_cannot_use_uscc"
//   id_document_number: "required", or the rule of domain::check_id_document ("length", "check_digit", …)
AccountCheck validate_registration(const RegistrationRequest& request);

// Staff: login must be an e-mail or phone number; role: "applicant_not_staff" for Role::applicant; authority:
// "required" for a reviewer, "not_allowed" otherwise; service_point: "required" for a clerk or an agent,
// "not_allowed" otherwise; organisation: "required" for an agent (then "too_long" over 100 characters,
// "control_character"), "not_allowed" otherwise. Whether the authority or service point exists, and whether the
// point is one agents work at, is the catalog's question, not answered here.
AccountCheck validate_staff(const StaffRequest& request);

}  // namespace tongban::accounts
