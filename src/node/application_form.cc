#include "node/application_form.h"

#include <algorithm>

#include "domain/calendar_date.h"
#include "domain/identity_document.h"

namespace tongban::node {
namespace {

using boost::json::value;

std::size_t utf8_length(const std::string& text) {
  std::size_t count = 0;
  for (unsigned char c : text)
    if ((c & 0xC0) != 0x80) ++count;
  return count;
}

constexpr std::string_view kSpaces = " \t\n\v\f\r";

// \+?[0-9][0-9 -]{5,19}, the whole answer.
bool phone_shaped(std::string_view answer) {
  if (answer.starts_with('+')) answer.remove_prefix(1);
  if (answer.size() < 6 || answer.size() > 20 || answer.front() < '0' || answer.front() > '9') return false;
  return answer.find_first_not_of("0123456789 -") == std::string_view::npos;
}

// [^@\s]+@[^@\s]+\.[^@\s]+, the whole answer: one '@' with text before it, and a '.' after it that is neither the
// first nor the last character of the domain.
bool email_shaped(std::string_view answer) {
  if (answer.find_first_of(kSpaces) != std::string_view::npos) return false;
  auto at = answer.find('@');
  if (at == std::string_view::npos || at == 0 || answer.find('@', at + 1) != std::string_view::npos) return false;
  std::string_view domain = answer.substr(at + 1);
  return domain.size() >= 3 && domain.substr(1, domain.size() - 2).find('.') != std::string_view::npos;
}

std::string trimmed(std::string_view text) {
  auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  auto last = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(first, last - first + 1));
}

struct FieldCheck {
  const domain::FormField& field;
  const catalog::FieldPatterns& patterns;
  std::string path;
  std::vector<domain::FieldError>& problems;

  void fail(std::string rule, std::string message) { problems.push_back({path, std::move(rule), std::move(message)}); }

  std::optional<value> text(const value& input) {
    if (!input.is_string()) return fail("type", "Must be text."), std::nullopt;
    std::string answer = trimmed(input.as_string());
    std::size_t length = utf8_length(answer);
    if (field.required && answer.empty()) return fail("required", "This field is required."), std::nullopt;
    if (field.min_length && length < static_cast<std::size_t>(*field.min_length))
      return fail("min_length", "Must be at least " + std::to_string(*field.min_length) + " characters."), std::nullopt;
    if (field.max_length && length > static_cast<std::size_t>(*field.max_length))
      return fail("max_length", "Must be at most " + std::to_string(*field.max_length) + " characters."), std::nullopt;
    if (!field.pattern.empty() && !answer.empty() && !patterns.full_match(field.pattern, answer))
      return fail("pattern", "Does not have the expected form."), std::nullopt;
    return value(answer);
  }

  std::optional<value> shaped_text(const value& input, bool (*shaped)(std::string_view), const char* what) {
    auto answer = text(input);
    if (!answer) return std::nullopt;
    if (!shaped(answer->as_string())) return fail("format", std::string("Must be ") + what + "."), std::nullopt;
    return answer;
  }

  std::optional<value> number(const value& input) {
    if (!input.is_number()) return fail("type", "Must be a number."), std::nullopt;
    double answer = input.to_number<double>();
    if (field.min_value && answer < *field.min_value)
      return fail("min_value", "Must be at least " + std::to_string(*field.min_value) + "."), std::nullopt;
    if (field.max_value && answer > *field.max_value)
      return fail("max_value", "Must be at most " + std::to_string(*field.max_value) + "."), std::nullopt;
    return input;
  }

  std::optional<value> date(const value& input) {
    auto answer = input.is_string() ? parse_answer_date(input.as_string()) : std::nullopt;
    if (!answer) return fail("date", "Enter a real date as DD/MM/YYYY or YYYY-MM-DD."), std::nullopt;
    return value(domain::format_date(*answer));
  }

  std::optional<value> choice(const value& input) {
    if (!input.is_string()) return fail("type", "Must be one of the choices."), std::nullopt;
    for (const auto& option : field.choices)
      if (input.as_string() == option) return input;
    return fail("choice", "Must be one of the choices offered."), std::nullopt;
  }

  std::optional<value> id_document(const value& input) {
    if (!input.is_object()) return fail("type", "Must be an object {type, number}."), std::nullopt;
    const auto& object = input.as_object();
    const auto* type_text = object.if_contains("type");
    const auto* number = object.if_contains("number");
    if (!type_text || !type_text->is_string() || !number || !number->is_string() || object.size() != 2)
      return fail("type", "Must be an object with exactly the fields type and number."), std::nullopt;
    auto type = domain::parse_id_document_type(type_text->as_string());
    if (!type) return fail("document_type", "Unknown identity document type."), std::nullopt;
    auto check = domain::check_id_document(*type, number->as_string());
    if (!check.valid) return fail(check.rule, check.message), std::nullopt;
    return value(boost::json::object{{"type", type_text->as_string()}, {"number", check.normalized}});
  }

  std::optional<value> check(const value& input) {
    switch (field.type) {
      case domain::FieldType::text:
      case domain::FieldType::address: return text(input);
      case domain::FieldType::phone: return shaped_text(input, phone_shaped, "a telephone number");
      case domain::FieldType::email: return shaped_text(input, email_shaped, "an e-mail address");
      case domain::FieldType::number: return number(input);
      case domain::FieldType::date: return date(input);
      case domain::FieldType::choice: return choice(input);
      case domain::FieldType::boolean:
        if (!input.is_bool()) return fail("type", "Must be true or false."), std::nullopt;
        return input;
      case domain::FieldType::id_document: return id_document(input);
    }
    return std::nullopt;
  }
};

}  // namespace

std::optional<domain::CalendarDate> parse_answer_date(std::string_view text) {
  std::string answer = trimmed(text);
  auto slash = answer.find('/');
  if (slash == std::string::npos) return domain::parse_date(answer);
  auto second = answer.find('/', slash + 1);
  if (second == std::string::npos) return std::nullopt;
  std::string day = answer.substr(0, slash), month = answer.substr(slash + 1, second - slash - 1);
  std::string year = answer.substr(second + 1);
  auto digits = [](const std::string& part, std::size_t low, std::size_t high) {
    return part.size() >= low && part.size() <= high && part.find_first_not_of("0123456789") == std::string::npos;
  };
  if (!digits(day, 1, 2) || !digits(month, 1, 2) || !digits(year, 4, 4)) return std::nullopt;
  auto two = [](const std::string& part) { return part.size() == 1 ? "0" + part : part; };
  return domain::parse_date(year + "-" + two(month) + "-" + two(day));
}

CheckedForm check_application_form(const domain::Item& item, const boost::json::object& answers,
                                   const catalog::FieldPatterns& patterns) {
  CheckedForm checked;
  for (const auto& field : item.form) {
    std::string path = "form." + field.id;
    const value* input = answers.if_contains(field.id);
    if (!input || input->is_null()) {
      if (field.required) checked.problems.push_back({path, "required", "This field is required."});
      continue;
    }
    FieldCheck check{field, patterns, path, checked.problems};
    if (auto answer = check.check(*input)) checked.answers[field.id] = std::move(*answer);
  }
  for (const auto& entry : answers) {
    bool known = false;
    for (const auto& field : item.form) known = known || field.id == entry.key();
    if (!known)
      checked.problems.push_back({"form." + std::string(entry.key()), "unknown_field", "The item has no such field."});
  }
  return checked;
}

boost::json::object minimum_data(const domain::Item& item, const boost::json::object& answers) {
  boost::json::object kept;
  for (const auto& field : item.form)
    if (field.crosses_border)
      if (const value* answer = answers.if_contains(field.id)) kept[field.id] = *answer;
  return kept;
}

std::string_view part_item_of(std::string_view key) {
  auto dot = key.find('.');
  return dot == std::string_view::npos ? std::string_view() : key.substr(0, dot);
}

std::vector<std::string> part_items(const boost::json::object& answers,
                                    const std::vector<domain::CaseMaterial>& materials) {
  std::vector<std::string> codes;
  auto add = [&](std::string_view key) {
    std::string code(part_item_of(key));
    if (!code.empty() && std::find(codes.begin(), codes.end(), code) == codes.end()) codes.push_back(code);
  };
  for (const auto& entry : answers) add(entry.key());
  for (const auto& material : materials) add(material.material_id);
  return codes;
}

boost::json::object own_answers(const boost::json::object& answers) {
  boost::json::object own;
  for (const auto& entry : answers)
    if (part_item_of(entry.key()).empty()) own[entry.key()] = entry.value();
  return own;
}

CheckedPart check_joint_part(const domain::Item& item, const boost::json::object& answers,
                             const std::vector<domain::CaseMaterial>& materials, bool submitting,
                             const catalog::FieldPatterns& patterns) {
  const std::string prefix = item.code + ".";
  domain::Item travelling = item;
  std::erase_if(travelling.form, [](const domain::FormField& field) { return !field.crosses_border; });
  boost::json::object given;
  for (const auto& field : travelling.form)  // the case's own answer stands in for a field of the same id
    if (const value* own = answers.if_contains(field.id)) given[field.id] = *own;
  for (const auto& entry : answers)
    if (std::string_view(entry.key()).starts_with(prefix)) given[entry.key().substr(prefix.size())] = entry.value();

  CheckedPart part;
  CheckedForm checked = check_application_form(travelling, given, patterns);
  part.answers = std::move(checked.answers);
  for (auto& problem : checked.problems) {
    problem.field = "form." + prefix + problem.field.substr(std::string_view("form.").size());
    problem.message = item.code + ": " + problem.message;
    part.problems.push_back(std::move(problem));
  }
  for (const auto& material : materials) {
    if (!std::string_view(material.material_id).starts_with(prefix)) continue;
    std::string id = material.material_id.substr(prefix.size());
    bool known = std::any_of(item.materials.begin(), item.materials.end(), [&](const auto& m) { return m.id == id; });
    if (!known)
      part.problems.push_back({"materials." + material.material_id, "unknown_material",
                               item.code + ": the item asks for no such material."});
    else
      part.materials.push_back({id, material.blob_sha256});
  }
  if (!submitting) return part;
  for (const auto& material : item.materials) {
    if (!material.required) continue;
    bool present = std::any_of(part.materials.begin(), part.materials.end(),
                               [&](const auto& given_material) { return given_material.material_id == material.id; });
    if (!present)
      part.problems.push_back({"materials." + prefix + material.id, "required",
                               item.code + ": required material missing: " + material.name.en});
  }
  return part;
}

}  // namespace tongban::node
