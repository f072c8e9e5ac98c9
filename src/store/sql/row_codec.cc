#include "store/sql/row_codec.h"

#include <boost/json.hpp>
#include <optional>
#include <string>

#include "domain/calendar_date.h"
#include "store/store_error.h"

namespace tongban::store::sql {
namespace {

template <typename T>
T decoded(std::optional<T> value, std::string_view what, std::string_view text) {
  if (!value) throw StoreUnavailable("damaged row: " + std::string(what) + " '" + std::string(text) + "'");
  return *value;
}

std::optional<std::string> date_text(const std::optional<domain::CalendarDate>& date) {
  if (!date) return std::nullopt;
  return domain::format_date(*date);
}

std::optional<domain::CalendarDate> read_date(const Statement& row, int column) {
  if (row.is_null(column)) return std::nullopt;
  std::string text = row.text(column);
  return decoded(std::optional(domain::parse_date(text)), "date", text);
}

// Material ids joined by single spaces (ids match [a-z0-9_.]+, so a space never occurs in one).
std::string words_text(const std::vector<std::string>& words) {
  std::string text;
  for (const auto& word : words) text += (text.empty() ? "" : " ") + word;
  return text;
}

std::vector<std::string> read_words(const std::string& text) {
  std::vector<std::string> words;
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t end = text.find(' ', at);
    if (end == std::string::npos) end = text.size();
    if (end > at) words.push_back(text.substr(at, end - at));
    at = end + 1;
  }
  return words;
}

std::string materials_json(const std::vector<domain::CaseMaterial>& materials) {
  boost::json::array array;
  for (const auto& material : materials) {
    boost::json::object object{{"material_id", material.material_id}, {"blob_sha256", material.blob_sha256}};
    if (!material.file_name.empty()) object["file_name"] = material.file_name;
    array.push_back(std::move(object));
  }
  return boost::json::serialize(array);
}

std::vector<domain::CaseMaterial> read_materials(const std::string& text) {
  std::vector<domain::CaseMaterial> materials;
  try {
    const boost::json::value parsed = boost::json::parse(text);  // kept alive for the loop
    for (const auto& value : parsed.as_array()) {
      const auto& object = value.as_object();
      const auto* file_name = object.if_contains("file_name");
      materials.push_back({std::string(object.at("material_id").as_string()),
                           std::string(object.at("blob_sha256").as_string()),
                           file_name && file_name->is_string() ? std::string(file_name->as_string()) : ""});
    }
  } catch (const std::exception& error) {
    throw StoreUnavailable("damaged row: materials_json: " + std::string(error.what()));
  }
  return materials;
}

}  // namespace

domain::CaseState decode_state(std::string_view word) {
  return decoded(domain::parse_case_state(word), "case state", word);
}

AccountRecord read_account(const Statement& row) {
  AccountRecord account;
  account.id = row.text(0);
  account.kind = row.text(1);
  account.login = row.text(2);
  account.display_name = row.text(3);
  account.password_hash = row.text(4);
  std::string role = row.text(5);
  account.role = decoded(domain::parse_role(role), "role", role);
  account.authority = row.text(6);
  account.service_point = row.text(7);
  account.id_document_type = row.text(8);
  account.id_document_number = row.text(9);
  account.created_at_ms = row.integer(10);
  account.disabled = row.integer(11) != 0;
  account.organisation = row.text(12);
  return account;
}

void bind_account(Statement& statement, const AccountRecord& account) {
  statement.bind(1, account.id)
      .bind(2, account.kind)
      .bind(3, account.login)
      .bind(4, account.display_name)
      .bind(5, account.password_hash)
      .bind(6, domain::to_string(account.role))
      .bind(7, account.authority)
      .bind(8, account.service_point)
      .bind(9, account.id_document_type)
      .bind(10, account.id_document_number)
      .bind(11, account.created_at_ms)
      .bind(12, account.disabled)
      .bind(13, account.organisation);
}

SessionRecord read_session(const Statement& row) {
  return {row.text(0), row.text(1), row.integer(2), row.integer(3), row.integer(4) != 0};
}

BlobRecord read_blob_record(const Statement& row) {
  return {row.text(0), row.integer(1), row.text(2), row.integer(3)};
}

domain::Case read_case(const Statement& row) {
  domain::Case kase;
  kase.id = row.text(0);
  kase.item_code = row.text(1);
  kase.applicant_id = row.text(2);
  std::string mode = row.text(3);
  kase.mode = decoded(domain::parse_handling_mode(mode), "handling mode", mode);
  std::string channel = row.text(4);
  kase.channel = decoded(domain::parse_channel(channel), "channel", channel);
  kase.intake_point = row.text(5);
  kase.authority = row.text(6);
  kase.jurisdiction = row.text(7);
  kase.form_json = row.text(8);
  kase.materials = read_materials(row.text(9));
  kase.state = decode_state(row.text(10));
  kase.version = row.integer(11);
  kase.created_at_ms = row.integer(12);
  kase.updated_at_ms = row.integer(13);
  kase.clock.started_on = read_date(row, 14);
  kase.clock.paused_on = read_date(row, 15);
  kase.clock.paused_working_days = static_cast<int>(row.integer(16));
  kase.clock.legal_due = read_date(row, 17);
  kase.clock.promised_due = read_date(row, 18);
  kase.delivery_method = row.text(19);
  kase.delivery_address = row.text(20);
  kase.result_note = row.text(21);
  kase.supplement_materials = read_words(row.text(22));
  return kase;
}

void bind_case(Statement& statement, const domain::Case& kase) {
  statement.bind(1, kase.id)
      .bind(2, kase.item_code)
      .bind(3, kase.applicant_id)
      .bind(4, domain::to_string(kase.mode))
      .bind(5, domain::to_string(kase.channel))
      .bind(6, kase.intake_point)
      .bind(7, kase.authority)
      .bind(8, kase.jurisdiction)
      .bind(9, kase.form_json)
      .bind(10, materials_json(kase.materials))
      .bind(11, domain::to_string(kase.state))
      .bind(12, kase.version)
      .bind(13, kase.created_at_ms)
      .bind(14, kase.updated_at_ms)
      .bind(15, date_text(kase.clock.started_on))
      .bind(16, date_text(kase.clock.paused_on))
      .bind(17, kase.clock.paused_working_days)
      .bind(18, date_text(kase.clock.legal_due))
      .bind(19, date_text(kase.clock.promised_due))
      .bind(20, kase.delivery_method)
      .bind(21, kase.delivery_address)
      .bind(22, kase.result_note)
      .bind(23, words_text(kase.supplement_materials));
}

domain::Event read_event(const Statement& row) {
  domain::Event event;
  event.sequence = row.integer(0);
  event.case_id = row.text(1);
  event.actor_id = row.text(2);
  std::string role = row.text(3);
  event.actor_role = decoded(domain::parse_role(role), "role", role);
  std::string action = row.text(4);
  event.action = decoded(domain::parse_case_action(action), "case action", action);
  event.from_state = decode_state(row.text(5));
  event.to_state = decode_state(row.text(6));
  event.note = row.text(7);
  event.at_ms = row.integer(8);
  event.prev_hash = row.text(9);
  event.hash = row.text(10);
  event.actor_organisation = row.text(11);
  return event;
}

void bind_event(Statement& statement, const domain::Event& event) {
  statement.bind(1, event.sequence)
      .bind(2, event.case_id)
      .bind(3, event.actor_id)
      .bind(4, domain::to_string(event.actor_role))
      .bind(5, domain::to_string(event.action))
      .bind(6, domain::to_string(event.from_state))
      .bind(7, domain::to_string(event.to_state))
      .bind(8, event.note)
      .bind(9, event.at_ms)
      .bind(10, event.prev_hash)
      .bind(11, event.hash)
      .bind(12, event.actor_organisation);
}

CatalogVersion read_catalog(const Statement& row) {
  return {row.integer(0), row.integer(1), row.text(2), row.text(3), row.text(4)};
}

CalendarRecord read_calendar(const Statement& row) {
  return {row.text(0), row.text(1), row.integer(2)};
}

}  // namespace tongban::store::sql
