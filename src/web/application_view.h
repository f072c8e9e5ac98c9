// The application form of an item as a page sees it: answers read from the posted fields "form.<field id>" (an
// identity document as "form.<id>.type" and "form.<id>.number"), uploads from "material.<material id>" files or
// already-stored "blob.<material id>" hashes, and the template data of the form with each field's error.
//
// Validation is the node's (node::check_application_form, CaseDesk); this only converts browser text to the JSON
// the node checks: a number field's text becomes a number when it is one (else stays text, which the node refuses
// with its "type" rule), a checkbox becomes true/false, an empty optional field is left out.
#pragma once

#include <boost/json/object.hpp>
#include <string>
#include <vector>

#include "domain/catalog.h"
#include "http/problem_response.h"
#include "web/page_context.h"

namespace tongban::web {

boost::json::object answers_from_form(const domain::Item& item, const FormInput& form);
// Stores each uploaded material file as a blob; returns every material given (uploads and "blob.<id>" fields).
// Uploads over the node's blob limit, and unknown material ids, become errors.
std::vector<domain::CaseMaterial> materials_from_form(Page& page, const domain::Item& item,
                                                      std::vector<domain::FieldError>& errors);
// Template data: "fields" (label, input kind, value, error, choices), "materials" (name, required, stored blob,
// error), "errors" (the summary, linking to each field) and "has_errors".
Data application_data(const Page& page, const domain::Item& item, const std::vector<domain::CaseMaterial>& materials,
                      const std::vector<domain::FieldError>& errors);

}  // namespace tongban::web
