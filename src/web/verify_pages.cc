// /verify: anyone checks an e-certificate presented to them (docs/certificates.md) — the text of its QR code pasted
// or typed by a scanner into the field. The check runs on this node with what it holds (the directory's keys and the
// issuer's last signed status list); nothing is fetched from the issuer. The answer shows each finding separately:
// the outcome in plain words, the document's integrity, the issuer, the status and how old the status data is, and
// the fields the holder chose to disclose. POST, not GET: the code holds personal data and must not land in URLs or
// access logs.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "domain/calendar_date.h"
#include "node/certificate_port.h"
#include "web/locale_format.h"
#include "web/page_routes.h"

namespace tongban::web {
namespace {

using domain::VerificationOutcome;

constexpr std::size_t kMaxCodeBytes = 48 * 1024;  // a full document with every field; a QR token is far less

struct OutcomeWords {
  const char* heading;
  const char* advice;
  const char* tone;  // "ok" | "warn" | "bad": the panel's colour, always with the words
};

OutcomeWords words_for(VerificationOutcome outcome) {
  switch (outcome) {
    case VerificationOutcome::valid:
      return {"Valid", "The certificate is genuine and in force according to its issuer's latest status list.", "ok"};
    case VerificationOutcome::revoked:
      return {"Revoked", "The issuing authority has revoked this certificate. Do not accept it.", "bad"};
    case VerificationOutcome::suspended:
      return {"Suspended", "The issuing authority has suspended this certificate. Do not accept it for now.", "bad"};
    case VerificationOutcome::status_stale:
      return {"Status not current",
              "The certificate is genuine, but the latest status from its issuer is too old to rely on. Do not treat "
              "it as valid: check again later or ask the issuing authority.",
              "warn"};
    case VerificationOutcome::unknown_issuer:
      return {"Unknown issuer",
              "The issuer is not in the federation directory held here, so the certificate cannot be trusted.", "bad"};
    case VerificationOutcome::invalid: break;
  }
  return {"Not genuine", "The code is damaged or has been altered. Do not accept it.", "bad"};
}

const char* status_words(domain::CertificateStatus status) {
  switch (status) {
    case domain::CertificateStatus::valid: return "In force";
    case domain::CertificateStatus::suspended: return "Suspended";
    case domain::CertificateStatus::revoked: return "Revoked";
    case domain::CertificateStatus::cancelled: return "Cancelled";
    case domain::CertificateStatus::lapsed: return "Expired";
    case domain::CertificateStatus::withdrawn: return "Withdrawn";
  }
  return "Revoked";
}

// "5 minutes", "3 hours", "2 days" in the page's language.
std::string age_text(const Page& page, std::int64_t age_ms) {
  const std::int64_t minutes = std::max<std::int64_t>(0, age_ms / 60'000);
  if (minutes < 120) return fmt::format(fmt::runtime(page.t("{} minutes")), minutes);
  if (minutes < 48 * 60) return fmt::format(fmt::runtime(page.t("{} hours")), minutes / 60);
  return fmt::format(fmt::runtime(page.t("{} days")), minutes / (24 * 60));
}

// The label of a disclosed field: the fixed holder and result fields, or the item's own form label.
std::string field_label(const Page& page, const domain::Item* item, const std::string& name) {
  if (name == "holder.name") return page.t("Holder's name");
  if (name == "holder.id_document.type") return page.t("Identity document");
  if (name == "holder.id_document.number") return page.t("Identity document number");
  if (name == "result.note") return page.t("Result");
  if (name == "case.id") return page.t("Case number");
  if (item && name.rfind("form.", 0) == 0)
    for (const auto& field : item->form)
      if (name.compare(5, std::string::npos, field.id) == 0) return field.label.in(page.language);
  return page.t("Other detail");
}

Data result_data(const Page& page, const node::CertificateVerification& v) {
  auto snapshot = page.site.node.catalog();
  const auto& catalog = snapshot->catalog;
  OutcomeWords words = words_for(v.outcome);
  Data result;
  result.set("heading", page.t(words.heading));
  result.set("advice", page.t(words.advice));
  result.set("tone", std::string(words.tone));
  result.set("integrity", page.t(v.integrity ? "Intact: signed by the issuer and not altered" : "Not intact"));
  std::string issuer = page.t("Not known here");
  if (v.issuer_known) {
    const auto* jurisdiction = catalog.find_jurisdiction(v.issuer_jurisdiction);
    issuer = jurisdiction ? jurisdiction->name.in(page.language) : v.issuer_jurisdiction;
  }
  result.set("issuer", issuer);
  if (v.status) result.set("status", page.t(status_words(*v.status)));
  if (v.status_age_ms) result.set("status_age", age_text(page, *v.status_age_ms));
  if (v.presentation && v.integrity) {
    const auto& c = v.presentation->certificate;
    const domain::Item* item = catalog.find_item(c.item_code);
    result.set("certificate_id", c.id);
    if (const auto* authority = catalog.find_authority(c.issuer_authority))
      result.set("authority", authority->name.in(page.language));
    result.set("result_name", c.result_name.in(page.language));
    if (auto from = domain::parse_date(c.valid_from)) result.set("issued", format_date(page.language, *from));
    if (auto until = domain::parse_date(c.valid_until)) result.set("valid_until", format_date(page.language, *until));
    Data fields{Data::type::list};
    for (const auto& field : v.presentation->disclosed) {
      Data row;
      row.set("label", field_label(page, item, field.name));
      row.set("value", field.value);
      fields.push_back(row);
    }
    result.set("has_fields", !v.presentation->disclosed.empty());
    result.set("fields", fields);
  }
  return result;
}

http::Response verify_page(Page& page, const std::string& code, std::optional<Data> result, int status) {
  Data data;
  data.set("title", page.t("Verify an e-certificate"));
  data.set("action", page.link("/verify"));
  data.set("code", code);
  data.set("available", page.site.node.certificates() != nullptr);
  if (result) data.set("result", *result);
  return page.render("verify", data, status);
}

http::Response verify_form(Page& page) {
  return verify_page(page, "", std::nullopt, 200);
}

http::Response verify_post(Page& page) {
  std::string code = page.form.value("code");
  while (!code.empty() && std::isspace(static_cast<unsigned char>(code.back()))) code.pop_back();
  while (!code.empty() && std::isspace(static_cast<unsigned char>(code.front()))) code.erase(0, 1);
  auto* certificates = page.site.node.certificates();
  if (!certificates) return verify_page(page, code, std::nullopt, 503);
  if (code.empty() || code.size() > kMaxCodeBytes) {
    Data missing;
    missing.set("missing", true);
    return verify_page(page, "", missing, 422);
  }
  return verify_page(page, code, result_data(page, certificates->verify(code)), 200);
}

}  // namespace

void add_verify_pages(http::Router& router, const std::shared_ptr<Site>& site) {
  add_page(router, site, "GET", "/verify", verify_form);
  add_page(router, site, "POST", "/verify", verify_post, kFormBodyLimit);
}

}  // namespace tongban::web
