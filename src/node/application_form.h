// The application form of a case, checked against the item's form fields (catalog FormField).
//
// check_application_form() reads the applicant's answers (a JSON object: field id -> value), checks each against
// its field's type and rules, and returns the answers in canonical form plus every problem found (field paths are
// "form.<field id>"). Unknown field ids are problems too. Patterns are matched with the snapshot's compiled ones
// (catalog/field_patterns.h: pass the FieldPatterns of the catalog the item comes from), so checking a form never
// compiles a regular expression. minimum_data() keeps only the fields marked
// crosses_border: what may travel to another jurisdiction's node with a forwarded case.
//
// Joint parts (docs/cross-border.md, "Joint handling"): the application of a joint case also carries, for each
// grouped item of another jurisdiction, what that item requires — its crosses_border answers keyed
// "<item code>.<field id>" in the form and its materials "<item code>.<material id>" (field and material ids match
// [a-z0-9_]+, so a '.' always marks a part). A field of the other item with the same id as one of the case's own
// fields takes the case's answer unless the part gives its own; materials never stand in for each other.
#pragma once

#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/field_patterns.h"
#include "domain/calendar_date.h"
#include "domain/case.h"
#include "domain/catalog.h"
#include "domain/problem.h"

namespace tongban::node {

struct CheckedForm {
  boost::json::object answers;  // canonical: trimmed strings, ID numbers normalised
  std::vector<domain::FieldError> problems;
  bool ok() const { return problems.empty(); }
};

// A date answer: "DD/MM/YYYY" (also D/M/YYYY, as written in Macao and Hong Kong) or "YYYY-MM-DD", spaces around
// ignored; nullopt unless it names a real calendar day. A checked date answer is stored as "YYYY-MM-DD".
std::optional<domain::CalendarDate> parse_answer_date(std::string_view text);

CheckedForm check_application_form(const domain::Item& item, const boost::json::object& answers,
                                   const catalog::FieldPatterns& patterns);
boost::json::object minimum_data(const domain::Item& item, const boost::json::object& answers);

// The item code of a part's key ("MO-FSS-006" of "MO-FSS-006.postal_address"), "" for a key of the case's own item.
std::string_view part_item_of(std::string_view key);
// The item codes that the answers' keys and the materials' ids name as parts, each once, in order of appearance.
std::vector<std::string> part_items(const boost::json::object& answers,
                                    const std::vector<domain::CaseMaterial>& materials);
// The answers without any part's keys: what the case's own item is checked against.
boost::json::object own_answers(const boost::json::object& answers);

// One part checked against its item: the answers (unprefixed, canonical; own answers standing in as said above)
// and the materials (unprefixed ids) that travel to the item's node, and every problem, its path naming the item
// ("form.<item>.<field>", "materials.<item>.<material>").
struct CheckedPart {
  boost::json::object answers;
  std::vector<domain::CaseMaterial> materials;
  std::vector<domain::FieldError> problems;
  bool ok() const { return problems.empty(); }
};
// `answers` and `materials` are the whole case's (own and every part's). The part's answers are checked against
// the item's crosses_border fields (every required one required); each part material must be one the item asks
// for; with `submitting`, each required material of the item must be there.
CheckedPart check_joint_part(const domain::Item& item, const boost::json::object& answers,
                             const std::vector<domain::CaseMaterial>& materials, bool submitting,
                             const catalog::FieldPatterns& patterns);

}  // namespace tongban::node
