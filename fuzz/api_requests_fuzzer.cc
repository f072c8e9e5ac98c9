// Fuzz target: the JSON request decoders of the API (src/api/request_decoders.h) on arbitrary bodies.
// Every decoder runs on every input. A body is either decoded or refused with domain::ProblemError; anything else
// escaping is a bug. Round trip: a decoded request written back as JSON decodes to the same request.
#include <boost/json/serialize.hpp>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "api/request_decoders.h"
#include "domain/problem.h"
#include "fuzz_check.h"

namespace {

using namespace tongban;

boost::json::array materials_json(const std::vector<domain::CaseMaterial>& materials) {
  boost::json::array out;
  for (const auto& m : materials)
    out.push_back(boost::json::object{{"material_id", m.material_id}, {"blob", m.blob_sha256}});
  return out;
}

bool same(const std::vector<domain::CaseMaterial>& a, const std::vector<domain::CaseMaterial>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i].material_id != b[i].material_id || a[i].blob_sha256 != b[i].blob_sha256) return false;
  return true;
}

void registration(std::string_view body) {
  node::Registration r;
  try {
    r = api::decode_registration(body);
  } catch (const domain::ProblemError&) {
    return;
  }
  boost::json::object json{{"kind", r.kind},
                           {"login", r.login},
                           {"password", r.password},
                           {"display_name", r.display_name},
                           {"id_document", {{"type", r.id_document_type}, {"number", r.id_document_number}}}};
  auto again = api::decode_registration(boost::json::serialize(json));
  FUZZ_CHECK(again.kind == r.kind && again.login == r.login && again.password == r.password &&
             again.display_name == r.display_name && again.id_document_type == r.id_document_type &&
             again.id_document_number == r.id_document_number);
}

void sign_in(std::string_view body) {
  api::SignInRequest s;
  try {
    s = api::decode_sign_in(body);
  } catch (const domain::ProblemError&) {
    return;
  }
  auto again =
      api::decode_sign_in(boost::json::serialize(boost::json::object{{"login", s.login}, {"password", s.password}}));
  FUZZ_CHECK(again.login == s.login && again.password == s.password);
}

void case_application(std::string_view body) {
  node::CaseApplication a;
  try {
    a = api::decode_case_application(body);
  } catch (const domain::ProblemError&) {
    return;
  }
  boost::json::object json{{"item_code", a.item_code},
                           {"applicant_id", a.applicant_id},
                           {"form", a.form},
                           {"materials", materials_json(a.materials)},
                           {"submit", a.submit},
                           {"delivery_method", a.delivery_method},
                           {"delivery_address", a.delivery_address},
                           {"consent_to_transfer", a.consent_to_transfer}};
  if (a.mode) json["mode"] = domain::to_string(*a.mode);
  if (a.channel) json["channel"] = domain::to_string(*a.channel);
  auto again = api::decode_case_application(boost::json::serialize(json));
  FUZZ_CHECK(again.item_code == a.item_code && again.mode == a.mode && again.channel == a.channel &&
             again.applicant_id == a.applicant_id && again.form == a.form && same(again.materials, a.materials) &&
             again.submit == a.submit && again.delivery_method == a.delivery_method &&
             again.delivery_address == a.delivery_address && again.consent_to_transfer == a.consent_to_transfer);
}

void case_action(std::string_view body) {
  node::CaseActionRequest a;
  try {
    a = api::decode_case_action(body);
  } catch (const domain::ProblemError&) {
    return;
  }
  FUZZ_CHECK(a.note.size() <= 4000 && a.expected_version == 0);
  boost::json::object json{{"action", domain::to_string(a.action)},
                           {"note", a.note},
                           {"materials", materials_json(a.materials)},
                           {"delivery_method", a.delivery_method},
                           {"delivery_address", a.delivery_address}};
  auto again = api::decode_case_action(boost::json::serialize(json));
  FUZZ_CHECK(again.action == a.action && again.note == a.note && same(again.materials, a.materials) &&
             again.delivery_method == a.delivery_method && again.delivery_address == a.delivery_address);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view body(reinterpret_cast<const char*>(data), size);
  registration(body);
  sign_in(body);
  case_application(body);
  case_action(body);
  return 0;
}
