#include "crossborder/case_transfer.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "crossborder/case_refs.h"
#include "domain/audit_chain.h"
#include "federation/message_handler.h"

namespace tongban::crossborder {

boost::json::object crossing_form(const domain::Item& item, const std::string& form_json) {
  boost::json::object all = boost::json::parse(form_json).as_object();
  boost::json::object out;
  for (const auto& field : item.form)
    if (field.crosses_border && all.contains(field.id)) out[field.id] = all[field.id];
  return out;
}

boost::json::array materials_json(const std::vector<domain::CaseMaterial>& materials) {
  boost::json::array out;
  for (const auto& material : materials)
    out.push_back({{"material_id", material.material_id}, {"blob_sha256", material.blob_sha256}});
  return out;
}

std::vector<std::string> blob_ids(const std::vector<domain::CaseMaterial>& materials) {
  std::vector<std::string> ids;
  for (const auto& material : materials)
    if (std::find(ids.begin(), ids.end(), material.blob_sha256) == ids.end()) ids.push_back(material.blob_sha256);
  return ids;
}

std::vector<domain::CaseMaterial> read_materials(const PayloadReader& payload,
                                                 const std::vector<federation::BlobReference>& blobs) {
  std::vector<domain::CaseMaterial> materials;
  for (const auto& entry : payload.list("materials")) {
    if (!entry.is_object()) reject_payload("'materials' entries must be objects");
    PayloadReader material(entry.as_object());
    domain::CaseMaterial m{material.text("material_id"), material.text("blob_sha256")};
    bool carried = false;
    for (const auto& blob : blobs) carried = carried || blob.sha256 == m.blob_sha256;
    if (!carried)
      throw federation::MessageRejected("blob_missing", "material " + m.material_id + " names a blob not carried");
    materials.push_back(std::move(m));
  }
  return materials;
}

domain::Case incoming_case(const domain::Item& item, const OriginRef& from, domain::HandlingMode mode,
                           domain::Channel fallback, const PayloadReader& payload, const boost::json::object& form,
                           const std::vector<federation::BlobReference>& blobs, domain::CaseState state,
                           std::int64_t now_ms) {
  domain::Case kase;
  kase.item_code = item.code;
  kase.applicant_id = remote_party(from);
  kase.mode = mode;
  kase.channel = domain::parse_channel(payload.text("channel")).value_or(fallback);
  kase.authority = item.authority;
  kase.jurisdiction = item.jurisdiction;
  kase.form_json = boost::json::serialize(form);
  kase.materials = read_materials(payload, blobs);
  kase.delivery_method = payload.text_or("delivery_method", "");
  kase.state = state;
  kase.created_at_ms = kase.updated_at_ms = now_ms;
  return kase;
}

boost::json::object consent_json(const domain::Case& kase) {
  return {{"to_transfer", true}, {"recorded_at_ms", kase.created_at_ms}, {"recorded_by", "applicant"}};
}

boost::json::array history_json(const store::Reader& reader, const std::string& case_id, std::string_view node_id) {
  boost::json::array history;
  for (const auto& event : reader.list_events(case_id)) history.push_back(event_json(event, node_id));
  return history;
}

void append_travelled_event(store::Transaction& tx, const std::string& case_id, const PayloadReader& event,
                            std::string_view peer, const std::string& note_prefix) {
  domain::Event e;
  e.case_id = case_id;
  e.actor_id = travelled_actor(peer, event.text("actor"));
  e.actor_role = event.role("actor_role");
  e.action = event.action("action");
  e.from_state = event.state("from_state");
  e.to_state = event.state("to_state");
  e.note = note_prefix + event.text_or("note", "");
  e.at_ms = event.integer("at_ms");
  tx.seal_and_append(e, domain::seal);
}

void replay_history(store::Transaction& tx, const std::string& case_id, const boost::json::array& history,
                    std::string_view peer, const std::string& note_prefix) {
  for (const auto& entry : history) {
    if (!entry.is_object()) reject_payload("'history' entries must be objects");
    append_travelled_event(tx, case_id, PayloadReader(entry.as_object()), peer, note_prefix);
  }
}

std::string remote_tag(std::string_view node, std::string_view case_id) {
  return "[remote " + std::string(node) + " " + std::string(case_id) + "] ";
}

boost::json::object clock_json(const domain::CaseClock& clock) {
  auto date = [](const std::optional<domain::CalendarDate>& d) { return d ? domain::format_date(*d) : std::string(); };
  return {{"started_on", date(clock.started_on)},
          {"paused_on", date(clock.paused_on)},
          {"legal_due", date(clock.legal_due)},
          {"promised_due", date(clock.promised_due)},
          {"paused_working_days", clock.paused_working_days}};
}

std::vector<std::string> data_categories(const boost::json::object& form,
                                         const std::vector<domain::CaseMaterial>& materials) {
  std::vector<std::string> categories{"case"};
  if (!form.empty()) categories.push_back("personal");
  if (!materials.empty()) categories.push_back("documents");
  return categories;
}

boost::json::object supplement_payload(const domain::Case& before, const domain::Case& after,
                                       const domain::Event& event, const store::Store& store,
                                       std::string_view self_node) {
  std::vector<domain::CaseMaterial> added;
  for (const auto& material : after.materials) {
    bool known = false;
    for (const auto& old : before.materials) known = known || old.blob_sha256 == material.blob_sha256;
    if (!known) added.push_back(material);
  }
  return {{"event", event_json(event, self_node)},
          {"materials", materials_json(added)},
          {"blobs", federation::blob_references(store, blob_ids(added))}};
}

}  // namespace tongban::crossborder
