#include "store/sql/sql_transaction.h"

#include <fmt/format.h>

#include <stdexcept>

#include "domain/calendar_date.h"
#include "store/blob_directory.h"
#include "store/sql/certificate_rows.h"
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

void require(bool condition, std::string_view message) {
  if (!condition) throw std::invalid_argument(std::string(message));
}

void check_account(const AccountRecord& account) {
  require(!account.id.empty(), "account id is empty");
  require(!account.login.empty(), "account login is empty");
  require(account.kind == "natural_person" || account.kind == "legal_person" || account.kind == "staff",
          "account kind must be natural_person, legal_person or staff, not '" + account.kind + "'");
  require(account.id_document_type.empty() == account.id_document_number.empty(),
          "account id document needs both a type and a number, or neither");
}

std::string placeholders(int count) {
  std::string text = "?";
  for (int i = 1; i < count; ++i) text += ", ?";
  return text;
}

}  // namespace

void SqlTransaction::insert_account(const AccountRecord& account) {
  check_account(account);
  Statement statement = writer().prepare("INSERT INTO accounts (" + std::string(kAccountColumns) + ") VALUES (" +
                                         placeholders(kAccountColumnCount) + ")");
  bind_account(statement, account);
  statement.run();
}

void SqlTransaction::update_account(const AccountRecord& account) {
  check_account(account);
  Statement statement = writer().prepare(
      "UPDATE accounts SET kind = ?2, login = ?3, display_name = ?4, password_hash = ?5, role = ?6, authority = ?7, "
      "service_point = ?8, id_document_type = ?9, id_document_number = ?10, disabled = ?12, organisation = ?13 WHERE "
      "id = ?1");
  bind_account(statement, account);
  statement.run();
  if (statement.changes() == 0) throw NotFound("no account " + account.id);
}

void SqlTransaction::insert_session(const SessionRecord& session) {
  require(!session.token_hash.empty(), "session token hash is empty");
  if (!find_account_by_id(session.account_id)) throw NotFound("no account " + session.account_id);
  Statement statement =
      writer().prepare("INSERT INTO sessions (" + std::string(kSessionColumns) + ") VALUES (?, ?, ?, ?, ?)");
  statement.bind(1, session.token_hash)
      .bind(2, session.account_id)
      .bind(3, session.created_at_ms)
      .bind(4, session.expires_at_ms)
      .bind(5, session.revoked)
      .run();
}

void SqlTransaction::revoke_session(std::string_view token_hash) {
  Statement statement = writer().prepare("UPDATE sessions SET revoked = 1 WHERE token_hash = ?");
  statement.bind(1, token_hash).run();
  if (statement.changes() == 0) throw NotFound("no such session");
}

std::int64_t SqlTransaction::revoke_sessions_of(std::string_view account_id) {
  Statement statement = writer().prepare("UPDATE sessions SET revoked = 1 WHERE account_id = ? AND revoked = 0");
  statement.bind(1, account_id).run();
  return statement.changes();
}

BlobRecord SqlTransaction::insert_blob_meta(const BlobRecord& blob) {
  require(is_sha256_hex(blob.sha256), "blob sha256 must be 64 lowercase hex characters");
  require(blob.size >= 0, "blob size is negative");
  require(!blob.media_type.empty(), "blob media type is empty");
  Statement statement = writer().prepare("INSERT INTO blobs (" + std::string(kBlobColumns) +
                                         ") VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING");
  statement.bind(1, blob.sha256).bind(2, blob.size).bind(3, blob.media_type).bind(4, blob.created_at_ms).run();
  return *find_blob(blob.sha256);
}

void SqlTransaction::record_blob_handler(std::string_view sha256, const BlobHandler& handler, std::int64_t now_ms) {
  require(!handler.account_id.empty(), "blob handler account_id is empty");
  if (!find_blob(sha256)) throw NotFound("blob " + std::string(sha256));
  writer()
      .prepare(
          "INSERT INTO blob_handlers (sha256, account_id, service_point, handed_in_at_ms) "
          "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")
      .bind(1, sha256)
      .bind(2, handler.account_id)
      .bind(3, handler.service_point)
      .bind(4, now_ms)
      .run();
}

std::string SqlTransaction::next_case_id(std::int64_t created_at_ms) {
  Statement counter = writer().prepare("UPDATE counters SET value = value + 1 WHERE name = 'case' RETURNING value");
  if (!counter.step()) throw StoreUnavailable("damaged database: the case counter is missing");
  std::int64_t sequence = counter.integer(0);
  counter.run();
  auto year = static_cast<int>(domain::local_date(created_at_ms, numbering_.utc_offset_minutes).year());
  return fmt::format("{}-{:04d}-{:06d}", numbering_.node_code, year, sequence);
}

CaseInsertion SqlTransaction::insert_case(domain::Case kase, const std::optional<IdempotencyKey>& key) {
  require(!kase.applicant_id.empty(), "case applicant_id is empty");
  require(!kase.item_code.empty(), "case item_code is empty");
  if (key) {
    require(!key->key.empty(), "idempotency key is empty");
    if (auto earlier = find_idempotent_case(kase.applicant_id, key->key)) return std::move(*earlier);
  }
  kase.id = next_case_id(kase.created_at_ms);
  kase.version = 1;
  Statement insert = writer().prepare("INSERT INTO cases (" + std::string(kCaseColumns) + ") VALUES (" +
                                      placeholders(kCaseColumnCount) + ")");
  bind_case(insert, kase);
  insert.run();
  if (key) {
    Statement remember =
        writer().prepare("INSERT INTO case_idempotency (applicant_id, key, case_id, fingerprint) VALUES (?, ?, ?, ?)");
    remember.bind(1, kase.applicant_id).bind(2, key->key).bind(3, kase.id).bind(4, key->fingerprint).run();
  }
  std::string fingerprint = key ? key->fingerprint : std::string();
  return CaseInsertion{std::move(kase), true, std::move(fingerprint)};
}

domain::Case SqlTransaction::update_case(domain::Case kase, std::int64_t expected_version) {
  auto stored = case_by_id(writer(), kase.id);
  if (!stored) throw NotFound("no case " + kase.id);
  if (stored->version != expected_version) throw VersionConflict(kase.id, expected_version, stored->version);
  kase.applicant_id = stored->applicant_id;
  kase.created_at_ms = stored->created_at_ms;
  kase.version = expected_version + 1;
  // Row-value UPDATE of every column in kCaseColumns order; ?24 = the expected version.
  Statement update = writer().prepare("UPDATE cases SET (" + std::string(kCaseColumns) + ") = (" +
                                      placeholders(kCaseColumnCount) + ") WHERE id = ?1 AND version = ?24");
  bind_case(update, kase);
  update.bind(24, expected_version).run();
  if (update.changes() != 1) throw VersionConflict(kase.id, expected_version, stored->version);
  return kase;
}

void SqlTransaction::append_event(const domain::Event& sealed) {
  ChainHead head = chain_head_of(writer());
  if (sealed.sequence != head.sequence + 1 || sealed.prev_hash != head.hash) {
    throw Conflict("event_chain", fmt::format("event does not continue the chain: it has sequence {} and prev_hash "
                                              "{}, the chain ends at {} with {}",
                                              sealed.sequence, sealed.prev_hash, head.sequence, head.hash));
  }
  require(!sealed.hash.empty(), "event is not sealed (empty hash)");
  if (!case_by_id(writer(), sealed.case_id)) throw NotFound("no case " + sealed.case_id);
  Statement insert = writer().prepare("INSERT INTO events (" + std::string(kEventColumns) + ") VALUES (" +
                                      placeholders(kEventColumnCount) + ")");
  bind_event(insert, sealed);
  insert.run();
}

CatalogVersion SqlTransaction::put_catalog(CatalogVersion version) {
  require(version.format == "toml" || version.format == "json", "catalog format must be toml or json");
  require(!version.content.empty(), "catalog content is empty");
  Statement insert = writer().prepare(
      "INSERT INTO catalog_versions (imported_at_ms, source, format, content) VALUES (?, ?, ?, ?) RETURNING id");
  insert.bind(1, version.imported_at_ms).bind(2, version.source).bind(3, version.format).bind(4, version.content);
  insert.step();
  version.id = insert.integer(0);
  insert.run();
  return version;
}

void SqlTransaction::put_calendar(const CalendarRecord& calendar) {
  require(!calendar.jurisdiction.empty(), "calendar jurisdiction is empty");
  Statement upsert = writer().prepare(
      "INSERT INTO calendars (jurisdiction, ics, updated_at_ms) VALUES (?, ?, ?) "
      "ON CONFLICT (jurisdiction) DO UPDATE SET ics = excluded.ics, updated_at_ms = excluded.updated_at_ms");
  upsert.bind(1, calendar.jurisdiction).bind(2, calendar.ics).bind(3, calendar.updated_at_ms).run();
}

std::int64_t SqlTransaction::next_outbound_sequence(std::string_view peer, std::string_view case_ref) {
  return bump_sequence(writer(), "out", peer, case_ref);
}

void SqlTransaction::insert_outbox_message(const OutboxRecord& message) {
  insert_outbox(writer(), message);
}

void SqlTransaction::record_outbox_attempt(std::string_view message_id, std::int64_t attempts,
                                           std::int64_t next_attempt_at_ms, std::int64_t attempted_at_ms,
                                           std::string_view error) {
  update_outbox_attempt(writer(), message_id, attempts, next_attempt_at_ms, attempted_at_ms, error);
}

void SqlTransaction::mark_outbox_delivered(std::string_view message_id, std::int64_t delivered_at_ms,
                                           std::string_view receipt) {
  update_outbox_delivered(writer(), message_id, delivered_at_ms, receipt);
}

void SqlTransaction::settle_outbox_message(std::string_view message_id, OutboxState state, std::string_view reason,
                                           std::int64_t now_ms) {
  update_outbox_state(writer(), message_id, state, reason, now_ms);
}

std::int64_t SqlTransaction::renumber_outbox_after(std::string_view peer, std::string_view case_ref,
                                                   std::int64_t sequence) {
  return renumber_outbox(writer(), peer, case_ref, sequence);
}

void SqlTransaction::insert_inbox_message(const InboxRecord& message) {
  insert_inbox(writer(), message);
}

void SqlTransaction::update_inbox_message(const InboxRecord& message) {
  update_inbox(writer(), message);
}

void SqlTransaction::set_last_applied_sequence(std::string_view peer, std::string_view case_ref,
                                               std::int64_t sequence) {
  write_sequence(writer(), "in", peer, case_ref, sequence);
}

void SqlTransaction::append_message_log(const MessageLogEntry& sealed) {
  insert_message_log(writer(), sealed);
}

void SqlTransaction::insert_kiosk(const KioskRecord& kiosk) {
  require(!kiosk.id.empty() && !kiosk.service_point.empty() && !kiosk.key_hash.empty(),
          "a kiosk needs an id, a service point and a key hash");
  insert_kiosk_row(writer(), kiosk);
}

void SqlTransaction::update_kiosk(const KioskRecord& kiosk) {
  require(!kiosk.key_hash.empty(), "a kiosk needs a key hash");
  update_kiosk_row(writer(), kiosk);
}

void SqlTransaction::put_kiosk_pin(std::string_view account_id, std::string_view pin_hash, std::int64_t at_ms) {
  require(!pin_hash.empty(), "kiosk PIN hash is empty");
  if (!find_account_by_id(account_id)) throw NotFound("no account " + std::string(account_id));
  write_kiosk_pin(writer(), account_id, pin_hash, at_ms);
}

std::int64_t SqlTransaction::next_certificate_serial() {
  return next_certificate_serial_row(writer());
}

void SqlTransaction::insert_certificate(const CertificateRecord& certificate) {
  require(!certificate.id.empty() && !certificate.case_id.empty() && !certificate.document.empty(),
          "a certificate needs an id, a case and a document");
  insert_certificate_row(writer(), certificate);
}

CertificateStatusChange SqlTransaction::change_certificate_status(const CertificateStatusChange& change) {
  require(!change.to_status.empty() && !change.actor_id.empty(), "a status change needs a status and an actor");
  return change_certificate_status_row(writer(), change);
}

bool SqlTransaction::put_status_list(const StatusListRecord& list) {
  require(!list.issuer_node.empty() && list.number >= 1 && !list.document.empty(),
          "a status list needs an issuer, a number and a document");
  return put_status_list_row(writer(), list);
}

// Notifications.
bool SqlTransaction::insert_notification(const NotificationRecord& notification) {
  require(!notification.id.empty() && !notification.event_key.empty() && !notification.recipient.empty(),
          "a notification needs an id, an event key and a recipient");
  return insert_notification_row(writer(), notification);
}

std::vector<NotificationRecord> SqlTransaction::lease_due_notifications(std::int64_t now_ms, int limit,
                                                                        std::int64_t lease_until_ms) {
  return lease_due_notification_rows(writer(), now_ms, limit, lease_until_ms);
}

void SqlTransaction::record_notification_result(std::string_view id, NotificationStatus status, bool settled,
                                                std::int64_t next_attempt_at_ms, std::string_view error,
                                                std::string_view provider_reference, std::int64_t at_ms) {
  record_notification_result_row(writer(), id, status, settled, next_attempt_at_ms, error, provider_reference, at_ms);
}

void SqlTransaction::mark_notification_read(std::string_view id, std::string_view recipient, std::int64_t at_ms) {
  mark_notification_read_row(writer(), id, recipient, at_ms);
}

void SqlTransaction::put_notification_preferences(const NotificationPreferencesRecord& preferences) {
  require(!preferences.account_id.empty(), "notification preferences need an account id");
  write_notification_preferences(writer(), preferences);
}

// Post.
void SqlTransaction::insert_shipment(const ShipmentRecord& shipment) {
  require(!shipment.item_id.empty() && !shipment.carrier.empty() && !shipment.case_id.empty(),
          "a shipment needs an item id, a carrier and a case");
  insert_shipment_row(writer(), shipment);
}

void SqlTransaction::update_shipment(const ShipmentRecord& shipment) {
  update_shipment_row(writer(), shipment);
}

bool SqlTransaction::insert_shipment_event(std::string_view item_id, const domain::ShipmentEvent& event) {
  require(!event.event_id.empty(), "a shipment event needs an id");
  return insert_shipment_event_row(writer(), item_id, event);
}

ShipmentTaskRecord SqlTransaction::insert_shipment_task(ShipmentTaskRecord task) {
  return insert_shipment_task_row(writer(), std::move(task));
}

void SqlTransaction::close_shipment_task(std::int64_t id, std::string_view done_by, std::int64_t at_ms) {
  close_shipment_task_row(writer(), id, done_by, at_ms);
}

// Ratings.
bool SqlTransaction::insert_rating(const domain::Rating& rating) {
  require(!rating.case_id.empty() && !rating.rated_by.empty(), "a rating needs a case and who gave it");
  require(domain::rating_level_problem(rating.level).empty(), domain::rating_level_problem(rating.level));
  return insert_rating_row(writer(), rating);
}

void SqlTransaction::insert_rating_follow_up(const domain::RatingFollowUp& follow_up) {
  require(!follow_up.case_id.empty() && !follow_up.authority.empty(), "a follow-up needs a case and an authority");
  insert_rating_follow_up_row(writer(), follow_up);
}

void SqlTransaction::update_rating_follow_up(const domain::RatingFollowUp& follow_up) {
  update_rating_follow_up_row(writer(), follow_up);
}

// The information platform and the region.
domain::Notice SqlTransaction::insert_notice(domain::Notice notice) {
  require(!notice.origin_node.empty() && !notice.author.empty(), "a notice needs an origin node and an author");
  return insert_notice_row(writer(), std::move(notice));
}

void SqlTransaction::update_notice(const domain::Notice& notice) {
  update_notice_row(writer(), notice);
}

bool SqlTransaction::keep_notice_copy(const domain::Notice& notice, std::int64_t received_at_ms) {
  return keep_notice_copy_row(writer(), notice, received_at_ms);
}

bool SqlTransaction::add_notice_subscription(const domain::NoticeSubscription& subscription, std::int64_t at_ms) {
  require(domain::subscription_problems(subscription).empty(), "a notice subscription must be well-formed");
  return insert_notice_subscription_row(writer(), subscription, at_ms);
}

bool SqlTransaction::remove_notice_subscription(const domain::NoticeSubscription& subscription) {
  return delete_notice_subscription_row(writer(), subscription);
}

bool SqlTransaction::keep_region_aggregate(const RegionAggregateRecord& aggregate) {
  require(!aggregate.node_id.empty() && domain::parse_date(aggregate.day).has_value() && !aggregate.document.empty(),
          "a region aggregate needs a node, a day and a document");
  return keep_region_aggregate_row(writer(), aggregate);
}

}  // namespace tongban::store::sql
