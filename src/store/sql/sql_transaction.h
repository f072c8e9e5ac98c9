// The Transaction handed to a write job by the SQL stores (SQLite and PostgreSQL): typed writes on the writer
// connection, inside the database transaction (and the job's savepoint) the writer opened. It neither begins nor
// commits anything; the writer does. Reads go through the same connection, so they see the job's own writes.
#pragma once

#include <algorithm>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "store/sql/federation_rows.h"
#include "store/sql/sql_reads.h"

namespace tongban::store::sql {

struct CaseNumbering {
  std::string node_code;
  int utc_offset_minutes = 480;
};

class SqlTransaction final : public SqlReads<Transaction> {
 public:
  SqlTransaction(Connection& writer, CaseNumbering numbering) : writer_(&writer), numbering_(std::move(numbering)) {}
  // The writer opened a new connection (the old one was lost): later jobs write through this one.
  void rebind(Connection& writer) { writer_ = &writer; }

  void insert_account(const AccountRecord& account) override;
  void update_account(const AccountRecord& account) override;
  void insert_session(const SessionRecord& session) override;
  void revoke_session(std::string_view token_hash) override;
  std::int64_t revoke_sessions_of(std::string_view account_id) override;
  BlobRecord insert_blob_meta(const BlobRecord& blob) override;
  void record_blob_handler(std::string_view sha256, const BlobHandler& handler, std::int64_t now_ms) override;
  CaseInsertion insert_case(domain::Case kase, const std::optional<IdempotencyKey>& key) override;
  domain::Case update_case(domain::Case kase, std::int64_t expected_version) override;
  void append_event(const domain::Event& sealed) override;
  void insert_kiosk(const KioskRecord& kiosk) override;
  void update_kiosk(const KioskRecord& kiosk) override;
  void put_kiosk_pin(std::string_view account_id, std::string_view pin_hash, std::int64_t at_ms) override;
  CatalogVersion put_catalog(CatalogVersion version) override;
  void put_calendar(const CalendarRecord& calendar) override;
  std::int64_t next_outbound_sequence(std::string_view peer, std::string_view case_ref) override;
  void insert_outbox_message(const OutboxRecord& message) override;
  std::vector<OutboxRecord> lease_due_outbox_messages_to(std::string_view peer, std::int64_t now_ms, int limit,
                                                         std::string_view owner, std::int64_t until_ms) override {
    return lease_due_outbox_to(writer(), peer, now_ms, limit, owner, until_ms);
  }
  void record_outbox_attempt(std::string_view message_id, std::int64_t attempts, std::int64_t next_attempt_at_ms,
                             std::int64_t attempted_at_ms, std::string_view error) override;
  void mark_outbox_delivered(std::string_view message_id, std::int64_t delivered_at_ms,
                             std::string_view receipt) override;
  void settle_outbox_message(std::string_view message_id, OutboxState state, std::string_view reason,
                             std::int64_t now_ms) override;
  std::int64_t renumber_outbox_after(std::string_view peer, std::string_view case_ref, std::int64_t sequence) override;
  void insert_inbox_message(const InboxRecord& message) override;
  void update_inbox_message(const InboxRecord& message) override;
  void set_last_applied_sequence(std::string_view peer, std::string_view case_ref, std::int64_t sequence) override;
  void append_message_log(const MessageLogEntry& sealed) override;
  void after_commit(std::function<void()> hook) override { hooks_.push_back(std::move(hook)); }
  // E-certificates (certificate_rows.h).
  std::int64_t next_certificate_serial() override;
  void insert_certificate(const CertificateRecord& certificate) override;
  CertificateStatusChange change_certificate_status(const CertificateStatusChange& change) override;
  bool put_status_list(const StatusListRecord& list) override;
  // Notifications.
  bool insert_notification(const NotificationRecord& notification) override;
  std::vector<NotificationRecord> lease_due_notifications(std::int64_t now_ms, int limit,
                                                          std::int64_t lease_until_ms) override;
  void record_notification_result(std::string_view id, NotificationStatus status, bool settled,
                                  std::int64_t next_attempt_at_ms, std::string_view error,
                                  std::string_view provider_reference, std::int64_t at_ms) override;
  void mark_notification_read(std::string_view id, std::string_view recipient, std::int64_t at_ms) override;
  void put_notification_preferences(const NotificationPreferencesRecord& preferences) override;
  // Post.
  void insert_shipment(const ShipmentRecord& shipment) override;
  void update_shipment(const ShipmentRecord& shipment) override;
  bool insert_shipment_event(std::string_view item_id, const domain::ShipmentEvent& event) override;
  ShipmentTaskRecord insert_shipment_task(ShipmentTaskRecord task) override;
  void close_shipment_task(std::int64_t id, std::string_view done_by, std::int64_t at_ms) override;
  bool insert_rating(const domain::Rating& rating) override;
  void insert_rating_follow_up(const domain::RatingFollowUp& follow_up) override;
  void update_rating_follow_up(const domain::RatingFollowUp& follow_up) override;
  domain::Notice insert_notice(domain::Notice notice) override;
  void update_notice(const domain::Notice& notice) override;
  bool keep_notice_copy(const domain::Notice& notice, std::int64_t received_at_ms) override;
  bool add_notice_subscription(const domain::NoticeSubscription& subscription, std::int64_t at_ms) override;
  bool remove_notice_subscription(const domain::NoticeSubscription& subscription) override;
  bool keep_region_aggregate(const RegionAggregateRecord& aggregate) override;

  // For the writer: the hooks registered so far (a job that throws has its own cut off with drop_hooks_after).
  std::size_t hook_count() const { return hooks_.size(); }
  void drop_hooks_after(std::size_t count) { hooks_.resize(std::min(count, hooks_.size())); }
  std::vector<std::function<void()>> take_hooks() { return std::exchange(hooks_, {}); }

 protected:
  void with_connection(const std::function<void(Connection&)>& f) const override { f(writer()); }

 private:
  std::string next_case_id(std::int64_t created_at_ms);

  Connection& writer() const { return *writer_; }

  Connection* writer_;
  CaseNumbering numbering_;
  std::vector<std::function<void()>> hooks_;
};

}  // namespace tongban::store::sql
