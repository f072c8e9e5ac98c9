// The notice desk for staff (issue 12 §3, docs/notices.md): reviewers and admins of this node write notices in the
// four languages, submit them for review, and a second member of staff approves (publishes) or rejects them; a
// published notice can be withdrawn. Every step goes through node::NoticeDesk (the rules and the four-eyes check
// are there); this module only reads forms and shows the desk.
//
//   GET  /staff/notices              this node's notices in every state, last changed first, and the form for a
//                                    new one
//   POST /staff/notices              a new draft from the form
//   GET  /staff/notices/{id}         one notice: its texts to edit (while the author may), its state, the steps
//                                    the reader may take
//   POST /staff/notices/{id}         save the edited texts (author only)
//   POST /staff/notices/{id}/step    step=submit|approve|reject|withdraw, reason (reject)
// A refused form is shown again with what was typed and each problem next to its field, in the page's language.
#include <sstream>

#include "node/notice_desk.h"
#include "web/locale_format.h"
#include "web/notice_view.h"
#include "web/page_routes.h"
#include "web/translations.h"

namespace tongban::web {
namespace {

using domain::FieldError;
using domain::Notice;
using domain::NoticeAction;

constexpr const char* kLanguageFields[] = {"zh_hans", "zh_hant", "pt", "en"};

// The words of a problem (msgids in po/<language>/notices.po), by its rule.
const char* problem_words(const FieldError& error) {
  const std::string& rule = error.rule;
  if (rule == "required") return "Fill in this field, in every language.";
  if (rule == "too_long") return "This text is too long.";
  if (rule == "too_many") return "Too many codes are given.";
  if (rule == "duplicate") return "A code is given twice.";
  if (rule == "format" || rule == "unknown") return "This node's catalog has no item or zone with that code.";
  if (rule == "date") return "Enter the date as YYYY-MM-DD.";
  if (rule == "range") return "The last day is before the first day.";
  if (rule == "utf8" || rule == "control_character") return "This text contains characters that cannot be used.";
  if (rule == "same_as_author" || rule == "not_author")
    return "Author and reviewer of a notice are different members of staff.";
  if (rule == "illegal_transition") return "The notice cannot take this step in its present state.";
  return "This value cannot be used.";
}

// The form field a problem belongs to: "title.zh_hans" -> "title-zh_hans", "item_codes[2]" -> "item_codes".
std::string anchor_of(const std::string& field) {
  std::string anchor = field.substr(0, field.find('['));
  for (char& c : anchor)
    if (c == '.') c = '-';
  return anchor;
}

std::vector<std::string> codes_of(const std::string& text) {
  std::vector<std::string> codes;
  std::string normalised = text;
  for (char& c : normalised)
    if (c == ',' || c == ';' || c == '\n' || c == '\r' || c == '\t') c = ' ';
  std::istringstream words(normalised);
  for (std::string code; words >> code;) codes.push_back(code);
  return codes;
}

std::string codes_text(const std::vector<std::string>& codes) {
  std::string text;
  for (const auto& code : codes) text += (text.empty() ? "" : " ") + code;
  return text;
}

// The draft the form holds; `errors` gets what cannot be read (a topic that is not one, a date that is not one).
node::NoticeDraft draft_of(const Page& page, std::vector<FieldError>& errors) {
  node::NoticeDraft draft;
  auto topic = domain::parse_notice_topic(page.form.value("topic"));
  if (!topic) errors.push_back({"topic", "required", ""});
  draft.topic = topic.value_or(domain::NoticeTopic::policy);
  for (std::size_t i = 0; i < 4; ++i) {
    draft.title.in(domain::kAllLanguages[i]) = page.form.value(std::string("title_") + kLanguageFields[i]);
    draft.body.in(domain::kAllLanguages[i]) = page.form.value(std::string("body_") + kLanguageFields[i]);
  }
  draft.item_codes = codes_of(page.form.value("item_codes"));
  draft.zone_codes = codes_of(page.form.value("zone_codes"));
  if (auto from = domain::parse_date(page.form.value("valid_from")))
    draft.valid_from = *from;
  else
    errors.push_back({"valid_from", "date", ""});
  if (std::string until = page.form.value("valid_until"); !until.empty()) {
    if (auto parsed = domain::parse_date(until))
      draft.valid_until = *parsed;
    else
      errors.push_back({"valid_until", "date", ""});
  }
  return draft;
}

void set_form(Data& data, const Page& page, const node::NoticeDraft& draft) {
  data.set("topics", topic_choices(page, std::string(domain::to_string(draft.topic))));
  Data languages{Data::type::list};
  for (std::size_t i = 0; i < 4; ++i) {
    Data language;
    language.set("field", std::string(kLanguageFields[i]));
    language.set("name", Translations::shipped().text(domain::kAllLanguages[i], "Language name"));
    language.set("lang", std::string(domain::language_tag(domain::kAllLanguages[i])));
    language.set("title_value", draft.title.in(domain::kAllLanguages[i]));
    language.set("body_value", draft.body.in(domain::kAllLanguages[i]));
    languages.push_back(language);
  }
  data.set("languages", languages);
  data.set("item_codes", codes_text(draft.item_codes));
  data.set("zone_codes", codes_text(draft.zone_codes));
  if (draft.valid_from != domain::CalendarDate{}) data.set("valid_from", domain::format_date(draft.valid_from));
  if (draft.valid_until) data.set("valid_until", domain::format_date(*draft.valid_until));
}

void set_errors(Data& data, const Page& page, const std::vector<FieldError>& errors) {
  Data summary{Data::type::list};
  for (const auto& error : errors) {
    Data entry;
    entry.set("href", "#" + anchor_of(error.field));
    entry.set("message", page.t(problem_words(error)));
    summary.push_back(entry);
  }
  data.set("errors", summary);
  data.set("has_errors", !errors.empty());
}

node::NoticeDraft draft_from(const Notice& notice) {
  node::NoticeDraft draft;
  draft.topic = notice.topic;
  draft.title = notice.title;
  draft.body = notice.body;
  draft.item_codes = notice.item_codes;
  draft.zone_codes = notice.zone_codes;
  draft.valid_from = notice.valid_from;
  draft.valid_until = notice.valid_until;
  draft.jurisdiction = notice.origin_jurisdiction;
  return draft;
}

http::Response desk_page(Page& page, const node::NoticeDraft& draft, const std::vector<FieldError>& errors,
                         int status) {
  node::NoticeDesk desk(page.site.node);
  Data data;
  data.set("title", page.t("Notice desk"));
  Data list{Data::type::list};
  for (const auto& notice : desk.desk(*page.actor)) {
    Data entry = notice_summary(page, notice);
    entry.set("href", page.link("/staff/notices/" + notice.id));
    entry.set("state", word(page, "notice-state:", domain::to_string(notice.state)));
    list.push_back(entry);
  }
  data.set("notices", list);
  data.set("none", list.is_empty_list());
  data.set("action", page.link("/staff/notices"));
  set_form(data, page, draft);
  set_errors(data, page, errors);
  return page.render("staff_notices", data, status);
}

http::Response notice_desk_page(Page& page, const Notice& notice, const node::NoticeDraft& draft,
                                const std::vector<FieldError>& errors, int status) {
  Data data = notice_detail(page, notice);
  data.set("title", page.t("Notice") + " " + notice.id);
  data.set("state", word(page, "notice-state:", domain::to_string(notice.state)));
  data.set("list_href", page.link("/staff/notices"));
  data.set("action", page.link("/staff/notices/" + notice.id));
  data.set("step_action", page.link("/staff/notices/" + notice.id + "/step"));
  if (!notice.reject_reason.empty()) data.set("reject_reason", notice.reject_reason);
  const std::string& me = page.actor->account_id;
  const bool author = notice.author == me;
  auto may = [&](NoticeAction action) {
    domain::NoticeStep step{action, me, page.site.node.now_ms(), action == NoticeAction::reject ? "-" : ""};
    return domain::notice_step_problems(notice, step).empty();
  };
  data.set("editable", author && domain::notice_transition(notice.state, NoticeAction::edit).has_value());
  data.set("may_submit", author && notice.state != domain::NoticeState::submitted &&
                             domain::notice_transition(notice.state, NoticeAction::submit).has_value());
  data.set("may_approve", may(NoticeAction::approve));
  data.set("may_reject", !author && notice.state == domain::NoticeState::submitted);
  data.set("may_withdraw", may(NoticeAction::withdraw));
  data.set("own_review", author && notice.state == domain::NoticeState::submitted);
  if (notice.state == domain::NoticeState::published) data.set("public_href", page.link("/notices/" + notice.id));
  set_form(data, page, draft);
  set_errors(data, page, errors);
  return page.render("staff_notice", data, status);
}

std::optional<http::Response> require_staff(const Page& page) {
  return page.require({domain::Role::reviewer, domain::Role::admin});
}

http::Response desk_get(Page& page) {
  if (auto denied = require_staff(page)) return *denied;
  node::NoticeDraft draft;
  draft.valid_from = node::NoticeDesk(page.site.node).today();
  return desk_page(page, draft, {}, 200);
}

http::Response desk_post(Page& page) {
  if (auto denied = require_staff(page)) return *denied;
  std::vector<FieldError> errors;
  node::NoticeDraft draft = draft_of(page, errors);
  if (!errors.empty()) return desk_page(page, draft, errors, 422);
  try {
    Notice notice = node::NoticeDesk(page.site.node).create(*page.actor, draft);
    return page.redirect("/staff/notices/" + notice.id);
  } catch (const domain::ProblemError& error) {
    if (error.problem().slug != "validation-failed") throw;
    return desk_page(page, draft, error.problem().errors, 422);
  }
}

http::Response notice_get(Page& page) {
  if (auto denied = require_staff(page)) return *denied;
  Notice notice = node::NoticeDesk(page.site.node).find(&*page.actor, page.request.path_params.at("id"));
  return notice_desk_page(page, notice, draft_from(notice), {}, 200);
}

http::Response notice_post(Page& page) {
  if (auto denied = require_staff(page)) return *denied;
  node::NoticeDesk desk(page.site.node);
  const std::string id = page.request.path_params.at("id");
  Notice notice = desk.find(&*page.actor, id);
  std::vector<FieldError> errors;
  node::NoticeDraft draft = draft_of(page, errors);
  draft.jurisdiction = notice.origin_jurisdiction;
  if (!errors.empty()) return notice_desk_page(page, notice, draft, errors, 422);
  try {
    desk.edit(*page.actor, id, draft);
    return page.redirect("/staff/notices/" + id);
  } catch (const domain::ProblemError& error) {
    if (error.problem().slug != "validation-failed") throw;
    return notice_desk_page(page, notice, draft, error.problem().errors, 422);
  }
}

http::Response step_post(Page& page) {
  if (auto denied = require_staff(page)) return *denied;
  node::NoticeDesk desk(page.site.node);
  const std::string id = page.request.path_params.at("id");
  auto action = domain::parse_notice_action(page.form.value("step"));
  Notice notice = desk.find(&*page.actor, id);
  if (!action || *action == NoticeAction::edit)
    return notice_desk_page(page, notice, draft_from(notice), {{"step", "illegal_transition", ""}}, 422);
  try {
    desk.step(*page.actor, id, *action, page.form.value("reason"));
    return page.redirect("/staff/notices/" + id);
  } catch (const domain::ProblemError& error) {
    const std::string& slug = error.problem().slug;
    if (slug != "validation-failed" && slug != "conflict" && slug != "forbidden") throw;
    std::vector<FieldError> errors = error.problem().errors;
    if (errors.empty()) errors.push_back({"step", slug == "conflict" ? "illegal_transition" : "same_as_author", ""});
    return notice_desk_page(page, notice, draft_from(notice), errors, slug == "conflict" ? 409 : 422);
  }
}

}  // namespace

void add_notice_desk_pages(http::Router& router, const std::shared_ptr<Site>& site) {
  add_page(router, site, "GET", "/staff/notices", desk_get);
  add_page(router, site, "POST", "/staff/notices", desk_post);
  add_page(router, site, "GET", "/staff/notices/{id}", notice_get);
  add_page(router, site, "POST", "/staff/notices/{id}", notice_post);
  add_page(router, site, "POST", "/staff/notices/{id}/step", step_post);
}

}  // namespace tongban::web
