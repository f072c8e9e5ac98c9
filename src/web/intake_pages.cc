// The clerk's intake of a walk-in applicant, in four steps, none of which a stray Enter can finish:
//   1. identity (/workbench/intake): the clerk checks the applicant's document; the registered applicant holding it
//      is carried on as "who", their account id with a keyed hash bound to the clerk (so it cannot be made up or
//      handed to another clerk), in the query of the next pages and a hidden field of their forms;
//   2. the service (/workbench/intake/items): a search box over the catalog index (search::CatalogIndex), limited
//      to what the clerk's service point may take in; each result links to its form;
//   3. the form (/workbench/intake/items/{code}): the item's fields, the applicant's own identity document (the
//      "id_number" field) filled from the check and read-only (changing it means "Change applicant", back to 1),
//      the material checklist and scans. Its only submit button is "Continue", so Enter in a field only leads to
//   4. check your answers: everything read-only, the consent read to the applicant for a case that crosses a
//      border, "Submit and print receipt" — the one control that opens the case (idempotent per check page), then
//      the printable receipt.
// The identity fields are always the checked account's, whatever a browser posts for them.
#include <boost/json/serialize.hpp>

#include "node/application_form.h"
#include "search/catalog_index.h"
#include "web/application_view.h"
#include "web/page_routes.h"
#include "web/staff_view.h"

namespace tongban::web {
namespace {

using domain::Role;

constexpr std::string_view kIdentityField = "id_number";  // the catalog's field for the applicant's own document

std::string who_token(const Page& page, const std::string& applicant_id) {
  return applicant_id + "." + page.site.secret.keyed("intake-applicant", page.actor->account_id + "\n" + applicant_id);
}

// The applicant a "who" token names, if the token was made for this clerk.
std::optional<store::AccountRecord> applicant_of(const Page& page, const std::string& token) {
  auto dot = token.rfind('.');
  if (dot == std::string::npos || dot == 0) return std::nullopt;
  std::string id = token.substr(0, dot);
  std::string expected = who_token(page, id);
  if (expected.size() != token.size()) return std::nullopt;
  unsigned char diff = 0;
  for (std::size_t i = 0; i < token.size(); ++i) diff |= static_cast<unsigned char>(expected[i] ^ token[i]);
  if (diff != 0) return std::nullopt;
  auto account = page.site.node.store().find_account_by_id(id);
  if (!account || account->role != Role::applicant || account->disabled) return std::nullopt;
  return account;
}

std::string who_of(const Page& page) {
  return page.request.method == "POST" ? page.form.value("who") : page.request.query_param("who").value_or("");
}

Data applicant_panel(const Page& page, const store::AccountRecord& applicant) {
  Data data;
  data.set("name", applicant.display_name);
  data.set("document", page.t("document:" + applicant.id_document_type));
  data.set("number", masked_document_number(applicant.id_document_number));
  data.set("change_href", page.link("/workbench/intake"));
  return data;
}

// ---- 1. identity ----

http::Response identity_page(Page& page, const std::vector<domain::FieldError>& errors, int status = 200) {
  Data data;
  data.set("title", page.t("Take in an application"));
  data.set("action", page.link("/workbench/intake"));
  data.set("documents", document_choices(page, page.form.value("applicant.type")));
  data.set("document_number", page.form.value("applicant.number"));
  Data summary{Data::type::list};
  for (const auto& error : errors) {
    Data entry;
    entry.set("href", "#applicant-number");
    entry.set("message", page.t(error.message));
    summary.push_back(entry);
    data.set("number_error", page.t(error.message));
  }
  data.set("errors", summary);
  data.set("has_errors", !errors.empty());
  return page.render("intake_identity", data, status);
}

http::Response identity_form(Page& page) {
  if (auto denied = page.require({Role::clerk, Role::agent})) return *denied;
  return identity_page(page, {});
}

http::Response identity_post(Page& page) {
  if (auto denied = page.require({Role::clerk, Role::agent})) return *denied;
  std::optional<store::AccountRecord> applicant;
  auto type = domain::parse_id_document_type(page.form.value("applicant.type"));
  if (type) {
    auto check = domain::check_id_document(*type, page.form.value("applicant.number"));
    if (check.valid) applicant = page.site.node.store().find_account_by_document(to_string(*type), check.normalized);
  }
  if (!applicant || applicant->role != Role::applicant || applicant->disabled)
    return identity_page(page, {{"applicant", "unknown", "No registered applicant holds this document."}}, 400);
  return page.redirect("/workbench/intake/items?who=" + who_token(page, applicant->id));
}

// ---- 2. the service ----

http::Response search_page(Page& page) {
  if (auto denied = page.require({Role::clerk, Role::agent})) return *denied;
  std::string who = who_of(page);
  auto applicant = applicant_of(page, who);
  if (!applicant) return page.redirect("/workbench/intake");
  auto snapshot = page.site.node.catalog();
  Data data;
  data.set("title", page.t("Choose the service"));
  data.set("applicant", applicant_panel(page, *applicant));
  data.set("who", who);
  data.set("action", page.link("/workbench/intake/items"));
  search::ItemQuery query;
  query.text = page.request.query_param("q").value_or("");
  data.set("q", query.text);
  if (!query.text.empty()) {
    query.limit = 30;
    query.service_point = page.actor->service_point;
    search::ItemPage results;
    try {
      results = snapshot->index.search(query);
    } catch (const search::QueryError&) {  // a clerk of a point the catalog no longer lists: search everything
      query.service_point.reset();
      results = snapshot->index.search(query);
    }
    Data hits{Data::type::list};
    for (const auto& hit : results.hits) {
      Data entry = item_summary(page, snapshot->catalog, *hit.item);
      entry.set("href", page.link("/workbench/intake/items/" + hit.item->code + "?who=" + who));
      hits.push_back(entry);
    }
    data.set("searching", true);
    data.set("hits", hits);
    data.set("no_hits", results.hits.empty());
    data.set("total", std::to_string(results.total));
  }
  return page.render("intake_search", data);
}

// ---- 3. the form, 4. check your answers ----

// Puts the checked applicant's document into the identity fields of the posted form (whatever was posted there).
void carry_identity(Page& page, const domain::Item& item, const store::AccountRecord& applicant) {
  for (const auto& field : item.form) {
    if (field.type != domain::FieldType::id_document || field.id != kIdentityField) continue;
    std::string name = "form." + field.id;
    page.form.fields.erase(name + ".type");
    page.form.fields.erase(name + ".number");
    page.form.fields.emplace(name + ".type", applicant.id_document_type);
    page.form.fields.emplace(name + ".number", applicant.id_document_number);
  }
  for (const auto& field : item.form)
    if (field.id == "applicant_name" && page.form.value("form." + field.id).empty() && page.request.method == "GET")
      page.form.fields.emplace("form." + field.id, applicant.display_name);
}

const domain::Item& intake_item(const domain::Catalog& catalog, const Page& page) {
  const auto* item = catalog.find_item(page.request.path_params.at("code"));
  if (!item) throw domain::ProblemError("not-found", "There is no such service.");
  return *item;
}

bool crosses_border(const Page& page, const domain::Item& item) {
  return item.jurisdiction != page.site.node.config().jurisdiction;
}

// Template data shared by the form and the check page.
Data intake_data(Page& page, const domain::Item& item, const store::AccountRecord& applicant,
                 const std::vector<domain::CaseMaterial>& materials, const std::vector<domain::FieldError>& errors) {
  Data data = application_data(page, item, materials, errors);
  Data fields{Data::type::list};
  for (const auto& field : data.get("fields")->list_value()) {
    bool identity = field.get("name")->string_value() == "form." + std::string(kIdentityField) &&
                    field.get("is_id_document") && field.get("is_id_document")->is_true();
    if (!identity) fields.push_back(field);
  }
  data.set("fields", fields);
  data.set("title", page.t("Application form"));
  data.set("item_code", item.code);
  data.set("applicant", applicant_panel(page, applicant));
  data.set("who", who_token(page, applicant.id));
  data.set("action", page.link("/workbench/intake/items/" + item.code));
  data.set("search_href", page.link("/workbench/intake/items?who=" + who_token(page, applicant.id)));
  data.set("crosses_border", crosses_border(page, item));
  Data seen{Data::type::list};
  for (const auto& material : item.materials) {
    Data entry;
    entry.set("material_id", material.id);
    entry.set("label", material.name.in(page.language));
    entry.set("form", page.t("material_form:" + std::string(domain::to_string(material.form))));
    entry.set("copies", std::to_string(material.copies));
    entry.set("checked", page.form.value("seen." + material.id) == "yes");
    auto error =
        std::find_if(errors.begin(), errors.end(), [&](const auto& e) { return e.field == "seen." + material.id; });
    if (error != errors.end()) entry.set("error", page.t(error->message));
    seen.push_back(entry);
  }
  data.set("checklist", seen);
  return data;
}

http::Response intake_form(Page& page) {
  if (auto denied = page.require({Role::clerk, Role::agent})) return *denied;
  auto applicant = applicant_of(page, who_of(page));
  if (!applicant) return page.redirect("/workbench/intake");
  auto snapshot = page.site.node.catalog();
  const auto& item = intake_item(snapshot->catalog, page);
  carry_identity(page, item, *applicant);
  return page.render("intake", intake_data(page, item, *applicant, {}, {}));
}

http::Response check_page(Page& page, const domain::Item& item, const store::AccountRecord& applicant,
                          const std::vector<domain::CaseMaterial>& materials, const boost::json::object& answers,
                          bool consent_missing) {
  Data data = intake_data(page, item, applicant, materials, {});
  data.set("title", page.t("Check the answers with the applicant"));
  data.set("answers", answers_view(page, &item, boost::json::serialize(answers)));
  data.set("consent_missing", consent_missing);
  std::string attempt = page.form.value("attempt");
  data.set("attempt", attempt.empty() || attempt.size() > 64 ? random_hex(16) : attempt);
  Data given{Data::type::list};
  for (const auto& material : item.materials)
    for (const auto& m : materials)
      if (m.material_id == material.id) given.push_back(Data("name", material.name.in(page.language)));
  data.set("given", given);
  return page.render("intake_check", data, consent_missing ? 400 : 200);
}

http::Response intake_post(Page& page) {
  if (auto denied = page.require({Role::clerk, Role::agent})) return *denied;
  auto applicant = applicant_of(page, who_of(page));
  if (!applicant) return page.redirect("/workbench/intake");
  auto snapshot = page.site.node.catalog();
  const auto& item = intake_item(snapshot->catalog, page);
  carry_identity(page, item, *applicant);
  std::vector<domain::FieldError> errors;
  auto materials = materials_from_form(page, item, errors);
  std::string step = page.form.value("step");
  if (step == "edit") return page.render("intake", intake_data(page, item, *applicant, materials, {}));
  auto checked = node::check_application_form(item, answers_from_form(item, page.form), snapshot->patterns);
  errors.insert(errors.end(), checked.problems.begin(), checked.problems.end());
  for (const auto& material : item.materials) {
    if (!material.required) continue;
    if (page.form.value("seen." + material.id) != "yes")
      errors.push_back({"seen." + material.id, "not_checked", "Check this material before you continue."});
    bool given =
        std::any_of(materials.begin(), materials.end(), [&](const auto& m) { return m.material_id == material.id; });
    if (!given) errors.push_back({"materials." + material.id, "required", "Upload this document."});
  }
  if (!errors.empty()) return page.render("intake", intake_data(page, item, *applicant, materials, errors), 400);
  bool consent = page.form.value("consent") == "yes";
  if (step != "submit") return check_page(page, item, *applicant, materials, checked.answers, false);
  if (crosses_border(page, item) && !consent)
    return check_page(page, item, *applicant, materials, checked.answers, true);
  node::CaseApplication application;
  application.item_code = item.code;
  application.applicant_id = applicant->id;
  application.form = checked.answers;
  application.materials = materials;
  application.consent_to_transfer = consent;
  try {
    auto opening = open_checked_application(page, application, "intake-");
    return page.redirect("/cases/" + opening.kase.id + "/receipt");
  } catch (const domain::ProblemError& error) {
    if (error.problem().errors.empty()) throw;
    return page.render("intake", intake_data(page, item, *applicant, materials, error.problem().errors), 400);
  }
}

}  // namespace

void add_intake_pages(http::Router& router, const std::shared_ptr<Site>& site) {
  add_page(router, site, "GET", "/workbench/intake", identity_form);
  add_page(router, site, "POST", "/workbench/intake", identity_post);
  add_page(router, site, "GET", "/workbench/intake/items", search_page);
  add_page(router, site, "GET", "/workbench/intake/items/{code}", intake_form);
  add_page(router, site, "POST", "/workbench/intake/items/{code}", intake_post, kUploadBodyLimit);
}

}  // namespace tongban::web
