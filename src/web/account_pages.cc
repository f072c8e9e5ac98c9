// Account pages: register (the password rules stated up front, every refusal in words), sign in, sign out.
#include "accounts/password.h"
#include "domain/identity_document.h"
#include "web/application_view.h"
#include "web/cookies.h"
#include "web/page_routes.h"
#include "web/translations.h"

namespace tongban::web {
namespace {

// A registration error in the page's language. The rule names come from accounts/account.h; an identity document
// rule is said as the document check says it for the type given ("A Macao ID number starts with 1, 5 or 7."). A
// rule this page does not know is still said in words, never as its key.
std::string registration_message(const Page& page, std::string_view field, const std::string& rule) {
  if (field == "id_document.number") {
    if (rule == "taken") return page.t("An account with this identity document exists already.");
    if (rule != "required")
      if (auto type = domain::parse_id_document_type(page.form.value("id_document.type"))) {
        auto check = domain::check_id_document(*type, page.form.value("id_document.number"));
        if (!check.valid && check.rule == rule) return page.t(check.message);
      }
  }
  if (field == "id_document.type" && rule == "required") return page.t("Choose your identity document.");
  if (field == "password") {
    if (rule == "too_short")
      return fill(page.t("The password needs at least {n} characters."), "n",
                  std::to_string(accounts::kPasswordMinLength));
    if (rule == "too_long")
      return fill(page.t("The password can have at most {n} characters."), "n",
                  std::to_string(accounts::kPasswordMaxLength));
  }
  if (field == "display_name" && rule == "too_long") return page.t("The name is too long.");
  std::string key = "rule:" + rule;
  if (Translations::shipped().has(page.language, key)) return page.t(key);
  return page.t("Check this answer.");
}

Data registration_data(const Page& page, const std::vector<domain::FieldError>& errors) {
  Data data;
  data.set("title", page.t("Create an account"));
  data.set("action", page.link("/register"));
  Data fields{Data::type::list};
  struct Field {
    const char* name;
    const char* label;
    const char* type;
    const char* autocomplete;
  };
  static constexpr Field kFields[] = {{"display_name", "Full name", "text", "name"},
                                      {"login", "Login name", "text", "username"},
                                      {"password", "Password", "password", "new-password"},
                                      {"id_document.number", "Identity document number", "text", "off"}};
  Data summary{Data::type::list};
  auto errors_of = [&](std::string_view name) {
    std::string underscored(name);
    std::replace(underscored.begin(), underscored.end(), '.', '_');
    std::string message;
    for (const auto& error : errors)
      if (error.field == name || error.field == underscored) {
        message = registration_message(page, name, error.rule);
        Data item;
        item.set("field", std::string(name));
        item.set("message", message);
        summary.push_back(item);
      }
    return message;
  };
  if (auto message = errors_of("id_document.type"); !message.empty()) data.set("document_error", message);
  for (const auto& field : kFields) {
    Data entry;
    entry.set("name", field.name);
    entry.set("label", page.t(field.label));
    entry.set("type", field.type);
    entry.set("autocomplete", field.autocomplete);
    entry.set("is_login", std::string_view(field.name) == "login");
    if (std::string_view(field.name) == "password")
      entry.set("hint", fill(page.t("At least {n} characters, with at least two kinds of character: small letters, "
                                    "capital letters, digits or others."),
                             "n", std::to_string(accounts::kPasswordMinLength)));
    if (std::string_view(field.type) != "password") entry.set("value", page.form.value(field.name));
    if (auto message = errors_of(field.name); !message.empty()) entry.set("error", message);
    fields.push_back(entry);
  }
  // Whatever the node refused that no field above shows (kind, a conflict) still reaches the summary.
  for (const auto& error : errors) {
    bool shown = false;
    for (std::string_view name : {"display_name", "login", "password", "id_document.number", "id_document.type",
                                  "id_document_number", "id_document_type"})
      shown = shown || error.field == name;
    if (shown) continue;
    Data item;
    item.set("field", "display_name");
    item.set("message", registration_message(page, error.field, error.rule));
    summary.push_back(item);
  }
  data.set("fields", fields);
  data.set("errors", summary);
  data.set("has_errors", !errors.empty());
  data.set("documents", document_choices(page, page.form.value("id_document.type")));
  return data;
}

http::Response register_form(Page& page) {
  return page.render("register", registration_data(page, {}));
}

http::Response register_post(Page& page) {
  node::Registration registration;
  registration.kind = "natural_person";
  registration.login = page.form.value("login");
  registration.password = page.form.value("password");
  registration.display_name = page.form.value("display_name");
  registration.id_document_type = page.form.value("id_document.type");
  registration.id_document_number = page.form.value("id_document.number");
  try {
    page.site.accounts.register_applicant(registration);
  } catch (const domain::ProblemError& error) {
    if (error.problem().slug == "rate-limited") throw;  // the problem page: 429, Retry-After, the reason translated
    auto errors = error.problem().errors;
    if (errors.empty()) errors.push_back({"login", error.problem().slug, ""});
    return page.render("register", registration_data(page, errors), 400);
  }
  return page.redirect("/sign-in?registered=1");
}

enum class SignInOutcome { first_visit, wrong, throttled };

Data sign_in_data(const Page& page, SignInOutcome outcome) {
  Data data;
  data.set("title", page.t("Sign in"));
  data.set("action", page.link("/sign-in"));
  data.set("next", page.request.query_param("next").value_or(page.form.value("next")));
  data.set("login", page.form.value("login"));
  data.set("failed", outcome == SignInOutcome::wrong);
  data.set("throttled", outcome == SignInOutcome::throttled);
  data.set("registered", page.request.query_param("registered").has_value());
  data.set("register_href", page.link("/register"));
  return data;
}

http::Response sign_in_form(Page& page) {
  return page.render("sign_in", sign_in_data(page, SignInOutcome::first_visit));
}

http::Response sign_in_post(Page& page) {
  node::SignedIn session;
  try {
    session =
        page.site.accounts.sign_in(page.form.value("login"), page.form.value("password"), page.request.client_address);
  } catch (const domain::ProblemError& error) {
    if (error.problem().slug != "rate-limited")
      return page.render("sign_in", sign_in_data(page, SignInOutcome::wrong), 401);
    http::Response response = page.render("sign_in", sign_in_data(page, SignInOutcome::throttled), 429);
    response.set_header("Retry-After", std::to_string(error.problem().retry_after_seconds));
    return response;
  }
  page.cookies.push_back(set_cookie(kSessionCookie, session.token, page.secure()));
  std::string next = page.form.value("next");
  bool local = is_local_path(next);
  if (local) return page.redirect(next);
  return page.redirect(session.account.role == domain::Role::applicant ? "/cases" : "/workbench");
}

http::Response sign_out_post(Page& page) {
  if (!page.session_token.empty()) page.site.accounts.sign_out(page.session_token);
  page.cookies.push_back(set_cookie(kSessionCookie, "", page.secure(), 0));
  return page.redirect("/");
}

}  // namespace

void add_account_pages(http::Router& router, const std::shared_ptr<Site>& site) {
  add_page(router, site, "GET", "/register", register_form);
  add_page(router, site, "POST", "/register", register_post);
  add_page(router, site, "GET", "/sign-in", sign_in_form);
  add_page(router, site, "POST", "/sign-in", sign_in_post);
  add_page(router, site, "POST", "/sign-out", sign_out_post);
}

}  // namespace tongban::web
