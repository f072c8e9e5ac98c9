// Account pages: register, sign in, sign out.
#include "web/cookies.h"
#include "web/page_routes.h"

namespace tongban::web {
namespace {

Data registration_data(const Page& page, const std::vector<domain::FieldError>& errors) {
  Data data;
  data.set("title", page.t("Create an account"));
  data.set("action", page.link("/register"));
  Data fields{Data::type::list};
  struct Field {
    const char* name;
    const char* label;
    const char* type;
  };
  static constexpr Field kFields[] = {{"display_name", "Full name", "text"},
                                      {"login", "Login name", "text"},
                                      {"password", "Password", "password"},
                                      {"id_document.number", "Identity document number", "text"}};
  Data summary{Data::type::list};
  for (const auto& field : kFields) {
    Data entry;
    entry.set("name", field.name);
    entry.set("label", page.t(field.label));
    entry.set("type", field.type);
    entry.set("is_login", std::string_view(field.name) == "login");
    if (std::string_view(field.type) != "password") entry.set("value", page.form.value(field.name));
    std::string underscored = field.name;
    std::replace(underscored.begin(), underscored.end(), '.', '_');
    for (const auto& error : errors)
      if (error.field == field.name || error.field == underscored) {
        std::string message = page.t(error.message.empty() ? "rule:" + error.rule : error.message);
        entry.set("error", message);
        Data item;
        item.set("field", field.name);
        item.set("message", message);
        summary.push_back(item);
      }
    fields.push_back(entry);
  }
  data.set("fields", fields);
  data.set("errors", summary);
  data.set("has_errors", !errors.empty());
  std::vector<std::pair<std::string, std::string>> documents;
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
