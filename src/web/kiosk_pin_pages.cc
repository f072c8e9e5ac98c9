// The applicant's kiosk PIN page (/account/kiosk-pin, issue 8): set or change the PIN that, with the identity card
// read by a kiosk's reader, signs the applicant in at a registered kiosk (docs/kiosk.md). Changing it needs the
// account's password; the PIN is kept only as an Argon2id hash (node/kiosk_desk.h).
#include "web/page_routes.h"

namespace tongban::web {
namespace {

// The page's words for a rule the desk names (domain/kiosk_pin.h, node/kiosk_desk.h).
std::string rule_message(const Page& page, const std::string& rule) {
  if (rule == "wrong") return page.t("The password is wrong.");
  if (rule == "pin_length") return page.t("The PIN has 6 to 12 digits.");
  if (rule == "pin_digits") return page.t("The PIN has digits only.");
  if (rule == "pin_guessable") return page.t("Choose a PIN that is not one digit repeated or a run such as 123456.");
  if (rule == "mismatch") return page.t("The two PINs are not the same.");
  return page.t("There is a problem");
}

http::Response pin_page(Page& page, const std::vector<domain::FieldError>& errors, int status) {
  Data data;
  data.set("title", page.t("Kiosk PIN"));
  data.set("action", page.link("/account/kiosk-pin"));
  data.set("has_pin", page.site.kiosks.has_pin(page.actor->account_id));
  data.set("saved", page.request.query_param("saved").value_or("") == "1");
  Data fields{Data::type::list};
  Data summary{Data::type::list};
  const std::pair<const char*, const char*> kFields[] = {
      {"password", "Your account password"}, {"pin", "New kiosk PIN"}, {"pin_again", "New kiosk PIN again"}};
  for (const auto& [name, label] : kFields) {
    Data field;
    field.set("name", name);
    field.set("label", page.t(label));
    field.set("numeric", std::string_view(name) != "password");
    for (const auto& error : errors)
      if (error.field == name) {
        field.set("error", rule_message(page, error.rule));
        Data item;
        item.set("field", name);
        item.set("message", rule_message(page, error.rule));
        summary.push_back(item);
      }
    fields.push_back(field);
  }
  data.set("fields", fields);
  data.set("errors", summary);
  data.set("has_errors", !errors.empty());
  return page.render("account_kiosk_pin", data, status);
}

http::Response pin_form(Page& page) {
  if (auto denied = page.require({domain::Role::applicant})) return *denied;
  return pin_page(page, {}, 200);
}

http::Response pin_post(Page& page) {
  if (auto denied = page.require({domain::Role::applicant})) return *denied;
  try {
    page.site.kiosks.set_pin(*page.actor, page.form.value("password"), page.form.value("pin"),
                             page.form.value("pin_again"));
  } catch (const domain::ProblemError& error) {
    if (error.problem().slug != "validation-failed") throw;
    return pin_page(page, error.problem().errors, 422);
  }
  return page.redirect("/account/kiosk-pin?saved=1");
}

}  // namespace

void add_kiosk_pin_pages(http::Router& router, const std::shared_ptr<Site>& site) {
  add_page(router, site, "GET", "/account/kiosk-pin", pin_form);
  add_page(router, site, "POST", "/account/kiosk-pin", pin_post);
}

}  // namespace tongban::web
