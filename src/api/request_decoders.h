// The JSON request bodies of /api/v1/accounts, /api/v1/sessions and /api/v1/cases decoded into the node's requests.
//
// Each decoder reads the body strictly with JsonInput (json_input.h): every field named, every unknown field an
// error. On any problem it throws domain::ProblemError ("malformed-json" or "validation-failed" listing every field
// error); otherwise the returned request is complete as far as the body goes. Nothing is looked up or changed: the
// handlers in accounts.cc and cases.cc act on the result. Exposed (rather than kept inside the handlers) so the
// fuzz targets (fuzz/) can call exactly what the server runs.
#pragma once

#include <string>
#include <string_view>

#include "node/account_desk.h"
#include "node/case_desk.h"

namespace tongban::api {

struct SignInRequest {
  std::string login;
  std::string password;
};

// POST /api/v1/accounts
node::Registration decode_registration(std::string_view body);
// POST /api/v1/sessions
SignInRequest decode_sign_in(std::string_view body);
// POST /api/v1/cases
node::CaseApplication decode_case_application(std::string_view body);
// POST /api/v1/cases/{id}/actions; expected_version is left 0 (it comes from If-Match, not the body).
node::CaseActionRequest decode_case_action(std::string_view body);

}  // namespace tongban::api
