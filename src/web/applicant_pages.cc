// Applicant pages without a case: home with search and browsing, the item guide, register, sign in, sign out.
#include <fmt/format.h>

#include <set>

#include "search/catalog_index.h"
#include "web/cookies.h"
#include "web/locale_format.h"
#include "web/page_routes.h"

namespace tongban::web {
namespace {

using domain::Language;

std::string word(const Page& page, std::string_view prefix, std::string_view value) {
  return page.t(std::string(prefix) + std::string(value));
}

Data item_summary(const Page& page, const domain::Catalog& catalog, const domain::Item& item) {
  Data entry;
  entry.set("href", page.link("/items/" + item.code));
  entry.set("name", item.name.in(page.language));
  entry.set("code", item.code);
  if (const auto* authority = catalog.find_authority(item.authority))
    entry.set("authority", authority->name.in(page.language));
  if (const auto* jurisdiction = catalog.find_jurisdiction(item.jurisdiction))
    entry.set("jurisdiction", jurisdiction->name.in(page.language));
  return entry;
}

}  // namespace

Data choice_list(const std::vector<std::pair<std::string, std::string>>& values, const std::string& selected) {
  Data list{Data::type::list};
  for (const auto& [code, name] : values) {
    Data entry;
    entry.set("value", code);
    entry.set("name", name);
    entry.set("selected", code == selected);
    list.push_back(entry);
  }
  return list;
}

Data document_choices(const Page& page, const std::string& selected) {
  std::vector<std::pair<std::string, std::string>> documents;
  for (auto type : {"MO_BIR", "CN_RIC", "CN_RP", "HK_HKID", "CN_HMTP", "CN_EEP"})
    documents.emplace_back(type, page.t(std::string("document:") + type));
  return choice_list(documents, selected);
}

namespace {

http::Response home(Page& page) {
  auto snapshot = page.site.node.catalog();
  const auto& catalog = snapshot->catalog;
  search::ItemQuery query;
  query.text = page.request.query_param("q").value_or("");
  auto filter = [&](const char* name) -> std::optional<std::string> {
    auto value = page.request.query_param(name);
    return value && !value->empty() ? value : std::nullopt;
  };
  query.jurisdiction = filter("jurisdiction");
  query.zone = filter("zone");
  query.authority = filter("authority");
  query.life_event = filter("life_event");
  query.limit = 50;
  Data data;
  data.set("title", page.t("Find a government service"));
  data.set("action", page.link("/"));
  data.set("q", query.text);
  bool searching = !query.text.empty() || query.jurisdiction || query.zone || query.authority || query.life_event;
  if (searching) {
    search::ItemPage results;
    try {
      results = snapshot->index.search(query);
    } catch (const search::QueryError& error) {
      throw domain::ProblemError("validation-failed", error.what());
    }
    Data hits{Data::type::list};
    for (const auto& hit : results.hits) hits.push_back(item_summary(page, catalog, *hit.item));
    data.set("searching", true);
    data.set("hits", hits);
    data.set("no_hits", results.hits.empty());
    data.set("total", std::to_string(results.total));
  }
  std::vector<std::pair<std::string, std::string>> jurisdictions, zones, authorities, life_events;
  for (const auto& j : catalog.jurisdictions) jurisdictions.emplace_back(j.code, j.name.in(page.language));
  for (const auto& z : catalog.zones) zones.emplace_back(z.code, z.name.in(page.language));
  for (const auto& a : catalog.authorities) authorities.emplace_back(a.code, a.name.in(page.language));
  std::set<std::string> events;
  for (const auto& item : catalog.items) events.insert(item.life_events.begin(), item.life_events.end());
  for (const auto& event : events) life_events.emplace_back(event, word(page, "life_event:", event));
  data.set("jurisdictions", choice_list(jurisdictions, query.jurisdiction.value_or("")));
  data.set("zones", choice_list(zones, query.zone.value_or("")));
  data.set("authorities", choice_list(authorities, query.authority.value_or("")));
  data.set("life_events", choice_list(life_events, query.life_event.value_or("")));
  return page.render("home", data);
}

std::string hours_text(const Page& page, const std::vector<domain::OpeningPeriod>& hours) {
  std::string text;
  for (const auto& period : hours) {
    if (!text.empty()) text += "; ";
    text += fmt::format("{} {:02}:{:02}–{:02}:{:02}", word(page, "weekday:", std::to_string(period.weekday)),
                        period.open_minute / 60, period.open_minute % 60, period.close_minute / 60,
                        period.close_minute % 60);
  }
  return text;
}

std::string fill(std::string text, std::string_view key, const std::string& value) {
  auto at = text.find(key);
  if (at != std::string::npos) text.replace(at, key.size(), value);
  return text;
}

Data zone_notices(const Page& page, const domain::Catalog& catalog, const domain::Item& item) {
  Data list{Data::type::list};
  for (const auto& zone : catalog.zones) {
    if (std::find(zone.items.begin(), zone.items.end(), item.code) == zone.items.end()) continue;
    const auto* owner = catalog.find_jurisdiction(zone.owner_jurisdiction);
    const auto* host = catalog.find_jurisdiction(zone.host_jurisdiction);
    if (!owner || !host) continue;
    std::string text = page.t("You can do this {owner} matter in {host}.");
    text = fill(fill(text, "{owner}", owner->name.in(page.language)), "{host}", host->name.in(page.language));
    Data entry;
    entry.set("text", text);
    entry.set("zone", zone.name.in(page.language));
    list.push_back(entry);
  }
  return list;
}

Data materials_data(const Page& page, const domain::Item& item) {
  Data list{Data::type::list};
  for (const auto& material : item.materials) {
    Data entry;
    entry.set("id", material.id);
    entry.set("name", material.name.in(page.language));
    entry.set("required", material.required);
    entry.set("form", word(page, "material_form:", domain::to_string(material.form)));
    entry.set("copies", std::to_string(material.copies));
    if (!material.blank_form.empty()) entry.set("blank_form", material.blank_form);
    if (!material.sample_form.empty()) entry.set("sample_form", material.sample_form);
    list.push_back(entry);
  }
  return list;
}

Data service_points_data(const Page& page, const domain::Catalog& catalog, const domain::Item& item) {
  Data list{Data::type::list};
  for (const auto& point : catalog.service_points) {
    if (!catalog.point_accepts_item(point, item)) continue;
    Data entry;
    entry.set("name", point.name.in(page.language));
    entry.set("address", point.address.in(page.language));
    entry.set("hours", hours_text(page, point.hours));
    entry.set("foreign", point.jurisdiction != item.jurisdiction);
    list.push_back(entry);
  }
  return list;
}

http::Response item_guide(Page& page) {
  auto snapshot = page.site.node.catalog();
  const auto& catalog = snapshot->catalog;
  const auto* item = catalog.find_item(page.request.path_params.at("code"));
  if (!item) throw domain::ProblemError("not-found", "There is no such service.");
  Data data = item_summary(page, catalog, *item);
  data.set("title", item->name.in(page.language));
  data.set("description", item->description.in(page.language));
  data.set("legal_basis", item->legal_basis.in(page.language));
  Data kinds{Data::type::list};
  for (auto kind : item->applicant_kinds) kinds.push_back(Data("name", word(page, "applicant:", to_string(kind))));
  data.set("applicant_kinds", kinds);
  data.set("materials", materials_data(page, *item));
  Data fees{Data::type::list};
  for (const auto& fee : item->fees) {
    Data entry;
    entry.set("name", fee.name.in(page.language));
    entry.set("amount",
              fee.amount_minor == 0 ? page.t("Free") : format_money(page.language, fee.amount_minor, fee.currency));
    fees.push_back(entry);
  }
  data.set("fees", fees);
  data.set("free", item->fees.empty());
  data.set("legal_days", std::to_string(item->legal_days));
  data.set("promised_days", std::to_string(item->promised_days));
  Data modes{Data::type::list};
  for (auto mode : item->modes) modes.push_back(Data("name", word(page, "mode:", domain::to_string(mode))));
  data.set("modes", modes);
  data.set("service_points", service_points_data(page, catalog, *item));
  data.set("zone_notices", zone_notices(page, catalog, *item));
  data.set("apply_href", page.link("/items/" + item->code + "/apply"));
  data.set("result", item->result.name.in(page.language));
  return page.render("item", data);
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

void add_applicant_pages(http::Router& router, const std::shared_ptr<Site>& site) {
  add_page(router, site, "GET", "/", home);
  add_page(router, site, "GET", "/items/{code}", item_guide);
  add_page(router, site, "GET", "/register", register_form);
  add_page(router, site, "POST", "/register", register_post);
  add_page(router, site, "GET", "/sign-in", sign_in_form);
  add_page(router, site, "POST", "/sign-in", sign_in_post);
  add_page(router, site, "POST", "/sign-out", sign_out_post);
}

}  // namespace tongban::web
