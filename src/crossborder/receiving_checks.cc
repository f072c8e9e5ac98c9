#include "crossborder/receiving_checks.h"

#include <algorithm>

#include "federation/message_handler.h"
#include "node/application_form.h"

namespace tongban::crossborder {

using federation::MessageRejected;

bool hosts_item(ZoneSource zones, std::string_view host, const domain::Item& item) {
  return std::any_of(zones.begin(), zones.end(), [&](const domain::Zone& zone) {
    return zone.host_jurisdiction == host && zone.owner_jurisdiction == item.jurisdiction &&
           std::find(zone.items.begin(), zone.items.end(), item.code) != zone.items.end();
  });
}

void require_exact_consent(const PayloadReader& payload) {
  const auto* consent = payload.object().if_contains("consent");
  const auto* given = consent && consent->is_object() ? consent->as_object().if_contains("to_transfer") : nullptr;
  if (!given || !given->is_bool() || !given->as_bool())
    throw MessageRejected("consent_missing",
                          "a case crossing the border must carry consent.to_transfer = true (a JSON boolean)");
}

void require_hosted(ZoneSource zones, std::string_view sender, const domain::Item& item) {
  if (!hosts_item(zones, sender, item))
    throw MessageRejected("not_hosted",
                          "item " + item.code + " is offered in no zone hosted by " + std::string(sender));
}

void require_sender_point(const domain::Catalog& catalog, std::string_view sender, std::string_view intake_point,
                          const domain::Item& item) {
  const domain::ServicePoint* point = catalog.find_service_point(intake_point);
  if (!point || point->jurisdiction != sender || !catalog.point_accepts_item(*point, item))
    throw MessageRejected("intake_point_foreign", "intake point '" + std::string(intake_point) +
                                                      "' is not a service point of " + std::string(sender) +
                                                      " taking in " + item.code);
}

boost::json::object checked_travelling_form(const domain::Item& item, const boost::json::object& form,
                                            const catalog::FieldPatterns& patterns) {
  domain::Item travelling = item;
  std::erase_if(travelling.form, [](const domain::FormField& field) { return !field.crosses_border; });
  node::CheckedForm checked = node::check_application_form(travelling, form, patterns);
  if (checked.ok()) return checked.answers;
  std::string detail = "the form breaks the rules of " + item.code + ":";
  for (const auto& problem : checked.problems) detail += " " + problem.field + " (" + problem.rule + ")";
  throw MessageRejected("form_invalid", detail);
}

void require_item_materials(const domain::Item& item, const std::vector<domain::CaseMaterial>& materials) {
  std::string problems;
  for (const auto& given : materials)
    if (std::none_of(item.materials.begin(), item.materials.end(),
                     [&](const domain::Material& m) { return m.id == given.material_id; }))
      problems += " materials." + given.material_id + " (unknown_material)";
  for (const auto& material : item.materials)
    if (material.required && std::none_of(materials.begin(), materials.end(),
                                          [&](const domain::CaseMaterial& m) { return m.material_id == material.id; }))
      problems += " materials." + material.id + " (required)";
  if (!problems.empty())
    throw MessageRejected("form_invalid", "the materials break the rules of " + item.code + ":" + problems);
}

void require_possible_transition(const domain::Case& copy, domain::CaseAction action, domain::CaseState from,
                                 domain::CaseState to, domain::RoleSet roles) {
  if (from == to && to == copy.state) return;  // a note: nothing changes
  for (const auto& rule : domain::transition_table()) {
    if (rule.from != copy.state || rule.action != action || rule.to != to) continue;
    if (!domain::mode_in_scope(rule.modes, copy.mode)) continue;
    for (domain::Role role :
         {domain::Role::applicant, domain::Role::clerk, domain::Role::reviewer, domain::Role::admin})
      if (rule.roles.contains(role) && roles.contains(role)) return;
  }
  throw MessageRejected("impossible_transition",
                        "case " + copy.id + " in state " + std::string(domain::to_string(copy.state)) +
                            " cannot follow a remote '" + std::string(domain::to_string(action)) + "' to " +
                            std::string(domain::to_string(to)));
}

}  // namespace tongban::crossborder
