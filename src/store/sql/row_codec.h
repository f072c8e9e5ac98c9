// How each stored record maps to the columns of its table: the column list to SELECT / INSERT, a reader that
// turns a result row (columns in that order, from 0) into the record, and a binder that binds the record to
// parameters 1..N in the same order. Enums are stored as their domain words ("submitted", "reviewer"), dates as
// "YYYY-MM-DD", a case's materials as a JSON array. A row that does not decode (an unknown word, bad JSON) throws
// StoreUnavailable: the file was damaged or written by something else.
#pragma once

#include <string_view>

#include "domain/case.h"
#include "store/sql/connection.h"
#include "store/store.h"

namespace tongban::store::sql {

inline constexpr std::string_view kAccountColumns =
    "id, kind, login, display_name, password_hash, role, authority, service_point, id_document_type, "
    "id_document_number, created_at_ms, disabled, organisation";
inline constexpr int kAccountColumnCount = 13;
AccountRecord read_account(const Statement& row);
void bind_account(Statement& statement, const AccountRecord& account);

inline constexpr std::string_view kSessionColumns = "token_hash, account_id, created_at_ms, expires_at_ms, revoked";
SessionRecord read_session(const Statement& row);

inline constexpr std::string_view kBlobColumns = "sha256, size, media_type, created_at_ms";
BlobRecord read_blob_record(const Statement& row);

inline constexpr std::string_view kCaseColumns =
    "id, item_code, applicant_id, mode, channel, intake_point, authority, jurisdiction, form_json, materials_json, "
    "state, version, created_at_ms, updated_at_ms, clock_started_on, clock_paused_on, clock_paused_working_days, "
    "clock_legal_due, clock_promised_due, delivery_method, delivery_address, result_note, supplement_materials";
inline constexpr int kCaseColumnCount = 23;
domain::Case read_case(const Statement& row);
void bind_case(Statement& statement, const domain::Case& kase);

inline constexpr std::string_view kEventColumns =
    "sequence, case_id, actor_id, actor_role, action, from_state, to_state, note, at_ms, prev_hash, hash, "
    "actor_organisation";
inline constexpr int kEventColumnCount = 12;
domain::Event read_event(const Statement& row);
void bind_event(Statement& statement, const domain::Event& event);

inline constexpr std::string_view kCatalogColumns = "id, imported_at_ms, source, format, content";
CatalogVersion read_catalog(const Statement& row);

inline constexpr std::string_view kCalendarColumns = "jurisdiction, ics, updated_at_ms";
CalendarRecord read_calendar(const Statement& row);

// "submitted" -> CaseState::submitted; StoreUnavailable for a word the domain does not know.
domain::CaseState decode_state(std::string_view word);

}  // namespace tongban::store::sql
