#include "catalog/item_json.h"

namespace tongban::catalog {
namespace {

namespace json = boost::json;
using domain::Language;

json::object fee_to_json(const domain::Fee& fee) {
  return {{"name", localized_to_json(fee.name)}, {"amount_minor", fee.amount_minor}, {"currency", fee.currency}};
}

json::object material_to_json(const domain::Material& material) {
  return {{"id", material.id},
          {"name", localized_to_json(material.name)},
          {"required", material.required},
          {"form", domain::to_string(material.form)},
          {"copies", material.copies},
          {"blank_form", material.blank_form},
          {"sample_form", material.sample_form},
          {"e_certificate", material.e_certificate}};
}

json::object field_to_json(const domain::FormField& field) {
  json::object object{{"id", field.id},
                      {"label", localized_to_json(field.label)},
                      {"type", domain::to_string(field.type)},
                      {"required", field.required},
                      {"pattern", field.pattern},
                      {"choices", strings_to_json(field.choices)},
                      {"crosses_border", field.crosses_border}};
  json::object labels;
  for (const auto& [choice, label] : field.choice_labels) labels[choice] = localized_to_json(label);
  object["choice_labels"] = std::move(labels);
  object["min_length"] = field.min_length ? json::value(*field.min_length) : json::value(nullptr);
  object["max_length"] = field.max_length ? json::value(*field.max_length) : json::value(nullptr);
  object["min_value"] = field.min_value ? json::value(*field.min_value) : json::value(nullptr);
  object["max_value"] = field.max_value ? json::value(*field.max_value) : json::value(nullptr);
  return object;
}

json::object result_to_json(const domain::ItemResult& result) {
  return {{"name", localized_to_json(result.name)},
          {"kind", domain::to_string(result.kind)},
          {"delivery", words_to_json(result.delivery)},
          {"e_certificate", result.e_certificate}};
}

template <typename Element, typename Convert>
json::array each_to_json(const std::vector<Element>& elements, Convert convert) {
  json::array array;
  for (const Element& element : elements) array.emplace_back(convert(element));
  return array;
}

}  // namespace

json::object localized_to_json(const domain::LocalizedText& text) {
  json::object object;
  for (Language language : domain::kAllLanguages) object[domain::language_tag(language)] = text.in(language);
  return object;
}

json::array strings_to_json(const std::vector<std::string>& values) {
  json::array array;
  for (const std::string& value : values) array.emplace_back(value);
  return array;
}

json::object item_to_json(const domain::Item& item) {
  return {{"code", item.code},
          {"basic_code", item.basic_code},
          {"jurisdiction", item.jurisdiction},
          {"authority", item.authority},
          {"type", domain::to_string(item.type)},
          {"name", localized_to_json(item.name)},
          {"description", localized_to_json(item.description)},
          {"legal_basis", localized_to_json(item.legal_basis)},
          {"applicant_kinds", words_to_json(item.applicant_kinds)},
          {"legal_days", item.legal_days},
          {"promised_days", item.promised_days},
          {"fees", each_to_json(item.fees, fee_to_json)},
          {"materials", each_to_json(item.materials, material_to_json)},
          {"form", each_to_json(item.form, field_to_json)},
          {"result", result_to_json(item.result)},
          {"modes", words_to_json(item.modes)},
          {"channels", words_to_json(item.channels)},
          {"visits", item.visits},
          {"standard_item", item.standard_item},
          {"life_events", strings_to_json(item.life_events)},
          {"keywords", strings_to_json(item.keywords)}};
}

json::object item_summary_json(const domain::Item& item, Language language) {
  std::int64_t fee_minor = 0;
  for (const domain::Fee& fee : item.fees) fee_minor += fee.amount_minor;
  return {{"code", item.code},
          {"basic_code", item.basic_code},
          {"jurisdiction", item.jurisdiction},
          {"authority", item.authority},
          {"type", domain::to_string(item.type)},
          {"name", item.name.in(language)},
          {"language", domain::language_tag(language)},
          {"modes", words_to_json(item.modes)},
          {"channels", words_to_json(item.channels)},
          {"promised_days", item.promised_days},
          {"legal_days", item.legal_days},
          {"visits", item.visits},
          {"fee_minor", fee_minor},
          {"currency", item.fees.empty() ? std::string() : item.fees.front().currency},
          {"e_certificate", item.result.e_certificate}};
}

}  // namespace tongban::catalog
