#include "web/application_view.h"

#include <boost/json/serialize.hpp>
#include <cstdlib>

#include "domain/media_type.h"
#include "web/page_routes.h"

namespace tongban::web {
namespace {

bool is_sha256(const std::string& text) {
  if (text.size() != 64) return false;
  for (char c : text)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

std::string input_id(const std::string& field) {
  std::string id = "f-";
  for (char c : field) id.push_back(c == '.' ? '-' : c);
  return id;
}

// The HTML autocomplete token of a field whose purpose is known (WCAG 1.3.5), "" otherwise.
std::string autocomplete_token(const domain::FormField& field) {
  if (field.type == domain::FieldType::phone) return "tel";
  if (field.type == domain::FieldType::email) return "email";
  if (field.id == "applicant_name") return "name";
  if (field.id == "birth_date" && field.type == domain::FieldType::date) return "bday";
  if (field.id == "postal_address") return "street-address";
  if (field.id == "company_name") return "organization";
  return "";
}

std::string choice_label(const Page& page, const domain::FormField& field, const std::string& choice) {
  auto label = field.choice_labels.find(choice);
  return label == field.choice_labels.end() ? choice : label->second.in(page.language);
}

const domain::FormField* field_of(const domain::Item& item, const std::string& path) {
  if (path.rfind("form.", 0) != 0) return nullptr;
  for (const auto& field : item.form)
    if (path.size() == field.id.size() + 5 && path.compare(5, std::string::npos, field.id) == 0) return &field;
  return nullptr;
}

std::string number_text(double value) {
  std::string text = std::to_string(value);
  if (text.find('.') != std::string::npos) {
    text.erase(text.find_last_not_of('0') + 1);
    if (text.back() == '.') text.pop_back();
  }
  return text;
}

// What a first view shows in a field when the signed-in account knows it: the name, the identity document (a
// company's credit code only in a company's document field).
struct Prefill {
  std::string value, document_type, document_number;
};

Prefill prefill_of(const domain::FormField& field, const store::AccountRecord* account) {
  if (!account) return {};
  bool company = account->kind == "legal_person";
  if (field.type == domain::FieldType::text &&
      ((field.id == "applicant_name" && !company) || (field.id == "company_name" && company)))
    return {account->display_name, "", ""};
  if (field.type == domain::FieldType::id_document && !account->id_document_type.empty() &&
      (field.id == "uscc") == (account->id_document_type == "CN_USCC"))
    return {"", account->id_document_type, account->id_document_number};
  return {};
}

}  // namespace

bool is_consent_field(const domain::FormField& field) {
  return field.type == domain::FieldType::boolean && field.id == kConsentField;
}

std::string fill(std::string text, std::string_view name, std::string_view value) {
  std::string slot = "{" + std::string(name) + "}";
  for (auto at = text.find(slot); at != std::string::npos; at = text.find(slot, at + value.size()))
    text.replace(at, slot.size(), value);
  return text;
}

std::string upload_hint(const Page& page) {
  std::size_t limit = page.site.node.config().blob_limit;
  std::string size = limit % (1024 * 1024) == 0 ? std::to_string(limit / (1024 * 1024)) + " MB"
                                                : std::to_string((limit + 1023) / 1024) + " KB";
  return fill(page.t("A PDF, PNG or JPEG file of at most {size}."), "size", size);
}

std::string clean_file_name(std::string_view name) {
  auto slash = name.find_last_of("/\\");
  if (slash != std::string_view::npos) name.remove_prefix(slash + 1);
  std::string clean;
  std::size_t characters = 0;
  for (unsigned char c : name) {
    if (c < 0x20 || c == 0x7f) continue;
    bool starts_character = (c & 0xC0) != 0x80;
    if (starts_character && characters == 120) break;
    if (starts_character) ++characters;
    clean.push_back(static_cast<char>(c));
  }
  return clean;
}

std::string field_error_message(const Page& page, const domain::Item& item, const domain::FieldError& error) {
  const auto* field = field_of(item, error.field);
  if (field) {
    if (error.rule == "min_length" && field->min_length)
      return fill(page.t("Enter at least {n} characters."), "n", std::to_string(*field->min_length));
    if (error.rule == "max_length" && field->max_length)
      return fill(page.t("Enter at most {n} characters."), "n", std::to_string(*field->max_length));
    if (error.rule == "min_value" && field->min_value)
      return fill(page.t("Enter a number of at least {n}."), "n", number_text(*field->min_value));
    if (error.rule == "max_value" && field->max_value)
      return fill(page.t("Enter a number of at most {n}."), "n", number_text(*field->max_value));
    if (error.rule == "pattern" && field->type == domain::FieldType::phone)
      return page.t("Enter a telephone number this service accepts, such as 13800138000 or +853 6123 4567.");
  }
  return page.t(error.message);
}

boost::json::object answers_from_form(const domain::Item& item, const FormInput& form) {
  boost::json::object answers;
  for (const auto& field : item.form) {
    std::string name = "form." + field.id;
    if (field.type == domain::FieldType::boolean) {
      if (form.has(name) || field.required) answers[field.id] = form.value(name) == "true";
      continue;
    }
    if (field.type == domain::FieldType::id_document) {
      std::string type = form.value(name + ".type"), number = form.value(name + ".number");
      if (!type.empty() || !number.empty()) answers[field.id] = boost::json::object{{"type", type}, {"number", number}};
      continue;
    }
    std::string value = form.value(name);
    if (value.empty() && !field.required) continue;
    if (field.type == domain::FieldType::number && !value.empty()) {
      char* end = nullptr;
      double number = std::strtod(value.c_str(), &end);
      if (end && *end == '\0') {
        answers[field.id] = number;
        continue;
      }
    }
    answers[field.id] = value;
  }
  return answers;
}

std::vector<domain::CaseMaterial> materials_from_form(Page& page, const domain::Item& item,
                                                      std::vector<domain::FieldError>& errors) {
  std::vector<domain::CaseMaterial> materials;
  for (const auto& material : item.materials) {
    std::string blob = page.form.value("blob." + material.id);
    if (is_sha256(blob))
      materials.push_back({material.id, blob, clean_file_name(page.form.value("file." + material.id))});
  }
  for (const auto& file : page.form.files) {
    if (file.field.rfind("material.", 0) != 0) continue;
    std::string id = file.field.substr(9);
    bool known = false;
    for (const auto& material : item.materials) known = known || material.id == id;
    if (!known) {
      errors.push_back({"materials." + id, "unknown_material", "This service does not ask for that material."});
      continue;
    }
    if (file.bytes.size() > page.site.node.config().blob_limit) {
      errors.push_back({"materials." + id, "too_large", "The file is too large."});
      continue;
    }
    // The type is read from the bytes, as on the API: the browser's Content-Type is the sender's claim.
    auto media_type = domain::sniff_media_type(file.bytes);
    if (!media_type) {
      errors.push_back({"materials." + id, "unsupported_media_type", "Upload the file as a PDF, PNG or JPEG."});
      continue;
    }
    const domain::Actor& actor = *page.actor;
    store::BlobHandler handler{actor.account_id, domain::takes_in_at_point(actor.role) ? actor.service_point : ""};
    auto record = page.site.node.store().hand_in_blob(file.bytes, *media_type, handler, page.site.node.now_ms());
    std::erase_if(materials, [&](const auto& given) { return given.material_id == id; });
    materials.push_back({id, record.sha256, clean_file_name(file.filename)});
  }
  return materials;
}

Data application_data(const Page& page, const domain::Item& item, const std::vector<domain::CaseMaterial>& materials,
                      const std::vector<domain::FieldError>& errors, const FormView& view) {
  Data summary{Data::type::list};
  auto error_for = [&](const std::string& path, const std::string& input) -> std::string {
    for (const auto& error : errors)
      if (error.field == path) {
        std::string message = field_error_message(page, item, error);
        Data entry;
        entry.set("href", "#" + input_id(input));
        entry.set("message", message);
        summary.push_back(entry);
        return message;
      }
    return "";
  };
  Data fields{Data::type::list};
  for (const auto& field : item.form) {
    if (view.consent_on_check_page && is_consent_field(field)) continue;
    std::string name = "form." + field.id;
    Prefill prefill =
        page.form.has(name) || page.form.has(name + ".number") ? Prefill{} : prefill_of(field, view.prefill);
    std::string value = prefill.value.empty() ? page.form.value(name) : prefill.value;
    Data entry;
    entry.set("name", name);
    entry.set("id", input_id(name));
    entry.set("change_href", "#" + input_id(name));
    entry.set("label", field.label.in(page.language));
    entry.set("required", field.required);
    entry.set("value", value);
    std::string kind(domain::to_string(field.type));
    entry.set("is_" + kind, true);
    if (auto token = autocomplete_token(field); !token.empty()) entry.set("autocomplete", token);
    std::string display = value;
    if (field.type == domain::FieldType::choice) {
      std::vector<std::pair<std::string, std::string>> choices;
      for (const auto& choice : field.choices) choices.emplace_back(choice, choice_label(page, field, choice));
      entry.set("choices", choice_list(choices, value));
      if (!value.empty()) display = choice_label(page, field, value);
    }
    if (field.type == domain::FieldType::id_document) {
      std::string type = prefill.document_type.empty() ? page.form.value(name + ".type") : prefill.document_type;
      std::string number =
          prefill.document_number.empty() ? page.form.value(name + ".number") : prefill.document_number;
      entry.set("documents", document_choices(page, type));
      entry.set("document_type", type);
      entry.set("number", number);
      display = (type.empty() ? "" : page.t("document:" + type) + " ") + number;
    }
    if (field.type == domain::FieldType::boolean) display = page.t(value == "true" ? "Yes" : "No");
    entry.set("display", display);
    entry.set("checked", value == "true");
    auto error = error_for(name, name);
    if (!error.empty()) entry.set("error", error);
    fields.push_back(entry);
  }
  Data material_list{Data::type::list};
  for (const auto& material : item.materials) {
    std::string name = "material." + material.id;
    Data entry;
    entry.set("name", name);
    entry.set("id", input_id(name));
    entry.set("change_href", "#" + input_id(name));
    entry.set("label", material.name.in(page.language));
    entry.set("required", material.required);
    entry.set("material_id", material.id);
    entry.set("hint", upload_hint(page));
    for (const auto& given : materials)
      if (given.material_id == material.id) {
        entry.set("blob", given.blob_sha256);
        entry.set("blob_name", "blob." + material.id);
        entry.set("file_field", "file." + material.id);
        entry.set("file_name", given.file_name);
      }
    auto error = error_for("materials." + material.id, name);
    if (!error.empty()) entry.set("error", error);
    material_list.push_back(entry);
  }
  for (const auto& error : errors) {
    bool placed = field_of(item, error.field) != nullptr || error.field.rfind("materials.", 0) == 0;
    if (placed && !(view.consent_on_check_page && error.field == "form." + std::string(kConsentField))) continue;
    Data entry;
    entry.set("href", "#main");
    entry.set("message", field_error_message(page, item, error));
    summary.push_back(entry);
  }
  Data data;
  data.set("fields", fields);
  data.set("materials", material_list);
  data.set("errors", summary);
  data.set("has_errors", !errors.empty());
  data.set("item_name", item.name.in(page.language));
  return data;
}

node::CaseOpening open_checked_application(Page& page, const node::CaseApplication& application,
                                           std::string_view key_prefix) {
  std::string fingerprint = boost::json::serialize(application.form);
  for (const auto& m : application.materials) fingerprint += m.material_id + m.blob_sha256;
  std::optional<std::string> key;
  if (auto attempt = page.form.value("attempt"); !attempt.empty() && attempt.size() <= 64)
    key = std::string(key_prefix) + attempt;
  return page.site.cases.open(*page.actor, application, key, page.site.secret.keyed("fp", fingerprint));
}

}  // namespace tongban::web
