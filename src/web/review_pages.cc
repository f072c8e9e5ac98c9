// The staff page of a case (/workbench/cases/{id}), where a reviewer decides and a clerk does the window's part:
// the applicant (document number masked), the form answers with their labels, every document opening in the
// browser, the timeline, the decision (approve; reject with a reason; ask for a supplement naming the materials)
// and the other actions the case allows now (CaseDesk::available_actions).
//
// Documents (/workbench/cases/{id}/documents/{sha256}) are served inline only to staff who may see the case
// (CaseDesk::get: a clerk of the intake point, a reviewer of the authority; anyone else gets the 404 of a case
// they may not see, applicants the 403 of a staff page), only if the case refers to the blob, and only as the
// PDF, PNG or JPEG its bytes were sniffed as on upload, with nosniff and a CSP that allows nothing but the document
// (images also sandboxed; PDFs not, as Chrome refuses to start its PDF viewer in a sandboxed document).
#include <algorithm>

#include "web/locale_format.h"
#include "web/page_routes.h"
#include "web/staff_view.h"
#include "web/tracking_code.h"

namespace tongban::web {
namespace {

using domain::CaseAction;
using domain::Role;

constexpr std::size_t kNoteLimit = 4000;

bool is_decision(CaseAction action) {
  return action == CaseAction::approve || action == CaseAction::reject || action == CaseAction::request_supplement;
}

std::string action_word(const Page& page, CaseAction action) {
  return page.t("action:" + std::string(domain::to_string(action)));
}

Data documents_view(const Page& page, const domain::Case& kase, const domain::Item* item) {
  Data list{Data::type::list};
  for (const auto& material : kase.materials) {
    Data entry;
    entry.set("name", material_name(page, item, material.material_id));
    entry.set("href", page.link(staff_case_path(kase.id) + "/documents/" + material.blob_sha256));
    auto blob = page.site.node.store().find_blob(material.blob_sha256);
    if (blob) entry.set("kind", blob->media_type == "application/pdf" ? std::string("PDF") : page.t("Image"));
    if (item)
      for (const auto& m : item->materials)
        if (m.id == material.material_id) {
          entry.set("form", page.t("material_form:" + std::string(domain::to_string(m.form))));
          entry.set("copies", std::to_string(m.copies));
        }
    list.push_back(entry);
  }
  return list;
}

Data timeline_view(const Page& page, const std::vector<domain::Event>& events, int utc_offset) {
  Data list{Data::type::list};
  for (auto it = events.rbegin(); it != events.rend(); ++it) {
    Data entry;
    entry.set("when", format_date_time(page.language, it->at_ms, utc_offset));
    entry.set("action", action_word(page, it->action));
    entry.set("state", page.t("state:" + std::string(domain::to_string(it->to_state))));
    entry.set("note", it->note);
    list.push_back(entry);
  }
  return list;
}

http::Response review_page(Page& page, const domain::Case& kase, const std::vector<domain::FieldError>& errors,
                           int status = 200) {
  auto snapshot = page.site.node.catalog();
  const auto& catalog = snapshot->catalog;
  const auto* item = catalog.find_item(kase.item_code);
  const auto* jurisdiction = catalog.find_jurisdiction(kase.jurisdiction);
  int offset = jurisdiction ? jurisdiction->utc_offset_minutes : 480;
  Data data;
  data.set("title", page.t("Case") + " " + kase.id);
  data.set("id", kase.id);
  data.set("item", item ? item->name.in(page.language) : kase.item_code);
  data.set("item_code", kase.item_code);
  data.set("state", page.t("state:" + std::string(domain::to_string(kase.state))));
  auto timing = page.site.cases.timing(kase);
  data.set("timing", page.t("timing:" + timing.status));
  data.set("overdue", timing.status == "overdue");
  data.set("due_soon", timing.status == "due_soon");
  data.set("received", format_date_time(page.language, kase.created_at_ms, offset));
  add_due_dates(page, kase, data);
  if (const auto* authority = catalog.find_authority(kase.authority))
    data.set("authority", authority->name.in(page.language));
  if (const auto* point = catalog.find_service_point(kase.intake_point))
    data.set("intake_point", point->name.in(page.language));
  data.set("applicant", applicant_view(page, kase.applicant_id));
  data.set("answers", answers_view(page, item, kase.form_json));
  data.set("documents", documents_view(page, kase, item));
  data.set("no_documents", kase.materials.empty());
  data.set("events", timeline_view(page, page.site.cases.events(*page.actor, kase.id), offset));
  data.set("act_href", page.link(staff_case_path(kase.id) + "/act"));
  data.set("version", std::to_string(kase.version));
  data.set("receipt_href", page.link("/cases/" + kase.id + "/receipt"));
  data.set("tracking_code", tracking_code(page.site.secret, kase.id));

  auto available = page.site.cases.available_actions(*page.actor, kase);
  auto offers = [&](CaseAction action) {
    return std::find(available.begin(), available.end(), action) != available.end();
  };
  data.set("can_approve", offers(CaseAction::approve));
  data.set("can_reject", offers(CaseAction::reject));
  data.set("can_request_supplement", offers(CaseAction::request_supplement) && item);
  data.set("can_decide",
           offers(CaseAction::approve) || offers(CaseAction::reject) || offers(CaseAction::request_supplement));
  if (item) {
    Data materials{Data::type::list};
    for (const auto& material : item->materials) {
      Data entry;
      entry.set("id", material.id);
      entry.set("name", material.name.in(page.language));
      entry.set("checked", page.form.value("ask." + material.id) == "yes");
      materials.push_back(entry);
    }
    data.set("ask_materials", materials);
  }
  Data actions{Data::type::list};
  for (auto action : available) {
    if (is_decision(action) || action == CaseAction::supplement) continue;
    Data entry;
    entry.set("value", std::string(domain::to_string(action)));
    entry.set("name", action_word(page, action));
    actions.push_back(entry);
  }
  data.set("has_actions", !actions.is_empty_list());
  data.set("actions", actions);
  Data summary{Data::type::list};
  for (const auto& error : errors) {
    Data entry;
    entry.set("href", "#" + error.field);
    entry.set("message", page.t(error.message));
    summary.push_back(entry);
    data.set("error_" + error.field, page.t(error.message));
  }
  data.set("errors", summary);
  data.set("has_errors", !errors.empty());
  Data help = video_help_rows(page, kase.id);  // video help that led to this case (web/video_help_log.h)
  data.set("video_help_any", !help.is_empty_list());
  data.set("video_help", help);
  return page.render("staff_review", data, status);
}

http::Response case_page(Page& page) {
  if (auto denied = page.require({Role::clerk, Role::agent, Role::reviewer})) return *denied;
  return review_page(page, page.site.cases.get(*page.actor, page.request.path_params.at("id")), {});
}

// The note of a supplement request: the materials asked for by name, then the reviewer's words.
std::string supplement_note(Page& page, const domain::Item& item, const std::string& words) {
  std::string names;
  for (const auto& material : item.materials)
    if (page.form.value("ask." + material.id) == "yes")
      names += (names.empty() ? "" : "; ") + material.name.in(page.language);
  if (names.empty()) return "";
  std::string note = page.t("Materials asked for") + ": " + names;
  if (!words.empty()) note += "\n" + words;
  return note;
}

http::Response act_post(Page& page) {
  if (auto denied = page.require({Role::clerk, Role::agent, Role::reviewer})) return *denied;
  std::string id = page.request.path_params.at("id");
  auto kase = page.site.cases.get(*page.actor, id);
  auto action = domain::parse_case_action(page.form.value("action"));
  if (!action || *action == CaseAction::supplement)
    return review_page(page, kase, {{"action", "required", "Choose what to do with the case."}}, 400);
  node::CaseActionRequest request;
  request.action = *action;
  request.note = page.form.value("note");
  if (request.note.size() > kNoteLimit)
    return review_page(page, kase, {{"note", "too_long", "The comment is too long."}}, 400);
  if (*action == CaseAction::reject && request.note.find_first_not_of(" \t\r\n") == std::string::npos)
    return review_page(page, kase, {{"reason", "required", "Give the reason for the rejection."}}, 400);
  if (*action == CaseAction::request_supplement) {
    auto snapshot = page.site.node.catalog();
    const auto* item = snapshot->catalog.find_item(kase.item_code);
    request.note = item ? supplement_note(page, *item, request.note) : "";
    if (request.note.empty())
      return review_page(page, kase, {{"ask", "required", "Choose the materials the applicant must send."}}, 400);
  }
  try {
    request.expected_version = std::stoll(page.form.value("version"));
  } catch (const std::exception&) {
    throw domain::ProblemError("validation-failed", "Reload the case and try again.");
  }
  request.delivery_method = page.form.value("delivery_method");
  page.site.cases.act(*page.actor, id, request);
  return page.redirect(staff_case_path(id));
}

std::string extension_of(const std::string& media_type) {
  if (media_type == "application/pdf") return "pdf";
  if (media_type == "image/png") return "png";
  return "jpg";
}

std::string safe_file_stem(const std::string& text) {
  std::string stem;
  for (char c : text) stem.push_back(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' ? c : '_');
  return stem.empty() ? "document" : stem;
}

http::Response document(Page& page) {
  if (auto denied = page.require({Role::clerk, Role::agent, Role::reviewer})) return *denied;
  auto kase = page.site.cases.get(*page.actor, page.request.path_params.at("id"));
  const std::string& sha256 = page.request.path_params.at("sha256");
  auto material = std::find_if(kase.materials.begin(), kase.materials.end(),
                               [&](const domain::CaseMaterial& m) { return m.blob_sha256 == sha256; });
  auto meta = material != kase.materials.end() ? page.site.node.store().find_blob(sha256) : std::nullopt;
  bool servable = meta && (meta->media_type == "application/pdf" || meta->media_type == "image/png" ||
                           meta->media_type == "image/jpeg");
  auto bytes = servable ? page.site.node.store().read_blob(sha256) : std::nullopt;
  if (!bytes) throw domain::ProblemError("not-found", "This case has no such document.");
  bool pdf = meta->media_type == "application/pdf";
  std::string policy = pdf ? "default-src 'none'; object-src 'self'; style-src 'unsafe-inline'; img-src 'self' data:; "
                             "frame-ancestors 'self'; form-action 'none'; base-uri 'none'"
                           : "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'; "
                             "form-action 'none'; base-uri 'none'; sandbox";
  http::Response response = page.finish(http::Response::text(200, std::move(*bytes), meta->media_type));
  return response
      .set_header("Content-Disposition", "inline; filename=\"" + safe_file_stem(material->material_id) + "." +
                                             extension_of(meta->media_type) + "\"")
      .set_header("Content-Security-Policy", policy)
      .set_header("X-Content-Type-Options", "nosniff")
      .set_header("Cross-Origin-Resource-Policy", "same-origin")
      .set_header("Referrer-Policy", "no-referrer")
      .set_header("Cache-Control", "private, no-store");
}

}  // namespace

void add_review_pages(http::Router& router, const std::shared_ptr<Site>& site) {
  add_page(router, site, "GET", "/workbench/cases/{id}", case_page);
  add_page(router, site, "POST", "/workbench/cases/{id}/act", act_post);
  add_page(router, site, "GET", "/workbench/cases/{id}/documents/{sha256}", document);
}

}  // namespace tongban::web
