// Case pages: apply (form, uploads, review with consent, submit), my cases, a case with its timeline and actions,
// supplements, the 好差评 rating, the printable receipt with its QR code, and public tracking.
#include <boost/json/serialize.hpp>

#include "domain/case_lifecycle.h"
#include "node/application_form.h"
#include "web/application_view.h"
#include "web/locale_format.h"
#include "web/page_routes.h"
#include "web/qr_svg.h"
#include "web/tracking_code.h"

namespace tongban::web {
namespace {

using domain::Role;

const domain::Item& find_item(const domain::Catalog& catalog, const std::string& code) {
  const auto* item = catalog.find_item(code);
  if (!item) throw domain::ProblemError("not-found", "There is no such service.");
  return *item;
}

bool crosses_border(const Page& page, const domain::Item& item) {
  return item.jurisdiction != page.site.node.config().jurisdiction;
}

http::Response apply_form(Page& page) {
  if (auto elsewhere = not_offered_online(page, 200)) return *elsewhere;
  if (auto denied = page.require({Role::applicant})) return *denied;
  auto snapshot = page.site.node.catalog();
  const auto& item = find_item(snapshot->catalog, page.request.path_params.at("code"));
  Data data = application_data(page, item, {}, {});
  data.set("title", page.t("Apply") + ": " + item.name.in(page.language));
  data.set("action", page.link("/items/" + item.code + "/apply"));
  return page.render("apply", data);
}

http::Response review_page(Page& page, const domain::Item& item, const std::vector<domain::CaseMaterial>& materials,
                           bool consent_missing) {
  Data data = application_data(page, item, materials, {});
  data.set("title", page.t("Check your answers"));
  data.set("action", page.link("/items/" + item.code + "/apply"));
  data.set("change_href", page.link("/items/" + item.code + "/apply"));
  data.set("crosses_border", crosses_border(page, item));
  data.set("consent_missing", consent_missing);
  data.set("attempt", page.form.value("attempt").empty() ? random_hex(16) : page.form.value("attempt"));
  return page.render("review", data, consent_missing ? 400 : 200);
}

http::Response apply_post(Page& page) {
  if (auto elsewhere = not_offered_online(page, 409)) return *elsewhere;
  if (auto denied = page.require({Role::applicant})) return *denied;
  auto snapshot = page.site.node.catalog();
  const auto& item = find_item(snapshot->catalog, page.request.path_params.at("code"));
  std::vector<domain::FieldError> errors;
  auto materials = materials_from_form(page, item, errors);
  auto answers = answers_from_form(item, page.form);
  auto checked = node::check_application_form(item, answers, snapshot->patterns);
  errors.insert(errors.end(), checked.problems.begin(), checked.problems.end());
  for (const auto& material : item.materials) {
    bool given = false;
    for (const auto& m : materials) given = given || m.material_id == material.id;
    if (material.required && !given)
      errors.push_back({"materials." + material.id, "required", "Upload this document."});
  }
  auto back_to_form = [&] {
    Data data = application_data(page, item, materials, errors);
    data.set("title", page.t("Apply") + ": " + item.name.in(page.language));
    data.set("action", page.link("/items/" + item.code + "/apply"));
    return page.render("apply", data, 400);
  };
  if (!errors.empty() || page.form.value("step") == "edit") return back_to_form();
  if (page.form.value("step") != "submit") return review_page(page, item, materials, false);
  bool consent = page.form.value("consent") == "yes";
  if (crosses_border(page, item) && !consent) return review_page(page, item, materials, true);
  node::CaseApplication application;
  application.item_code = item.code;
  application.form = checked.answers;
  application.materials = materials;
  application.consent_to_transfer = consent;
  std::string fingerprint = boost::json::serialize(checked.answers);
  for (const auto& m : materials) fingerprint += m.material_id + m.blob_sha256;
  std::optional<std::string> key;
  if (auto attempt = page.form.value("attempt"); !attempt.empty() && attempt.size() <= 64) key = "web-" + attempt;
  try {
    auto opening = page.site.cases.open(*page.actor, application, key, page.site.secret.keyed("fp", fingerprint));
    return page.redirect("/cases/" + opening.kase.id + "?submitted=1");
  } catch (const domain::ProblemError& error) {
    if (error.problem().errors.empty()) throw;
    errors = error.problem().errors;
    return back_to_form();
  }
}

Data case_row(const Page& page, const domain::Catalog& catalog, const domain::Case& kase) {
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
  if (kase.clock.promised_due) row.set("due", format_date(page.language, *kase.clock.promised_due));
  row.set("updated", format_date_time(page.language, kase.updated_at_ms, 480));
  return row;
}

http::Response my_cases(Page& page) {
  if (auto denied = page.require({Role::applicant})) return *denied;
  auto snapshot = page.site.node.catalog();
  store::CaseFilter filter;
  filter.limit = 200;
  auto list = page.site.cases.list(*page.actor, filter);
  Data rows{Data::type::list};
  for (auto it = list.cases.rbegin(); it != list.cases.rend(); ++it)
    rows.push_back(case_row(page, snapshot->catalog, *it));
  Data data;
  data.set("title", page.t("Your cases"));
  data.set("cases", rows);
  data.set("none", list.cases.empty());
  data.set("search_href", page.link("/"));
  return page.render("cases", data);
}

Data timeline(const Page& page, const std::vector<domain::Event>& events) {
  Data list{Data::type::list};
  for (auto it = events.rbegin(); it != events.rend(); ++it) {
    Data entry;
    entry.set("when", format_date_time(page.language, it->at_ms, 480));
    entry.set("action", page.t("action:" + std::string(domain::to_string(it->action))));
    entry.set("state", page.t("state:" + std::string(domain::to_string(it->to_state))));
    entry.set("note", it->note);
    list.push_back(entry);
  }
  return list;
}

http::Response case_detail(Page& page) {
  if (auto denied = page.require({})) return *denied;
  auto snapshot = page.site.node.catalog();
  auto kase = page.site.cases.get(*page.actor, page.request.path_params.at("id"));
  const auto* item = snapshot->catalog.find_item(kase.item_code);
  Data data = case_row(page, snapshot->catalog, kase);
  data.set("title", page.t("Case") + " " + kase.id);
  data.set("submitted", page.request.query_param("submitted").has_value());
  if (kase.clock.legal_due) data.set("legal_due", format_date(page.language, *kase.clock.legal_due));
  data.set("events", timeline(page, page.site.cases.events(*page.actor, kase.id)));
  Data materials{Data::type::list};
  for (const auto& material : kase.materials) {
    Data entry;
    std::string name = material.material_id;
    if (item)
      for (const auto& m : item->materials)
        if (m.id == material.material_id) name = m.name.in(page.language);
    entry.set("name", name);
    entry.set("sha256", material.blob_sha256.substr(0, 12));
    materials.push_back(entry);
  }
  data.set("materials", materials);
  bool applicant = page.actor->role == Role::applicant;
  data.set("awaiting_me", applicant && kase.state == domain::CaseState::supplement_requested);
  if (applicant && kase.state == domain::CaseState::supplement_requested && item)
    data.set("supplement", application_data(page, *item, {}, {}));
  Data actions{Data::type::list};
  for (auto action : page.site.cases.available_actions(*page.actor, kase)) {
    if (action == domain::CaseAction::supplement) continue;
    std::vector<std::pair<std::string, std::string>> one;
    Data entry;
    entry.set("value", std::string(domain::to_string(action)));
    entry.set("name", page.t("action:" + std::string(domain::to_string(action))));
    actions.push_back(entry);
  }
  data.set("actions", actions);
  data.set("has_actions", !page.site.cases.available_actions(*page.actor, kase).empty() &&
                              !(applicant && kase.state == domain::CaseState::supplement_requested));
  data.set("act_href", page.link("/cases/" + kase.id + "/act"));
  data.set("version", std::to_string(kase.version));
  bool rateable = applicant && (kase.state == domain::CaseState::delivered || kase.state == domain::CaseState::closed);
  auto rating = page.site.ratings.rating(kase.id);
  data.set("rateable", rateable && !rating);
  if (rating) data.set("rating", page.t("rating:" + std::to_string(*rating)));
  data.set("rate_href", page.link("/cases/" + kase.id + "/rating"));
  data.set("receipt_href", page.link("/cases/" + kase.id + "/receipt"));
  data.set("tracking_code", tracking_code(page.site.secret, kase.id));
  return page.render("case", data);
}

http::Response act_post(Page& page) {
  if (auto denied = page.require({})) return *denied;
  std::string id = page.request.path_params.at("id");
  auto snapshot = page.site.node.catalog();
  auto kase = page.site.cases.get(*page.actor, id);
  node::CaseActionRequest request;
  auto action = domain::parse_case_action(page.form.value("action"));
  if (!action) throw domain::ProblemError("validation-failed", "Choose what to do with the case.");
  request.action = *action;
  request.note = page.form.value("note");
  if (request.note.size() > 4000) throw domain::ProblemError("validation-failed", "The comment is too long.");
  try {
    request.expected_version = std::stoll(page.form.value("version"));
  } catch (const std::exception&) {
    throw domain::ProblemError("validation-failed", "Reload the case and try again.");
  }
  request.delivery_method = page.form.value("delivery_method");
  if (request.action == domain::CaseAction::supplement) {
    const auto* item = snapshot->catalog.find_item(kase.item_code);
    std::vector<domain::FieldError> errors;
    if (item) request.materials = materials_from_form(page, *item, errors);
    if (!errors.empty()) throw domain::ProblemError("validation-failed", "Some files cannot be used.", errors);
  }
  page.site.cases.act(*page.actor, id, request);
  return page.redirect("/cases/" + id);
}

http::Response rating_post(Page& page) {
  if (auto denied = page.require({Role::applicant})) return *denied;
  std::string id = page.request.path_params.at("id");
  auto kase = page.site.cases.get(*page.actor, id);
  if (kase.state != domain::CaseState::delivered && kase.state != domain::CaseState::closed)
    throw domain::ProblemError("conflict", "You can rate a case once it is finished.");
  int level = 0;
  std::string text = page.form.value("level");
  if (text.size() == 1 && text[0] >= '1' && text[0] <= '5') level = text[0] - '0';
  if (level == 0) throw domain::ProblemError("validation-failed", "Choose one of the five ratings.");
  if (!page.site.ratings.rate(id, level, page.site.node.now_ms()))
    throw domain::ProblemError("conflict", "This case has already been rated.");
  return page.redirect("/cases/" + id);
}

std::string tracking_url(const Page& page, const std::string& id) {
  auto host = page.request.header("Host").value_or("localhost");
  return std::string(page.secure() ? "https://" : "http://") + std::string(host) + "/track?case=" + id +
         "&code=" + tracking_code(page.site.secret, id);
}

http::Response receipt(Page& page) {
  if (auto denied = page.require({})) return *denied;
  auto snapshot = page.site.node.catalog();
  auto kase = page.site.cases.get(*page.actor, page.request.path_params.at("id"));
  Data data = case_row(page, snapshot->catalog, kase);
  data.set("title", page.t("Receipt") + " " + kase.id);
  data.set("tracking_code", tracking_code(page.site.secret, kase.id));
  data.set("qr", qr_svg(tracking_url(page, kase.id), page.t("QR code to track this case")));
  data.set("created", format_date_time(page.language, kase.created_at_ms, 480));
  data.set("track_href", page.link("/track"));
  return page.render("receipt", data);
}

http::Response track(Page& page) {
  Data data;
  data.set("title", page.t("Track a case"));
  data.set("action", page.link("/track"));
  std::string id = page.request.query_param("case").value_or("");
  std::string code = page.request.query_param("code").value_or("");
  data.set("case", id);
  data.set("code", code);
  if (id.empty() && code.empty()) return page.render("track", data);
  auto kase = page.site.node.store().find_case(id);
  if (!kase || !tracking_code_matches(page.site.secret, id, code)) {
    data.set("not_found", true);
    return page.render("track", data, 404);
  }
  auto snapshot = page.site.node.catalog();
  Data row = case_row(page, snapshot->catalog, *kase);
  row.set("href", "");
  data.set("result", row);
  return page.render("track", data);
}

}  // namespace

void add_case_pages(http::Router& router, const std::shared_ptr<Site>& site) {
  add_page(router, site, "GET", "/items/{code}/apply", apply_form);
  add_page(router, site, "POST", "/items/{code}/apply", apply_post, kUploadBodyLimit);
  add_page(router, site, "GET", "/cases", my_cases);
  add_page(router, site, "GET", "/cases/{id}", case_detail);
  add_page(router, site, "POST", "/cases/{id}/act", act_post, kUploadBodyLimit);
  add_page(router, site, "POST", "/cases/{id}/rating", rating_post);
  add_page(router, site, "GET", "/cases/{id}/receipt", receipt);
  add_page(router, site, "GET", "/track", track);
}

}  // namespace tongban::web
