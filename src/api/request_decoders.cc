#include "api/request_decoders.h"

#include "api/json_input.h"

namespace tongban::api {
namespace {

std::vector<domain::CaseMaterial> read_materials(JsonInput& input, bool required) {
  std::vector<domain::CaseMaterial> materials;
  auto list = input.array("materials", required);
  if (!list) return materials;
  for (std::size_t i = 0; i < list->size(); ++i) {
    std::string path = "materials[" + std::to_string(i) + "]";
    const auto& entry = (*list)[i];
    const auto* object = entry.if_object();
    const auto* id = object ? object->if_contains("material_id") : nullptr;
    const auto* blob = object ? object->if_contains("blob") : nullptr;
    if (!object || object->size() != 2 || !id || !id->is_string() || !blob || !blob->is_string()) {
      input.add_problem(path, "type", "Each material is {\"material_id\": text, \"blob\": sha256}.");
      continue;
    }
    materials.push_back({std::string(id->as_string()), std::string(blob->as_string())});
  }
  return materials;
}

}  // namespace

node::Registration decode_registration(std::string_view body) {
  JsonInput input(body);
  node::Registration registration;
  registration.kind = input.string("kind", true).value_or("");
  registration.login = input.string("login", true).value_or("");
  registration.password = input.string("password", true).value_or("");
  registration.display_name = input.string("display_name", true).value_or("");
  if (auto document = input.object("id_document", true)) {
    registration.id_document_type = document->string("type", true).value_or("");
    registration.id_document_number = document->string("number", true).value_or("");
    document->close_fields();
  }
  input.finish();
  return registration;
}

SignInRequest decode_sign_in(std::string_view body) {
  JsonInput input(body);
  SignInRequest request;
  request.login = input.string("login", true).value_or("");
  request.password = input.string("password", true).value_or("");
  input.finish();
  return request;
}

node::CaseApplication decode_case_application(std::string_view body) {
  JsonInput input(body);
  node::CaseApplication application;
  application.item_code = input.string("item_code", true).value_or("");
  if (auto mode = input.string("mode", false)) {
    application.mode = domain::parse_handling_mode(*mode);
    if (!application.mode) input.add_problem("mode", "enum", "One of online, remote_intake, delegated, joint.");
  }
  if (auto channel = input.string("channel", false)) {
    application.channel = domain::parse_channel(*channel);
    if (!application.channel) input.add_problem("channel", "enum", "One of web, window, bank, post, kiosk, cabin.");
  }
  application.applicant_id = input.string("applicant_id", false).value_or("");
  application.form = input.raw_object("form", false).value_or(boost::json::object{});
  application.materials = read_materials(input, false);
  application.submit = input.boolean("submit", false).value_or(true);
  application.delivery_method = input.string("delivery_method", false).value_or("");
  application.delivery_address = input.string("delivery_address", false).value_or("");
  application.consent_to_transfer = input.boolean("consent_to_transfer", false).value_or(false);
  input.finish();
  return application;
}

node::CaseActionRequest decode_case_action(std::string_view body) {
  JsonInput input(body);
  node::CaseActionRequest action;
  auto name = input.string("action", true);
  if (name) {
    auto parsed = domain::parse_case_action(*name);
    if (!parsed)
      input.add_problem("action", "enum", "Unknown action '" + *name + "'.");
    else
      action.action = *parsed;
  }
  action.note = input.string("note", false).value_or("");
  if (action.note.size() > 4000) input.add_problem("note", "max_length", "At most 4000 bytes.");
  action.materials = read_materials(input, false);
  if (auto requested = input.array("requested_materials", false)) {
    for (const auto& id : *requested) {
      if (!id.is_string()) {
        input.add_problem("requested_materials", "type", "An array of material ids.");
        break;
      }
      action.requested_materials.emplace_back(id.as_string());
    }
  }
  action.delivery_method = input.string("delivery_method", false).value_or("");
  action.delivery_address = input.string("delivery_address", false).value_or("");
  input.finish();
  return action;
}

}  // namespace tongban::api
