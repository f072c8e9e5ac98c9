#include "accounts/account.h"

#include <algorithm>
#include <cctype>

#include "accounts/password.h"

namespace tongban::accounts {
namespace {

using domain::IdDocumentType;

constexpr std::size_t kDisplayNameMaxLength = 100;

bool is_space(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

std::string trim(std::string_view text) {
  while (!text.empty() && is_space(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && is_space(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  return std::string(text);
}

std::string lower_ascii(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

std::size_t code_points(std::string_view text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](unsigned char c) { return (c & 0xC0U) != 0x80U; }));
}

bool valid_domain_label(std::string_view label) {
  if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') return false;
  return std::all_of(label.begin(), label.end(), [](unsigned char c) { return std::isalnum(c) || c == '-'; });
}

// local@domain.tld: printable ASCII local part without spaces, a domain of two or more DNS labels.
bool valid_email(std::string_view email) {
  const auto at = email.find('@');
  if (at == std::string_view::npos || email.find('@', at + 1) != std::string_view::npos) return false;
  const std::string_view local = email.substr(0, at);
  const std::string_view domain = email.substr(at + 1);
  if (local.empty() || local.size() > 64 || email.size() > 254 || domain.find('.') == std::string_view::npos) {
    return false;
  }
  if (!std::all_of(local.begin(), local.end(), [](unsigned char c) { return c > ' ' && c < 0x7F; })) return false;
  std::size_t start = 0;
  while (start <= domain.size()) {
    const auto dot = std::min(domain.find('.', start), domain.size());
    if (!valid_domain_label(domain.substr(start, dot - start))) return false;
    start = dot + 1;
  }
  return true;
}

// "+853 6612-3456" -> "+85366123456"; nullopt unless + and 8 to 15 digits, the first not 0.
std::optional<std::string> normalize_phone(std::string_view text) {
  std::string digits;
  for (char c : text.substr(1)) {
    if (c == ' ' || c == '-' || c == '(' || c == ')') continue;
    if (c < '0' || c > '9') return std::nullopt;
    digits.push_back(c);
  }
  if (digits.size() < 8 || digits.size() > 15 || digits.front() == '0') return std::nullopt;
  return "+" + digits;
}

enum class LoginForm { email, phone, other };

LoginForm login_form(std::string_view login) {
  if (login.find('@') != std::string_view::npos) return LoginForm::email;
  if (login.starts_with('+')) return LoginForm::phone;
  return LoginForm::other;
}

// Checks an e-mail or phone login; returns its rule on failure, else sets `normalized`.
std::optional<std::string> check_contact_login(std::string_view login, std::string& normalized) {
  if (login_form(login) == LoginForm::email) {
    normalized = lower_ascii(std::string(login));
    return valid_email(normalized) ? std::nullopt : std::optional<std::string>("email_format");
  }
  const auto phone = normalize_phone(login);
  if (!phone) return "phone_format";
  normalized = *phone;
  return std::nullopt;
}

void check_display_name(const std::string& raw, AccountCheck& check) {
  check.display_name = trim(raw);
  const std::string& name = check.display_name;
  if (name.empty()) {
    check.errors.push_back({"display_name", "required"});
  } else if (code_points(name) > kDisplayNameMaxLength) {
    check.errors.push_back({"display_name", "too_long"});
  } else if (std::any_of(name.begin(), name.end(), [](unsigned char c) { return c < 0x20 || c == 0x7F; })) {
    check.errors.push_back({"display_name", "control_character"});
  }
}

void check_password(const std::string& password, AccountCheck& check) {
  if (auto rule = check_password_policy(password)) check.errors.push_back({"password", *rule});
}

std::optional<AccountKind> check_kind(const std::string& raw, AccountCheck& check) {
  if (raw.empty()) {
    check.errors.push_back({"kind", "required"});
    return std::nullopt;
  }
  const auto kind = parse_account_kind(raw);
  if (!kind || *kind == AccountKind::staff) {
    check.errors.push_back({"kind", "unknown"});
    return std::nullopt;
  }
  check.kind = *kind;
  return kind;
}

void check_document(const RegistrationRequest& request, std::optional<AccountKind> kind, AccountCheck& check) {
  std::optional<IdDocumentType> type;
  if (request.id_document_type.empty()) {
    check.errors.push_back({"id_document_type", "required"});
  } else if (!(type = domain::parse_id_document_type(request.id_document_type))) {
    check.errors.push_back({"id_document_type", "unknown"});
  } else if (kind == AccountKind::legal_person && !domain::is_legal_person_document(*type)) {
    check.errors.push_back({"id_document_type", "legal_person_requires_uscc"});
  } else if (kind == AccountKind::natural_person && domain::is_legal_person_document(*type)) {
    check.errors.push_back({"id_document_type", "natural_person_cannot_use_uscc"});
  }
  const std::string number = trim(request.id_document_number);
  if (number.empty()) {
    check.errors.push_back({"id_document_number", "required"});
    return;
  }
  if (!type) return;
  const domain::IdDocumentCheck result = domain::check_id_document(*type, number);
  if (!result.valid) {
    check.errors.push_back({"id_document_number", result.rule});
    return;
  }
  check.id_document_type = type;
  check.id_document_number = result.normalized;
}

void check_applicant_login(const RegistrationRequest& request, AccountCheck& check) {
  const std::string login = trim(request.login);
  if (login.empty()) {
    check.errors.push_back({"login", "required"});
    return;
  }
  if (login_form(login) != LoginForm::other) {
    if (auto rule = check_contact_login(login, check.login)) check.errors.push_back({"login", *rule});
    return;
  }
  // A document-number login must be the document just given; compare normalised forms.
  const auto type = domain::parse_id_document_type(request.id_document_type);
  if (!type) return;  // the document type error already says what is wrong
  const domain::IdDocumentCheck as_document = domain::check_id_document(*type, login);
  if (!as_document.valid || as_document.normalized != check.id_document_number) {
    check.errors.push_back({"login", "document_mismatch"});
    return;
  }
  check.login = as_document.normalized;
}

}  // namespace

std::string_view to_string(AccountKind kind) {
  switch (kind) {
    case AccountKind::natural_person: return "natural_person";
    case AccountKind::legal_person: return "legal_person";
    case AccountKind::staff: return "staff";
  }
  return "natural_person";
}

std::optional<AccountKind> parse_account_kind(std::string_view text) {
  for (AccountKind kind : {AccountKind::natural_person, AccountKind::legal_person, AccountKind::staff}) {
    if (to_string(kind) == text) return kind;
  }
  return std::nullopt;
}

AccountCheck validate_registration(const RegistrationRequest& request) {
  AccountCheck check;
  const auto kind = check_kind(request.kind, check);
  check_document(request, kind, check);
  check_applicant_login(request, check);
  check_password(request.password, check);
  check_display_name(request.display_name, check);
  if (!check.ok()) {
    check.login.clear();
    check.id_document_type.reset();
    check.id_document_number.clear();
  }
  return check;
}

AccountCheck validate_staff(const StaffRequest& request) {
  AccountCheck check;
  check.kind = AccountKind::staff;
  const std::string login = trim(request.login);
  if (login.empty()) {
    check.errors.push_back({"login", "required"});
  } else if (login_form(login) == LoginForm::other) {
    check.errors.push_back({"login", "email_or_phone"});
  } else if (auto rule = check_contact_login(login, check.login)) {
    check.errors.push_back({"login", *rule});
  }
  check_password(request.password, check);
  check_display_name(request.display_name, check);
  const bool reviewer = request.role == domain::Role::reviewer;
  const bool at_point = domain::takes_in_at_point(request.role);
  const bool agent = request.role == domain::Role::agent;
  if (request.role == domain::Role::applicant) check.errors.push_back({"role", "applicant_not_staff"});
  if (reviewer && request.authority.empty()) check.errors.push_back({"authority", "required"});
  if (!reviewer && !request.authority.empty()) check.errors.push_back({"authority", "not_allowed"});
  if (at_point && request.service_point.empty()) check.errors.push_back({"service_point", "required"});
  if (!at_point && !request.service_point.empty()) check.errors.push_back({"service_point", "not_allowed"});
  const std::string organisation = trim(request.organisation);
  if (agent && organisation.empty()) {
    check.errors.push_back({"organisation", "required"});
  } else if (agent && code_points(organisation) > kDisplayNameMaxLength) {
    check.errors.push_back({"organisation", "too_long"});
  } else if (agent && std::any_of(organisation.begin(), organisation.end(),
                                  [](unsigned char c) { return c < 0x20 || c == 0x7F; })) {
    check.errors.push_back({"organisation", "control_character"});
  } else if (!agent && !organisation.empty()) {
    check.errors.push_back({"organisation", "not_allowed"});
  }
  if (agent) check.organisation = organisation;
  if (!check.ok()) check.login.clear();
  return check;
}

}  // namespace tongban::accounts
