// JSON forms of cases and events as the API returns them (docs/api.md, openapi.json: Case, Event).
#pragma once

#include <boost/json/object.hpp>
#include <vector>

#include "domain/case.h"
#include "node/case_desk.h"

namespace tongban::api {

// `actions` are the actions the caller may take now; `timing` the deadline view.
boost::json::object case_to_json(const domain::Case& kase, const std::vector<domain::CaseAction>& actions,
                                 const node::CaseTiming& timing);
boost::json::object event_to_json(const domain::Event& event);
// The strong ETag of a case version: "\"<version>\"".
std::string case_etag(const domain::Case& kase);

}  // namespace tongban::api
