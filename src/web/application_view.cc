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

}  // namespace

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
    if (is_sha256(blob)) materials.push_back({material.id, blob});
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
    store::BlobHandler handler{actor.account_id, actor.role == domain::Role::clerk ? actor.service_point : ""};
    auto record = page.site.node.store().hand_in_blob(file.bytes, *media_type, handler, page.site.node.now_ms());
    std::erase_if(materials, [&](const auto& given) { return given.material_id == id; });
    materials.push_back({id, record.sha256});
  }
  return materials;
}

Data application_data(const Page& page, const domain::Item& item, const std::vector<domain::CaseMaterial>& materials,
                      const std::vector<domain::FieldError>& errors) {
  Data summary{Data::type::list};
  auto error_for = [&](const std::string& path, const std::string& input) -> std::string {
    for (const auto& error : errors)
      if (error.field == path) {
        Data entry;
        entry.set("href", "#" + input_id(input));
        entry.set("message", page.t(error.message));
        summary.push_back(entry);
        return page.t(error.message);
      }
    return "";
  };
  Data fields{Data::type::list};
  for (const auto& field : item.form) {
    std::string name = "form." + field.id;
    Data entry;
    entry.set("name", name);
    entry.set("id", input_id(name));
    entry.set("label", field.label.in(page.language));
    entry.set("required", field.required);
    entry.set("value", page.form.value(name));
    std::string kind(domain::to_string(field.type));
    entry.set("is_" + kind, true);
    if (field.type == domain::FieldType::choice) {
      std::vector<std::pair<std::string, std::string>> choices;
      for (const auto& choice : field.choices) choices.emplace_back(choice, page.t("choice:" + choice));
      entry.set("choices", choice_list(choices, page.form.value(name)));
    }
    if (field.type == domain::FieldType::id_document) {
      entry.set("documents", document_choices(page, page.form.value(name + ".type")));
      entry.set("number", page.form.value(name + ".number"));
    }
    entry.set("checked", page.form.value(name) == "true");
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
    entry.set("label", material.name.in(page.language));
    entry.set("required", material.required);
    entry.set("material_id", material.id);
    for (const auto& given : materials)
      if (given.material_id == material.id) {
        entry.set("blob", given.blob_sha256);
        entry.set("blob_name", "blob." + material.id);
      }
    auto error = error_for("materials." + material.id, name);
    if (!error.empty()) entry.set("error", error);
    material_list.push_back(entry);
  }
  for (const auto& error : errors) {
    bool placed = error.field.rfind("form.", 0) == 0 || error.field.rfind("materials.", 0) == 0;
    if (placed) continue;
    Data entry;
    entry.set("href", "#main");
    entry.set("message", page.t(error.message));
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

}  // namespace tongban::web
