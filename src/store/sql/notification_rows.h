// The notification tables of the SQL stores (schema version 9): the notification outbox (one row per event, channel
// and recipient) and the applicants' notification preferences. Queries and writes as free functions over a
// Connection, shared by SqlReads (both readers) and SqlTransaction. Record meanings: store/store.h
// (NotificationRecord, NotificationPreferencesRecord); the rules that fill them: node/notifier.h.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/sql/connection.h"
#include "store/store.h"

namespace tongban::store::sql {

std::optional<NotificationRecord> query_notification(Connection& connection, std::string_view id);
std::vector<NotificationRecord> query_notifications_of(Connection& connection, std::string_view recipient,
                                                       std::string_view channel, int limit);
std::vector<NotificationRecord> query_case_notifications(Connection& connection, std::string_view case_id);
std::vector<NotificationRecord> query_recent_notifications(Connection& connection, std::string_view recipient,
                                                           std::string_view channel, std::int64_t since_ms);
std::vector<NotificationRecord> query_due_notifications(Connection& connection, std::int64_t now_ms, int limit);
std::int64_t query_unread_notifications(Connection& connection, std::string_view recipient);
std::optional<NotificationPreferencesRecord> query_notification_preferences(Connection& connection,
                                                                            std::string_view account_id);

bool insert_notification_row(Connection& connection, const NotificationRecord& notification);
std::vector<NotificationRecord> lease_due_notification_rows(Connection& connection, std::int64_t now_ms, int limit,
                                                            std::int64_t lease_until_ms);
void record_notification_result_row(Connection& connection, std::string_view id, NotificationStatus status,
                                    bool settled, std::int64_t next_attempt_at_ms, std::string_view error,
                                    std::string_view provider_reference, std::int64_t at_ms);
void mark_notification_read_row(Connection& connection, std::string_view id, std::string_view recipient,
                                std::int64_t at_ms);
void write_notification_preferences(Connection& connection, const NotificationPreferencesRecord& preferences);

}  // namespace tongban::store::sql
