// Case pages: apply (form, uploads, check your answers with the one consent question, submit), my cases, a case with
// what happens next, its clock in plain words, its timeline and actions (withdrawing asks "are you sure?" first),
// supplements (the reviewer's note and exactly the materials asked for, at the top), the 好差评 rating, and public
// tracking (the printable receipt is receipt_pages.cc).
#include <boost/json/serialize.hpp>

#include "domain/case_lifecycle.h"
#include "node/application_form.h"
#include "web/application_view.h"
#include "web/deadline_view.h"
#include "web/locale_format.h"
#include "web/page_routes.h"
#include "web/qr_svg.h"
#include "web/rating_view.h"
#include "web/shipment_view.h"
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

const domain::FormField* consent_field(const domain::Item& item) {
  for (const auto& field : item.form)
    if (is_consent_field(field)) return &field;
  return nullptr;
}

// The applicant is asked to agree (once, on the check page) when the case crosses a border or the item's form has
// the consent field.
bool asks_consent(const Page& page, const domain::Item& item) {
  return crosses_border(page, item) || consent_field(item) != nullptr;
}

std::string authority_name(const Page& page, const domain::Catalog& catalog, const std::string& code) {
  const auto* authority = catalog.find_authority(code);
  return authority ? authority->name.in(page.language) : code;
}

http::Response apply_form(Page& page) {
  if (auto elsewhere = not_offered_online(page, 200)) return *elsewhere;
  if (auto denied = page.require({Role::applicant})) return *denied;
  auto snapshot = page.site.node.catalog();
  const auto& item = find_item(snapshot->catalog, page.request.path_params.at("code"));
  Data data = application_data(page, item, {}, {}, {true, page.account ? &*page.account : nullptr});
  data.set("title", page.t("Apply") + ": " + item.name.in(page.language));
  data.set("action", page.link("/items/" + item.code + "/apply"));
  return page.render("apply", data);
}

// Check your answers: every answer as a person reads it with a "Change" button back to its field, and the one
// consent question.
http::Response check_page(Page& page, const domain::Item& item, const std::vector<domain::CaseMaterial>& materials,
                          bool consent_missing) {
  Data data = application_data(page, item, materials, {}, {true, nullptr});
  std::string action = page.link("/items/" + item.code + "/apply");
  data.set("title", page.t("Check your answers"));
  data.set("action", action);
  data.set("change_action", action);
  data.set("crosses_border", crosses_border(page, item));
  data.set("asks_consent", asks_consent(page, item));
  if (const auto* field = consent_field(item); field && !crosses_border(page, item))
    data.set("consent_label", field->label.in(page.language));
  else
    data.set("consent_label", page.t("I agree that my application is sent to the competent jurisdiction."));
  data.set("consent_missing", consent_missing);
  if (consent_missing) {
    Data errors{Data::type::list};
    Data entry;
    entry.set("href", "#consent");
    entry.set("message", page.t("Agree to the transfer to continue."));
    errors.push_back(entry);
    data.set("errors", errors);
    data.set("has_errors", true);
  }
  data.set("attempt", page.form.value("attempt").empty() ? random_hex(16) : page.form.value("attempt"));
  return page.render("check", data, consent_missing ? 400 : 200);
}

http::Response apply_post(Page& page) {
  if (auto elsewhere = not_offered_online(page, 409)) return *elsewhere;
  if (auto denied = page.require({Role::applicant})) return *denied;
  auto snapshot = page.site.node.catalog();
  const auto& item = find_item(snapshot->catalog, page.request.path_params.at("code"));
  std::vector<domain::FieldError> errors;
  auto materials = materials_from_form(page, item, errors);
  auto answers = answers_from_form(item, page.form);
  bool consent = page.form.value("consent") == "yes";
  if (consent_field(item)) answers[std::string(kConsentField)] = consent;
  auto checked = node::check_application_form(item, answers, snapshot->patterns);
  errors.insert(errors.end(), checked.problems.begin(), checked.problems.end());
  for (const auto& material : item.materials) {
    bool given = false;
    for (const auto& m : materials) given = given || m.material_id == material.id;
    if (material.required && !given)
      errors.push_back({"materials." + material.id, "required", "Upload this document."});
  }
  auto back_to_form = [&] {
    Data data = application_data(page, item, materials, errors, {true, nullptr});
    data.set("title", page.t("Apply") + ": " + item.name.in(page.language));
    data.set("action", page.link("/items/" + item.code + "/apply"));
    return page.render("apply", data, 400);
  };
  if (!errors.empty() || page.form.value("step") == "edit") return back_to_form();
  if (page.form.value("step") != "submit") return check_page(page, item, materials, false);
  if (asks_consent(page, item) && !consent) return check_page(page, item, materials, true);
  node::CaseApplication application;
  application.item_code = item.code;
  application.form = checked.answers;
  application.materials = materials;
  application.consent_to_transfer = consent;
  try {
    auto opening = open_checked_application(page, application, "web-");
    return page.redirect("/cases/" + opening.kase.id + "?submitted=1");
  } catch (const domain::ProblemError& error) {
    if (error.problem().errors.empty()) throw;
    errors = error.problem().errors;
    return back_to_form();
  }
}

// The case's clock in plain words: "Due by 5 January 2027 (12 working days left)", paused while the applicant is
// awaited, or when it will start.
std::string clock_words(const Page& page, const domain::Item* item, const domain::Case& kase,
                        const node::CaseTiming& timing) {
  std::string due = kase.clock.promised_due ? format_date(page.language, *kase.clock.promised_due) : "";
  if (timing.status == "paused")
    return page.t("Paused while we wait for you: the days until you reply are not counted.");
  if (timing.status == "overdue" && !due.empty()) return fill(page.t("Was due by {date}"), "date", due);
  if ((timing.status == "on_time" || timing.status == "due_soon") && !due.empty()) {
    if (timing.working_days_left == 0) return fill(page.t("Due today, {date}"), "date", due);
    std::string words = timing.working_days_left == 1 ? page.t("Due by {date} (1 working day left)")
                                                      : page.t("Due by {date} ({n} working days left)");
    return fill(fill(words, "date", due), "n", std::to_string(timing.working_days_left));
  }
  bool before_acceptance = kase.state == domain::CaseState::draft || kase.state == domain::CaseState::submitted ||
                           kase.state == domain::CaseState::intake_checked ||
                           kase.state == domain::CaseState::forwarded;
  if (item && before_acceptance)
    return fill(page.t("Starts when your application is accepted: {n} working days."), "n",
                std::to_string(item->promised_days));
  return page.t("timing:" + timing.status);
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
  row.set("clock", clock_words(page, item, kase, timing));
  row.set("overdue", timing.status == "overdue");
  row.set("due_soon", timing.status == "due_soon");
  if (kase.clock.promised_due) row.set("due", format_date(page.language, *kase.clock.promised_due));
  set_provisional_note(page, timing, row);
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

// A note the node writes itself is shown in the page's language; a person's note as they wrote it.
std::string event_note(const Page& page, const domain::Event& event) {
  if (event.note == node::kConsentRecordedNote) return page.t("note:consent_recorded");
  if (auto shipment = shipment_note(page, event)) return *shipment;  // a carrier's report (web/shipment_view.h)
  if (auto rating = rating_note(page, event)) return *rating;        // 好差评 (web/rating_view.h)
  return timeline_note(page, event);  // a recount of the deadlines (web/deadline_view.h), else the note as written
}

Data timeline(const Page& page, const std::vector<domain::Event>& events) {
  Data list{Data::type::list};
  for (auto it = events.rbegin(); it != events.rend(); ++it) {
    Data entry;
    entry.set("when", format_date_time(page.language, it->at_ms, 480));
    entry.set("action", page.t("action:" + std::string(domain::to_string(it->action))));
    entry.set("state", page.t("state:" + std::string(domain::to_string(it->to_state))));
    entry.set("note", event_note(page, *it));
    list.push_back(entry);
  }
  return list;
}

// What the applicant should do now (or that there is nothing to do, and who acts), in one plain sentence.
std::string next_step(const Page& page, const domain::Case& kase, const std::string& authority, bool rateable) {
  using S = domain::CaseState;
  std::string key;
  switch (kase.state) {
    case S::draft: key = "next:draft"; break;
    case S::submitted: key = "next:submitted"; break;
    case S::intake_checked:
    case S::forwarded: key = "next:forwarded"; break;
    case S::accepted:
    case S::in_review: key = "next:in_review"; break;
    case S::supplement_requested: key = "next:supplement_requested"; break;
    case S::approved: key = "next:approved"; break;
    case S::result_issued: key = "next:result_issued"; break;
    case S::delivered:
    case S::closed: key = rateable ? "next:rate" : "next:finished"; break;
    case S::rejected:
    case S::not_accepted: key = "next:refused"; break;
    case S::withdrawn: key = "next:withdrawn"; break;
  }
  return fill(page.t(key), "authority", authority);
}

// The submission confirmation: who decides, by when, how the applicant hears.
Data confirmation(const Page& page, const domain::Item* item, const domain::Case& kase, const std::string& authority) {
  Data data;
  data.set("who", fill(page.t("{authority} decides on your application."), "authority", authority));
  if (kase.clock.promised_due)
    data.set("when", fill(page.t("They promise a decision by {date}."), "date",
                          format_date(page.language, *kase.clock.promised_due)));
  else if (item)
    data.set("when",
             fill(fill(page.t("They promise a decision within {n} working days of accepting it (at most {legal} "
                              "by law)."),
                       "n", std::to_string(item->promised_days)),
                  "legal", std::to_string(item->legal_days)));
  data.set("how", page.t("You hear here: this page and Your cases show every step, and Track a case shows the status "
                         "with the tracking code on your receipt. We also tell you at each step that matters, by "
                         "e-mail or text message to the addresses you gave us."));
  return data;
}

// The supplement request awaiting the applicant: the reviewer's note and a form with only the materials asked for.
Data supplement_request(const Page& page, const domain::Item& item, const domain::Case& kase,
                        const std::vector<domain::Event>& events) {
  domain::Item asked = item;
  if (!kase.supplement_materials.empty())
    std::erase_if(asked.materials, [&](const domain::Material& material) {
      return std::find(kase.supplement_materials.begin(), kase.supplement_materials.end(), material.id) ==
             kase.supplement_materials.end();
    });
  for (auto& material : asked.materials) material.required = true;
  Data data = application_data(page, asked, {}, {});
  for (auto it = events.rbegin(); it != events.rend(); ++it)
    if (it->action == domain::CaseAction::request_supplement) {
      data.set("reviewer_note", it->note);
      break;
    }
  return data;
}

http::Response case_detail(Page& page) {
  if (auto denied = page.require({})) return *denied;
  auto snapshot = page.site.node.catalog();
  auto kase = page.site.cases.get(*page.actor, page.request.path_params.at("id"));
  const auto* item = snapshot->catalog.find_item(kase.item_code);
  auto events = page.site.cases.events(*page.actor, kase.id);
  auto available = page.site.cases.available_actions(*page.actor, kase);
  auto offers = [&](domain::CaseAction action) {
    return std::find(available.begin(), available.end(), action) != available.end();
  };
  std::string authority = authority_name(page, snapshot->catalog, kase.authority);
  bool applicant = page.actor->role == Role::applicant;
  Data ratings = rating_section(page, kase);  // 好差评 (web/rating_view.h)
  bool rateable = ratings.get("rateable")->is_true();

  Data data = case_row(page, snapshot->catalog, kase);
  data.set("title", page.t("Case") + " " + kase.id);
  if (page.request.query_param("submitted")) data.set("submitted", confirmation(page, item, kase, authority));
  if (kase.clock.legal_due) data.set("legal_due", format_date(page.language, *kase.clock.legal_due));
  data.set("events", timeline(page, events));
  Data materials{Data::type::list};
  for (const auto& material : kase.materials) {
    Data entry;
    std::string name = material.material_id;
    if (item)
      for (const auto& m : item->materials)
        if (m.id == material.material_id) name = m.name.in(page.language);
    entry.set("name", name);
    if (!material.file_name.empty()) entry.set("file_name", material.file_name);
    materials.push_back(entry);
  }
  data.set("materials", materials);
  data.set("has_materials", !kase.materials.empty());
  data.set("applicant", applicant);
  if (applicant) data.set("next_step", next_step(page, kase, authority, rateable));
  bool awaiting_me = applicant && kase.state == domain::CaseState::supplement_requested;
  data.set("awaiting_me", awaiting_me);
  if (awaiting_me && item && offers(domain::CaseAction::supplement))
    data.set("supplement", supplement_request(page, *item, kase, events));
  data.set("withdraw_href", page.link("/cases/" + kase.id + "/withdraw"));
  data.set("can_withdraw", offers(domain::CaseAction::withdraw));
  Data actions{Data::type::list};
  bool has_actions = false;
  for (auto action : available) {
    if (action == domain::CaseAction::supplement || action == domain::CaseAction::withdraw) continue;
    has_actions = true;
    Data entry;
    entry.set("value", std::string(domain::to_string(action)));
    entry.set("name", page.t("action:" + std::string(domain::to_string(action))));
    actions.push_back(entry);
  }
  data.set("has_actions", has_actions);
  data.set("actions", actions);
  if (!applicant && item && offers(domain::CaseAction::request_supplement)) {
    Data asked{Data::type::list};
    for (const auto& material : item->materials) {
      Data entry;
      entry.set("value", material.id);
      entry.set("name", material.name.in(page.language));
      asked.push_back(entry);
    }
    data.set("requestable_materials", asked);
    data.set("can_request_supplement", !item->materials.empty());
  }
  data.set("act_href", page.link("/cases/" + kase.id + "/act"));
  data.set("version", std::to_string(kase.version));
  data.set("rating", ratings);
  data.set("receipt_href", page.link("/cases/" + kase.id + "/receipt"));
  data.set("tracking_code", tracking_code(page.site.secret, kase.id));
  Data shipments = shipment_rows(page, node::PostDesk(page.site.node).shipments(*page.actor, kase.id));
  data.set("shipments_any", !shipments.is_empty_list());
  data.set("shipments", shipments);
  Data help = video_help_rows(page, kase.id);  // video help that led to this case (web/video_help_log.h)
  data.set("video_help_any", !help.is_empty_list());
  data.set("video_help", help);
  return page.render("case", data);
}

// "Are you sure?" before a withdrawal: what it means, the choice to give a reason, and the way back.
http::Response withdraw_confirm(Page& page) {
  if (auto denied = page.require({Role::applicant})) return *denied;
  auto snapshot = page.site.node.catalog();
  auto kase = page.site.cases.get(*page.actor, page.request.path_params.at("id"));
  auto available = page.site.cases.available_actions(*page.actor, kase);
  if (std::find(available.begin(), available.end(), domain::CaseAction::withdraw) == available.end())
    return page.redirect("/cases/" + kase.id);
  Data data = case_row(page, snapshot->catalog, kase);
  data.set("title", page.t("Are you sure you want to withdraw this application?"));
  data.set("consequence", fill(page.t("{authority} will not decide on it, and you cannot undo this. To ask again you "
                                      "apply again."),
                               "authority", authority_name(page, snapshot->catalog, kase.authority)));
  data.set("act_href", page.link("/cases/" + kase.id + "/act"));
  data.set("back_href", page.link("/cases/" + kase.id));
  data.set("version", std::to_string(kase.version));
  return page.render("withdraw", data);
}

// The values of a repeated form field (checkboxes of one name).
std::vector<std::string> values_of(const FormInput& form, const std::string& name) {
  std::vector<std::string> values;
  auto [first, last] = form.fields.equal_range(name);
  for (auto it = first; it != last; ++it) values.push_back(it->second);
  return values;
}

http::Response act_post(Page& page) {
  if (auto denied = page.require({})) return *denied;
  std::string id = page.request.path_params.at("id");
  auto snapshot = page.site.node.catalog();
  auto kase = page.site.cases.get(*page.actor, id);
  node::CaseActionRequest request;
  auto action = domain::parse_case_action(page.form.value("action"));
  if (!action) throw domain::ProblemError("validation-failed", "Choose what to do with the case.");
  // Withdrawing is never one click: it goes through the "are you sure?" page, which sends confirmed=yes.
  if (*action == domain::CaseAction::withdraw && page.form.value("confirmed") != "yes")
    return page.redirect("/cases/" + id + "/withdraw");
  request.action = *action;
  request.note = page.form.value("note");
  if (request.note.size() > 4000) throw domain::ProblemError("validation-failed", "The comment is too long.");
  try {
    request.expected_version = std::stoll(page.form.value("version"));
  } catch (const std::exception&) {
    throw domain::ProblemError("validation-failed", "Reload the case and try again.");
  }
  request.delivery_method = page.form.value("delivery_method");
  if (request.action == domain::CaseAction::request_supplement)
    request.requested_materials = values_of(page.form, "requested_material");
  if (request.action == domain::CaseAction::supplement) {
    const auto* item = snapshot->catalog.find_item(kase.item_code);
    std::vector<domain::FieldError> errors;
    if (item) request.materials = materials_from_form(page, *item, errors);
    if (!errors.empty()) throw domain::ProblemError("validation-failed", "Some files cannot be used.", errors);
  }
  page.site.cases.act(*page.actor, id, request);
  return page.redirect("/cases/" + id);
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
    data.set("has_errors", true);
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
  add_page(router, site, "GET", "/cases/{id}/withdraw", withdraw_confirm);
  add_page(router, site, "POST", "/cases/{id}/act", act_post, kUploadBodyLimit);
  add_rating_pages(router, site);
  add_page(router, site, "GET", "/track", track);
}

}  // namespace tongban::web
