#include "api/case_json.h"

#include <boost/json/parse.hpp>

namespace tongban::api {
namespace {

boost::json::value date_or_null(const std::optional<domain::CalendarDate>& date) {
  if (!date) return nullptr;
  return boost::json::value(domain::format_date(*date));
}

}  // namespace

std::string case_etag(const domain::Case& kase) {
  return "\"" + std::to_string(kase.version) + "\"";
}

boost::json::object case_to_json(const domain::Case& kase, const std::vector<domain::CaseAction>& actions,
                                 const node::CaseTiming& timing) {
  boost::json::array materials;
  for (const auto& material : kase.materials)
    materials.push_back({{"material_id", material.material_id}, {"blob", material.blob_sha256}});
  boost::json::array requested;
  for (const auto& id : kase.supplement_materials) requested.push_back(boost::json::string(id));
  boost::json::array allowed;
  for (auto action : actions) allowed.push_back(boost::json::string(domain::to_string(action)));
  boost::json::array unofficial_years;
  for (int year : timing.unofficial_years) unofficial_years.push_back(year);
  boost::system::error_code ec;
  boost::json::value form = boost::json::parse(kase.form_json.empty() ? "{}" : kase.form_json, ec);
  if (ec) form = boost::json::object();
  return {
      {"id", kase.id},
      {"item_code", kase.item_code},
      {"applicant_id", kase.applicant_id},
      {"mode", domain::to_string(kase.mode)},
      {"channel", domain::to_string(kase.channel)},
      {"intake_point", kase.intake_point},
      {"authority", kase.authority},
      {"jurisdiction", kase.jurisdiction},
      {"state", domain::to_string(kase.state)},
      {"version", kase.version},
      {"created_at_ms", kase.created_at_ms},
      {"updated_at_ms", kase.updated_at_ms},
      {"form", std::move(form)},
      {"materials", std::move(materials)},
      {"deadline",
       {{"accepted_on", date_or_null(kase.clock.started_on)},
        {"legal_due", date_or_null(kase.clock.legal_due)},
        {"legal_due_provisional", timing.legal_due_provisional},
        {"promised_due", date_or_null(kase.clock.promised_due)},
        {"promised_due_provisional", timing.promised_due_provisional},
        {"unofficial_years", std::move(unofficial_years)},
        {"paused_since", date_or_null(kase.clock.paused_on)},
        {"paused_working_days", kase.clock.paused_working_days},
        {"status", timing.status},
        {"working_days_left", timing.working_days_left}}},
      {"delivery", {{"method", kase.delivery_method}, {"address", kase.delivery_address}}},
      {"result_note", kase.result_note},
      {"supplement_materials", std::move(requested)},
      {"available_actions", std::move(allowed)},
  };
}

boost::json::object event_to_json(const domain::Event& event) {
  boost::json::object json{
      {"sequence", event.sequence},
      {"case_id", event.case_id},
      {"actor_id", event.actor_id},
      {"actor_role", domain::to_string(event.actor_role)},
      {"action", domain::to_string(event.action)},
      {"from_state", domain::to_string(event.from_state)},
      {"to_state", domain::to_string(event.to_state)},
      {"note", event.note},
      {"at_ms", event.at_ms},
      {"hash", event.hash},
  };
  if (!event.actor_organisation.empty()) json["actor_organisation"] = event.actor_organisation;
  return json;
}

}  // namespace tongban::api
