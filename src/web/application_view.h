// The application form of an item as a page sees it: answers read from the posted fields "form.<field id>" (an
// identity document as "form.<id>.type" and "form.<id>.number"), uploads from "material.<material id>" files or
// already-stored "blob.<material id>" hashes (with their file names in "file.<material id>"), and the template data
// of the form with each field's error in the page's language.
//
// Validation is the node's (node::check_application_form, CaseDesk); this only converts browser text to the JSON
// the node checks: a number field's text becomes a number when it is one (else stays text, which the node refuses
// with its "type" rule), a checkbox becomes true/false, an empty optional field is left out.
//
// What the template gets per field: label, input kind (is_<type>), value, the HTML autocomplete token when the
// field's purpose is known (name, tel, email, bday, street-address, organization), a hint, the choices with their
// catalog labels, the answer as a person reads it ("display": a choice's label, Yes/No, the document type and
// number), and the error. A first view may be prefilled from the signed-in account (name, identity document).
#pragma once

#include <boost/json/object.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "domain/catalog.h"
#include "http/problem_response.h"
#include "web/page_context.h"

namespace tongban::web {

// The boolean field that is the applicant's consent to send their data (catalog-format.md): the applicant's own
// pages ask it once, on the check-your-answers page.
inline constexpr std::string_view kConsentField = "consent_transfer";
bool is_consent_field(const domain::FormField& field);

struct FormView {
  bool consent_on_check_page = false;             // leave the consent field out of the form (asked on the check page)
  const store::AccountRecord* prefill = nullptr;  // a first view: name and identity document from this account
};

boost::json::object answers_from_form(const domain::Item& item, const FormInput& form);

// Opens the case of a checked application (applicant's submit, clerk's intake): the Idempotency-Key is key_prefix +
// the form's "attempt" (when 1–64 characters), the request fingerprint the answers and materials keyed by the node
// secret, so a resubmitted page makes no second case. Throws what CaseDesk::open throws.
node::CaseOpening open_checked_application(Page& page, const node::CaseApplication& application,
                                           std::string_view key_prefix);
// Stores each uploaded material file as a blob; returns every material given (uploads and "blob.<id>" fields).
// Uploads over the node's blob limit, of a type other than PDF, PNG or JPEG, and unknown material ids, become errors.
std::vector<domain::CaseMaterial> materials_from_form(Page& page, const domain::Item& item,
                                                      std::vector<domain::FieldError>& errors);
// Template data: "fields", "materials" (name, required, stored blob and file name, upload hint, error), "errors"
// (the summary, linking to each field) and "has_errors".
Data application_data(const Page& page, const domain::Item& item, const std::vector<domain::CaseMaterial>& materials,
                      const std::vector<domain::FieldError>& errors, const FormView& view = {});

// A field error in the page's language: the node's message translated, with the field's own limits put into the
// messages that carry a number (min_length, max_length, min_value, max_value).
std::string field_error_message(const Page& page, const domain::Item& item, const domain::FieldError& error);
// "{name}" in text replaced by value (the page catalogs' messages with a slot).
std::string fill(std::string text, std::string_view name, std::string_view value);
// The upload hint: accepted types and the node's size limit, in the page's language.
std::string upload_hint(const Page& page);
// A file name as a person may see it: no path, no control characters, at most 120 characters.
std::string clean_file_name(std::string_view name);

}  // namespace tongban::web
