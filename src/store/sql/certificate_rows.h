// The e-certificate tables of the SQL stores (schema version 8): certificates, certificate_status_changes,
// certificate_status_lists. Queries and writes as free functions over a Connection, shared by SqlReads (both
// readers) and SqlTransaction. Record meanings: store/certificate_records.h.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "store/sql/connection.h"
#include "store/store.h"

namespace tongban::store::sql {

// The certificate whose `column` ("id" or "case_id") equals value.
std::optional<CertificateRecord> query_certificate(Connection& connection, std::string_view column,
                                                   std::string_view value);
std::vector<CertificateRecord> query_certificates_of_holder(Connection& connection, std::string_view account_id);
std::vector<std::pair<std::string, std::string>> query_certificate_statuses(Connection& connection);
std::vector<CertificateStatusChange> query_certificate_status_changes(Connection& connection,
                                                                      std::string_view certificate_id);
std::optional<StatusListRecord> query_status_list(Connection& connection, std::string_view issuer_node);

std::int64_t next_certificate_serial_row(Connection& connection);
void insert_certificate_row(Connection& connection, const CertificateRecord& certificate);
CertificateStatusChange change_certificate_status_row(Connection& connection, const CertificateStatusChange& change);
bool put_status_list_row(Connection& connection, const StatusListRecord& list);

}  // namespace tongban::store::sql
