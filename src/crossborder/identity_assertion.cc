#include "crossborder/identity_assertion.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "crossborder/payload.h"
#include "federation/message_handler.h"

namespace tongban::crossborder {
namespace {

[[noreturn]] void invalid(const std::string& detail) {
  throw federation::MessageRejected("assertion_invalid", detail);
}

std::string member(const boost::json::object& object, std::string_view name) {
  const auto* value = object.if_contains(name);
  if (!value || !value->is_string()) invalid("the assertion has no '" + std::string(name) + "'");
  return std::string(value->as_string());
}

}  // namespace

IdentityAssertion assertion_of(const store::AccountRecord& account, const std::string& home_node,
                               const std::string& case_ref, std::int64_t now_ms) {
  return {
      home_node, account.id, account.kind, account.display_name, account.id_document_type, account.id_document_number,
      case_ref,  now_ms};
}

boost::json::object sign_assertion(const IdentityAssertion& assertion, const federation::NodeKey& key) {
  boost::json::object object{{"home_node", assertion.home_node},
                             {"subject", assertion.subject},
                             {"kind", assertion.kind},
                             {"display_name", assertion.display_name},
                             {"id_document_type", assertion.id_document_type},
                             {"id_document_number", assertion.id_document_number},
                             {"case_ref", assertion.case_ref},
                             {"issued_at_ms", assertion.issued_at_ms}};
  std::string text = boost::json::serialize(object);
  return {{"assertion_text", text}, {"assertion_signature", key.sign(text)}};
}

IdentityAssertion verified_assertion(const boost::json::object& payload, const federation::PublicKey& home_key) {
  std::string text = member(payload, "assertion_text");
  if (!home_key.verify(text, member(payload, "assertion_signature")))
    invalid("the identity assertion is not signed by the sender's key");
  boost::system::error_code error;
  boost::json::value value = boost::json::parse(text, error);
  if (error || !value.is_object()) invalid("the assertion is not a JSON object");
  const auto& object = value.as_object();
  const auto* issued = object.if_contains("issued_at_ms");
  if (!issued || !issued->is_int64()) invalid("the assertion has no 'issued_at_ms'");
  IdentityAssertion out{member(object, "home_node"),
                        member(object, "subject"),
                        member(object, "kind"),
                        member(object, "display_name"),
                        member(object, "id_document_type"),
                        member(object, "id_document_number"),
                        member(object, "case_ref"),
                        issued->as_int64()};
  if (out.subject.empty() || out.id_document_type.empty() || out.id_document_number.empty())
    invalid("the assertion names no subject or identity document");
  return out;
}

}  // namespace tongban::crossborder
