#include "store/sql/sql_reads.h"

#include <algorithm>
#include <charconv>
#include <stdexcept>

#include "store/sql/case_fact_rows.h"
#include "store/sql/certificate_rows.h"
#include "store/sql/channel_rows.h"
#include "store/sql/federation_rows.h"
#include "store/sql/kiosk_rows.h"
#include "store/sql/notice_rows.h"
#include "store/sql/notification_rows.h"
#include "store/sql/rating_rows.h"
#include "store/sql/region_aggregate_rows.h"
#include "store/sql/row_codec.h"
#include "store/sql/shipment_rows.h"

namespace tongban::store::sql {
namespace {

constexpr int kMaxPage = 500;

std::string select_from(std::string_view columns, std::string_view rest) {
  return "SELECT " + std::string(columns) + " " + std::string(rest);
}

template <typename R, typename Reader>
std::optional<R> one_row(Statement& statement, Reader reader) {
  if (!statement.step()) return std::nullopt;
  return reader(statement);
}

std::optional<AccountRecord> account_where(Connection& connection, std::string_view condition,
                                           std::initializer_list<std::string_view> values) {
  Statement statement =
      connection.prepare(select_from(kAccountColumns, "FROM accounts WHERE " + std::string(condition)));
  int index = 1;
  for (auto value : values) statement.bind(index++, value);
  return one_row<AccountRecord>(statement, read_account);
}

// Cursor "c<seq>": the case sequence number of the last case of the previous page.
std::int64_t cursor_position(const std::string& cursor) {
  if (cursor.empty()) return 0;
  std::int64_t position = 0;
  const char* begin = cursor.data() + 1;
  const char* end = cursor.data() + cursor.size();
  auto [ptr, error] = std::from_chars(begin, end, position);
  if (cursor[0] != 'c' || begin == end || error != std::errc() || ptr != end || position < 0) {
    throw std::invalid_argument("not a case list cursor: '" + cursor + "'");
  }
  return position;
}

CasePage query_cases(Connection& connection, const CaseFilter& filter) {
  const int limit = std::clamp(filter.limit, 1, kMaxPage);
  std::string sql = select_from(kCaseColumns, ", seq FROM cases WHERE seq > ?");
  std::vector<std::string> values;
  auto add = [&](const std::optional<std::string>& value, std::string_view column) {
    if (!value) return;
    sql += " AND " + std::string(column) + " = ?";
    values.push_back(*value);
  };
  add(filter.applicant_id, "applicant_id");
  add(filter.authority, "authority");
  add(filter.intake_point, "intake_point");
  add(filter.item_code, "item_code");
  if (!filter.states.empty()) {
    sql += " AND state IN (";
    for (std::size_t i = 0; i < filter.states.size(); ++i) {
      sql += i == 0 ? "?" : ", ?";
      values.emplace_back(domain::to_string(filter.states[i]));
    }
    sql += ")";
  }
  sql += " ORDER BY seq LIMIT ?";
  Statement statement = connection.prepare(sql);
  int index = 1;
  statement.bind(index++, cursor_position(filter.after));
  for (const auto& value : values) statement.bind(index++, std::string_view(value));
  statement.bind(index, limit + 1);

  CasePage page;
  std::int64_t last_seq = 0;
  while (statement.step()) {
    if (static_cast<int>(page.cases.size()) == limit) {
      page.next_cursor = "c" + std::to_string(last_seq);
      break;
    }
    page.cases.push_back(read_case(statement));
    last_seq = statement.integer(kCaseColumnCount);
  }
  return page;
}

std::int64_t count(Connection& connection, std::string_view sql, std::int64_t parameter = -1) {
  Statement statement = connection.prepare(sql);
  if (parameter >= 0) statement.bind(1, parameter);
  statement.step();
  return statement.integer(0);
}

StoreCounts count_all(Connection& connection, std::int64_t now_ms) {
  StoreCounts counts;
  counts.accounts = count(connection, "SELECT count(*) FROM accounts");
  counts.active_sessions =
      count(connection, "SELECT count(*) FROM sessions WHERE revoked = 0 AND expires_at_ms > ?", now_ms);
  counts.blobs = count(connection, "SELECT count(*) FROM blobs");
  counts.blob_bytes = count(connection, "SELECT coalesce(sum(size), 0) FROM blobs");
  counts.cases = count(connection, "SELECT count(*) FROM cases");
  counts.events = count(connection, "SELECT count(*) FROM events");
  Statement by_state = connection.prepare("SELECT state, count(*) FROM cases GROUP BY state ORDER BY state");
  while (by_state.step()) counts.cases_by_state.emplace_back(decode_state(by_state.text(0)), by_state.integer(1));
  return counts;
}

}  // namespace

std::optional<domain::Case> case_by_id(Connection& connection, std::string_view id) {
  Statement statement = connection.prepare(select_from(kCaseColumns, "FROM cases WHERE id = ?"));
  statement.bind(1, id);
  return one_row<domain::Case>(statement, read_case);
}

ChainHead chain_head_of(Connection& connection) {
  Statement statement = connection.prepare("SELECT sequence, hash FROM events ORDER BY sequence DESC LIMIT 1");
  if (!statement.step()) return {0, kGenesisHash};
  return {statement.integer(0), statement.text(1)};
}

template <typename Base>
std::optional<AccountRecord> SqlReads<Base>::find_account_by_id(std::string_view id) const {
  return read<std::optional<AccountRecord>>([&](Connection& c) { return account_where(c, "id = ?", {id}); });
}

template <typename Base>
std::optional<AccountRecord> SqlReads<Base>::find_account_by_login(std::string_view login) const {
  return read<std::optional<AccountRecord>>([&](Connection& c) { return account_where(c, "login = ?", {login}); });
}

template <typename Base>
std::optional<AccountRecord> SqlReads<Base>::find_account_by_document(std::string_view id_document_type,
                                                                      std::string_view id_document_number) const {
  if (id_document_number.empty()) return std::nullopt;
  return read<std::optional<AccountRecord>>([&](Connection& c) {
    return account_where(c, "id_document_type = ? AND id_document_number = ?", {id_document_type, id_document_number});
  });
}

template <typename Base>
std::optional<SessionRecord> SqlReads<Base>::find_session(std::string_view token_hash) const {
  return read<std::optional<SessionRecord>>([&](Connection& c) {
    Statement statement = c.prepare(select_from(kSessionColumns, "FROM sessions WHERE token_hash = ?"));
    statement.bind(1, token_hash);
    return one_row<SessionRecord>(statement, read_session);
  });
}

template <typename Base>
std::optional<BlobRecord> SqlReads<Base>::find_blob(std::string_view sha256) const {
  return read<std::optional<BlobRecord>>([&](Connection& c) {
    Statement statement = c.prepare(select_from(kBlobColumns, "FROM blobs WHERE sha256 = ?"));
    statement.bind(1, sha256);
    return one_row<BlobRecord>(statement, read_blob_record);
  });
}

template <typename Base>
bool SqlReads<Base>::blob_handed_in_by(std::string_view sha256, std::string_view account_id,
                                       std::string_view service_point) const {
  return read<bool>([&](Connection& c) {
    Statement statement = c.prepare(
        "SELECT 1 FROM blob_handlers WHERE sha256 = ? AND (account_id = ? OR (? <> '' AND service_point = ?)) LIMIT 1");
    statement.bind(1, sha256).bind(2, account_id).bind(3, service_point).bind(4, service_point);
    return statement.step();
  });
}

template <typename Base>
std::optional<domain::Case> SqlReads<Base>::find_case(std::string_view id) const {
  return read<std::optional<domain::Case>>([&](Connection& c) { return case_by_id(c, id); });
}

template <typename Base>
CasePage SqlReads<Base>::list_cases(const CaseFilter& filter) const {
  return read<CasePage>([&](Connection& c) { return query_cases(c, filter); });
}

template <typename Base>
std::optional<CaseInsertion> SqlReads<Base>::find_idempotent_case(std::string_view applicant_id,
                                                                  std::string_view key) const {
  return read<std::optional<CaseInsertion>>([&](Connection& c) -> std::optional<CaseInsertion> {
    Statement statement =
        c.prepare("SELECT case_id, fingerprint FROM case_idempotency WHERE applicant_id = ? AND key = ?");
    statement.bind(1, applicant_id).bind(2, key);
    if (!statement.step()) return std::nullopt;
    auto kase = case_by_id(c, statement.text(0));
    if (!kase) throw StoreUnavailable("damaged database: idempotency key points to missing case " + statement.text(0));
    return CaseInsertion{std::move(*kase), false, statement.text(1)};
  });
}

template <typename Base>
std::vector<domain::Event> SqlReads<Base>::list_events(std::string_view case_id) const {
  return read<std::vector<domain::Event>>([&](Connection& c) {
    Statement statement = c.prepare(select_from(kEventColumns, "FROM events WHERE case_id = ? ORDER BY sequence"));
    statement.bind(1, case_id);
    std::vector<domain::Event> events;
    while (statement.step()) events.push_back(read_event(statement));
    return events;
  });
}

template <typename Base>
ChainHead SqlReads<Base>::chain_head() const {
  return read<ChainHead>([](Connection& c) { return chain_head_of(c); });
}

template <typename Base>
std::optional<CatalogVersion> SqlReads<Base>::current_catalog() const {
  return read<std::optional<CatalogVersion>>([](Connection& c) {
    Statement statement = c.prepare(select_from(kCatalogColumns, "FROM catalog_versions ORDER BY id DESC LIMIT 1"));
    return one_row<CatalogVersion>(statement, read_catalog);
  });
}

template <typename Base>
std::optional<CalendarRecord> SqlReads<Base>::find_calendar(std::string_view jurisdiction) const {
  return read<std::optional<CalendarRecord>>([&](Connection& c) {
    Statement statement = c.prepare(select_from(kCalendarColumns, "FROM calendars WHERE jurisdiction = ?"));
    statement.bind(1, jurisdiction);
    return one_row<CalendarRecord>(statement, read_calendar);
  });
}

template <typename Base>
std::vector<CalendarRecord> SqlReads<Base>::list_calendars() const {
  return read<std::vector<CalendarRecord>>([](Connection& c) {
    Statement statement = c.prepare(select_from(kCalendarColumns, "FROM calendars ORDER BY jurisdiction"));
    std::vector<CalendarRecord> calendars;
    while (statement.step()) calendars.push_back(read_calendar(statement));
    return calendars;
  });
}

template <typename Base>
StoreCounts SqlReads<Base>::counts(std::int64_t now_ms) const {
  return read<StoreCounts>([&](Connection& c) { return count_all(c, now_ms); });
}

// Post.
template <typename Base>
std::optional<ShipmentRecord> SqlReads<Base>::find_shipment(std::string_view item_id) const {
  return read<std::optional<ShipmentRecord>>([&](Connection& c) { return query_shipment(c, item_id); });
}

template <typename Base>
std::vector<ShipmentRecord> SqlReads<Base>::list_case_shipments(std::string_view case_id) const {
  return read<std::vector<ShipmentRecord>>([&](Connection& c) { return query_case_shipments(c, case_id); });
}

template <typename Base>
std::vector<domain::ShipmentEvent> SqlReads<Base>::list_shipment_events(std::string_view item_id) const {
  return read<std::vector<domain::ShipmentEvent>>([&](Connection& c) { return query_shipment_events(c, item_id); });
}

template <typename Base>
std::vector<ShipmentTaskRecord> SqlReads<Base>::list_open_shipment_tasks(std::string_view service_point) const {
  return read<std::vector<ShipmentTaskRecord>>(
      [&](Connection& c) { return query_open_shipment_tasks(c, service_point); });
}

template <typename Base>
std::optional<KioskRecord> SqlReads<Base>::find_kiosk(std::string_view id) const {
  return read<std::optional<KioskRecord>>([&](Connection& c) { return query_kiosk(c, "id", id); });
}

template <typename Base>
std::optional<KioskRecord> SqlReads<Base>::find_kiosk_by_key(std::string_view key_hash) const {
  return read<std::optional<KioskRecord>>([&](Connection& c) { return query_kiosk(c, "key_hash", key_hash); });
}

template <typename Base>
std::vector<KioskRecord> SqlReads<Base>::list_kiosks() const {
  return read<std::vector<KioskRecord>>([](Connection& c) { return query_kiosks(c); });
}

template <typename Base>
std::optional<std::string> SqlReads<Base>::find_kiosk_pin(std::string_view account_id) const {
  return read<std::optional<std::string>>([&](Connection& c) { return query_kiosk_pin(c, account_id); });
}

template <typename Base>
std::vector<OutboxRecord> SqlReads<Base>::due_outbox_messages(std::int64_t now_ms, int limit) const {
  return read<std::vector<OutboxRecord>>([&](Connection& c) { return query_due_outbox(c, now_ms, limit); });
}

template <typename Base>
std::vector<OutboxRecord> SqlReads<Base>::due_outbox_messages_to(std::string_view peer, std::int64_t now_ms,
                                                                 int limit) const {
  return read<std::vector<OutboxRecord>>([&](Connection& c) { return query_due_outbox_to(c, peer, now_ms, limit); });
}

template <typename Base>
std::vector<OutboxRecord> SqlReads<Base>::list_outbox_messages(OutboxState state, int limit) const {
  return read<std::vector<OutboxRecord>>([&](Connection& c) { return query_outbox_in_state(c, state, limit); });
}

template <typename Base>
std::vector<InboxRecord> SqlReads<Base>::list_inbox_messages(InboxState state, int limit) const {
  return read<std::vector<InboxRecord>>([&](Connection& c) { return query_inbox_in_state(c, state, limit); });
}

template <typename Base>
std::optional<OutboxRecord> SqlReads<Base>::find_outbox_message(std::string_view message_id) const {
  return read<std::optional<OutboxRecord>>([&](Connection& c) { return query_outbox_message(c, message_id); });
}

template <typename Base>
std::optional<InboxRecord> SqlReads<Base>::find_inbox_message(std::string_view message_id) const {
  return read<std::optional<InboxRecord>>([&](Connection& c) { return query_inbox_message(c, message_id); });
}

template <typename Base>
std::optional<InboxRecord> SqlReads<Base>::find_held_message(std::string_view peer, std::string_view case_ref,
                                                             std::int64_t sequence) const {
  return read<std::optional<InboxRecord>>(
      [&](Connection& c) { return query_held_message(c, peer, case_ref, sequence); });
}

template <typename Base>
std::vector<InboxRecord> SqlReads<Base>::list_held_messages(int limit) const {
  return read<std::vector<InboxRecord>>([&](Connection& c) { return query_held_messages(c, limit); });
}

template <typename Base>
std::int64_t SqlReads<Base>::last_applied_sequence(std::string_view peer, std::string_view case_ref) const {
  return read<std::int64_t>([&](Connection& c) { return query_sequence(c, "in", peer, case_ref); });
}

template <typename Base>
std::vector<PeerQueue> SqlReads<Base>::outbox_queues() const {
  return read<std::vector<PeerQueue>>([](Connection& c) { return query_outbox_queues(c); });
}

template <typename Base>
ChainHead SqlReads<Base>::message_log_head() const {
  return read<ChainHead>([](Connection& c) { return query_message_log_head(c); });
}

template <typename Base>
void SqlReads<Base>::for_each_message_log_entry(const std::function<bool(const MessageLogEntry&)>& f) const {
  with_connection([&](Connection& c) { scan_message_log(c, f); });
}

template <typename Base>
std::optional<CertificateRecord> SqlReads<Base>::find_certificate(std::string_view id) const {
  return read<std::optional<CertificateRecord>>([&](Connection& c) { return query_certificate(c, "id", id); });
}

template <typename Base>
std::optional<CertificateRecord> SqlReads<Base>::find_certificate_of_case(std::string_view case_id) const {
  return read<std::optional<CertificateRecord>>(
      [&](Connection& c) { return query_certificate(c, "case_id", case_id); });
}

template <typename Base>
std::vector<CertificateRecord> SqlReads<Base>::list_certificates_of_holder(std::string_view account_id) const {
  return read<std::vector<CertificateRecord>>(
      [&](Connection& c) { return query_certificates_of_holder(c, account_id); });
}

template <typename Base>
std::vector<std::pair<std::string, std::string>> SqlReads<Base>::list_certificate_statuses() const {
  return read<std::vector<std::pair<std::string, std::string>>>(
      [](Connection& c) { return query_certificate_statuses(c); });
}

template <typename Base>
std::vector<CertificateStatusChange> SqlReads<Base>::list_certificate_status_changes(
    std::string_view certificate_id) const {
  return read<std::vector<CertificateStatusChange>>(
      [&](Connection& c) { return query_certificate_status_changes(c, certificate_id); });
}

template <typename Base>
std::optional<StatusListRecord> SqlReads<Base>::find_status_list(std::string_view issuer_node) const {
  return read<std::optional<StatusListRecord>>([&](Connection& c) { return query_status_list(c, issuer_node); });
}

// Notifications.
template <typename Base>
std::optional<NotificationRecord> SqlReads<Base>::find_notification(std::string_view id) const {
  return read<std::optional<NotificationRecord>>([&](Connection& c) { return query_notification(c, id); });
}

template <typename Base>
std::vector<NotificationRecord> SqlReads<Base>::list_notifications(std::string_view recipient, std::string_view channel,
                                                                   int limit) const {
  return read<std::vector<NotificationRecord>>(
      [&](Connection& c) { return query_notifications_of(c, recipient, channel, limit); });
}

template <typename Base>
std::vector<NotificationRecord> SqlReads<Base>::list_case_notifications(std::string_view case_id) const {
  return read<std::vector<NotificationRecord>>([&](Connection& c) { return query_case_notifications(c, case_id); });
}

template <typename Base>
std::vector<NotificationRecord> SqlReads<Base>::recent_notifications(std::string_view recipient,
                                                                     std::string_view channel,
                                                                     std::int64_t since_ms) const {
  return read<std::vector<NotificationRecord>>(
      [&](Connection& c) { return query_recent_notifications(c, recipient, channel, since_ms); });
}

template <typename Base>
std::vector<NotificationRecord> SqlReads<Base>::due_notifications(std::int64_t now_ms, int limit) const {
  return read<std::vector<NotificationRecord>>(
      [&](Connection& c) { return query_due_notifications(c, now_ms, limit); });
}

template <typename Base>
std::int64_t SqlReads<Base>::count_unread_notifications(std::string_view recipient) const {
  return read<std::int64_t>([&](Connection& c) { return query_unread_notifications(c, recipient); });
}

template <typename Base>
std::optional<NotificationPreferencesRecord> SqlReads<Base>::find_notification_preferences(
    std::string_view account_id) const {
  return read<std::optional<NotificationPreferencesRecord>>(
      [&](Connection& c) { return query_notification_preferences(c, account_id); });
}

template <typename Base>
std::vector<domain::ChannelCaseFacts> SqlReads<Base>::channel_case_facts() const {
  return read<std::vector<domain::ChannelCaseFacts>>([](Connection& c) { return query_channel_case_facts(c); });
}

template <typename Base>
std::vector<domain::CaseFacts> SqlReads<Base>::case_facts() const {
  return read<std::vector<domain::CaseFacts>>([](Connection& c) { return query_case_facts(c); });
}

// Ratings.
template <typename Base>
std::vector<domain::Rating> SqlReads<Base>::list_case_ratings(std::string_view case_id) const {
  return read<std::vector<domain::Rating>>([&](Connection& c) { return query_case_ratings(c, case_id); });
}

template <typename Base>
std::vector<domain::Rating> SqlReads<Base>::list_ratings() const {
  return read<std::vector<domain::Rating>>([](Connection& c) { return query_ratings(c); });
}

template <typename Base>
std::optional<domain::RatingFollowUp> SqlReads<Base>::find_rating_follow_up(std::string_view case_id,
                                                                            domain::Channel channel) const {
  return read<std::optional<domain::RatingFollowUp>>(
      [&](Connection& c) { return query_rating_follow_up(c, case_id, channel); });
}

template <typename Base>
std::vector<domain::RatingFollowUp> SqlReads<Base>::list_rating_follow_ups(std::string_view authority,
                                                                           bool open_only) const {
  return read<std::vector<domain::RatingFollowUp>>(
      [&](Connection& c) { return query_rating_follow_ups(c, authority, open_only); });
}

// The information platform and the region.
template <typename Base>
std::vector<domain::Notice> SqlReads<Base>::list_notices() const {
  return read<std::vector<domain::Notice>>([](Connection& c) { return query_notices(c); });
}

template <typename Base>
std::optional<domain::Notice> SqlReads<Base>::find_notice(std::string_view id) const {
  return read<std::optional<domain::Notice>>([&](Connection& c) { return query_notice(c, id); });
}

template <typename Base>
std::vector<domain::NoticeSubscription> SqlReads<Base>::list_notice_subscriptions(std::string_view account_id) const {
  return read<std::vector<domain::NoticeSubscription>>(
      [&](Connection& c) { return query_notice_subscriptions(c, account_id); });
}

template <typename Base>
std::vector<RegionAggregateRecord> SqlReads<Base>::list_region_aggregates(std::string_view from_day,
                                                                          std::string_view to_day) const {
  return read<std::vector<RegionAggregateRecord>>(
      [&](Connection& c) { return query_region_aggregates(c, from_day, to_day); });
}

template class SqlReads<Store>;
template class SqlReads<Transaction>;

}  // namespace tongban::store::sql
