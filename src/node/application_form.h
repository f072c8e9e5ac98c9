// The application form of a case, checked against the item's form fields (catalog FormField).
//
// check_application_form() reads the applicant's answers (a JSON object: field id -> value), checks each against
// its field's type and rules, and returns the answers in canonical form plus every problem found (field paths are
// "form.<field id>"). Unknown field ids are problems too. minimum_data() keeps only the fields marked
// crosses_border: what may travel to another jurisdiction's node with a forwarded case.
#pragma once

#include <boost/json/object.hpp>
#include <string>
#include <vector>

#include "domain/catalog.h"
#include "domain/problem.h"

namespace tongban::node {

struct CheckedForm {
  boost::json::object answers;  // canonical: trimmed strings, ID numbers normalised
  std::vector<domain::FieldError> problems;
  bool ok() const { return problems.empty(); }
};

CheckedForm check_application_form(const domain::Item& item, const boost::json::object& answers);
boost::json::object minimum_data(const domain::Item& item, const boost::json::object& answers);

}  // namespace tongban::node
