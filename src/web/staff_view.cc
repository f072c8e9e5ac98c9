#include "web/staff_view.h"

#include <boost/json/parse.hpp>

#include "web/locale_format.h"
#include "web/page_routes.h"
#include "web/tracking_code.h"

namespace tongban::web {
namespace {

std::string number_text(double number) {
  if (number == static_cast<double>(static_cast<long long>(number)))
    return std::to_string(static_cast<long long>(number));
  return std::to_string(number);
}

std::string answer_text(const Page& page, const domain::FormField* field, const boost::json::value& value) {
  if (value.is_bool()) return value.as_bool() ? page.t("Yes") : page.t("No");
  if (value.is_double()) return number_text(value.as_double());
  if (value.is_int64()) return std::to_string(value.as_int64());
  if (value.is_object()) {  // an identity document: {"type", "number"}
    const auto& document = value.as_object();
    std::string type = document.contains("type") && document.at("type").is_string()
                           ? std::string(document.at("type").as_string())
                           : "";
    std::string number = document.contains("number") && document.at("number").is_string()
                             ? std::string(document.at("number").as_string())
                             : "";
    return (type.empty() ? "" : page.t("document:" + type) + " ") + masked_document_number(number);
  }
  if (!value.is_string()) return "";
  std::string text(value.as_string());
  if (field && field->type == domain::FieldType::choice) return page.t("choice:" + text);
  return text;
}

// A host[:port] as a browser sends it: letters, digits, '.', '-', ':' and IPv6 brackets only.
bool plain_host(std::string_view host) {
  if (host.empty() || host.size() > 255) return false;
  for (unsigned char c : host)
    if (!std::isalnum(c) && c != '.' && c != '-' && c != ':' && c != '[' && c != ']') return false;
  return true;
}

}  // namespace

std::string masked_document_number(std::string_view number) {
  std::string masked;
  std::size_t shown = number.size() > 4 ? 4 : 0;
  for (std::size_t i = 0; i + shown < number.size(); ++i) masked += "\u2022";
  masked += number.substr(number.size() - shown);
  return masked;
}

Data applicant_view(const Page& page, const std::string& account_id) {
  Data data;
  auto account = page.site.node.store().find_account_by_id(account_id);
  data.set("known", account.has_value());
  if (!account) return data;
  data.set("name", account->display_name);
  if (!account->id_document_type.empty()) data.set("document", page.t("document:" + account->id_document_type));
  data.set("number", masked_document_number(account->id_document_number));
  data.set("contact", account->login);
  return data;
}

Data answers_view(const Page& page, const domain::Item* item, const std::string& form_json) {
  Data list{Data::type::list};
  boost::system::error_code error;
  auto parsed = boost::json::parse(form_json, error);
  if (error || !parsed.is_object()) return list;
  const auto& answers = parsed.as_object();
  auto add = [&](const std::string& label, const domain::FormField* field, const boost::json::value& value) {
    Data entry;
    entry.set("label", label);
    entry.set("value", answer_text(page, field, value));
    list.push_back(entry);
  };
  if (item) {
    for (const auto& field : item->form)
      if (auto found = answers.find(field.id); found != answers.end())
        add(field.label.in(page.language), &field, found->value());
    return list;
  }
  for (const auto& [key, value] : answers) add(std::string(key), nullptr, value);
  return list;
}

std::string material_name(const Page& page, const domain::Item* item, const std::string& material_id) {
  if (item)
    for (const auto& material : item->materials)
      if (material.id == material_id) return material.name.in(page.language);
  return material_id;
}

void add_due_dates(const Page& page, const domain::Case& kase, Data& data) {
  if (kase.clock.promised_due) data.set("due", format_date(page.language, *kase.clock.promised_due));
  if (kase.clock.legal_due) data.set("legal_due", format_date(page.language, *kase.clock.legal_due));
}

std::string staff_case_path(const std::string& case_id) {
  return "/workbench/cases/" + case_id;
}

std::string tracking_url(const Page& page, const std::string& case_id) {
  std::string base = page.site.public_url;
  if (base.empty()) {
    auto host = page.request.header("Host").value_or("localhost");
    base = std::string(page.secure() ? "https://" : "http://") + std::string(plain_host(host) ? host : "localhost");
  }
  return base + "/track?case=" + case_id + "&code=" + tracking_code(page.site.secret, case_id);
}

}  // namespace tongban::web
