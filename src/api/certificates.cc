// Routes of /api/v1/certificates: verify an e-certificate (anyone: a foreign authority needs no account here), the
// holder's own certificates, and the issuing authority's status changes (docs/certificates.md). The work is the
// node's CertificatePort (node/certificate_port.h); without federation the node issues and verifies none and these
// routes answer 503 /problems/unavailable.
#include <boost/json/serialize.hpp>

#include "api/api.h"
#include "api/bind.h"
#include "api/json_input.h"
#include "node/case_desk.h"

namespace tongban::api {
namespace {

using http::Request;
using http::Response;

node::CertificatePort& port(ApiContext& context) {
  auto* certificates = context.node.certificates();
  if (!certificates)
    throw domain::ProblemError("unavailable",
                               "This node issues and verifies no e-certificates: it runs without federation, so it "
                               "holds neither a signing key nor the federation directory.");
  return *certificates;
}

boost::json::object name_json(const domain::LocalizedText& text) {
  return {{"zh-Hans", text.zh_hans}, {"zh-Hant", text.zh_hant}, {"pt", text.pt}, {"en", text.en}};
}

}  // namespace

boost::json::object verification_json(const node::CertificateVerification& v) {
  boost::json::object out{{"outcome", domain::to_string(v.outcome)},
                          {"integrity", v.integrity},
                          {"issuer", boost::json::object{{"node", v.issuer_node},
                                                         {"jurisdiction", v.issuer_jurisdiction},
                                                         {"known", v.issuer_known}}},
                          {"detail", v.detail}};
  if (v.status) {
    out["status"] = domain::to_string(*v.status);
    out["status_word"] = domain::status_word(*v.status);
  }
  if (v.status_age_ms) out["status_age_ms"] = *v.status_age_ms;
  if (v.status_list_number) out["status_list_number"] = *v.status_list_number;
  if (v.presentation) {
    const auto& c = v.presentation->certificate;
    boost::json::array disclosed;
    for (const auto& field : v.presentation->disclosed)
      disclosed.push_back(boost::json::object{{"name", field.name}, {"value", field.value}});
    out["certificate"] = boost::json::object{{"id", c.id},
                                             {"issuer_authority", c.issuer_authority},
                                             {"item_code", c.item_code},
                                             {"result_kind", domain::to_string(c.result_kind)},
                                             {"result_name", name_json(c.result_name)},
                                             {"issued_at_ms", c.issued_at_ms},
                                             {"valid_from", c.valid_from},
                                             {"valid_until", c.valid_until},
                                             {"disclosed", std::move(disclosed)}};
  }
  return out;
}

namespace {

Response verify(ApiContext& context, const Request& request, const http::Caller&) {
  JsonInput input(request.body);
  auto token = input.string("token", false);
  auto document = input.raw_object("document", false);
  input.finish();
  if (token.has_value() == document.has_value())
    throw domain::ProblemError("validation-failed", "Send either `token` (the text of the QR code) or `document`.",
                               {{"token", "required", "One of token or document is required."}});
  const std::string text = token ? *token : boost::json::serialize(*document);
  auto verification = port(context).verify(text);
  return Response::json_text(200, boost::json::serialize(verification_json(verification)))
      .set_header("Cache-Control", "no-store");
}

boost::json::object record_json(node::CertificatePort& certificates, const store::CertificateRecord& record) {
  return {{"id", record.id},
          {"case_id", record.case_id},
          {"issuer_authority", record.issuer_authority},
          {"issued_at_ms", record.issued_at_ms},
          {"status", record.status},
          {"status_reason", record.status_reason},
          {"status_changed_at_ms", record.status_changed_at_ms},
          {"token", certificates.token_of(record)}};
}

Response list_own(ApiContext& context, const Request&, const http::Caller& caller) {
  auto& certificates = port(context);
  boost::json::array items;
  for (const auto& record : certificates.certificates_of(caller.required().account_id))
    items.push_back(record_json(certificates, record));
  return Response::json_text(200, boost::json::serialize(boost::json::object{{"certificates", std::move(items)}}))
      .set_header("Cache-Control", "private, no-store");
}

// The e-certificate issued for a case, to whoever may see the case here (the reviewer who hands it over, a clerk of
// the intake window, the applicant): 404 when there is none or the case is not theirs to see.
Response of_case(ApiContext& context, const Request& request, const http::Caller& caller) {
  auto& certificates = port(context);
  const std::string& case_id = request.path_params.at("id");
  auto kase = context.node.store().find_case(case_id);
  if (!kase || !node::CaseDesk::may_see(caller.required(), *kase))
    throw domain::ProblemError("not-found", "No case " + case_id + " that you may see.");
  auto record = context.node.store().find_certificate_of_case(case_id);
  if (!record) throw domain::ProblemError("not-found", "Case " + case_id + " has no e-certificate issued here.");
  return Response::json_text(200, boost::json::serialize(record_json(certificates, *record)))
      .set_header("Cache-Control", "private, no-store");
}

Response change_status(ApiContext& context, const Request& request, const http::Caller& caller) {
  JsonInput input(request.body);
  auto status_word = input.string("status", true);
  auto reason = input.string("reason", true);
  std::optional<domain::CertificateStatus> status;
  if (status_word) {
    status = domain::parse_certificate_status(*status_word);
    if (!status)
      input.add_problem("status", "choice",
                        "One of valid, suspended, revoked, cancelled, lapsed, withdrawn (or 有效, 暂扣, 撤销, 注销, "
                        "失效, 吊销).");
  }
  input.finish();
  auto& certificates = port(context);
  auto record = certificates.change_status(caller.required(), request.path_params.at("id"), *status, *reason);
  return Response::json_text(200, boost::json::serialize(record_json(certificates, record)));
}

}  // namespace

void add_certificate_routes(http::Router& router, ApiContext& context) {
  using domain::Role;
  using http::Access;
  http::Route verify_route{"POST", "/api/v1/certificates/verify", Access::everyone(), bind(context, verify),
                           "Verify an e-certificate: integrity, issuer, status and the status data's age"};
  verify_route.body_limit = 256 * 1024;
  router.add(std::move(verify_route));
  router.add({"GET", "/api/v1/certificates", Access::only({Role::applicant}), bind(context, list_own),
              "Your own e-certificates, each with its compact token"});
  router.add({"GET", "/api/v1/cases/{id}/certificate", Access::signed_in(), bind(context, of_case),
              "The e-certificate issued for a case, with its compact token"});
  router.add({"POST", "/api/v1/certificates/{id}/status", Access::only({Role::reviewer}), bind(context, change_status),
              "Suspend, reinstate, revoke or cancel an e-certificate, with a reason"});
}

}  // namespace tongban::api
