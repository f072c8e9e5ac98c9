#include "cli/problem_text.h"

#include <fmt/format.h>

#include <array>

namespace tongban::cli {
namespace {

struct RuleWords {
  std::string_view field;  // "" = any field
  std::string_view rule;
  std::string_view words;
};

// The rules of accounts/account.h, accounts/password.h and node/account_desk.cc, and the common ones.
constexpr std::array kRuleWords = {
    RuleWords{"", "required", "is required"},
    RuleWords{"", "email_format", "is not a valid e-mail address"},
    RuleWords{"", "phone_format", "is not a valid mobile phone number"},
    RuleWords{"", "email_or_phone", "must be an e-mail address or a mobile phone number"},
    RuleWords{"", "document_mismatch", "must be an e-mail address, a phone number or the identity document number"},
    RuleWords{"password", "too_short", "is shorter than 10 characters"},
    RuleWords{"password", "too_long", "is longer than 256 characters"},
    RuleWords{"display_name", "too_long", "is longer than 100 characters"},
    RuleWords{"", "too_long", "is too long"},
    RuleWords{"password", "one_character_class",
              "uses one kind of character only: mix lower case, upper case, digits or other characters"},
    RuleWords{"", "control_character", "holds a control character"},
    RuleWords{"authority", "unknown", "is not an authority in the node's catalog"},
    RuleWords{"service_point", "unknown", "is not a service point in the node's catalog"},
    RuleWords{"", "unknown", "is not a known value"},
    RuleWords{"authority", "not_allowed", "is only for reviewers (--role reviewer)"},
    RuleWords{"service_point", "not_allowed", "is only for clerks and agents (--role clerk, --role agent)"},
    RuleWords{"organisation", "not_allowed", "is only for agents (--role agent)"},
    RuleWords{"service_point", "not_an_agent_point",
              "is not a bank branch, post office or partner office, where agents work (docs/channels.md)"},
    RuleWords{"", "not_allowed", "is not allowed here"},
    RuleWords{"", "not_this_node", "belongs to another jurisdiction, not to this node's"},
    RuleWords{"", "taken", "is taken already"},
    RuleWords{"", "conflict", "is used already"},
    RuleWords{"role", "applicant_not_staff", "cannot be applicant: applicants register themselves"},
    RuleWords{"", "legal_person_requires_uscc", "must be a unified social credit code for a legal person"},
    RuleWords{"", "natural_person_cannot_use_uscc", "cannot be a unified social credit code for a natural person"},
    RuleWords{"", "check_digit", "has a wrong check digit"},
    RuleWords{"", "charset", "holds characters this document number cannot have"},
    RuleWords{"", "prefix", "does not start the way this document number does"},
    RuleWords{"", "area", "has an area code that does not exist"},
    RuleWords{"", "birth_date", "holds a birth date that does not exist"},
    RuleWords{"", "length", "has the wrong length"},
    RuleWords{"", "type", "has the wrong type"},
    RuleWords{"", "unknown_field", "is not a field of this request"},
};

std::string rule_words(std::string_view field, std::string_view rule) {
  for (const auto& entry : kRuleWords)
    if (entry.rule == rule && entry.field == field) return std::string(entry.words);
  for (const auto& entry : kRuleWords)
    if (entry.rule == rule && entry.field.empty()) return std::string(entry.words);
  std::string words = "breaks the rule ";
  for (char c : rule) words.push_back(c == '_' ? ' ' : c);
  return words;
}

}  // namespace

std::string field_error_words(const domain::FieldError& error) {
  if (!error.message.empty()) return error.message;
  return rule_words(error.field, error.rule);
}

std::string problem_text(const domain::Problem& problem) {
  std::string text = problem.detail.empty() ? std::string(domain::problem_type(problem.slug).title) : problem.detail;
  for (const auto& error : problem.errors)
    text += fmt::format("\n  {}: {} (rule {})", error.field.empty() ? "(request)" : error.field,
                        field_error_words(error), error.rule);
  return text;
}

int problem_exit_code(const domain::Problem& problem) {
  return domain::problem_type(problem.slug).status >= 500 ? 1 : 2;
}

}  // namespace tongban::cli
