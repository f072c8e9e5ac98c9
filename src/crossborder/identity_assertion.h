// IdentityAssertion: a home node's signed statement "this person is our registered applicant <subject>, identified
// by <document>", so another node accepts their online application without a second registration.
//
// Wire form: "assertion_text" (the JSON text of the assertion object, exactly as signed) and "assertion_signature"
// (base64 Ed25519 by the home node's key over those bytes). The receiver verifies it with the home node's public
// key from its own trust list before parsing, so the assertion stays verifiable on its own when stored, apart from
// the envelope that carried it. Members: home_node, subject (home account id), kind, display_name,
// id_document_type, id_document_number, case_ref (the home case it was made for), issued_at_ms.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <string>

#include "federation/node_key.h"
#include "store/store.h"

namespace tongban::crossborder {

struct IdentityAssertion {
  std::string home_node;
  std::string subject;
  std::string kind;
  std::string display_name;
  std::string id_document_type;
  std::string id_document_number;
  std::string case_ref;
  std::int64_t issued_at_ms = 0;
};

// {"assertion_text", "assertion_signature"} for the account, signed with key.
boost::json::object sign_assertion(const IdentityAssertion& assertion, const federation::NodeKey& key);
IdentityAssertion assertion_of(const store::AccountRecord& account, const std::string& home_node,
                               const std::string& case_ref, std::int64_t now_ms);

// Verifies and parses the two members of `payload`; federation::MessageRejected("assertion_invalid") when the
// signature does not verify with home_key or the text is not a complete assertion.
IdentityAssertion verified_assertion(const boost::json::object& payload, const federation::PublicKey& home_key);

}  // namespace tongban::crossborder
