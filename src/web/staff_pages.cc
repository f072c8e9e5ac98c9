// Staff pages: the workbench queue (a clerk's service point, a reviewer's authority, due-soon and overdue marked)
// and the clerk's intake of a walk-in applicant — identity check by document, the item's form, the material
// checklist and uploads, consent for a zone item of another jurisdiction — ending at the printable receipt. Case
// actions (check intake, forward, accept, approve, …) are on the case page, through CaseDesk::act.
#include "web/application_view.h"
#include "web/deadline_view.h"
#include "web/page_routes.h"

namespace tongban::web {
namespace {

using domain::Role;

Data queue_row(const Page& page, const domain::Catalog& catalog, const domain::Case& kase) {
  Data row;
  row.set("id", kase.id);
  row.set("href", page.link("/cases/" + kase.id));
  const auto* item = catalog.find_item(kase.item_code);
  row.set("item", item ? item->name.in(page.language) : kase.item_code);
  row.set("state", page.t("state:" + std::string(domain::to_string(kase.state))));
  auto timing = page.site.cases.timing(kase);
  row.set("timing", page.t("timing:" + timing.status));
  row.set("overdue", timing.status == "overdue");
  row.set("due_soon", timing.status == "due_soon");
  row.set("days_left", std::to_string(timing.working_days_left));
  set_provisional_note(page, timing, row);
  return row;
}

http::Response workbench(Page& page) {
  if (auto denied = page.require({Role::clerk, Role::reviewer})) return *denied;
  auto snapshot = page.site.node.catalog();
  store::CaseFilter filter;
  filter.limit = 500;
  for (auto state : {domain::CaseState::submitted, domain::CaseState::intake_checked, domain::CaseState::forwarded,
                     domain::CaseState::accepted, domain::CaseState::in_review, domain::CaseState::supplement_requested,
                     domain::CaseState::approved, domain::CaseState::rejected, domain::CaseState::result_issued})
    filter.states.push_back(state);
  auto list = page.site.cases.list(*page.actor, filter);
  Data rows{Data::type::list};
  for (const auto& kase : list.cases) rows.push_back(queue_row(page, snapshot->catalog, kase));
  Data data;
  data.set("title", page.actor->role == Role::clerk ? page.t("Service point queue") : page.t("Authority queue"));
  data.set("cases", rows);
  data.set("none", list.cases.empty());
  data.set("is_clerk", page.actor->role == Role::clerk);
  data.set("intake_href", page.link("/workbench/intake"));
  return page.render("workbench", data);
}

Data intake_data(Page& page, const domain::Item* item, const std::optional<store::AccountRecord>& applicant,
                 const std::vector<domain::CaseMaterial>& materials, const std::vector<domain::FieldError>& errors) {
  Data data = item ? application_data(page, *item, materials, errors) : Data{};
  data.set("title", page.t("Take in an application"));
  data.set("action", page.link("/workbench/intake"));
  data.set("item_code", page.form.value("item_code"));
  data.set("documents", document_choices(page, page.form.value("applicant.type")));
  data.set("document_number", page.form.value("applicant.number"));
  data.set("has_item", item != nullptr);
  if (item) {
    data.set("item_name", item->name.in(page.language));
    data.set("crosses_border", item->jurisdiction != page.site.node.config().jurisdiction);
  }
  if (applicant) data.set("applicant_name", applicant->display_name);
  data.set("identity_checked", applicant.has_value());
  if (!errors.empty() && !item) {
    Data summary{Data::type::list};
    for (const auto& error : errors) summary.push_back(Data("message", page.t(error.message)));
    data.set("errors", summary);
    data.set("has_errors", true);
  }
  return data;
}

http::Response intake_form(Page& page) {
  if (auto denied = page.require({Role::clerk})) return *denied;
  return page.render("intake", intake_data(page, nullptr, std::nullopt, {}, {}));
}

http::Response intake_post(Page& page) {
  if (auto denied = page.require({Role::clerk})) return *denied;
  auto snapshot = page.site.node.catalog();
  const auto* item = snapshot->catalog.find_item(page.form.value("item_code"));
  std::vector<domain::FieldError> errors;
  if (!item) errors.push_back({"item_code", "unknown_item", "Enter the code of a service."});
  std::optional<store::AccountRecord> applicant;
  auto type = domain::parse_id_document_type(page.form.value("applicant.type"));
  if (type) {
    auto check = domain::check_id_document(*type, page.form.value("applicant.number"));
    if (check.valid) applicant = page.site.node.store().find_account_by_document(to_string(*type), check.normalized);
  }
  if (!applicant) errors.push_back({"applicant", "unknown", "No registered applicant holds this document."});
  if (!item || !applicant) return page.render("intake", intake_data(page, item, applicant, {}, errors), 400);
  auto materials = materials_from_form(page, *item, errors);
  if (page.form.value("step") != "submit")
    return page.render("intake", intake_data(page, item, applicant, materials, {}));
  for (const auto& material : item->materials)
    if (material.required && page.form.value("seen." + material.id) != "yes")
      errors.push_back({"materials." + material.id, "not_checked", "Check this material before you continue."});
  node::CaseApplication application;
  application.item_code = item->code;
  application.applicant_id = applicant->id;
  application.form = answers_from_form(*item, page.form);
  application.materials = materials;
  application.consent_to_transfer = page.form.value("consent") == "yes";
  if (errors.empty()) {
    try {
      auto opening = page.site.cases.open(*page.actor, application, std::nullopt, "");
      return page.redirect("/cases/" + opening.kase.id + "/receipt");
    } catch (const domain::ProblemError& error) {
      errors = error.problem().errors;
      if (errors.empty()) errors.push_back({"item_code", error.problem().slug, error.problem().detail});
    }
  }
  auto data = intake_data(page, item, applicant, materials, errors);
  if (!errors.empty() && !data.get("has_errors")->is_true()) {
    Data summary{Data::type::list};
    for (const auto& error : errors) summary.push_back(Data("message", page.t(error.message)));
    data.set("errors", summary);
    data.set("has_errors", true);
  }
  return page.render("intake", data, 400);
}

}  // namespace

void add_staff_pages(http::Router& router, const std::shared_ptr<Site>& site) {
  add_page(router, site, "GET", "/workbench", workbench);
  add_page(router, site, "GET", "/workbench/intake", intake_form);
  add_page(router, site, "POST", "/workbench/intake", intake_post, kUploadBodyLimit);
}

}  // namespace tongban::web
